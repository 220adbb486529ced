"""One staff member saving records as fast as possible: read, then write, in one transaction.

tests/test_sqlite_concurrency.py starts several of these at once against one SQLite file and
then counts the rows. Prints the number of failed saves and their first error.
"""

import sys

import django

django.setup()

from django.db import OperationalError, transaction  # noqa: E402

from missions.models import Person  # noqa: E402


def save_people(worker, count):
    failures = []
    for number in range(count):
        try:
            with transaction.atomic():
                # Reading first is what turns a deferred transaction into a lock upgrade.
                Person.objects.filter(slug__startswith=f"w{worker}-").count()
                Person.objects.create(
                    slug=f"w{worker}-{number}", name=f"Observer {worker}-{number}"
                )
        except OperationalError as error:
            failures.append(str(error))
    return failures


failures = save_people(int(sys.argv[1]), int(sys.argv[2]))
print(len(failures), failures[0] if failures else "")
