"""What a static host needs to serve the site well: a ``_headers`` file (Netlify, Cloudflare Pages) that sets the
Content-Security-Policy, who may frame which pages, and how long each file may be cached; and ``robots.txt``.
``docs/publishing.md`` gives the same for nginx."""

from __future__ import annotations

from pathlib import Path

from dashboard import urls
from dashboard.site.files import write
from dashboard.site.pages import CSP, Where

PAGE_CACHE = "public, max-age=300, must-revalidate"  # pages and data keep their names: readers see a new build soon
ASSET_CACHE = "public, max-age=31536000, immutable"  # assets' names change with their content
COMMON = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}
# Every path a language's folder holds, but its charts' pages; each rule names them so that no two rules set the
# same header on one file (hosts join such values, and two policies would both apply).
FOLDERS = ("", "index.html", f"{urls.SOURCES}*", "all/*", "data/*", f"{urls.DOWNLOADS}*", urls.ANNOTATIONS)


def headers_file(where: Where) -> str:
    """The ``_headers`` file: the policy on every page, framing only by the site itself but for the charts' pages,
    which any site may embed; a year's cache for the assets."""

    def rule(path: str, frame_ancestors: str | None, cache: str) -> list[str]:
        policy = f"{CSP}; frame-ancestors {frame_ancestors}" if frame_ancestors else CSP
        lines = [where.prefix + path, f"  Content-Security-Policy: {policy}", f"  Cache-Control: {cache}"]
        return [*lines, *(f"  {name}: {value}" for name, value in COMMON.items()), ""]

    lines: list[str] = []
    for folder in where.roots.values():
        for path in FOLDERS:
            lines += rule(folder + path, "'self'", PAGE_CACHE)
        lines += rule(f"{folder}{urls.CHARTS}*", "*", PAGE_CACHE)
    lines += rule("assets/*", None, ASSET_CACHE)
    return "\n".join(lines)


def nginx_snippet(where: Where) -> str:
    """The same headers for nginx: lines to include in the ``server`` block whose ``root`` is the site. It sends
    the pre-compressed files as they are (``gzip_static``; ``brotli_static`` where its module is loaded)."""

    def headers(frame_ancestors: str | None, cache: str) -> list[str]:
        policy = f"{CSP}; frame-ancestors {frame_ancestors}" if frame_ancestors else CSP
        values = {"Content-Security-Policy": policy, "Cache-Control": cache, **COMMON}
        return [f'    add_header {name} "{value}" always;' for name, value in values.items()]

    charts = "|".join(folder.rstrip("/") for folder in where.roots.values() if folder)
    lines = [
        "# The static site's headers for nginx, written by `python -m dashboard build` (docs/publishing.md).",
        "gzip_static on;",
        "# brotli_static on;  # with the brotli module loaded (Debian: libnginx-mod-http-brotli-static)",
        "charset utf-8;",
        "charset_types text/css application/javascript application/json text/csv text/plain image/svg+xml;",
        f"location ~ ^{where.prefix}_ {{ return 404; }}",
        f"location {where.prefix} {{",
        "    try_files $uri $uri/ =404;",
        *headers("'self'", PAGE_CACHE),
        "}",
        f"location ~ ^{where.prefix}({charts + '/' if charts else ''})?{urls.CHARTS} {{",
        *headers("*", PAGE_CACHE),
        "}",
        f"location {where.prefix}assets/ {{",
        *headers(None, ASSET_CACHE),
        "}",
    ]
    return "\n".join(lines) + "\n"


def write_files(root: Path, where: Where) -> None:
    """The headers for static hosts (``_headers``) and for nginx (``_nginx.conf``), and robots.txt, at the site's
    root."""
    write(root, "_headers", headers_file(where).encode("utf-8"))
    write(root, "_nginx.conf", nginx_snippet(where).encode("utf-8"))
    write(root, "robots.txt", b"User-agent: *\nAllow: /\n")
