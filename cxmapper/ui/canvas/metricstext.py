"""CX metrics as the canvas writes them: a compact line on cards and stage headers.

This module owns only the wording (``NPS +12 · CSAT 78% · CES 3.4 · n=120``, in the
map's conventions) and which cards of a stage are summed. The figures come from
``cxmapper.model.metrics`` (``card_metrics``, ``combine``): a stage's aggregate is
combined step by step exactly as ``map_metrics`` does, so the header shows the figure
the ``cxmapper metrics`` report prints.

Trap: a card whose entered value does not fit the convention (a CES of 60 read as a
1–7 mean) raises in ``card_metrics``; here it is left out of its stage, as in the
report, and its card shows the reason instead of figures.
"""

from __future__ import annotations

from collections.abc import Iterable

from cxmapper.model.document import AnalysisSettings, Card, CesConvention, CsatConvention, Stage
from cxmapper.model.metrics import Measure, MetricSet, card_metrics, combine

#: Between two figures on one line.
SEPARATOR = " · "


def has_metrics(card: Card) -> bool:
    return card.metrics is not None and not card.metrics.empty


def _signed(value: float) -> str:
    number = round(value)
    # A real minus sign: a hyphen reads as a dash next to the middle dots.
    return f"{number:+d}".replace("-", "\u2212") if number else "0"


def _samples(measures: Iterable[Measure | None]) -> str:
    sizes = sorted({m.samples for m in measures if m is not None and m.samples})
    if not sizes:
        return ""
    if len(sizes) == 1:
        return f"n={sizes[0]}"
    return f"n={sizes[0]}\u2013{sizes[-1]}"


def metric_segments(figures: MetricSet, settings: AnalysisSettings) -> list[str]:
    """The figures of ``figures`` as short segments, in the map's conventions.

    NPS is a signed whole number; CSAT a percentage of satisfied answers (or the mean
    "x.x/5"); CES the 1–7 mean (or a percentage agreeing); ``n`` the answers behind
    them (a range when the measures rest on different counts). Empty when no figure.
    """
    parts = []
    if figures.nps is not None:
        parts.append(f"NPS {_signed(figures.nps.value)}")
    if figures.csat is not None:
        value = figures.csat.value
        parts.append(f"CSAT {value:.0f}%" if settings.csat is CsatConvention.TOP2_PERCENT else f"CSAT {value:.1f}/5")
    if figures.ces is not None:
        value = figures.ces.value
        parts.append(f"CES {value:.1f}" if settings.ces is CesConvention.MEAN else f"CES {value:.0f}%")
    if parts:
        n = _samples((figures.nps, figures.csat, figures.ces))
        if n:
            parts.append(n)
    return parts


def card_metric_segments(card: Card, settings: AnalysisSettings) -> tuple[list[str], str]:
    """(segments, problem) for one card: the problem is why its figures cannot be read."""
    if not has_metrics(card):
        return [], ""
    try:
        figures = card_metrics(card.metrics, settings)
    except ValueError as exc:
        # The model's own words (it names the measure and the range); the card shows
        # the first clause, the tooltip all of it.
        return ["\u26a0 " + str(exc).split(",")[0]], str(exc)
    return metric_segments(figures, settings), ""


def stage_figures(stage: Stage, cards_of_step, settings: AnalysisSettings) -> MetricSet:
    """The stage's aggregate, weighted by sample size: per step, then over the steps.

    ``cards_of_step(step_id)`` yields the step's cards (every lane, shown or not: the
    aggregate belongs to the data, not to the presentation).
    """
    return combine(step_figures(cards_of_step(step.id), settings) for step in stage.steps)


def step_figures(cards, settings: AnalysisSettings) -> MetricSet:
    """The aggregate of one step's ``cards`` (the part of ``stage_figures`` per step)."""
    sets = []
    for card in cards:
        if not has_metrics(card):
            continue
        try:
            sets.append(card_metrics(card.metrics, settings))
        except ValueError:
            continue  # left out, as map_metrics does (it lists it as a problem)
    return combine(sets)
