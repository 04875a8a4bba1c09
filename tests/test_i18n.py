"""The interface in English and Spanish: every message translated, numbers and dates written the Spanish way, the
language chosen per request, and the data's own words never translated."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dashboard.app import create_app
from dashboard.formatting import date_phrase, number, percent, span_phrase, value_phrase
from dashboard.i18n import LANGUAGES, LOCALE_DIR, choose, using
from dashboard.paths import SHIPPED_DATA
from dashboard.store import PackageStore
from dashboard.views import render_page
from tests.conftest import read_rows, run_cli, write_rows

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{[^}]*\}|%\([a-z_]+\)s")


def messages_in_the_code() -> dict[str, str]:
    """Every message the code and templates mark (as pybabel extracts them with babel.cfg), to where it is."""
    method_map = [("dashboard/**.py", "python"), ("dashboard/templates/**.html", "jinja2")]
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(str(ROOT), method_map):
        for text in message if isinstance(message, tuple) else (message,):
            if text:
                found[text] = f"{filename}:{line}"
    return found


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_every_message_has_a_translation(language: str) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated: dict[str, tuple[str, ...]] = {}
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            translated[text] = tuple(strings)
    missing = [
        f"{where}: {text!r}" for text, where in messages_in_the_code().items() if not all(translated.get(text, ("",)))
    ]
    assert missing == [], f"untranslated in {language} (run make messages, then translate):\n" + "\n".join(missing)
    for text, strings in translated.items():
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(text)), (text, string)


@pytest.mark.parametrize(
    ("value", "english", "spanish"),
    [
        (4300, "4,300", "4300"),  # CLDR leaves four-digit numbers ungrouped in Spanish
        (71667, "71,667", "71.667"),
        (365315, "365,315", "365.315"),
        (3_400_000, "3.4 million", "3,4 millones"),
        (1_000_000, "1 million", "1 millón"),
        (85.714, "85.7", "85,7"),
        (9999.7, "10,000", "10.000"),  # grouped as written, after rounding
    ],
)
def test_numbers_are_written_the_way_each_language_writes_them(value: float, english: str, spanish: str) -> None:
    with using("en"):
        assert number(value) == english
    with using("es"):
        assert number(value) == spanish


def test_dates_spans_and_qualifiers_in_spanish() -> None:
    with using("es"):
        assert date_phrase("2019-02-23") == "23 de febrero de 2019"
        assert date_phrase("2019-02") == "febrero de 2019"
        assert span_phrase("", "2019-03") == "al marzo de 2019"
        assert value_phrase(4300, "about", "people") == "alrededor de 4300"
        assert percent(6) == "6\u00a0%"
    with using("en"):
        assert date_phrase("2019-02-23") == "23 February 2019"
        assert value_phrase(6, "about", "percent") == "about 6%"


@pytest.mark.parametrize(
    ("asked", "accepted", "chosen"),
    [
        ("es", "en-GB,en;q=0.9", "es"),
        (None, "es-VE,es;q=0.9,en;q=0.5", "es"),
        (None, "fr-FR,de;q=0.5", "en"),
        ("xx", None, "en"),
        ("en", "es", "en"),
    ],
)
def test_the_language_of_a_request(asked: str | None, accepted: str | None, chosen: str) -> None:
    assert choose(asked, accepted) == chosen


def texts(component: Any) -> list[str]:
    """Every string in a Dash component tree, with the component type it stands in."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [text for child in component for text in texts(child)]
    found = []
    for prop in ("children", "title", "aria-label", "label"):
        value = getattr(component, prop, None) if hasattr(component, prop) else None
        if value is not None:
            found.extend(texts(value))
    return found


def test_the_spanish_page_keeps_the_datas_own_words() -> None:
    store = PackageStore(SHIPPED_DATA)
    from dashboard.pages.panel import quote_panel

    figure = read_rows(SHIPPED_DATA / "figures.csv")[0]
    with using("es"):
        page = " ".join(texts(render_page(store, "/")))
        panel = " ".join(texts(quote_panel(store.current().tables, figure["figure_id"])))
    assert figure["quote"][:40] in panel  # quotes stay as written
    assert "Cifras principales" in page and "Headline figures" not in page
    assert "71.667" in page or "71.700" in page


def test_the_page_and_its_links_keep_the_language_asked_for() -> None:
    client = create_app(SHIPPED_DATA).server.test_client()
    assert '<html lang="es">' in client.get("/?lang=es").get_data(as_text=True)
    assert '<html lang="es">' in client.get("/", headers={"Accept-Language": "es-VE,es;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    with using("es", named=True):
        from dashboard.urls import source, state_search

        assert state_search("defections", "bi-2019-600") == "?lang=es&section=defections&figure=bi-2019-600"
        assert source("bi-2019-03", "figure-x") == "/sources/bi-2019-03?lang=es#figure-x"
    with using("en"):
        assert state_search("defections") == "?section=defections"


def test_a_spanish_problem_keeps_the_datas_codes(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    line = next(number for number, row in enumerate(rows, start=2) if row["unit"] == "percent")
    rows[line - 2]["unit"] = "people"
    write_rows(data_dir / "figures.csv", rows)
    result = run_cli("--lang", "es", "validate", "--data", str(data_dir))
    [message] = [text for text in result.stdout.splitlines() if f"figures.csv:{line}:unit" in text]
    assert message.endswith("como porcentaje; cambie unit a percent")  # the phrase translated, the code kept


def test_validate_speaks_spanish_when_asked(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows[0]["unit"] = "soldiers"
    write_rows(data_dir / "figures.csv", rows)
    result = run_cli("--lang", "es", "validate", "--data", str(data_dir))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{data_dir}/figures.csv:2:unit: ")
    assert "problema(s)" in result.stderr and "problem(s)" not in result.stderr
    english = run_cli("validate", "--data", str(data_dir))
    assert "problem(s)" in english.stderr


@pytest.mark.browser
def test_a_spanish_export_says_fuente(tmp_path: Path) -> None:
    from tests.browser import chromium_path

    chromium_path()
    result = run_cli("export", "--lang", "es", "--out", str(tmp_path), "--format", "svg", "--chart", "guard-share",
                     "--chart", "emigration")  # fmt: skip
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "guard-share.svg").read_text(encoding="utf-8")
    assert "Fuente: Business Insider" in svg and "Exportado el" in svg and "Source:" not in svg
    axis = (tmp_path / "emigration.svg").read_text(encoding="utf-8")
    assert re.search(r">\d{1,2}/20\d\d<", axis) and not re.search(
        r">(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", axis
    )


def test_a_spanish_report(tmp_path: Path) -> None:
    out = tmp_path / "informe.html"
    assert run_cli("report", "--lang", "es", "--out", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '<html lang="es">' in html and "Cifras principales" in html and "Headline figures" not in html
    assert f"{date.today().year}" in html


def test_the_help_speaks_the_language_asked_for() -> None:
    spanish = run_cli("--lang", "es", "export", "--help")
    assert spanish.exit_code == 0
    assert "Escribe cada gráfico como imagen con sus fuentes" in spanish.output
    assert "Carpeta." in spanish.output and "Folder." not in spanish.output
    assert f"Idioma de los mensajes y de lo que se produce: {', '.join(LANGUAGES)}" in spanish.output
    listing = run_cli("--lang", "es", "--help")
    assert "Comprueba todo el paquete" in listing.output  # the commands' short help too
    english = run_cli("export", "--help")
    assert "Write each chart as an image" in english.output and "Carpeta." not in english.output
