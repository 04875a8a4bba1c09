"""The command that publishes: build, the static site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import click

from dashboard.cli import DATA_OPTION, Failed, data_folder, main, option
from dashboard.i18n import LANGUAGES, N_, _, using


def _languages(_ctx: click.Context, _param: click.Parameter, value: str) -> list[str]:
    """``en,es`` as a list of the catalogues' languages; a clear error for any other."""
    asked = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [language for language in asked if language not in LANGUAGES]
    if unknown or not asked:
        known = ", ".join(LANGUAGES)
        raise click.BadParameter(_("{asked!r}: give languages among {known}").format(asked=value, known=known))
    return list(dict.fromkeys(asked))


def _base_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and (urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc):
        raise click.BadParameter(_("{value!r}: give the site's whole address, https://…").format(value=value))
    return value


@main.command(
    "build",
    help=N_(
        "Write the dashboard as a static site for any static host or CDN: its pages in each language, a page per "
        "source and per chart (to embed), the downloads and the data, compressed; no Python runs to read it."
    ),
)
@DATA_OPTION
@option("--out", default="site", show_default=True, type=click.Path(file_okay=False),
        help=N_("Folder; replaced whole once the new site is written."))  # fmt: skip
@option(
    "--lang",
    "languages",
    default=",".join(LANGUAGES),
    show_default=True,
    callback=_languages,
    help=N_("Comma-separated languages of the pages: the first at the site's root, the others in folders."),
)
@option("--base-url", default=None, callback=_base_url,
        help=N_("The site's address once published (https://example.org/story/): the pages expect to be at its "
                "path, and canonical links, embed codes and citations name it."))  # fmt: skip
@option("--no-images", is_flag=True, help=N_("Leave out the charts' PNG and SVG images (no browser needed)."))
def build_command(data_dir: str | None, out: str, languages: list[str], base_url: str | None,
                  no_images: bool) -> None:  # fmt: skip
    from datetime import date

    from dashboard.browser import ImageError
    from dashboard.imagedesk import batch_tabs
    from dashboard.problems import DataError
    from dashboard.site.build import MissingBundle, build
    from dashboard.site.files import NotASite

    folder, label = data_folder(data_dir)
    with using(languages[0]):
        try:
            built = build(folder, Path(out), languages, base_url, date.today(), label, batch_tabs(), not no_images)
        except DataError as error:
            count = len(error.problems)
            raise Failed(_("{label}: {count} problem(s); nothing was written").format(label=label, count=count),
                         error.problems) from None  # fmt: skip
        except NotASite as error:
            wrong = _("build: {reason}; give --out a new folder, or one a build wrote")
            raise Failed(wrong.format(reason=error)) from None
        except (MissingBundle, ImageError) as error:
            raise Failed(_("build: {reason}").format(reason=error)) from None
        except OSError as error:
            raise Failed(_("build: cannot write to {out}: {reason}").format(out=out, reason=error.strerror)) from None
        click.echo(
            _("{out}: {pages} pages, {files} files, {size} MB, in {seconds} s").format(
                out=out, pages=built.pages, files=built.files, size=f"{built.bytes / 1e6:.1f}",
                seconds=f"{built.seconds:.1f}")
        )  # fmt: skip
