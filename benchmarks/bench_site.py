"""The static site (`python -m dashboard build`) as readers get it, beside the live Dash page in the same run:
Lighthouse (mobile default, median of 5) on the built main page and a chart page served by nginx with the site's
own headers, and on the live page; the bytes of a first view and of a view with every chart drawn; first views per
second from nginx, from `python -m http.server` and from the live server; the build's time, for the shipped
package and a generated 2,000-figure one, beside `validate` of the same package."""

from __future__ import annotations

import glob
import http.client
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks import lighthouse
from benchmarks.common import ROOT, Result, running, table
from benchmarks.synthetic import make_package
from dashboard.paths import SHIPPED_DATA
from tests.browser import CHROMIUM_ARGS, PHONE, chromium_path, free_port

RUNS = 5
CHART = "defection-rates"
GENERATED_FIGURES = 2000
WORKERS = 2  # the live server's gunicorn workers, one per core of this machine
CLIENTS = 16
SECONDS = 10.0
KB = 1000
DRAWN_TIMEOUT_MS = 60_000
ACCEPT = "br, gzip"  # what a browser asks for
BROTLI = glob.glob("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
NGINX_CONF = """load_module_line
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  types {{ text/csv csv; application/ld+json jsonld; application/yaml cff; }}
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {site};
    include {site}/_nginx.conf;
    {brotli}
  }}
}}
"""


@dataclass(frozen=True)
class Fetch:
    """One request of a page's view, as the browser made it."""

    method: str
    path: str
    body: bytes | None
    content_type: str | None


# a view's requests once every chart is drawn; bytes before the reader acts, and with every chart drawn; the
# requests made before the reader acts
View = tuple[list[Fetch], int, int, list[Fetch]]


@contextmanager
def nginx(site: Path) -> Iterator[str]:
    """nginx serving ``site`` with the ``_nginx.conf`` the build wrote (pre-compressed files, the site's headers)."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        conf = NGINX_CONF.format(workers=WORKERS, tmp=tmp, port=port, site=site,
                                 brotli="brotli_static on;" if BROTLI else "")  # fmt: skip
        conf = conf.replace("load_module_line", f"load_module {BROTLI[0]};" if BROTLI else "")
        (Path(tmp) / "nginx.conf").write_text(conf)
        process = subprocess.Popen(["nginx", "-p", tmp, "-c", f"{tmp}/nginx.conf", "-g", "daemon off;"])
        try:
            _wait(port, process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextmanager
def http_server(site: Path) -> Iterator[str]:
    """``python -m http.server`` over ``site``: no compression, no headers of the site's."""
    port = free_port()
    with running(["-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)], port):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def live() -> Iterator[str]:
    """The live dashboard on the shipped data, as `serve --workers` runs it."""
    port = free_port()
    with running(["-m", "dashboard", "serve", "--workers", str(WORKERS), "--port", str(port)], port):
        yield f"http://127.0.0.1:{port}"


def _wait(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("nginx did not start") from None
            time.sleep(0.1)


def build(data: Path, out: Path, images: bool = True) -> float:
    """Seconds of `python -m dashboard build` of ``data`` into ``out``."""
    args = ["--data", str(data), "--out", str(out), *([] if images else ["--no-images"])]
    return _timed(["build", *args])


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def recorded(url: str, dash: bool) -> View:
    """Every request of a first view of ``url`` at phone size once every chart is drawn, and the bytes
    transferred (headers and bodies, as sent) before the reader acts and once all is drawn; and the requests made
    before the reader acts. The reader then moves the pointer (on the live page, Dash loads and draws over the
    server's first view, when it has one) and scrolls to every chart, each drawn by plotly.js."""
    from playwright.sync_api import sync_playwright

    fetched: list[tuple[Fetch, int]] = []

    def finished(request: object) -> None:
        sizes = request.sizes()  # type: ignore[attr-defined]
        path = urlsplit(request.url)  # type: ignore[attr-defined]
        fetch = Fetch(request.method, path.path + (f"?{path.query}" if path.query else ""),  # type: ignore[attr-defined]
                      request.post_data_buffer, request.headers.get("content-type"))  # type: ignore[attr-defined]  # fmt: skip
        fetched.append((fetch, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": PHONE["width"], "height": PHONE["height"]})
        page.on("requestfinished", finished)
        page.goto(url, wait_until="networkidle")
        before = list(fetched)
        page.mouse.move(10, 10)
        if dash:
            page.wait_for_selector("#first-view", state="detached", timeout=DRAWN_TIMEOUT_MS)
        for chart in page.locator(".chart" if dash else ".graph").all():
            chart.scroll_into_view_if_needed()
            chart.locator(".main-svg").first.wait_for(timeout=DRAWN_TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        browser.close()
    useful = [fetch for fetch, _ in fetched if not fetch.path.startswith("data:")]
    first = [fetch for fetch, _ in before if not fetch.path.startswith("data:")]
    return useful, sum(size for _, size in before), sum(s for _, s in fetched), first


def views_per_second(base: str, fetches: list[Fetch]) -> tuple[float, int]:
    """``CLIENTS`` threads for ``SECONDS``, each making whole views (every request of ``fetches``, in order, on one
    connection as a browser would); whole views per second, and the requests that failed."""
    address = urlsplit(base)
    done, errors, lock = [0], [0], threading.Lock()
    stop = time.perf_counter() + SECONDS

    def client() -> None:
        views, failed = 0, 0
        while time.perf_counter() < stop:
            connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=30)
            for fetch in fetches:
                headers = {"Accept-Encoding": ACCEPT}
                if fetch.body and fetch.content_type:
                    headers["Content-Type"] = fetch.content_type
                try:
                    connection.request(fetch.method, fetch.path, body=fetch.body, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    failed += response.status >= 400
                except OSError:
                    failed += 1
                    connection.close()
            connection.close()
            views += 1
        with lock:
            done[0] += views
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.perf_counter() - begin), errors[0]


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp).chmod(0o755)  # nginx's workers run as another user, who must reach the site
        site, generated = Path(tmp) / "site", make_package(Path(tmp) / "generated", GENERATED_FIGURES)
        times = {"shipped": build(SHIPPED_DATA, site), "generated": build(generated, Path(tmp) / "site-generated"),
                 "validate shipped": _timed(["validate"]),
                 "validate generated": _timed(["validate", "--data", str(generated)])}  # fmt: skip
        print("build: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in times.items()))
        if shutil.which("nginx") is None:
            raise RuntimeError("the site is measured as a CDN serves it: install nginx (Debian: nginx-light, and "
                               "libnginx-mod-http-brotli-static for .br files)")  # fmt: skip
        with nginx(site) as static, live() as dash, http_server(site) as plain:
            pages = {"main page": f"{static}/", "chart page": f"{static}/charts/{CHART}/", "live Dash page": f"{dash}/"}
            scores = lighthouse.medians(pages, RUNS)
            views = {name: recorded(url, name.startswith("live")) for name, url in pages.items()}
            rates = {"nginx": views_per_second(static, views["main page"][0]),
                     "python -m http.server": views_per_second(plain, views["main page"][0]),
                     "live Dash": views_per_second(dash, views["live Dash page"][0])}  # fmt: skip
    return report(times, scores, views, rates)


def report(times: dict[str, float], scores: dict[str, dict[str, float]], views: dict[str, View],
           rates: dict[str, tuple[float, int]]) -> list[Result]:  # fmt: skip
    """Print what was measured, and the results with their targets."""
    print(f"Lighthouse {lighthouse.VERSION}, mobile default, median of {RUNS}" + (", nginx with brotli" * bool(BROTLI)))
    for line in lighthouse.lines(scores):
        print(f"  {line}")
    for name, (fetches, first, drawn, _before) in views.items():
        print(f"  {name}: {len(fetches)} requests; {first / KB:,.0f} KB before the reader acts, "
              f"{drawn / KB:,.0f} KB with every chart drawn")  # fmt: skip
    for name, (rate, errors) in rates.items():
        print(f"  first views of the main page per second, {name}: {rate:,.1f} ({errors} errors)")
    results = []
    for name, limit in (("main page", 900), ("chart page", 600)):
        figures = scores[name]
        results += [Result(f"site {name}: Lighthouse {category}", figures[category], f">= {target}", "")
                    for category, target in (("performance", 95), ("accessibility", 100),
                                             ("best-practices", 100), ("seo", 100))]  # fmt: skip
        results.append(Result(f"site {name}: first view (Lighthouse), KB", figures["bytes"] / KB, f"<= {limit}", ""))
        results.append(Result(f"site {name}: every chart drawn, KB", views[name][2] / KB, f"<= {limit}", ""))
    results += [
        Result("live Dash page: Lighthouse performance", scores["live Dash page"]["performance"], "", ""),
        Result("first views/s: nginx ÷ live Dash", rates["nginx"][0] / rates["live Dash"][0], ""),
        Result("first views/s: http.server ÷ live Dash", rates["python -m http.server"][0] / rates["live Dash"][0], ""),
        Result("site: errors under load (nginx)", rates["nginx"][1], "<= 0", ""),
        Result("build, shipped package, s", times["shipped"], "", " s"),
        Result(f"build, {GENERATED_FIGURES:,} figures, s", times["generated"], "", " s"),
        Result(
            f"build ÷ validate, {GENERATED_FIGURES:,} figures", times["generated"] / times["validate generated"], ""
        ),
    ]
    return results


if __name__ == "__main__":
    print(table(run()))
