"""wrk, the load generator: one run per URL, or several URLs at once, read into numbers."""

import re
import subprocess
from pathlib import Path

WRK_THREADS, WRK_CONNECTIONS = 2, 32
WRK_TIMEOUT = "30s"  # wrk's default of 2 s turns a slow page into errors instead of latencies
REPORT = Path(__file__).resolve().parent / "report.lua"


def command(url, duration):
    return [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{duration}",
        "--latency",
        "--timeout",
        WRK_TIMEOUT,
        "-s",
        str(REPORT),
        url,
    ]


def wrk(url, duration):
    output = subprocess.run(command(url, duration), check=True, capture_output=True, text=True)
    return parse(url, output.stdout)


def wrk_together(urls, duration):
    """One wrk per URL, all at the same time (one per server); a result per URL."""
    runs = [
        subprocess.Popen(command(url, duration), stdout=subprocess.PIPE, text=True) for url in urls
    ]
    outputs = [run.communicate()[0] for run in runs]
    for run in runs:
        if run.returncode:
            raise RuntimeError(f"wrk exited with {run.returncode}")
    return [parse(url, output) for url, output in zip(urls, outputs, strict=True)]


def parse(url, output):
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    line = re.search(r"^BENCH (.*)$", output, re.MULTILINE)
    if not rate or not line:
        raise RuntimeError(f"Could not read wrk's output for {url}:\n{output}")
    fields = {key: int(value) for key, value in (kv.split("=") for kv in line.group(1).split())}
    return {
        "rps": float(rate.group(1)),
        "p50_ms": fields["p50"] / 1000,
        "p95_ms": fields["p95"] / 1000,
        "p99_ms": fields["p99"] / 1000,
        "errors": fields["socket_errors"] + fields["bad_status"],
    }
