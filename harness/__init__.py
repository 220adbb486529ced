"""Throwaway services for CI, the benchmark, the load check and the two-server test.

One way to start each: PostgreSQL 15 (as the ``postgres`` user), Redis, an S3-compatible
server (moto's server mode) and gunicorn, each a context manager that always stops what it
started. ``python -m harness`` wraps a command in them for shell scripts such as ``.ci/run``.
"""
