"""add-source of a 200 KB saved page (a fictional article amid menus, related stories and scripts) into a copy of
the shipped package: the whole of it (reading the page, guessing its language, checking the package, writing),
beside trafilatura's extraction of the same page alone, best of 5; and the command as a whole process."""

from __future__ import annotations

import itertools
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, Result, best_of, table
from benchmarks.synthetic import SEED, _number, _sentence
from dashboard.paths import SHIPPED_DATA
from dashboard.update import add_source
from dashboard.webpage import source_from_file
from tests.test_webpage import page

PAGE_BYTES = 200_000
ARTICLE_SHARE = 0.6  # of the page: the rest is the site's menus, related stories and scripts
REPEATS = 5
GIVEN = {"source_id": "bench", "title": "", "publisher": "", "url": "", "published": "", "author": "", "accessed": "",
         "note": "", "language": "", "archive_url": ""}  # fmt: skip


def saved_page(size: int = PAGE_BYTES) -> str:
    """A page of about ``size`` bytes: generated news sentences as the article, the rest boilerplate."""
    rng = random.Random(SEED)
    sentences: list[str] = []
    while sum(len(s) + 2 for s in sentences) < size * ARTICLE_SHARE:
        sentences.append(_sentence(rng, "people", _number(rng, "people")[0]).rstrip("."))
    html = page(". ".join(sentences))
    links: list[str] = []
    while len(html) + sum(len(link) for link in links) < size:
        links.append(f'<li><a href="/story/{len(links)}">Another story, number {len(links)}</a></li>')
    return html.replace("</aside>", "<ul>" + "".join(links) + "</ul></aside>")


def run() -> list[Result]:
    import trafilatura

    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "article.html"
        file.write_text(saved_page(), encoding="utf-8")
        raw = file.read_bytes()
        copies = itertools.count()  # each add into a fresh copy of the package

        def whole() -> None:
            folder = Path(tmp) / f"data-{next(copies)}"
            shutil.copytree(SHIPPED_DATA, folder)
            new = source_from_file(file, GIVEN)
            add_source(folder, str(folder), new.row, new.text, str(file))

        whole()  # the first call loads the language model and trafilatura's parts, once per process
        best = best_of({"add-source": whole, "trafilatura": lambda: trafilatura.bare_extraction(raw)}, REPEATS)
        shutil.copytree(SHIPPED_DATA, Path(tmp) / "data-cli")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dashboard", "add-source", str(file), "--id", "bench", "--data",
                        str(Path(tmp) / "data-cli")], cwd=ROOT, check=True, capture_output=True)  # fmt: skip
        process = time.perf_counter() - start
    print(f"add-source of a {len(raw) / 1000:.0f} KB saved page: {best['add-source']:.3f} s; trafilatura alone "
          f"{best['trafilatura']:.3f} s (best of {REPEATS}); the command as a process {process:.2f} s")  # fmt: skip
    return [
        Result("add-source, a 200 KB saved page", best["add-source"], "<= 1", " s"),
        Result("add-source ÷ trafilatura alone, the same page", best["add-source"] / best["trafilatura"], ""),
        Result("add-source of that page, whole process", process, "", " s"),
    ]


if __name__ == "__main__":
    print(table(run()))
