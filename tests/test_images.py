"""Image drawing: one reused browser with no network, a cache per data version, a bounded queue, time limits."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dashboard.app import Imaging, create_app, imaging
from dashboard.browser import QUIET_FLAGS, ImageTimeout, Session
from dashboard.imagedesk import Busy, ImageDesk, ImageKey
from dashboard.paths import SHIPPED_DATA
from tests.browser import chromium_path
from tests.conftest import read_rows, run_cli, write_rows

PNG = b"\x89PNG"


def key(chart: str = "guard-share", version: str = "v1") -> ImageKey:
    return ImageKey(version, chart, "png", 1000, 620, 2, "en", "2026-01-01")


def process_group(leader: int) -> list[str]:
    """The command lines of every process in ``leader``'s process group."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) == leader:
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except (OSError, ProcessLookupError):
            continue
    return found


# The desk, with stand-in drawings: no browser needed.


def test_the_desk_draws_an_image_once_and_hands_out_the_same_bytes() -> None:
    desk = ImageDesk(slots=2, queue=2)
    calls: list[str] = []

    def draw() -> bytes:
        calls.append("drawn")
        return PNG + bytes(len(calls))

    first = desk.image(key(), draw)
    assert desk.image(key(), draw) == first
    assert calls == ["drawn"]
    assert desk.image(key(version="v2"), draw) != first  # the data changed: drawn again
    assert calls == ["drawn", "drawn"]


def test_the_desk_forgets_the_least_recently_asked_for_past_its_budget() -> None:
    desk = ImageDesk(slots=1, queue=0, cache_bytes=25)
    desk.image(key("a"), lambda: b"a" * 10)
    desk.image(key("b"), lambda: b"b" * 10)
    desk.image(key("a"), lambda: b"not drawn again")
    desk.image(key("c"), lambda: b"c" * 10)  # over budget: b, the least recently asked for, goes
    assert desk.image(key("a"), lambda: b"x") == b"a" * 10
    assert desk.image(key("b"), lambda: b"drawn again") == b"drawn again"


def blocking_draw(started: threading.Event, release: threading.Event) -> Callable[[], bytes]:
    def draw() -> bytes:
        started.set()
        assert release.wait(10)
        return PNG

    return draw


def test_the_desk_is_busy_past_its_slots_and_queue() -> None:
    desk = ImageDesk(slots=1, queue=1, wait=10)
    release = threading.Event()
    results: list[Any] = []
    starts = [threading.Event(), threading.Event()]
    threads = [
        threading.Thread(target=lambda n=n: results.append(desk.image(key(f"c{n}"), blocking_draw(starts[n], release))))
        for n in range(2)
    ]
    threads[0].start()
    assert starts[0].wait(5)
    threads[1].start()  # waits in the queue for the one slot
    time.sleep(0.1)
    with pytest.raises(Busy) as busy:
        desk.image(key("third"), lambda: PNG)
    assert busy.value.retry_after > 0 and "try again" in str(busy.value)
    release.set()
    for thread in threads:
        thread.join(10)
    assert results == [PNG, PNG]
    assert desk.image(key("third"), lambda: b"room again") == b"room again"


def test_readers_of_an_image_being_drawn_wait_for_that_drawing() -> None:
    desk = ImageDesk(slots=1, queue=3)
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def draw() -> bytes:
        calls.append(1)
        return blocking_draw(started, release)()

    results: list[bytes] = []
    threads = [threading.Thread(target=lambda: results.append(desk.image(key(), draw))) for _ in range(3)]
    for thread in threads:
        thread.start()
    assert started.wait(5)
    time.sleep(0.1)
    release.set()
    for thread in threads:
        thread.join(10)
    assert results == [PNG] * 3 and calls == [1]


def test_readers_of_an_image_being_drawn_take_no_room_in_the_queue() -> None:
    desk = ImageDesk(slots=1, queue=0)
    started, release = threading.Event(), threading.Event()
    results: list[bytes] = []
    threads = [threading.Thread(target=lambda: results.append(desk.image(key(), blocking_draw(started, release))))]
    threads[0].start()
    assert started.wait(5)
    threads += [threading.Thread(target=lambda: results.append(desk.image(key(), lambda: b"never"))) for _ in range(5)]
    for thread in threads[1:]:
        thread.start()
    with pytest.raises(Busy):  # another image finds no room
        desk.image(key("other"), lambda: PNG)
    release.set()
    for thread in threads:
        thread.join(10)
    assert results == [PNG] * 6


def test_a_failed_drawing_is_not_kept() -> None:
    desk = ImageDesk(slots=1, queue=0)

    def fail() -> bytes:
        raise ImageTimeout("too slow")

    with pytest.raises(ImageTimeout):
        desk.image(key(), fail)
    assert desk.image(key(), lambda: PNG) == PNG


class StalledSession(Session):
    """A session whose drawing waits until released (no browser)."""

    def __init__(self) -> None:
        super().__init__(1)
        self.started, self.release = threading.Event(), threading.Event()

    def draw(self, specs: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[bytes]:
        return [blocking_draw(self.started, self.release)() for _ in specs]


def test_a_download_past_the_queue_gets_503_with_retry_after() -> None:
    session = StalledSession()
    app = create_app(SHIPPED_DATA, drawer=Imaging(session, ImageDesk(slots=1, queue=0)))
    client = app.server.test_client()
    first: list[Any] = []
    thread = threading.Thread(target=lambda: first.append(client.get("/download/guard-share.png")))
    thread.start()
    assert session.started.wait(10)
    busy = client.get("/download/emigration.png")
    assert busy.status_code == 503
    assert int(busy.headers["Retry-After"]) > 0
    assert "try again" in busy.get_data(as_text=True)
    assert client.get("/").status_code == 200  # pages are answered while the image is drawn
    session.release.set()
    thread.join(10)
    assert first[0].status_code == 200 and first[0].data == PNG


# A real browser.


@pytest.mark.browser
def test_the_browser_starts_on_the_first_image_quiet_and_restarts_after_it_is_killed() -> None:
    chromium_path()
    drawer = imaging(slots=1)
    client = create_app(SHIPPED_DATA, drawer=drawer).server.test_client()
    assert client.get("/").status_code == 200
    assert drawer.session.pid is None  # pages start no browser
    assert client.get("/download/guard-share.png").data.startswith(PNG)
    first = drawer.session.pid
    assert first is not None
    commands = " ".join(process_group(first))
    assert all(flag in commands for flag in QUIET_FLAGS), commands
    assert drawer.session._kaleido is not None and drawer.session._kaleido._mathjax is False

    os.killpg(first, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while drawer.session.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.get("/download/emigration.svg").data.startswith(b"<svg")
    assert drawer.session.pid not in (None, first)
    drawer.session.close()
    assert process_group(first) == []


@pytest.mark.browser
def test_a_second_download_is_the_cached_image_and_new_data_draws_anew(data_dir: Path) -> None:
    chromium_path()
    drawer = imaging(slots=1)
    drawn: list[int] = []
    draw = drawer.session.draw

    def counted(specs: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[bytes]:
        drawn.append(len(specs))
        return draw(specs)

    drawer.session.draw = counted  # type: ignore[method-assign]
    client = create_app(data_dir, drawer=drawer).server.test_client()
    first = client.get("/download/guard-share.svg").data
    assert client.get("/download/guard-share.svg").data == first
    assert drawn == [1]
    rows = read_rows(data_dir / "sources.csv")
    rows[0]["publisher"] = "Business Insider (a changed name)"
    write_rows(data_dir / "sources.csv", rows)
    time.sleep(0.3)  # the store looks at the files again after a quarter of a second
    changed = client.get("/download/guard-share.svg").data
    assert drawn == [1, 1]
    assert changed != first and "Business Insider (a changed name)" in changed.decode()
    drawer.session.close()


@pytest.mark.browser
def test_a_download_past_its_time_limit_gets_a_short_503() -> None:
    chromium_path()
    drawer = imaging(slots=1, timeout=0.001)
    response = create_app(SHIPPED_DATA, drawer=drawer).server.test_client().get("/download/guard-share.png")
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
    assert response.get_data(as_text=True) == "the image took too long to draw; try again in a moment\n"
    drawer.session.close()


@pytest.mark.browser
def test_an_export_past_its_time_limit_says_so_and_writes_nothing(tmp_path: Path) -> None:
    chromium_path()
    old = tmp_path / "guard-share.png"
    old.write_bytes(b"the old image")
    result = run_cli("export", "--out", str(tmp_path), "--format", "png,svg", "--timeout", "0.001")
    assert result.exit_code == 1
    assert "took longer than 0.001 s to draw; nothing was written" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guard-share.png"]
    assert old.read_bytes() == b"the old image"
