"""Run a command with a throwaway PostgreSQL: python -m harness --postgres PORT -- make test

The command gets DATABASE_URL for a fresh database named by --database; the cluster is
stopped and removed whatever the command's outcome, and its exit status is passed on.
"""

import argparse
import os
import subprocess
import sys

from harness import servers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", type=int, required=True, metavar="PORT")
    parser.add_argument("--database", default="observers")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("say which command to run after --")
    with servers.postgres(options.postgres) as create:
        env = dict(os.environ, DATABASE_URL=create(options.database))
        print(f"== {' '.join(command)} on {env['DATABASE_URL']}", flush=True)
        return subprocess.run(command, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
