"""Serving: security headers on every response, short 4xx answers to requests that do not fit, gunicorn workers."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from benchmarks.bench_scale import page_request
from dashboard.app import create_app
from dashboard.paths import SHIPPED_DATA
from tests.browser import serve

PAGE_CALLBACK = page_request("/")  # what Dash posts for the page callback


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    return create_app(SHIPPED_DATA, label="the shipped data").server.test_client()  # no server path on the page


@pytest.mark.parametrize("path", ["/", "/sources/bi-2019-03", "/_dash-layout", "/download/defection-rates.csv", "/x"])
def test_security_headers_on_every_response(client, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_embedding_can_be_allowed_for_named_sites() -> None:
    client = create_app(SHIPPED_DATA, frame_ancestors="https://news.example.org").server.test_client()
    assert "frame-ancestors https://news.example.org" in client.get("/").headers["Content-Security-Policy"]


@pytest.mark.parametrize("body", ["not json", "{}", "[]", "null", '{"output": 1, "inputs": []}', '{"output": "x"}'])
def test_malformed_callbacks_get_400(client, body: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400
    assert b"Traceback" not in response.data and b"/work" not in response.data


def test_a_real_callback_still_answers(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/_dash-update-component", data=json.dumps(PAGE_CALLBACK), content_type="application/json")
    assert response.status_code == 200
    assert b"Headline figures" in response.data


@pytest.mark.parametrize(
    "path", ["/download/..%2f..%2fdatapackage.json", "/download/%2e%2e/figures.csv", "/download/../README.md"]
)
def test_no_path_reaches_files(client, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 404
    assert b'"resources"' not in response.data and b"figure_id,dataset" not in response.data


@pytest.mark.slow
def test_serve_with_gunicorn_workers(data_dir: Path) -> None:
    with serve(data_dir, "--workers", "2") as url:
        with urllib.request.urlopen(url + "/") as response:
            assert response.status == 200
            assert "sha256-" in response.headers["Content-Security-Policy"]
        request = urllib.request.Request(
            url + "/_dash-update-component",
            data=json.dumps(PAGE_CALLBACK).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request) as response:
            assert b"Headline figures" in response.read()


BAD_REQUESTS = [
    ("GET", "/sources/..%2f..%2fetc%2fpasswd", None),
    ("GET", "/download/%00.png", None),
    ("GET", "/_dash-component-suites/../../app.py", None),
    ("POST", "/_dash-update-component", "{"),
    ("POST", "/_dash-update-component", '{"output": "page.children", "inputs": [{"id": "url"}]}'),
    ("POST", "/_dash-update-component", '{"output": "page.children", "inputs": [{"id": "url", "value": 5}]}'),
    ("POST", "/_dash-update-component", '{"output": "panels.data", "inputs": [{"value": {}}, {}]}'),
    ("GET", "/_dash-layout?x=%ff", None),
]


@pytest.mark.parametrize(("method", "path", "body"), BAD_REQUESTS)
def test_no_response_shows_a_trace_or_a_debugger(client, method: str, path: str, body: str | None) -> None:  # type: ignore[no-untyped-def]
    response = client.open(path, method=method, data=body, content_type="application/json")
    text = response.get_data(as_text=True)
    assert response.status_code < 500
    for leak in ("Traceback", "Werkzeug Debugger", "__debugger__", str(SHIPPED_DATA.parent), 'File "'):
        assert leak not in text
