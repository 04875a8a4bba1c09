"""The command line: one click group, one thin command per job, each calling library code."""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dashboard.browser import RENDER_TIMEOUT_S
from dashboard.i18n import LANGUAGES, _
from dashboard.paths import LOCAL_BASE, SHIPPED_DATA
from dashboard.urls import normal_prefix

if TYPE_CHECKING:
    from dashboard.extract import Candidate
    from dashboard.package import Package
    from dashboard.problems import Problem

EXIT_INVALID = 1

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, dir_okay=True),
    default=None,
    help="The data package folder (default: the shipped data/).",
)


def _use_language(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """Write every message of the command, and what it makes, in ``value`` (until the command ends)."""
    if value is not None:
        from dashboard.i18n import using

        ctx.with_resource(using(value))


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    envvar="DASHBOARD_LANG",
    default=None,
    expose_value=False,
    is_eager=True,
    callback=_use_language,
    help="Language of the messages and of what is made: en or es ($DASHBOARD_LANG; default en).",
)


def _data_dir(value: str | None) -> tuple[Path, str]:
    """The folder to read, and its label (how messages name it): as the user gave it."""
    if value is None:
        return SHIPPED_DATA, "data"
    return Path(value), value


LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEFAULT_PORT = 8050
PAGE_THREADS = 8  # threads per gunicorn worker kept for pages, beyond those that images may hold


@click.group(invoke_without_command=True)
@LANG_OPTION
@click.pass_context
def main(ctx: click.Context) -> None:
    """Venezuela defection statistics: validate the data package and chart it (no command: serve)."""
    for position, argument in enumerate(sys.argv[1:], start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:  # bytes the shell passed that are not UTF-8, which Python keeps as surrogates
            raise click.UsageError(
                f"argument {position} is not UTF-8 text; retype it, or rename the file it names with UTF-8 characters"
            ) from None
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve_command)


@main.command("serve")
@DATA_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--debug", is_flag=True, help="Dash's debug mode, for loopback hosts only.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Serve with gunicorn and N workers.")
@click.option("--frame-ancestors", default="'none'", show_default=True, help="Sites allowed to embed the pages (CSP).")
@click.option("--max-body", type=click.IntRange(1024), default=None, help="Largest request body, bytes (1 MiB).")
@click.option("--prefix", default="/", show_default=True, help="The path it is served at, behind a proxy: /figures/.")
def serve_command(
    data_dir: str | None,
    host: str,
    port: int,
    debug: bool,
    workers: int | None,
    frame_ancestors: str,
    max_body: int | None,
    prefix: str,
) -> None:
    """Serve the dashboard at http://HOST:PORT (http://127.0.0.1:8050 by default)."""
    if debug and host not in LOOPBACK:
        raise click.UsageError(
            f"--debug exposes a debugger that runs code; it is allowed only on 127.0.0.1, not on {host}. "
            "Drop --debug or serve on 127.0.0.1."
        )
    folder, label = _data_dir(data_dir)
    if workers is not None:
        if debug:
            raise click.UsageError("--debug is for Dash's own server; drop it with --workers")
        import os

        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        env = {**os.environ, "DASHBOARD_DATA": str(folder), "DASHBOARD_FRAME_ANCESTORS": frame_ancestors,
               "DASHBOARD_PREFIX": prefix}  # fmt: skip
        if max_body is not None:
            env["DASHBOARD_MAX_BODY"] = str(max_body)
        from dashboard.drawing import QUEUE_PER_SLOT, default_slots

        # Threads, so that a page never waits behind an image: the most images that can be drawn or wait at once,
        # and as many threads again for pages.
        threads = default_slots() * (1 + QUEUE_PER_SLOT) + PAGE_THREADS
        where = f"http://{bind}{normal_prefix(prefix)}"
        click.echo(f"Serving {label} at {where} with gunicorn, {workers} worker(s) of {threads} threads")
        argv = [
            sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "gthread",
            "--threads", str(threads), "--bind", bind, "dashboard.wsgi:server",
        ]  # fmt: skip
        os.execve(sys.executable, argv, env)
    from dashboard.app import create_app

    app = create_app(folder, label, frame_ancestors, max_body, prefix=prefix)
    click.echo(f"Serving {label} at http://{host}:{port}{normal_prefix(prefix)} (Ctrl+C to stop)")
    app.run(host=host, port=port, debug=debug)


@main.command("validate")
@LANG_OPTION
@DATA_OPTION
def validate_command(data_dir: str | None) -> None:
    """Check the whole package and list every problem as FILE:LINE:COLUMN: message."""
    from dashboard.loader import read_package
    from dashboard.validation import validate

    folder, label = _data_dir(data_dir)
    package = read_package(folder, label)
    problems = validate(package)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        files = len({problem.path for problem in problems})
        found = _("{label}: {count} problem(s) in {files} file(s); nothing was changed")
        click.echo(found.format(label=label, count=len(problems), files=files), err=True)
        sys.exit(EXIT_INVALID)
    figures = package.tables["figures"].frame
    per_dataset = ", ".join(f"{name} {count}" for name, count in sorted(Counter(figures["dataset"]).items()))
    valid = _("{label}: valid — {count} figures ({per_dataset}) from {sources} source(s)")
    click.echo(
        valid.format(label=label, count=len(figures), per_dataset=per_dataset,
                     sources=len(package.tables["sources"].frame))
    )  # fmt: skip


def _load_or_exit(data_dir: str | None) -> Package:
    """Load and validate the package, or print every problem and exit 1."""
    from dashboard.loader import load_package
    from dashboard.problems import DataError

    folder, label = _data_dir(data_dir)
    try:
        return load_package(folder, label)
    except DataError as error:
        for problem in error.problems:
            click.echo(str(problem))
        click.echo(_("{label}: {count} problem(s); nothing was written").format(label=label, count=len(error.problems)),
                   err=True)  # fmt: skip
        sys.exit(EXIT_INVALID)


@main.command("export")
@LANG_OPTION
@DATA_OPTION
@click.option("--out", default="exports", show_default=True, type=click.Path(file_okay=False), help="Folder.")
@click.option("--format", "formats", default="png", show_default=True, help="Comma-separated: png,svg,pdf.")
@click.option("--chart", "names", multiple=True, help="A chart's name (see --list); repeat for several.")
@click.option("--width", type=click.IntRange(300, 6000), default=None, help="Pixels (default 1000).")
@click.option("--height", type=click.IntRange(200, 6000), default=None, help="Pixels (default 620; more if needed).")
@click.option("--scale", type=click.FloatRange(0.25, 8), default=1.0, show_default=True, help="Pixel ratio.")
@click.option("--list", "list_only", is_flag=True, help="Print the chart names and stop.")
@click.option("--tabs", type=click.IntRange(1, 64), default=None, help="Images drawn at once (default: cores − 1).")
@click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=RENDER_TIMEOUT_S, show_default=True,
    help="Seconds one image may take; past it, nothing is written.",
)  # fmt: skip
@click.option("--annotations", is_flag=True, help="Also write annotations.jsonld: every figure as a Web Annotation.")
@click.option("--base-url", default=LOCAL_BASE, show_default=True, help="Where the dashboard is served, for links.")
def export_command(
    data_dir: str | None,
    out: str,
    formats: str,
    names: tuple[str, ...],
    width: int | None,
    height: int | None,
    scale: float,
    list_only: bool,
    tabs: int | None,
    timeout: float,
    annotations: bool,
    base_url: str,
) -> None:
    """Write each chart as an image with its sources on it: one file per chart and format; with --annotations,
    every figure and remark as a W3C Web Annotation beside them."""
    from datetime import date

    from dashboard import charts
    from dashboard.annotations import NAME, annotations_bytes
    from dashboard.browser import ImageError, Session
    from dashboard.drawing import batch_tabs
    from dashboard.images import FORMATS, ImageRequest, export_images
    from dashboard.tables import tidy
    from dashboard.writes import write_bytes

    tables = tidy(_load_or_exit(data_dir))
    available = {chart.name: chart for chart in charts.available(tables)}
    if list_only:
        for name in available:
            click.echo(name)
        return
    wanted = [part.strip().lower() for part in formats.split(",") if part.strip()]
    unknown = [fmt for fmt in wanted if fmt not in FORMATS]
    if unknown or not wanted:
        raise click.BadParameter(
            f"{', '.join(unknown) or formats!r}: choose from {', '.join(FORMATS)}", param_hint="--format"
        )
    missing = [name for name in names if name not in available]
    if missing:
        raise click.BadParameter(
            f"no chart named {', '.join(missing)}; the charts are {', '.join(available)}", param_hint="--chart"
        )
    chosen = [available[name] for name in (names or available)]
    requests = [
        ImageRequest(chart, fmt, width or charts.WIDTH, height or charts.HEIGHT, scale)
        for chart in chosen
        for fmt in wanted
    ]
    session = Session(min(tabs or batch_tabs(), len(requests)), timeout)
    try:
        written = export_images(session, tables, Path(out), requests, date.today())
        if annotations:
            written.append(Path(out) / NAME)
            write_bytes(written[-1], annotations_bytes(tables, base_url))
    except ImageError as error:
        click.echo(f"export: {error}", err=True)
        sys.exit(EXIT_INVALID)
    except OSError as error:
        click.echo(f"export: cannot write to {out}: {error.strerror}", err=True)
        sys.exit(EXIT_INVALID)
    finally:
        session.close()
    for path in written:
        click.echo(str(path))


@main.command("report")
@LANG_OPTION
@DATA_OPTION
@click.option("--out", default="report.html", show_default=True, type=click.Path(dir_okay=False), help="File.")
def report_command(data_dir: str | None, out: str) -> None:
    """Write one self-contained HTML report: every chart, the headline numbers, every quote and derivation."""
    from datetime import date

    from dashboard.report import report_html
    from dashboard.tables import tidy
    from dashboard.writes import write_bytes

    html = report_html(tidy(_load_or_exit(data_dir)), date.today())
    target = Path(out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, html.encode("utf-8"))
    except OSError as error:
        click.echo(f"report: cannot write {out}: {error.strerror}", err=True)
        sys.exit(EXIT_INVALID)
    click.echo(str(target))


@contextlib.contextmanager
def _written_or_exit(command: str, label: str) -> Iterator[None]:
    """Run a write; a rejected one prints every problem, a failed one its reason, and both exit 1."""
    from dashboard.problems import DataError

    try:
        yield
    except DataError as error:
        _fail(error.problems, label)
    except OSError as error:
        click.echo(f"{command}: {error.filename or label}: {error.strerror}", err=True)
        sys.exit(EXIT_INVALID)


def _write_review(found: list[Candidate], source_id: str, data_dir: str | None, out: Path) -> None:
    """Write the candidates as a review file (figures.csv's columns, guesses filled in, and ``keep``)."""
    from dashboard.loader import read_package
    from dashboard.review import review_bytes, review_rows
    from dashboard.writes import write_bytes

    folder, label = _data_dir(data_dir)
    package = read_package(folder, label) if (folder / "datapackage.json").is_file() else None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(out, review_bytes(review_rows(found, source_id, package)))
    except OSError as error:
        click.echo(f"extract: cannot write {out}: {error.strerror}", err=True)
        sys.exit(EXIT_INVALID)
    click.echo(str(out))
    click.echo(f"{len(found)} candidate(s); mark the ones to add with yes in 'keep', then: add --from {out}", err=True)


def _fail(problems: list[Problem], label: str) -> None:
    for problem in problems:
        click.echo(str(problem))
    click.echo(_("{label}: {count} problem(s); nothing was changed").format(label=label, count=len(problems)), err=True)
    sys.exit(EXIT_INVALID)


@main.command("add-source")
@LANG_OPTION
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--id", "source_id", required=True, help="Lowercase letters, digits, '-' and '_', not starting with '-'.")
@click.option("--title", required=True)
@click.option("--publisher", required=True)
@click.option("--url", required=True, help="http or https address.")
@click.option("--published", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD, as precise as known.")
@click.option("--author", default="")
@click.option("--accessed", default="", help="When the text was taken (default: not recorded).")
@click.option("--note", default="")
@click.option("--language", required=True, help="The text's language, as a BCP 47 code: en, es, pt-BR…")
@click.option("--archive-url", default="", help="An archived copy of the page as quoted (http or https).")
@DATA_OPTION
def add_source_command(
    file: str,
    source_id: str,
    title: str,
    publisher: str,
    url: str,
    published: str,
    author: str,
    accessed: str,
    note: str,
    language: str,
    archive_url: str,
    data_dir: str | None,
) -> None:
    """Copy FILE verbatim to sources/ID.txt and add its row to sources.csv."""
    from dashboard.update import add_source

    folder, label = _data_dir(data_dir)
    row = {"source_id": source_id, "title": title, "publisher": publisher, "author": author, "url": url,
           "published": published, "accessed": accessed, "note": note, "language": language,
           "archive_url": archive_url}  # fmt: skip
    with _written_or_exit("add-source", label):
        target = add_source(folder, label, row, Path(file))
    click.echo(source_id)
    click.echo(f"text copied to {target}", err=True)


ADD_REQUIRED = ("dataset", "measure", "value", "unit", "qualifier", "period_end", "claimant", "source_id", "quote")


@main.command("add")
@LANG_OPTION
@click.option("--from", "review", type=click.Path(exists=True, dir_okay=False), help="A review file (extract --out).")
@click.option("--dataset")
@click.option("--measure")
@click.option("--value", help="A plain number: 4300, not 4,300.")
@click.option("--unit", help="people or percent.")
@click.option("--qualifier", help="exact, about, over, at_least, under or at_most.")
@click.option("--period-start", default="")
@click.option("--period-end")
@click.option("--claimant")
@click.option("--source", "source_id")
@click.option("--quote", help="Copied exactly from the source's text.")
@click.option("--note", default="")
@click.option("--series", default="", help="The series the figure is a reading of.")
@click.option("--id", "figure_id", default="", help="Default: <source>-<value>.")
@DATA_OPTION
def add_command(review: str | None, data_dir: str | None, **options: str | None) -> None:
    """Add one figure (the options), or every row of a review file marked keep (--from), after checking them with
    the whole package; print the new ids. All or nothing: a rejected row changes no file."""
    from dashboard.review import kept_rows
    from dashboard.update import add_figures

    folder, label = _data_dir(data_dir)
    given = [name for name in ADD_REQUIRED if options[name] is not None]
    if review is not None:
        if given:
            raise click.UsageError("give either --from REVIEW or the figure's options, not both")
        rows, origins, problems = kept_rows(Path(review), review)
        if problems:
            _fail(problems, review)
    else:
        missing = [f"--{name.replace('_', '-').replace('source-id', 'source')}" for name in ADD_REQUIRED
                   if name not in given]  # fmt: skip
        if missing:
            raise click.UsageError(f"missing {', '.join(missing)} (or give --from REVIEW)")
        rows, origins = [{name: value or "" for name, value in options.items()}], []
    with _written_or_exit("add", label):
        new_ids = add_figures(folder, label, rows, origins or None)
    for new_id in new_ids:
        click.echo(new_id)


@main.command("extract")
@LANG_OPTION
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--source", "source_id", default=None, help="A source already in the package.")
@click.option("--format", "output", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write a review file for add --from.")
@click.option("--language", default=None, help="FILE's language, as a BCP 47 code: en (default) or es.")
@DATA_OPTION
def extract_command(
    file: str | None, source_id: str | None, output: str, out: str | None, language: str | None, data_dir: str | None
) -> None:
    """List the candidate figures in a text (FILE, or --source ID's text, read in its source's language), or write
    them as a review file."""
    import csv

    from dashboard.extract import CANDIDATE_FIELDS, candidates
    from dashboard.loader import SAFE_ID, source_language
    from dashboard.numerals import ENGLISH, known_language
    from dashboard.package import TEXTS_FOLDER
    from dashboard.problems import DataError
    from dashboard.update import read_source_text

    if (file is None) == (source_id is None):
        raise click.UsageError("give either FILE or --source ID")
    if language is not None and not known_language(language):
        raise click.BadParameter(f"{language!r} is not a BCP 47 language code CLDR knows", param_hint="--language")
    if source_id is not None:
        if not SAFE_ID.fullmatch(source_id):
            raise click.BadParameter("lowercase letters, digits, '-' and '_' only", param_hint="--source")
        folder, label = _data_dir(data_dir)
        path = folder / TEXTS_FOLDER / f"{source_id}.txt"
        if not path.is_file():
            raise click.BadParameter(f"there is no text for source {source_id!r} ({path})", param_hint="--source")
        language = language or source_language(folder, label, source_id)
    else:
        path = Path(str(file))
    try:
        text = read_source_text(path)
    except DataError as error:
        _fail(list(error.problems), str(path))
    found = candidates(text, language or ENGLISH)
    if out is not None:
        _write_review(found, source_id or "", data_dir, Path(out))
        return
    if output == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(CANDIDATE_FIELDS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(candidate.row() for candidate in found)
        return
    for candidate in found:
        row = candidate.row()
        click.echo(f"line {row['line']}: {row['value']} {row['unit']} ({row['qualifier']}) — {row['measure']}")
        click.echo(f"    “{row['quote']}”")
        if row["claimant"] or row["period_end"]:
            click.echo(f"    claimant: {row['claimant'] or '?'}; period_end: {row['period_end'] or '?'}")
    click.echo(f"{len(found)} candidate(s)", err=True)
