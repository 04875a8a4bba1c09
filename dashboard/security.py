"""What every answer of the server keeps to: a strict Content-Security-Policy and other headers, a 400 for a callback
request that is not one of the app's callbacks, and short error answers with no trace, path or debugger."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from dash import Dash
from dash.exceptions import DependencyException, InvalidResourceError
from flask import Response, request
from werkzeug.exceptions import HTTPException

CALLBACK_PATH = "/_dash-update-component"
MAX_BODY = 1024 * 1024  # bytes: the largest request body read; a callback of this dashboard sends a few kilobytes
LOG_PREFIX = 120  # characters of a malformed body that the log keeps
log = logging.getLogger(__name__)


def content_security_policy(script_hashes: Sequence[str], frame_ancestors: str = "'none'") -> str:
    """As strict as Dash allows: no eval, inline scripts only by hash; inline styles are plotly's and Dash's."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {' '.join(script_hashes)}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def callback_body_is_well_formed(body: Any, callbacks: dict[str, Any]) -> bool:
    """Whether a callback request's JSON names a registered callback with the inputs and state it declares
    (so that anything else gets a 400, not a 500)."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    spec = callbacks.get(body["output"])
    inputs, state = body.get("inputs"), body.get("state", [])
    if spec is None or not isinstance(inputs, list) or not isinstance(state, list):
        return False
    if len(inputs) != len(spec.get("inputs", [])) or len(state) != len(spec.get("state", [])):
        return False
    return all(isinstance(item, dict | list) for item in [*inputs, *state])


def _plain(text: str, status: int) -> Response:
    return Response(text, status=status, mimetype="text/plain")


def secure(app: Dash, frame_ancestors: str = "'none'", max_body: int = MAX_BODY,
           uploads: Mapping[str, int] | None = None) -> None:  # fmt: skip
    """Give every answer of ``app`` the security headers, refuse bodies over ``max_body`` bytes (413, before they
    are read) and malformed callbacks (400), and answer errors shortly. ``uploads`` are the paths that take larger
    bodies, each with its own limit, which they check and explain themselves.

    The policy is made on the first answer, once every callback and inline script is registered.
    """
    policy: list[str] = []
    larger = dict(uploads or {})
    # werkzeug reads no more than this of any body
    app.server.config["MAX_CONTENT_LENGTH"] = max([max_body, *larger.values()])

    @app.server.before_request
    def refuse_large_and_malformed_bodies() -> Response | None:
        if request.path in larger:
            return None
        if request.content_length is not None and request.content_length > max_body:
            return _plain(f"Request too large: at most {max_body} bytes.\n", 413)
        is_callback = request.path.endswith(CALLBACK_PATH) and request.method == "POST"
        if is_callback and not callback_body_is_well_formed(request.get_json(silent=True), app.callback_map):
            body = request.get_data(as_text=True)
            log.warning("not a Dash callback (%d characters): %r", len(body), body[:LOG_PREFIX])
            return _plain("Bad request: not a Dash callback.\n", 400)
        return None

    @app.server.errorhandler(Exception)
    def short_error(error: Exception) -> Response:
        """Any failure answers in a line, with no trace, path or debugger; the log keeps the details."""
        if isinstance(error, HTTPException):
            return _plain(f"{error.code} {error.name}\n", error.code or 500)
        if isinstance(error, DependencyException | InvalidResourceError):  # an unknown script or asset
            return _plain("404 Not Found\n", 404)
        log.error("request to %s failed", request.path, exc_info=error)
        if request.path.endswith(CALLBACK_PATH):
            return _plain("Bad request: the callback could not be answered.\n", 400)
        return _plain("Internal error; the server's log says more.\n", 500)

    @app.server.after_request
    def security_headers(response: Response) -> Response:
        if not policy:
            policy.append(content_security_policy(app.csp_hashes(), frame_ancestors))
        response.headers["Content-Security-Policy"] = policy[0]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        return response
