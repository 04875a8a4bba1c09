"""The command line: one click group, one thin command per job, each calling library code."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from dashboard.browser import RENDER_TIMEOUT_S
from dashboard.i18n import DEFAULT, LANGUAGES, N_, _
from dashboard.paths import LOCAL_BASE, SHIPPED_DATA
from dashboard.urls import normal_prefix

if TYPE_CHECKING:
    from dashboard.package import Package
    from dashboard.problems import Problem

EXIT_INVALID = 1


class TranslatedOption(click.Option):
    """An option whose help is a message of the catalogue, written in the command's language when help is shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        original = self.help
        self.help = self.translated(original) if original else original
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = original

    def translated(self, message: str) -> str:
        return _(message)


class LanguageOption(TranslatedOption):
    """``--lang``, whose help lists the languages of the catalogues."""

    def translated(self, message: str) -> str:
        return _(message).format(languages=", ".join(LANGUAGES), default=DEFAULT)


class TranslatedCommand(click.Command):
    """A command whose help is a message of the catalogue, written in the command's language when shown."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self):
            super().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help(self):
            return super().get_short_help_str(limit)


class TranslatedGroup(click.Group, TranslatedCommand):
    """The command group: its help, and every command's, from the catalogue."""

    command_class = TranslatedCommand


@contextlib.contextmanager
def _translated_help(command: click.Command) -> Iterator[None]:
    original = command.help
    command.help = _(original) if original else original
    try:
        yield
    finally:
        command.help = original


option = functools.partial(click.option, cls=TranslatedOption)


class Failed(click.ClickException):
    """A command that could not do its job: every problem found, one a line, on standard output; then what went
    wrong (and that nothing was changed) on standard error; exit 1."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)
        self.lines = [str(problem) for problem in problems]  # now, in the command's language: click shows it later

    def show(self, file: IO[Any] | None = None) -> None:
        for line in self.lines:
            click.echo(line)
        click.echo(self.message, err=True)


def rejected(problems: Sequence[Problem], label: str) -> Failed:
    """The failure of a change that the data's problems refused."""
    return Failed(_("{label}: {count} problem(s); nothing was changed").format(label=label, count=len(problems)),
                  problems)  # fmt: skip


DATA_OPTION = option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, dir_okay=True),
    default=None,
    help=N_("The data package folder (default: the shipped data/)."),
)


def _use_language(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """Write every message of the command, and what it makes, in ``value`` (until the command ends)."""
    if value is not None:
        from dashboard.i18n import using

        ctx.with_resource(using(value))


LANG_OPTION = click.option(
    "--lang",
    cls=LanguageOption,
    type=click.Choice(LANGUAGES),
    envvar="DASHBOARD_LANG",
    default=None,
    expose_value=False,
    is_eager=True,
    callback=_use_language,
    help=N_("Language of the messages and of what is made: {languages} ($DASHBOARD_LANG; default {default})."),
)


def data_folder(value: str | None) -> tuple[Path, str]:
    """The folder to read, and its label (how messages name it): as the user gave it."""
    if value is None:
        return SHIPPED_DATA, "data"
    return Path(value), value


LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEFAULT_PORT = 8050


@click.group(
    cls=TranslatedGroup,
    invoke_without_command=True,
    help=N_("Venezuela defection statistics: validate the data package and chart it (no command: serve)."),
)
@LANG_OPTION
@click.pass_context
def main(ctx: click.Context) -> None:
    for position, argument in enumerate(sys.argv[1:], start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:  # bytes the shell passed that are not UTF-8, which Python keeps as surrogates
            raise click.UsageError(
                _(
                    "argument {position} is not UTF-8 text; retype it, or rename the file it names with UTF-8 "
                    "characters"
                ).format(position=position)
            ) from None
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve_command)


@main.command("serve", help=N_("Serve the dashboard at http://HOST:PORT (http://127.0.0.1:8050 by default)."))
@DATA_OPTION
@option("--host", default="127.0.0.1", show_default=True, help=N_("Address to listen on."))
@option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help=N_("Port."))
@option("--debug", is_flag=True, help=N_("Dash's debug mode, for loopback hosts only."))
@option("--workers", type=click.IntRange(1, 64), default=None, help=N_("Serve with gunicorn and N workers."))
@option("--frame-ancestors", default="'none'", show_default=True, help=N_("Sites allowed to embed the pages (CSP)."))
@option("--max-body", type=click.IntRange(1024), default=None, help=N_("Largest request body, bytes (1 MiB)."))
@option("--prefix", default="/", show_default=True, help=N_("The path it is served at, behind a proxy: /figures/."))
@option(
    "--allow-edits",
    is_flag=True,
    help=N_(
        "Keep the 'Add an article' page on under --workers (it is on by itself on 127.0.0.1, and never elsewhere)."
    ),
)
def serve_command(
    data_dir: str | None,
    host: str,
    port: int,
    debug: bool,
    workers: int | None,
    frame_ancestors: str,
    max_body: int | None,
    prefix: str,
    allow_edits: bool = False,
) -> None:
    if allow_edits and host not in LOOPBACK:
        raise click.UsageError(
            _("--allow-edits lets the page write files; it is allowed only on 127.0.0.1, not on {host}").format(
                host=host
            )
        )
    edits = host in LOOPBACK and (workers is None or allow_edits)
    if debug and host not in LOOPBACK:
        raise click.UsageError(
            _(
                "--debug exposes a debugger that runs code; it is allowed only on 127.0.0.1, not on {host}. Drop "
                "--debug or serve on 127.0.0.1."
            ).format(host=host)
        )
    folder, label = data_folder(data_dir)
    if workers is not None:
        if debug:
            raise click.UsageError(_("--debug is for Dash's own server; drop it with --workers"))
        import os

        from dashboard.workers import Gunicorn

        run = Gunicorn(folder, host, port, workers, frame_ancestors, max_body, normal_prefix(prefix), edits)
        serving = _("Serving {label} at {where} with gunicorn, {workers} worker(s) of {threads} threads")
        click.echo(serving.format(label=label, where=run.address, workers=workers, threads=run.threads))
        os.execve(sys.executable, run.argv(), run.environment(os.environ))
    from dashboard.app import create_app

    app = create_app(folder, label, frame_ancestors, max_body, prefix=prefix, edits=edits)
    where = f"http://{host}:{port}{normal_prefix(prefix)}"
    click.echo(_("Serving {label} at {where} (Ctrl+C to stop)").format(label=label, where=where))
    app.run(host=host, port=port, debug=debug)


@main.command("validate", help=N_("Check the whole package and list every problem as FILE:LINE:COLUMN: message."))
@LANG_OPTION
@DATA_OPTION
def validate_command(data_dir: str | None) -> None:
    from dashboard.loader import read_package
    from dashboard.validation import validate

    folder, label = data_folder(data_dir)
    package = read_package(folder, label)
    problems = validate(package)
    if problems:
        files = len({problem.path for problem in problems})
        found = _("{label}: {count} problem(s) in {files} file(s); nothing was changed")
        raise Failed(found.format(label=label, count=len(problems), files=files), problems)
    figures = package.tables["figures"].frame
    per_dataset = ", ".join(f"{name} {count}" for name, count in sorted(Counter(figures["dataset"]).items()))
    valid = _("{label}: valid — {count} figures ({per_dataset}) from {sources} source(s)")
    click.echo(
        valid.format(label=label, count=len(figures), per_dataset=per_dataset,
                     sources=len(package.tables["sources"].frame))
    )  # fmt: skip


def _load(data_dir: str | None) -> Package:
    """Load and validate the package; ``Failed`` with every problem when it is not valid."""
    from dashboard.loader import load_package
    from dashboard.problems import DataError

    folder, label = data_folder(data_dir)
    try:
        return load_package(folder, label)
    except DataError as error:
        count = len(error.problems)
        raise Failed(_("{label}: {count} problem(s); nothing was written").format(label=label, count=count),
                     error.problems) from None  # fmt: skip


@main.command(
    "export",
    help=N_(
        "Write each chart as an image with its sources on it: one file per chart and format; with "
        "--annotations, every figure and remark as a W3C Web Annotation beside them."
    ),
)
@LANG_OPTION
@DATA_OPTION
@option("--out", default="exports", show_default=True, type=click.Path(file_okay=False), help=N_("Folder."))
@option("--format", "formats", default="png", show_default=True, help=N_("Comma-separated: png,svg,pdf."))
@option("--chart", "names", multiple=True, help=N_("A chart's name (see --list); repeat for several."))
@option("--width", type=click.IntRange(300, 6000), default=None, help=N_("Pixels (default 1000)."))
@option("--height", type=click.IntRange(200, 6000), default=None, help=N_("Pixels (default 620; more if needed)."))
@option("--scale", type=click.FloatRange(0.25, 8), default=1.0, show_default=True, help=N_("Pixel ratio."))
@option("--list", "list_only", is_flag=True, help=N_("Print the chart names and stop."))
@option("--tabs", type=click.IntRange(1, 64), default=None, help=N_("Images drawn at once (default: cores − 1)."))
@option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=RENDER_TIMEOUT_S, show_default=True,
    help=N_("Seconds one image may take; past it, nothing is written."),
)  # fmt: skip
@option("--annotations", is_flag=True, help=N_("Also write annotations.jsonld: every figure as a Web Annotation."))
@option("--base-url", default=LOCAL_BASE, show_default=True, help=N_("Where the dashboard is served, for links."))
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
    from datetime import date

    from dashboard import charts
    from dashboard.browser import ImageError
    from dashboard.imagedesk import batch_tabs
    from dashboard.images import UnknownChoice, export_charts, image_requests
    from dashboard.tables import tidy

    tables = tidy(_load(data_dir))
    available = charts.available(tables)
    if list_only:
        for chart in available:
            click.echo(chart.name)
        return
    wanted = [part.strip().lower() for part in formats.split(",") if part.strip()]
    try:
        requests = image_requests(available, list(names), wanted, width, height, scale)
    except UnknownChoice as error:
        raise click.BadParameter(str(error), param_hint=error.option) from None
    try:
        written = export_charts(tables, Path(out), requests, date.today(), tabs or batch_tabs(), timeout,
                                base_url if annotations else None)  # fmt: skip
    except ImageError as error:
        raise Failed(_("export: {reason}").format(reason=error)) from None
    except OSError as error:
        raise Failed(_("export: cannot write to {out}: {reason}").format(out=out, reason=error.strerror)) from None
    for path in written:
        click.echo(str(path))


@main.command(
    "report",
    help=N_("Write one self-contained HTML report: every chart, the headline numbers, every quote and derivation."),
)
@LANG_OPTION
@DATA_OPTION
@option("--out", default="report.html", show_default=True, type=click.Path(dir_okay=False), help=N_("File."))
def report_command(data_dir: str | None, out: str) -> None:
    from datetime import date

    from dashboard.report import report_html
    from dashboard.tables import tidy
    from dashboard.writes import write_bytes

    html = report_html(tidy(_load(data_dir)), date.today())
    target = Path(out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, html.encode("utf-8"))
    except OSError as error:
        raise Failed(_("report: cannot write {out}: {reason}").format(out=out, reason=error.strerror)) from None
    click.echo(str(target))


# The commands that change the package, and build, registered on ``main`` by importing them.
from dashboard.cli import changes, publish  # noqa: E402, F401
