"""The datasets the dashboard knows, one spec each: its page section and title, its charts, its table as the data
bundle carries it, how its derived numbers were computed, and which extracted figures it takes. The pages, the
chart list, the downloads, the review files and the exports read this registry; a dataset it does not know gets a
chart of its values over time.

Adding a kind of chart is one module (its figure, its table of numbers, those numbers in words) and one entry in
``REGISTRY``."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import pandas as pd

from dashboard.charts import defections, guard_share, over_time
from dashboard.charts.framing import Drawn
from dashboard.derivations import defection_rate, force_formula, force_lines, range_formula, rate_lines
from dashboard.i18n import N_
from dashboard.precision import stated_step
from dashboard.tables import DEFECTIONS, EMIGRATION, GUARD_SHARE, Tidy

EMIGRATION_WORDS = ("emigra", "migrant", "fled", "left the country", "refugee", "abroad")
GENERIC_SUBTITLE = N_("Each figure at the last day it counts to")


@dataclass(frozen=True)
class ChartSpec:
    """One chart of a dataset: its name (for files and ``--chart``), its title (a message, translated where it is
    shown), and its functions."""

    name: str
    title: str
    build: Callable[[Tidy], Drawn]  # the plot and its texts apart
    rows: Callable[[Tidy], pd.DataFrame]  # the numbers it can draw, as a table: its data (CSV) holds them all
    phrases: Callable[[pd.DataFrame], list[str]]  # each row of such a table in words
    over_time: bool = False  # whether it draws the claims against time (the one to compare claims under)
    drawn_when: Callable[[Tidy], bool] = lambda tables: True  # whether the data gives it anything to draw


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset of ``figures.csv`` and everything the dashboard does with it."""

    id: str  # its name in figures.csv's dataset column
    title: str  # the heading of its page section (a message)
    charts: tuple[ChartSpec, ...]
    table: Callable[[Tidy], pd.DataFrame]  # its table in the data bundle, each derived number's formula beside it
    derivations: Callable[[Tidy, Collection[str] | None], list[str]] | None = None  # in words, under its charts
    takes: Callable[[str, str], bool] = field(default=lambda unit, text: False)  # an extracted figure's guess

    @property
    def section(self) -> str:
        """Its page section: ``?section=guard-share`` and the element ``section-guard-share``."""
        return section_of_dataset(self.id)


def section_of_dataset(dataset: str) -> str:
    return dataset.replace("_", "-")


def _over_time(dataset: str, name: str, title: str, subtitle: str) -> ChartSpec:
    """A chart of a dataset's counts over time (emigration's, and any dataset's the registry does not know)."""

    def build(tables: Tidy) -> Drawn:
        from dashboard.i18n import _

        return over_time.build(tables, dataset=dataset, title=_(title), subtitle=_(subtitle))

    return ChartSpec(name, title, build, lambda tables: over_time.rows(tables, dataset), over_time.phrases, True)


def _with_formula(frame: pd.DataFrame, column: str, formula: Callable[..., str]) -> pd.DataFrame:
    return frame.assign(**{column: [formula(row) for row in frame.itertuples(index=False)]})


REGISTRY: tuple[DatasetSpec, ...] = (
    DatasetSpec(
        DEFECTIONS,
        N_("Defections"),
        (
            ChartSpec(
                "defections-over-time",
                defections.OVER_TIME_TITLE,
                defections.over_time,
                lambda tables: over_time.rows(tables, DEFECTIONS),
                over_time.phrases,
                over_time=True,
            ),
            ChartSpec(
                "defection-rates",
                defections.RATES_TITLE,
                defections.rates,
                defections.rate_rows,
                defections.describe_rates,
                drawn_when=lambda tables: len(tables.rates) > 0,
            ),
        ),
        lambda tables: _with_formula(tables.defections, "rate_formula", defection_rate),
        rate_lines,
        lambda unit, text: unit == "people" and not any(word in text for word in EMIGRATION_WORDS),
    ),
    DatasetSpec(
        GUARD_SHARE,
        N_("The national guard"),
        (ChartSpec("guard-share", guard_share.TITLE, guard_share.build, guard_share.rows, guard_share.phrases),),
        lambda tables: _with_formula(
            tables.guard_share, "force_formula", lambda row: force_formula(row) if row.count_figure_id else ""
        ),
        force_lines,
        lambda unit, text: unit == "percent",
    ),
    DatasetSpec(
        EMIGRATION,
        N_("Emigration"),
        (
            _over_time(
                EMIGRATION,
                "emigration",
                N_("Emigration"),
                N_("Venezuelans who have left the country, by the date each count was given"),
            ),
        ),
        lambda tables: _with_formula(
            tables.emigration,
            "range_formula",
            lambda row: range_formula(row.qualifier, row.count, stated_step(row.count), row.low, row.high),
        ),
        None,
        lambda unit, text: unit == "people" and any(word in text for word in EMIGRATION_WORDS),
    ),
)


def spec_of(dataset: str) -> DatasetSpec:
    """The registry's spec of ``dataset``, or, for a dataset it does not know, one chart of its values over time."""
    for spec in REGISTRY:
        if spec.id == dataset:
            return spec
    title = dataset.replace("_", " ").capitalize()
    chart = _over_time(dataset, f"{section_of_dataset(dataset)}-over-time", title, GENERIC_SUBTITLE)
    return DatasetSpec(dataset, title, (chart,), lambda tables: tables.figures[tables.figures["dataset"] == dataset])


def present(tables: Tidy) -> list[DatasetSpec]:
    """The specs of the datasets the data holds: the registry's in its order, then the others by name."""
    held = set(tables.figures["dataset"])
    known = [spec for spec in REGISTRY if spec.id in held]
    return known + [spec_of(dataset) for dataset in sorted(held - {spec.id for spec in REGISTRY})]


def guess(unit: str, text: str) -> str:
    """The dataset an extracted figure most likely belongs to (a person checks it): the first spec that takes it,
    else the first of the registry."""
    return next((spec.id for spec in REGISTRY if spec.takes(unit, text.lower())), REGISTRY[0].id)
