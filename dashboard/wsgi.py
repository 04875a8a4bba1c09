"""The app for gunicorn (``gunicorn dashboard.wsgi:server``): the data folder from $DASHBOARD_DATA, else the
shipped data/; the sites that may embed the pages from $DASHBOARD_FRAME_ANCESTORS; the largest request body, in
bytes, from $DASHBOARD_MAX_BODY; the path it is served at from $DASHBOARD_PREFIX (``/`` unless given); the "Add an
article" page is on only with $DASHBOARD_ALLOW_EDITS=1 (``serve --workers --allow-edits``), and then only for
requests to a loopback address."""

import os

from dashboard.app import create_app
from dashboard.paths import SHIPPED_DATA

DATA = os.environ.get("DASHBOARD_DATA")

server = create_app(
    DATA or SHIPPED_DATA,
    DATA or "data",
    os.environ.get("DASHBOARD_FRAME_ANCESTORS", "'none'"),
    int(os.environ["DASHBOARD_MAX_BODY"]) if os.environ.get("DASHBOARD_MAX_BODY") else None,
    prefix=os.environ.get("DASHBOARD_PREFIX", "/"),
    edits=os.environ.get("DASHBOARD_ALLOW_EDITS") == "1",
).server
