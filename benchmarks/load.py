"""Serving under load, on loopback only and bounded in time: the dashboard under gunicorn with 2 workers against a
bare Dash app with one echo callback under the same settings; then resident memory."""

from __future__ import annotations

import http.client
import json
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.bench_scale import page_request
from benchmarks.common import Result, running, table
from benchmarks.synthetic import make_package
from dashboard.paths import SHIPPED_DATA
from tests.browser import free_port

WORKERS = 2
CLIENTS = 32
SECONDS = 10.0
LARGE_ROWS = 100_000
PAGE_KB = 1024

PAGE = page_request("/")  # the dashboard's callback: the page for the address, with every quote panel it opens
ECHO: dict[str, Any] = {
    "output": "echo.children",
    "outputs": {"id": "echo", "property": "children"},
    "inputs": [{"id": "text", "property": "value", "value": "hello"}],
    "changedPropIds": ["text.value"],
}
APPS = {"dashboard": ("dashboard.wsgi:server", PAGE), "bare": ("benchmarks.bare_echo:server", ECHO)}


@contextmanager
def gunicorn(target: str, data: Path | None = None) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {"DASHBOARD_DATA": str(data)} if data is not None else {}
    args = ["-m", "gunicorn", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}", target]
    with running(args, port, env) as process:
        yield port, process


def _request(port: int, method: str, path: str, body: bytes | None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def hammer(port: int, callback: dict[str, Any]) -> dict[str, float]:
    """CLIENTS threads for SECONDS, each cycling through /, the layout, the dependencies and the callback."""
    body = json.dumps(callback).encode()
    requests = [
        ("GET", "/", None),
        ("GET", "/_dash-layout", None),
        ("GET", "/_dash-dependencies", None),
        ("POST", "/_dash-update-component", body),
    ]
    for method, path, data in requests:  # warm every worker's caches before timing
        for _ in range(WORKERS * 2):
            _request(port, method, path, data)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + SECONDS

    def client(offset: int) -> None:
        mine, failed, index = [], 0, offset
        while time.perf_counter() < stop:
            method, path, data = requests[index % len(requests)]
            index += 1
            begin = time.perf_counter()
            try:
                ok = _request(port, method, path, data) == 200
            except OSError:
                ok = False
            mine.append(time.perf_counter() - begin)
            failed += not ok
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / elapsed,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "errors": errors[0],
        "requests": len(latencies),
    }


def resident_kb(process: subprocess.Popen[bytes]) -> int:
    """Resident memory of gunicorn's master and its workers, in kB."""
    pids = [process.pid]
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def memory(target: str, data: Path | None, callback: dict[str, Any]) -> int:
    with gunicorn(target, data) as (port, process):
        body = json.dumps(callback).encode()
        for _ in range(WORKERS * 4):
            status = _request(port, "POST", "/_dash-update-component", body)
            assert status == 200, f"the callback answered {status}"
        return resident_kb(process)


def run() -> list[Result]:
    measured = {}
    for kind, (target, callback) in APPS.items():
        with gunicorn(target, SHIPPED_DATA if kind == "dashboard" else None) as (port, _):
            measured[kind] = hammer(port, callback)
        figures = measured[kind]
        print(
            f"{kind}: {figures['rps']:.0f} requests/s, p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, "
            f"{figures['errors']:.0f} errors in {figures['requests']:.0f} requests"
        )
    with tempfile.TemporaryDirectory() as tmp:
        large = make_package(Path(tmp) / "large", LARGE_ROWS)
        rss = {
            "dashboard": memory(APPS["dashboard"][0], SHIPPED_DATA, PAGE),
            "dashboard_100k": memory(
                APPS["dashboard"][0],
                large,
                {**PAGE, "state": [{"id": "url", "property": "search", "value": "?figure=fig-000001"}]},
            ),
            "bare": memory(APPS["bare"][0], None, ECHO),
        }
    print(
        f"resident memory (master + {WORKERS} workers): dashboard {rss['dashboard'] / PAGE_KB:.0f} MB with the "
        f"shipped data, {rss['dashboard_100k'] / PAGE_KB:.0f} MB with {LARGE_ROWS:,} rows; bare app "
        f"{rss['bare'] / PAGE_KB:.0f} MB"
    )
    ours, bare = measured["dashboard"], measured["bare"]
    return [
        Result("load: errors (dashboard, 32 clients, 10 s)", ours["errors"], "<= 0", ""),
        Result("load: throughput ÷ bare Dash app", ours["rps"] / bare["rps"], ">= 0.8"),
        Result("load: p95 latency ÷ bare Dash app", ours["p95"] / bare["p95"], "<= 1.5"),
        Result("memory, shipped data ÷ bare Dash app", rss["dashboard"] / rss["bare"], ""),
        Result("memory, 100k rows ÷ bare Dash app", rss["dashboard_100k"] / rss["bare"], ""),
    ]


if __name__ == "__main__":
    print(table(run()))
