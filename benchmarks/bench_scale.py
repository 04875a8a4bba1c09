"""The dashboard at package sizes of 30, 300 and 3,000 figures: the first view's layout (time and bytes, and how
much of it is the quote panels its marks open in the browser, with no request), and the export of every chart."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, Result, table
from benchmarks.synthetic import make_package
from dashboard.app import create_app

SIZES = (30, 300, 3_000)
ROUNDS = 3  # fresh servers per size, interleaved across sizes; the median is kept
MB = 1_000_000
TARGET_LAYOUT_S = "<= 1.5"  # at the largest size
TARGET_LAYOUT_MB = "<= 1"  # at the largest size, as the server sends it before compression
TARGET_GROWTH = "<= 5"  # largest ÷ smallest layout time
PAGE_OUTPUTS = [
    ("page", "children"),
    ("masthead", "children"),
    ("colophon", "children"),
    ("quote-panel", "aria-label"),
    ("panels", "data"),
]


def page_request(path: str = "/") -> dict[str, Any]:
    """What Dash posts for the page callback when the address changes."""
    return {
        "output": ".." + "...".join(f"{id_}.{prop}" for id_, prop in PAGE_OUTPUTS) + "..",
        "outputs": [{"id": id_, "property": prop} for id_, prop in PAGE_OUTPUTS],
        "inputs": [{"id": "url", "property": "pathname", "value": path}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"],
    }


def _post(client: Any, body: dict[str, Any]) -> tuple[bytes, int, float]:
    """The response to a callback request, the request's size, and the seconds it took."""
    data = json.dumps(body).encode()
    start = time.perf_counter()
    response = client.post("/_dash-update-component", data=data, content_type="application/json")
    took = time.perf_counter() - start
    assert response.status_code == 200, (response.status_code, response.data[:300])
    return response.data, len(data), took


def _first(values: Any) -> Any:
    """A trace's first x or y, as a click reports it (plotly sends long arrays of numbers packed: the click reports
    a number of the same length, stood in for by 1234.5)."""
    return values[0] if isinstance(values, list) else 1234.5


def _graphs(answer: bytes) -> dict[str, dict[str, Any]]:
    """Each chart of the page, by name, with its first clickable mark as plotly reports a click on it."""
    graphs: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Graph":
                trace = next(t for t in node["props"]["figure"]["data"] if t.get("customdata"))
                box = {"x0": 100.5, "x1": 112.5, "y0": 200.25, "y1": 212.25}
                graphs[node["props"]["id"]["name"]] = {
                    "curveNumber": 0, "pointNumber": 0, "pointIndex": 0, "x": _first(trace["x"]),
                    "y": _first(trace["y"]), "customdata": trace["customdata"][0], "bbox": box,
                }  # fmt: skip
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(answer)["response"]["page"]["children"])
    return graphs


def one_round(data: Path) -> dict[str, float]:
    """A fresh server on ``data``: its data read (by a page not found), then the first view, with every quote panel
    its marks open in the browser (a click asks the server nothing)."""
    client = create_app(data, label="bench").server.test_client()
    _post(client, page_request("/nowhere"))  # reads the package, so that the layout's time is the page's alone
    answer, _size, layout_s = _post(client, page_request())
    _again, _size, cached_s = _post(client, page_request())
    graphs = _graphs(answer)
    panels = json.loads(answer)["response"]["panels"]["data"]
    for point in graphs.values():  # each chart's first mark opens its panel from the page's data
        assert "panel-quote" in json.dumps(panels["figures"][str(point["customdata"][0])]["panel"])
    panels_bytes = len(json.dumps(panels, separators=(",", ":")))
    return {"layout_s": layout_s, "layout_bytes": len(answer), "cached_s": cached_s, "panels_bytes": panels_bytes}


def export_s(data: Path, out: Path) -> float:
    """The whole ``python -m dashboard export`` process, every chart as png, svg and pdf."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "--data", str(data), "--out", str(out), "--format",
         "png,svg,pdf"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - start


def run() -> list[Result]:
    measured: dict[int, list[dict[str, float]]] = {size: [] for size in SIZES}
    exports: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        packages = {size: make_package(Path(folder) / f"figures-{size}", size) for size in SIZES}
        for _ in range(ROUNDS):
            for size in SIZES:
                measured[size].append(one_round(packages[size]))
        for size in SIZES:
            exports[size] = export_s(packages[size], Path(folder) / f"export-{size}")
    median = {size: {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
              for size, rounds in measured.items()}  # fmt: skip
    print("| figures | layout | layout bytes | of which quote panels | layout, cached | export |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in SIZES:
        m = median[size]
        print(f"| {size:,} | {m['layout_s']:.2f} s | {m['layout_bytes'] / MB:.2f} MB | {m['panels_bytes'] / MB:.2f} MB "
              f"| {m['cached_s'] * 1000:.0f} ms | {exports[size]:.1f} s |")  # fmt: skip
    smallest, largest = median[SIZES[0]], median[SIZES[-1]]
    return [
        Result(f"scale: layout at {SIZES[-1]:,} figures", largest["layout_s"], TARGET_LAYOUT_S, " s"),
        Result(f"scale: layout bytes at {SIZES[-1]:,} figures", largest["layout_bytes"] / MB, TARGET_LAYOUT_MB, " MB"),
        Result(
            f"scale: layout {SIZES[-1]:,} ÷ {SIZES[0]} figures",
            largest["layout_s"] / smallest["layout_s"],
            TARGET_GROWTH,
        ),
        *(
            Result(
                f"scale: quote panels in the layout at {size:,} figures", median[size]["panels_bytes"] / MB, "", " MB"
            )
            for size in SIZES
        ),
        Result(f"scale: export at {SIZES[-1]:,} ÷ {SIZES[0]} figures", exports[SIZES[-1]] / exports[SIZES[0]], ""),
    ]


if __name__ == "__main__":
    print(table(run()))
