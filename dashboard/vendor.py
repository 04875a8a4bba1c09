"""The plotly.js bundle the static site draws with: plotly's official basic distribution (scatter and bar traces,
the only ones the charts use), fetched from the npm registry at a pinned version and checked against its checksum.
plotly.js is MIT licensed; its licence is kept beside the bundle and shipped in the site."""

from __future__ import annotations

import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

from dashboard.writes import lock_for, write_bytes

PACKAGE = "plotly.js-basic-dist-min"
VERSION = "4.1.1"  # the plotly.js that plotly (Python) 7.1.0 carries, so that the page draws what images show
TARBALL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
TARBALL_SHA256 = "ea907f854b6cec4f6a2fa71540ec019a21ed2c61e6a109ddd5c072103a96eed0"
FOLDER = Path(__file__).parent / "vendor"
BUNDLE = FOLDER / "plotly-basic.min.js"
LICENCE = FOLDER / "plotly-LICENSE.txt"
MEMBERS = {"package/plotly-basic.min.js": BUNDLE, "package/LICENSE": LICENCE}
TIMEOUT_S = 60


class Unverified(Exception):
    """The fetched package is not the one pinned."""


def fetch(url: str = TARBALL) -> None:
    """Fetch the pinned package, check its checksum, and write the bundle and its licence into ``FOLDER``."""
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as answer:
        data = answer.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != TARBALL_SHA256:
        raise Unverified(f"{url} has sha256 {digest}, not the pinned {TARBALL_SHA256}")
    FOLDER.mkdir(exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as package:
        for member, path in MEMBERS.items():
            extracted = package.extractfile(member)
            if extracted is None:
                raise Unverified(f"{url} holds no {member}")
            with lock_for(path):
                write_bytes(path, extracted.read())


if __name__ == "__main__":
    try:
        fetch()
    except (OSError, Unverified) as error:
        sys.exit(f"Could not fetch {PACKAGE} {VERSION}: {error}")
    print(f"{BUNDLE} ({PACKAGE} {VERSION}, sha256 of its package checked)")
