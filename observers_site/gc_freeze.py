"""Keep a worker's long-lived objects out of the garbage collector's walks.

A worker's modules, URLconf, compiled templates and statements live as long as it does, yet
each full collection walks them all again: some 150,000 objects, about 100 ms, every few
hundred requests. Once its 1st, 10th, 100th and 1,000th request are served (at the start of
the next one, when the last response is closed) a worker collects once and moves what
survives to the permanent generation (`gc.freeze()`), so later collections walk only what
requests made since. Garbage that the collection before a freeze cannot see (a
cycle still referenced then) is never collected; a worker keeps little of that, and
gunicorn's `--max-requests` bounds it where that matters.
"""

import gc

FREEZE_AFTER = frozenset({1, 10, 100, 1000})


class FreezeAfterWarmUp:
    """A WSGI application that freezes what has survived after the requests in FREEZE_AFTER."""

    def __init__(self, application):
        self.application = application
        self.served = 0

    def __call__(self, environ, start_response):
        if self.served in FREEZE_AFTER:
            gc.collect()
            gc.freeze()
        self.served += 1
        return self.application(environ, start_response)
