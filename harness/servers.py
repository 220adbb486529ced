"""Start and always stop PostgreSQL, Redis, an S3 server and gunicorn on 127.0.0.1."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PGBIN = Path("/usr/lib/postgresql/15/bin")
AS_POSTGRES = ["runuser", "-u", "postgres", "--"]


class ServiceError(RuntimeError):
    """A service did not start or answer in time."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process=None, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServiceError(f"{process.args[0]} exited with {process.returncode}")
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        time.sleep(0.1)
    raise ServiceError(f"nothing listened on 127.0.0.1:{port} within {seconds} s")


def status_of(url, timeout=120, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code
    except OSError:
        return None


def wait_until_healthy(url, process=None, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServiceError(f"{process.args[0]} exited with {process.returncode}; see its log")
        if status_of(url, headers={"X-Forwarded-Proto": "https"}) == 200:
            return
        time.sleep(0.2)
    raise ServiceError(f"{url} did not answer 200 within {seconds} s")


def stop(process, seconds=30):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# PostgreSQL ---------------------------------------------------------------------------------


def postgres_available():
    return (PGBIN / "initdb").exists() and shutil.which("runuser") is not None


@contextlib.contextmanager
def postgres(port, workdir=None):
    """A PostgreSQL 15 cluster on 127.0.0.1:port; yields create(name) -> DATABASE_URL."""
    data = Path(tempfile.mkdtemp(prefix="pg.", dir=workdir))
    os.chmod(data.parent, os.stat(data.parent).st_mode | 0o011)  # postgres must reach it
    shutil.chown(data, "postgres", "postgres")
    ctl = [*AS_POSTGRES, str(PGBIN / "pg_ctl"), "-D", str(data)]
    quiet = {"check": True, "stdout": subprocess.DEVNULL}
    try:
        subprocess.run(
            [*AS_POSTGRES, str(PGBIN / "initdb"), "-D", str(data), "-U", "postgres"]
            + ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
            **quiet,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} "
            f"-c unix_socket_directories={data} -c fsync=off"
        )
        started = subprocess.run(
            [*ctl, "-l", str(data / "server.log"), "-w", "-t", "30", "-o", options, "start"],
            stdout=subprocess.DEVNULL,
        )
        if started.returncode:
            log = (data / "server.log").read_text() if (data / "server.log").exists() else ""
            raise ServiceError(f"PostgreSQL did not start on port {port}:\n{log[-2000:]}")

        def create(name):
            subprocess.run(
                [*AS_POSTGRES, str(PGBIN / "createdb"), "-h", "127.0.0.1", "-p", str(port)]
                + ["-U", "postgres", name],
                **quiet,
            )
            return f"postgres://postgres@127.0.0.1:{port}/{name}"

        yield create
    finally:
        subprocess.run([*ctl, "-m", "fast", "-w", "stop"], capture_output=True, check=False)
        shutil.rmtree(data, ignore_errors=True)


# Redis --------------------------------------------------------------------------------------


def redis_available():
    return shutil.which("redis-server") is not None


class Redis:
    """A redis-server without persistence (everything the site keeps there is derived)."""

    def __init__(self, port):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--maxmemory-policy", "volatile-lru"],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, seconds=10)
        return self

    def kill(self):
        """Stop at once, as a crash would."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process:
            stop(self.process)


@contextlib.contextmanager
def redis(port=None):
    server = Redis(port or free_port()).start()
    try:
        yield server
    finally:
        server.stop()


# S3 -----------------------------------------------------------------------------------------


def s3_available():
    return (BIN / "moto_server").exists()


@contextlib.contextmanager
def s3(port=None, bucket="observers"):
    """moto's S3-compatible server with one bucket; yields the environment that selects it."""
    port = port or free_port()
    process = subprocess.Popen(
        [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process, seconds=30)
        endpoint = f"http://127.0.0.1:{port}"
        urllib.request.urlopen(urllib.request.Request(f"{endpoint}/{bucket}", method="PUT")).close()
        yield {
            "DJANGO_S3_BUCKET": bucket,
            "DJANGO_S3_ENDPOINT_URL": endpoint,
            "DJANGO_S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        }
    finally:
        stop(process)


# gunicorn -----------------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn(env, port, logfile, workers=2, threads=1, health="/healthz"):
    """The site under gunicorn on 127.0.0.1:port, once health answers 200; yields its URL."""
    with open(logfile, "w") as log_stream:
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "observers_site.wsgi:application", "--chdir", str(ROOT)]
            + ["--workers", str(workers), "--threads", str(threads)]
            + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=log_stream,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_healthy(f"http://127.0.0.1:{port}{health}", process)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(process)


def manage(env, *args, capture=False):
    """Run manage.py in env; return its stdout when capture is set."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise ServiceError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout if capture else None
