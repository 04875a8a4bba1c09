"""The command line: one click group, one thin command per job, each calling library code."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from dashboard.paths import SHIPPED_DATA

EXIT_INVALID = 1

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, dir_okay=True),
    default=None,
    help="The data package folder (default: the shipped data/).",
)


def _data_dir(value: str | None) -> tuple[Path, str]:
    """The folder to read, and how to name it in messages: as the user gave it."""
    if value is None:
        return SHIPPED_DATA, "data"
    return Path(value), value


LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEFAULT_PORT = 8050


@click.group(invoke_without_command=True)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Venezuela defection statistics: validate the data package and chart it (no command: serve)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve_command)


@main.command("serve")
@DATA_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--debug", is_flag=True, help="Dash's debug mode, for loopback hosts only.")
def serve_command(data_dir: str | None, host: str, port: int, debug: bool) -> None:
    """Serve the dashboard at http://HOST:PORT (http://127.0.0.1:8050 by default)."""
    if debug and host not in LOOPBACK:
        raise click.UsageError(
            f"--debug exposes a debugger that runs code; it is allowed only on 127.0.0.1, not on {host}. "
            "Drop --debug or serve on 127.0.0.1."
        )
    from dashboard.app import create_app

    folder, shown = _data_dir(data_dir)
    app = create_app(folder, shown)
    click.echo(f"Serving {shown} at http://{host}:{port}/ (Ctrl+C to stop)")
    app.run(host=host, port=port, debug=debug)


@main.command("validate")
@DATA_OPTION
def validate_command(data_dir: str | None) -> None:
    """Check the whole package and list every problem as FILE:LINE:COLUMN: message."""
    from dashboard.loader import read_package
    from dashboard.validation import validate

    folder, shown = _data_dir(data_dir)
    package = read_package(folder, shown)
    problems = validate(package)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        files = len({problem.path for problem in problems})
        click.echo(f"{shown}: {len(problems)} problem(s) in {files} file(s); nothing was changed", err=True)
        sys.exit(EXIT_INVALID)
    figures = package.tables["figures"].frame
    per_dataset = ", ".join(f"{name} {count}" for name, count in sorted(Counter(figures["dataset"]).items()))
    click.echo(
        f"{shown}: valid — {len(figures)} figures ({per_dataset}) from {len(package.tables['sources'].frame)} source(s)"
    )
