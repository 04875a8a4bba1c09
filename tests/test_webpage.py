"""add-source of a saved web page: the article's text without the site's boilerplate, its metadata from the page,
the options winning over it, a missing field named with nothing written, the page's encoding honoured, and the
language guessed for English and Spanish (and asked for when unclear). Every page and paragraph here is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.webpage import Article, completed, guess_language, read_page
from tests.conftest import read_rows, run_cli
from tests.test_update import snapshot

ENGLISH = (
    "More than 250 border guards have left their posts in the invented town of Puerto Ficticio since January, a "
    "spokesman for the imaginary Ministry of Examples said on Friday. “The pace is new,” he told reporters in the "
    "café beside the plaza. The ministry said about 12 percent of the force had deserted, and that 1,200 officers "
    "remained on duty."
)
SPANISH = (
    "Más de 250 guardias fronterizos abandonaron sus puestos en el pueblo inventado de Puerto Ficticio desde "
    "enero, dijo el viernes un portavoz del imaginario Ministerio de Ejemplos. «El ritmo es nuevo», contó a los "
    "periodistas en el café de la plaza. Según el ministerio, cerca del 12 por ciento de la fuerza desertó."
)
FRENCH = (
    "Plus de 250 gardes-frontières ont quitté leurs postes dans la ville inventée de Puerto Ficticio depuis "
    "janvier, a déclaré vendredi un porte-parole du ministère imaginaire des Exemples."
)
BOILERPLATE = ("We use cookies", "Accept all", "Home", "Sport", "Related stories", "A parade of 500 sailors",
               "dataLayer", "All rights reserved", "Subscribe for 3 dollars")  # fmt: skip
HEAD = """<meta property="og:title" content="Border guards leave their posts in Puerto Ficticio">
<meta property="og:site_name" content="The Daily Example">
<link rel="canonical" href="https://news.example.org/2024/04/05/guards-leave-posts">
<meta property="article:published_time" content="2024-04-05T09:30:00Z">"""


def page(paragraphs: str, charset: str = "utf-8", head: str = HEAD, lang: str = "en") -> str:
    """A saved page as a news site writes it: the article in the middle of menus, a cookie notice, related
    stories, a subscription box and scripts. (``lang`` is the page's own attribute, as sites write it; the
    language guess reads the text, not it.)"""
    body = "".join(f"<p>{sentence.strip()}.</p>" for sentence in paragraphs.split(". ") if sentence.strip())
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>Border guards leave their posts in Puerto Ficticio | The Daily Example</title>
{head}
<script>window.dataLayer = []; function track() {{ console.log("4,000 page views"); }}</script>
<style>.menu {{ color: red; }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your visit.</p>
<button>Accept all</button></div>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>Border guards leave their posts in Puerto Ficticio</h1>
<p class="byline">By A. Writer</p>{body}</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">A parade of 500 sailors</a></li>
<li><a href="/b">Weather: 30 degrees</a></li></ul></aside>
<div class="newsletter">Subscribe for 3 dollars a month</div></main>
<footer><p>© 2024 The Daily Example. All rights reserved.</p></footer>
<script src="/analytics.js"></script></body></html>"""


def saved(tmp_path: Path, html: str, encoding: str = "utf-8", name: str = "article.html") -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def add_source(file: Path, data_dir: Path, *options: str) -> tuple[int, str, str]:
    result = run_cli("add-source", str(file), "--id", "daily-2024-04-05", *options, "--data", str(data_dir))
    return result.exit_code, result.stdout, result.stderr


def test_the_article_text_without_the_boilerplate(tmp_path: Path, data_dir: Path) -> None:
    code, _out, err = add_source(saved(tmp_path, page(ENGLISH)), data_dir)
    assert code == 0, err
    stored = (data_dir / "sources" / "daily-2024-04-05.txt").read_text(encoding="utf-8")
    for sentence in ENGLISH.split(". "):
        assert sentence.rstrip(".") in stored
    for noise in BOILERPLATE:
        assert noise not in stored, noise
    assert "language: en, guessed" in err
    assert "publisher: 'The Daily Example', from the page; --publisher sets another" in err  # each one said
    assert "published: '2024-04-05', from the page" in err
    assert run_cli("validate", "--data", str(data_dir)).exit_code == 0


def test_the_metadata_comes_from_the_page(tmp_path: Path, data_dir: Path) -> None:
    assert add_source(saved(tmp_path, page(ENGLISH)), data_dir)[0] == 0
    row = read_rows(data_dir / "sources.csv")[-1]
    assert row["title"] == "Border guards leave their posts in Puerto Ficticio"
    assert row["publisher"] == "The Daily Example"
    assert row["url"] == "https://news.example.org/2024/04/05/guards-leave-posts"
    assert row["published"] == "2024-04-05"
    assert row["language"] == "en"
    assert row["note"].startswith("Text extracted from the saved page article.html by trafilatura ")


def test_options_win_over_the_page(tmp_path: Path, data_dir: Path) -> None:
    options = ("--title", "Guards leave", "--publisher", "Example Wire", "--published", "2024-04", "--url",
               "https://wire.example.org/guards", "--language", "en-GB", "--note", "Seen in print too.")  # fmt: skip
    assert add_source(saved(tmp_path, page(ENGLISH)), data_dir, *options)[0] == 0
    row = read_rows(data_dir / "sources.csv")[-1]
    assert (row["title"], row["publisher"], row["published"], row["url"], row["language"]) == (
        "Guards leave", "Example Wire", "2024-04", "https://wire.example.org/guards", "en-GB")  # fmt: skip
    assert row["note"].startswith("Seen in print too. Text extracted from the saved page")


def test_a_field_neither_gives_is_named_and_nothing_is_written(tmp_path: Path, data_dir: Path) -> None:
    before = snapshot(data_dir)
    bare = saved(tmp_path, page(ENGLISH, head='<meta property="og:site_name" content="The Daily Example">'))
    code, out, err = add_source(bare, data_dir)
    assert code == 1
    assert "url, published" in err and "--url, --published" in err, err
    assert "Traceback" not in err and out == ""
    assert snapshot(data_dir) == before
    assert add_source(bare, data_dir, "--url", "https://news.example.org/g", "--published", "2024-04-05")[0] == 0


def test_a_site_that_does_not_name_itself_gives_no_publisher(tmp_path: Path, data_dir: Path) -> None:
    before = snapshot(data_dir)
    unnamed = page(ENGLISH, head='<link rel="canonical" href="https://news.example.org/guards-leave-posts">')
    code, _out, err = add_source(saved(tmp_path, unnamed), data_dir)
    assert code == 1 and "not in the file: publisher, published; give --publisher, --published" in err, err
    assert snapshot(data_dir) == before  # not "example.org", trafilatura's stand-in


@pytest.mark.parametrize(("encoding", "extra"), [("windows-1252", " Costó 5 € — dijo."), ("iso-8859-1", " Costó 5 ¤."),
                                                 ("utf-8", " Costó 5 € — dijo.")])  # fmt: skip
def test_the_page_s_declared_encoding_is_honoured(tmp_path: Path, data_dir: Path, encoding: str, extra: str) -> None:
    # "€" and "—" are bytes 0x80 and 0x97 in windows-1252, and 0xa4 is "¤" in latin-1 but "€" in latin-9
    html = page(SPANISH + extra, charset=encoding, lang="es")
    code, _out, err = add_source(saved(tmp_path, html, encoding), data_dir)
    assert code == 0, err
    stored = (data_dir / "sources" / "daily-2024-04-05.txt").read_text(encoding="utf-8")
    assert "Más de 250 guardias" in stored and "«El ritmo es nuevo»" in stored and "café" in stored
    assert extra.strip().rstrip(".") in stored
    assert read_rows(data_dir / "sources.csv")[-1]["language"] == "es"


def test_a_page_without_an_article_is_refused(tmp_path: Path, data_dir: Path) -> None:
    before = snapshot(data_dir)
    app = '<html><head><title>x</title></head><body><div id="app"></div><script src="/app.js"></script></body></html>'
    code, _out, err = add_source(saved(tmp_path, app), data_dir, "--publisher", "p")  # a page its script fills in
    assert code == 1 and "no article text" in err
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(("text", "language"), [(ENGLISH, "en"), (SPANISH, "es")])
def test_the_language_of_a_text_file_is_guessed(tmp_path: Path, data_dir: Path, text: str, language: str) -> None:
    file = saved(tmp_path, text + "\n", name="article.txt")
    options = ("--title", "t", "--publisher", "p", "--url", "https://example.org/a", "--published", "2024")
    code, _out, err = add_source(file, data_dir, *options)
    assert code == 0, err
    assert read_rows(data_dir / "sources.csv")[-1]["language"] == language
    assert f"language: {language}, guessed" in err
    assert (data_dir / "sources" / "daily-2024-04-05.txt").read_bytes() == file.read_bytes()  # a text: verbatim


def test_an_unclear_language_is_asked_for(tmp_path: Path, data_dir: Path) -> None:
    before = snapshot(data_dir)
    code, _out, err = add_source(saved(tmp_path, page(FRENCH, lang="fr")), data_dir)
    assert code == 1 and "likeliest: fr" in err and "--language fr" in err, err
    assert snapshot(data_dir) == before
    assert add_source(saved(tmp_path, page(FRENCH, lang="fr")), data_dir, "--language", "fr")[0] == 0


def test_the_guess_counts_only_when_it_is_the_likeliest_of_all() -> None:
    assert guess_language(ENGLISH, ("en", "es")).confident
    assert guess_language(SPANISH, ("en", "es")).language == "es"
    french = guess_language(FRENCH, ("en", "es"))
    assert not french.confident and french.likeliest == "fr"  # not taken for Spanish, its nearest


def test_reading_a_page_and_completing_a_row() -> None:
    article = read_page(page(ENGLISH).encode())
    assert article.fields["publisher"] == "The Daily Example"
    row, missing = completed({"title": "Mine", "url": ""}, Article("text", {"title": "Theirs", "url": "https://x"}))
    assert row == {"title": "Mine", "url": "https://x"} and missing == ["publisher", "published"]
