"""CX metrics: NPS, CSAT and CES per card, step, stage and map; moods per persona.

This module owns the formulas of ``shared/reference/kano-and-metrics.md`` (CX metrics)
and their aggregation. A card's ``Metrics`` gives each measure either as an entered
value (read in the map's conventions, ``MapDocument.analysis``) or as a raw answer
distribution, which wins when present. Aggregating over cards, steps and stages
weights every value by its sample size — which is exactly pooling the answers. A
value entered without a sample size still counts, with weight 1, and the result says
how many such values it holds so a report can flag it.

Per persona: the share of steps whose emotion is above the scale's neutral point, and
the "moments of pain": the curve's local minima below neutral, lowest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cxmapper.model.document import (
    DEFAULT_ANALYSIS,
    AnalysisSettings,
    CesConvention,
    CsatConvention,
    Curve,
    EmotionPoint,
    MapDocument,
    Metrics,
    Persona,
    Stage,
    Step,
)

# --- from answer distributions ----------------------------------------------------------


def _check(counts: Sequence[int], length: int, scale: str) -> int:
    if len(counts) != length:
        raise ValueError(f"{scale} answers need {length} counts, got {len(counts)}")
    if any(c < 0 for c in counts):
        raise ValueError(f"{scale} answer counts cannot be negative")
    total = sum(counts)
    if total == 0:
        raise ValueError(f"{scale} answers: no answers")
    return total


def nps_from_counts(counts: Sequence[int]) -> float:
    """NPS from the 11 counts of answers 0 … 10: % promoters (9–10) − % detractors (0–6)."""
    n = _check(counts, 11, "NPS 0–10")
    return 100.0 * (sum(counts[9:]) - sum(counts[:7])) / n


def csat_from_counts(counts: Sequence[int], convention: CsatConvention = CsatConvention.TOP2_PERCENT) -> float:
    """CSAT from the 5 counts of answers 1 … 5: % of 4 and 5 answers, or the mean."""
    n = _check(counts, 5, "CSAT 1–5")
    if CsatConvention(convention) is CsatConvention.TOP2_PERCENT:
        return 100.0 * (counts[3] + counts[4]) / n
    return sum(score * c for score, c in enumerate(counts, start=1)) / n


def ces_from_counts(counts: Sequence[int], convention: CesConvention = CesConvention.MEAN) -> float:
    """CES from the 7 counts of answers 1 … 7: the mean, or % agreeing (5–7)."""
    n = _check(counts, 7, "CES 1–7")
    if CesConvention(convention) is CesConvention.AGREE_PERCENT:
        return 100.0 * sum(counts[4:]) / n
    return sum(score * c for score, c in enumerate(counts, start=1)) / n


# --- one measure, aggregated ------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """One metric's value with what it rests on.

    ``samples`` is the number of answers behind the value (the sum of the known sample
    sizes); ``unsized`` counts the values entered without a sample size, which were
    weighted 1; ``sources`` is how many cards contributed.
    """

    value: float
    samples: int
    unsized: int = 0
    sources: int = 1

    @property
    def weight(self) -> int:
        return self.samples + self.unsized


def weighted(measures: Iterable[Measure | None]) -> Measure | None:
    """Combine measures, each weighted by its sample size (1 when it has none)."""
    present = [m for m in measures if m is not None]
    if not present:
        return None
    total_weight = sum(m.weight for m in present)
    value = sum(m.value * m.weight for m in present) / total_weight
    return Measure(
        value=value,
        samples=sum(m.samples for m in present),
        unsized=sum(m.unsized for m in present),
        sources=sum(m.sources for m in present),
    )


@dataclass(frozen=True)
class MetricSet:
    nps: Measure | None = None
    csat: Measure | None = None
    ces: Measure | None = None

    @property
    def empty(self) -> bool:
        return self.nps is None and self.csat is None and self.ces is None


#: The valid range of an entered value under each convention.
CSAT_RANGE = {CsatConvention.TOP2_PERCENT: (0.0, 100.0), CsatConvention.MEAN: (1.0, 5.0)}
CES_RANGE = {CesConvention.MEAN: (1.0, 7.0), CesConvention.AGREE_PERCENT: (0.0, 100.0)}


def convention_labels(settings: AnalysisSettings) -> dict[str, str]:
    """How each measure is reported, for the heading of every metrics report."""
    return {
        "nps": "NPS: % promoters (9–10) − % detractors (0–6), −100 … +100",
        "csat": "CSAT: % of 4–5 answers on 1–5"
        if settings.csat is CsatConvention.TOP2_PERCENT
        else "CSAT: mean answer on 1–5",
        "ces": "CES: mean answer on 1–7"
        if settings.ces is CesConvention.MEAN
        else "CES: % agreeing (5–7) on 1–7",
    }


def _entered(value: float | None, size: int | None) -> Measure | None:
    if value is None:
        return None
    return Measure(value, size or 0, unsized=0 if size else 1)


def card_metrics(metrics: Metrics | None, settings: AnalysisSettings = DEFAULT_ANALYSIS) -> MetricSet:
    """One card's measures. A distribution wins over an entered value.

    Raises ``ValueError`` (naming the measure) when an entered CSAT or CES lies
    outside the range of the map's convention, e.g. a CES of 60 read as a 1–7 mean.
    """
    if metrics is None:
        return MetricSet()
    size = metrics.sample_size
    for name, value, ranges, convention in (
        ("CSAT", metrics.csat, CSAT_RANGE, settings.csat),
        ("CES", metrics.ces, CES_RANGE, settings.ces),
    ):
        low, high = ranges[convention]
        if value is not None and not low <= value <= high and getattr(metrics, f"{name.lower()}_answers") is None:
            raise ValueError(
                f"{name} {value:g} is outside {low:g} … {high:g}, the range of the map's "
                f"convention ({convention.value})"
            )
    nps = (
        Measure(nps_from_counts(metrics.nps_answers), sum(metrics.nps_answers))
        if metrics.nps_answers
        else _entered(metrics.nps, size)
    )
    csat = (
        Measure(csat_from_counts(metrics.csat_answers, settings.csat), sum(metrics.csat_answers))
        if metrics.csat_answers
        else _entered(metrics.csat, size)
    )
    ces = (
        Measure(ces_from_counts(metrics.ces_answers, settings.ces), sum(metrics.ces_answers))
        if metrics.ces_answers
        else _entered(metrics.ces, size)
    )
    return MetricSet(nps, csat, ces)


def combine(sets: Iterable[MetricSet]) -> MetricSet:
    sets = list(sets)
    return MetricSet(
        nps=weighted(s.nps for s in sets),
        csat=weighted(s.csat for s in sets),
        ces=weighted(s.ces for s in sets),
    )


@dataclass(frozen=True)
class MetricProblem:
    card_id: str
    title: str
    reason: str


@dataclass(frozen=True)
class MapMetrics:
    """Metrics per step (steps in map order), per stage, and for the whole map."""

    settings: AnalysisSettings
    steps: list[tuple[Stage, Step, MetricSet]]
    stages: list[tuple[Stage, MetricSet]]
    total: MetricSet
    problems: list[MetricProblem]


def map_metrics(doc: MapDocument) -> MapMetrics:
    """Aggregate every card's metrics per step, per stage and for the map.

    A card whose entered value does not fit the convention is left out and listed in
    ``problems`` (the report says so; it does not crash).
    """
    settings = doc.analysis
    per_step: dict[str, list[MetricSet]] = {}
    problems = []
    for card in doc.cards:
        if card.metrics is None or card.metrics.empty:
            continue
        try:
            per_step.setdefault(card.step, []).append(card_metrics(card.metrics, settings))
        except ValueError as exc:
            problems.append(MetricProblem(card.id, card.title, str(exc)))
    steps, stages = [], []
    for stage in doc.stages:
        step_sets = []
        for step in stage.steps:
            step_set = combine(per_step.get(step.id, []))
            steps.append((stage, step, step_set))
            step_sets.append(step_set)
        stages.append((stage, combine(step_sets)))
    return MapMetrics(settings, steps, stages, combine(s for _, s in stages), problems)


# --- personas --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MomentOfPain:
    step: Step
    score: int
    reason: str


@dataclass(frozen=True)
class PersonaMood:
    persona: Persona
    curve: Curve
    scored_steps: int  # steps with a point on the curve
    positive_steps: int  # of which above the scale's neutral point
    moments_of_pain: list[MomentOfPain]

    @property
    def happiness(self) -> float | None:
        """Share (0 … 1) of scored steps with a positive emotion; None without points."""
        return self.positive_steps / self.scored_steps if self.scored_steps else None


def moments_of_pain(points: Sequence[EmotionPoint], neutral: float, limit: int = 3) -> list[EmotionPoint]:
    """The curve's low points: local minima below neutral, lowest first, then by order.

    A local minimum is a point (or a run of equal points) lower than the points on
    either side of it; gaps are skipped, so the neighbours are the nearest points. Every
    step of a low run is listed: two steps in a row at the bottom of the scale are two
    moments a manager must see, and listing the run once would let a milder low
    elsewhere take the other's place. A curve that never drops below neutral has no
    moments of pain.
    """
    lows = []
    k = 0
    while k < len(points):
        end = k  # the last point of a plateau of equal scores starting at k
        while end + 1 < len(points) and points[end + 1].score == points[k].score:
            end += 1
        score = points[k].score
        before = points[k - 1].score if k > 0 else None
        after = points[end + 1].score if end + 1 < len(points) else None
        if score < neutral and (before is None or before > score) and (after is None or after > score):
            lows.extend((score, i, points[i]) for i in range(k, end + 1))
        k = end + 1
    return [p for _, _, p in sorted(lows)[:limit]]


def persona_mood(doc: MapDocument, persona: Persona, curve: Curve | str = Curve.AS_IS, limit: int = 3) -> PersonaMood:
    """The happiness share and the moments of pain of one persona's curve."""
    curve = Curve(curve)
    steps = {step.id: step for step in doc.steps()}
    order = {step_id: k for k, step_id in enumerate(steps)}
    # Points on steps that no longer exist are not part of the curve.
    points = sorted(
        (p for p in (persona.curve(curve) or []) if p.step in steps), key=lambda p: order[p.step]
    )
    neutral = doc.scale.neutral
    positive = sum(1 for p in points if p.score > neutral)
    pains = [MomentOfPain(steps[p.step], p.score, p.reason) for p in moments_of_pain(points, neutral, limit)]
    return PersonaMood(persona, curve, len(points), positive, pains)


def persona_moods(doc: MapDocument, limit: int = 3) -> list[PersonaMood]:
    """As-is (and to-be, when drawn) moods of every persona, in the map's order."""
    moods = []
    for persona in doc.personas:
        moods.append(persona_mood(doc, persona, Curve.AS_IS, limit))
        if persona.to_be is not None:
            moods.append(persona_mood(doc, persona, Curve.TO_BE, limit))
    return moods
