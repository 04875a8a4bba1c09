"""Image downloads from a served dashboard (`python -m dashboard serve --workers`, on loopback, bounded in time):
the first PNG, the same again, another chart's (one worker, so that all three meet the same browser); then a storm
of PNG downloads while other readers load pages, with the page-load p95 measured before it as the baseline, and the
browser processes and memory watched throughout."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import Result, running, table
from tests.browser import free_port

WORKERS = 2
CHARTS = ("defections-over-time", "defection-rates", "guard-share", "emigration")
PAGES = ("/", "/_dash-layout")
IMAGE_CLIENTS = 16
PAGE_CLIENTS = 8
SECONDS = 10.0
SAMPLE_EVERY_S = 0.1
REQUEST_TIMEOUT_S = 60
PAGE_P95_FLOOR_S = 0.25
PAGE_KB = 1024


@contextmanager
def served(workers: int) -> Iterator[tuple[int, int]]:
    """The dashboard on the shipped data, as `serve --workers` runs it; yields its port and gunicorn's pid."""
    port = free_port()
    with running(["-m", "dashboard", "serve", "--workers", str(workers), "--port", str(port)], port) as process:
        yield port, process.pid


def get(port: int, path: str) -> tuple[int, str | None, float]:
    """Status, Retry-After header and seconds of one GET."""
    begin = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Retry-After"), time.perf_counter() - begin
    finally:
        connection.close()


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def sample(root: int) -> tuple[int, int]:
    """Browser processes below ``root``, and the proportional set size (shared pages split among their sharers) of
    all of them with ``root``, in kB."""
    browsers, proportional = 0, 0
    for pid in descendants(root):
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        browsers += name.startswith(("chrom", "headless_shell"))
        proportional += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return browsers, proportional


def downloads(port: int) -> dict[str, float]:
    first = get(port, "/download/guard-share.png")
    again = get(port, "/download/guard-share.png")
    other = get(port, "/download/emigration.png")
    assert first[0] == again[0] == other[0] == 200, (first, again, other)
    return {"first": first[2], "again": again[2], "other": other[2]}


def pages_only(port: int, seconds: float) -> list[float]:
    """PAGE_CLIENTS readers loading the page and its layout for ``seconds``: their latencies."""
    return storm(port, seconds, image_clients=0)["pages"]


def storm(port: int, seconds: float, image_clients: int = IMAGE_CLIENTS) -> dict[str, list[float]]:
    """Readers loading pages and readers downloading every chart's PNG, all at once, for ``seconds``."""
    stop = time.perf_counter() + seconds
    lock = threading.Lock()
    out: dict[str, list[float]] = {"pages": [], "images": [], "busy": [], "errors": []}

    def reader(paths: list[str], kind: str) -> None:
        index = 0
        while time.perf_counter() < stop:
            path = paths[index % len(paths)]
            index += 1
            try:
                status, retry_after, seconds_taken = get(port, path)
            except OSError:
                status, retry_after, seconds_taken = 0, None, 0.0
            with lock:
                if status == 200:
                    out[kind].append(seconds_taken)
                elif status == 503 and retry_after:
                    out["busy"].append(seconds_taken)
                else:
                    out["errors"].append(float(status))

    images = [f"/download/{chart}.png" for chart in CHARTS]
    threads = [threading.Thread(target=reader, args=(list(PAGES), "pages")) for _ in range(PAGE_CLIENTS)]
    threads += [
        threading.Thread(target=reader, args=(images[n % len(images) :] + images[: n % len(images)], "images"))
        for n in range(image_clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return out


def p95(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=100)[94]


def run() -> list[Result]:
    with served(workers=1) as (port, _):  # one worker: the repeat and the other chart meet the same browser
        timed = downloads(port)
    with served(WORKERS) as (port, root):
        for path in PAGES:  # every worker's page and layout made once
            for _ in range(WORKERS * 2):
                get(port, path)
        quiet = p95(pages_only(port, SECONDS))
        peaks = [0, 0]
        watching = threading.Event()

        def watch() -> None:
            while not watching.is_set():
                browsers, resident = sample(root)
                peaks[0], peaks[1] = max(peaks[0], browsers), max(peaks[1], resident)
                time.sleep(SAMPLE_EVERY_S)

        watcher = threading.Thread(target=watch)
        watcher.start()
        stormy = storm(port, SECONDS)
        watching.set()
        watcher.join()
    loud = p95(stormy["pages"])
    print(
        f"downloads: first PNG {timed['first']:.2f} s (the browser starts), the same again {timed['again']:.3f} s, "
        f"another chart {timed['other']:.2f} s"
    )
    print(
        f"storm ({IMAGE_CLIENTS} PNG clients + {PAGE_CLIENTS} page clients, {SECONDS:.0f} s, {WORKERS} workers): "
        f"{len(stormy['images'])} PNGs, {len(stormy['busy'])} busy answers (503 with Retry-After), "
        f"{len(stormy['errors'])} other errors; page p95 {loud * 1000:.0f} ms during it, {quiet * 1000:.0f} ms "
        f"without it; peaks: {peaks[0]} Chromium processes, {peaks[1] / PAGE_KB:.0f} MB "
        "(proportional set size of server and browsers)"
    )
    return [
        Result("downloads: the same PNG again (cached)", timed["again"], "<= 0.05", " s"),
        Result("downloads: another chart's PNG (warm browser)", timed["other"], "<= 0.6", " s"),
        Result("storm: errors other than 503 with Retry-After", len(stormy["errors"]), "<= 0", ""),
        Result(
            "storm: page p95 (target max(2 × quiet p95, 0.25 s))",
            loud,
            f"<= {max(2 * quiet, PAGE_P95_FLOOR_S):.3f}",
            " s",
        ),
        Result("storm: peak Chromium processes", peaks[0], "", ""),
        Result("storm: peak memory (PSS), MB", peaks[1] / PAGE_KB, "", ""),
    ]


if __name__ == "__main__":
    print(table(run()))
