"""The commands that change the package: add-source, add, and extract (which proposes what to add)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dashboard.cli import DATA_OPTION, LANG_OPTION, Failed, data_folder, main, option, rejected
from dashboard.i18n import N_, _

if TYPE_CHECKING:
    from dashboard.extract import Candidate


@contextlib.contextmanager
def _writing(command: str, label: str) -> Iterator[None]:
    """Run a write; a rejected or failed one raises ``Failed`` with every problem, or its reason."""
    from dashboard.problems import DataError

    try:
        yield
    except DataError as error:
        raise rejected(error.problems, label) from None
    except OSError as error:
        where = error.filename or label
        raise Failed(
            _("{command}: {file}: {reason}").format(command=command, file=where, reason=error.strerror)
        ) from None


def _write_review(found: list[Candidate], source_id: str, data_dir: str | None, out: Path) -> None:
    """Write the candidates as a review file (figures.csv's columns, guesses filled in, and ``keep``)."""
    from dashboard.review import write_review

    try:
        write_review(found, source_id, *data_folder(data_dir), out)
    except OSError as error:
        raise Failed(_("extract: cannot write {out}: {reason}").format(out=out, reason=error.strerror)) from None
    click.echo(str(out))
    kept = _("{count} candidate(s); mark the ones to add with yes in 'keep', then: add --from {out}")
    click.echo(kept.format(count=len(found), out=out), err=True)


@main.command(
    "add-source",
    help=N_(
        "Add FILE as source ID: a text (UTF-8, copied verbatim to sources/ID.txt) or a saved web page (.html, .htm:"
        " its article's text is stored, and its title, site, address and date fill the options not given)."
    ),
)
@LANG_OPTION
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@option("--id", "source_id", required=True, help=N_("Lowercase letters, digits, '-' and '_', not starting with '-'."))
@option("--title", default="", help=N_("Default: the page's title."))
@option("--publisher", default="", help=N_("Default: the page's site name."))
@option("--url", default="", help=N_("http or https address. Default: the page's canonical address."))
@option("--published", default="", help=N_("YYYY, YYYY-MM or YYYY-MM-DD, as precise as known. Default: the page's."))
@option("--author", default="")
@option("--accessed", default="", help=N_("When the text was taken (default: not recorded)."))
@option("--note", default="")
@option(
    "--language",
    default="",
    help=N_("The text's language, as a BCP 47 code: en, es, pt-BR… Default: guessed, English or Spanish."),
)
@option("--archive-url", default="", help=N_("An archived copy of the page as quoted (http or https)."))
@DATA_OPTION
def add_source_command(file: str, data_dir: str | None, **given: str) -> None:
    from dashboard.update import add_source
    from dashboard.webpage import SourceError, source_from_file

    folder, label = data_folder(data_dir)
    with _writing("add-source", label):
        try:
            new = source_from_file(Path(file), given)
        except SourceError as error:
            raise Failed(f"add-source: {file}: {error}") from None
        for name, value in new.taken.items():
            click.echo(_("{field}: {value!r}, from the page; --{field} sets another").format(field=name, value=value),
                       err=True)  # fmt: skip
        if new.guess is not None:
            guessed = _("language: {language}, guessed (probability {probability:.2f}); --language sets another")
            click.echo(guessed.format(language=new.guess.language, probability=new.guess.probability), err=True)
        target = add_source(folder, label, new.row, new.text, file)
    click.echo(new.row["source_id"])
    click.echo(_("text written to {target}").format(target=target), err=True)


ADD_REQUIRED = ("dataset", "measure", "value", "unit", "qualifier", "period_end", "claimant", "source_id", "quote")


@main.command(
    "add",
    help=N_(
        "Add one figure (the options), or every row of a review file marked keep (--from), after checking"
        " them with the whole package; print the new ids. All or nothing: a rejected row changes no file."
    ),
)
@LANG_OPTION
@option("--from", "review", type=click.Path(exists=True, dir_okay=False), help=N_("A review file (extract --out)."))
@option("--dataset")
@option("--measure")
@option("--value", help=N_("A plain number: 4300, not 4,300."))
@option("--unit", help=N_("people or percent."))
@option("--qualifier", help=N_("exact, about, over, at_least, under or at_most."))
@option("--period-start", default="")
@option("--period-end")
@option("--claimant")
@option("--source", "source_id")
@option("--quote", help=N_("Copied exactly from the source's text."))
@option("--note", default="")
@option("--series", default="", help=N_("The series the figure is a reading of."))
@option("--id", "figure_id", default="", help=N_("Default: <source>-<value>."))
@DATA_OPTION
def add_command(review: str | None, data_dir: str | None, **options: str | None) -> None:
    from dashboard.review import kept_rows
    from dashboard.update import add_figures

    folder, label = data_folder(data_dir)
    given = [name for name in ADD_REQUIRED if options[name] is not None]
    if review is not None:
        if given:
            raise click.UsageError(_("give either --from REVIEW or the figure's options, not both"))
        rows, origins, problems = kept_rows(Path(review), review)
        if problems:
            raise rejected(problems, review)
    else:
        missing = [f"--{name.replace('_', '-').replace('source-id', 'source')}" for name in ADD_REQUIRED
                   if name not in given]  # fmt: skip
        if missing:
            raise click.UsageError(_("missing {options} (or give --from REVIEW)").format(options=", ".join(missing)))
        rows, origins = [{name: value or "" for name, value in options.items()}], []
    with _writing("add", label):
        new_ids = add_figures(folder, label, rows, origins or None)
    for new_id in new_ids:
        click.echo(new_id)


@main.command(
    "extract",
    help=N_(
        "List the candidate figures in a text (FILE, or --source ID's text, read in its source's "
        "language), or write them as a review file."
    ),
)
@LANG_OPTION
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@option("--source", "source_id", default=None, help=N_("A source already in the package."))
@option("--format", "output", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@option("--out", type=click.Path(dir_okay=False), default=None, help=N_("Write a review file for add --from."))
@option("--language", default=None, help=N_("FILE's language, as a BCP 47 code: en (default) or es."))
@DATA_OPTION
def extract_command(
    file: str | None, source_id: str | None, output: str, out: str | None, language: str | None, data_dir: str | None
) -> None:
    import csv

    from dashboard.extract import CANDIDATE_FIELDS, candidates
    from dashboard.loader import SAFE_ID, source_language
    from dashboard.numerals import ENGLISH, known_language
    from dashboard.package import text_file
    from dashboard.problems import DataError
    from dashboard.update import read_source_text

    if (file is None) == (source_id is None):
        raise click.UsageError(_("give either FILE or --source ID"))
    if language is not None and not known_language(language):
        unknown = _("{language!r} is not a BCP 47 language code CLDR knows").format(language=language)
        raise click.BadParameter(unknown, param_hint="--language")
    if source_id is not None:
        if not SAFE_ID.fullmatch(source_id):
            raise click.BadParameter(_("lowercase letters, digits, '-' and '_' only"), param_hint="--source")
        folder, label = data_folder(data_dir)
        path = folder / text_file(source_id)
        if not path.is_file():
            no_text = _("there is no text for source {source_id!r} ({path})").format(source_id=source_id, path=path)
            raise click.BadParameter(no_text, param_hint="--source")
        language = language or source_language(folder, label, source_id)
    else:
        path = Path(str(file))
    try:
        text = read_source_text(path.read_bytes(), str(path))
    except DataError as error:
        raise rejected(error.problems, str(path)) from None
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
        for line in candidate.lines():
            click.echo(line)
    click.echo(_("{count} candidate(s)").format(count=len(found)), err=True)
