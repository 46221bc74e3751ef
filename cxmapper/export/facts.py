"""The facts every export reports, computed once from a document.

This module owns the read-only views the PDF, the flat JSON and the CSV share: where a
card sits (stage, step, lane by name), the ranked pain points, metrics per stage, the
headline figures of the cover. Ranking and metric aggregation belong to the model
(``cxmapper.model.priority`` / ``cxmapper.model.metrics``); :func:`ranked_pain_points`
and :func:`stage_metrics` are the single places that call them, so an export never
grows a second formula.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cxmapper.model.document import (
    KANO_KINDS,
    Card,
    CardKind,
    KanoCategory,
    Lane,
    MapDocument,
    Metrics,
    Persona,
    Stage,
    Step,
)

KANO_LABELS: dict[KanoCategory | None, str] = {
    KanoCategory.MUST_BE: "Must-be",
    KanoCategory.ONE_DIMENSIONAL: "One-dimensional",
    KanoCategory.ATTRACTIVE: "Attractive",
    KanoCategory.INDIFFERENT: "Indifferent",
    KanoCategory.REVERSE: "Reverse",
    KanoCategory.QUESTIONABLE: "Questionable",
    None: "Not categorised",
}


@dataclass(frozen=True)
class Place:
    """Where a card sits: its stage, step and lane (None when the id is dangling)."""

    stage: Stage | None
    step: Step | None
    lane: Lane | None


class MapIndex:
    """Id lookups over one document, built once (the document's helpers are O(n))."""

    def __init__(self, doc: MapDocument):
        self.doc = doc
        self.stage_of_step = doc.stage_of_step()
        self.steps = {s.id: s for s in doc.steps()}
        self.step_order = {s.id: i for i, s in enumerate(doc.steps())}
        self.lanes = {lane.id: lane for lane in doc.lanes}
        self.cards = {c.id: c for c in doc.cards}

    def place(self, card: Card) -> Place:
        return Place(
            self.stage_of_step.get(card.step), self.steps.get(card.step), self.lanes.get(card.lane)
        )

    def touchpoints_of(self, card: Card) -> list[Card]:
        """The touchpoints a card belongs to: linked ones, else those in its step."""
        linked = []
        for link in self.doc.links:
            other = (
                link.source if link.target == card.id else link.target if link.source == card.id else None
            )
            if other is not None and other in self.cards and self.cards[other].kind is CardKind.TOUCHPOINT:
                linked.append(self.cards[other])
        if linked:
            return linked
        return [c for c in self.doc.cards if c.kind is CardKind.TOUCHPOINT and c.step == card.step]


@dataclass(frozen=True)
class RankedPainPoint:
    """Field names as in ``cxmapper.model.priority.RankedPainPoint`` (swap target)."""

    rank: int
    card: Card
    stage: Stage | None
    step: Step | None
    touchpoints: list[Card]
    kano: KanoCategory | None
    severity: int | None
    frequency: int | None
    score: float
    reasons: list[str]


# Interim ordering until cxmapper.model.priority lands: Kano weight x severity x frequency.
_KANO_WEIGHT = {
    KanoCategory.MUST_BE: 3.0,
    KanoCategory.ONE_DIMENSIONAL: 2.0,
    KanoCategory.ATTRACTIVE: 1.0,
    KanoCategory.INDIFFERENT: 0.5,
    KanoCategory.REVERSE: 0.5,
    KanoCategory.QUESTIONABLE: 0.5,
    None: 1.0,
}


def _score(card: Card) -> float:
    return _KANO_WEIGHT[card.kano] * (card.severity or 3) * (card.frequency or 3)


def ranked_pain_points(doc: MapDocument, index: MapIndex | None = None) -> list[RankedPainPoint]:
    """Pain points, most urgent first (rank 1 is what to fix first)."""
    index = index or MapIndex(doc)
    pains = [c for c in doc.cards if c.kind is CardKind.PAIN_POINT]
    order = sorted(pains, key=lambda c: (-_score(c), index.step_order.get(c.step, 1 << 30)))
    return [
        RankedPainPoint(
            rank=i,
            card=c,
            stage=index.stage_of_step.get(c.step),
            step=index.steps.get(c.step),
            touchpoints=index.touchpoints_of(c),
            kano=c.kano,
            severity=c.severity,
            frequency=c.frequency,
            score=_score(c),
            reasons=[],
        )
        for i, c in enumerate(order, start=1)
    ]


@dataclass(frozen=True)
class StageMetrics:
    stage: Stage
    metrics: Metrics | None
    sources: int  # how many cards carried a metric


def _weighted(values: list[tuple[float, int | None]]) -> float | None:
    if not values:
        return None
    total_weight = sum(w or 1 for _, w in values)
    return sum(v * (w or 1) for v, w in values) / total_weight


def _aggregate(carried: list[Metrics]) -> Metrics | None:
    """Mean of each measure over the cards that carry it, weighted by sample size."""
    if not carried:
        return None
    fields = {
        name: _weighted(
            [(getattr(m, name), m.sample_size) for m in carried if getattr(m, name) is not None]
        )
        for name in ("nps", "csat", "ces")
    }
    sizes = [m.sample_size for m in carried if m.sample_size]
    return Metrics(**fields, sample_size=sum(sizes) or None)


def _carried(doc: MapDocument, step_ids: set[str] | None = None) -> list[Metrics]:
    return [
        c.metrics
        for c in doc.cards
        if c.metrics is not None and not c.metrics.empty and (step_ids is None or c.step in step_ids)
    ]


def stage_metrics(doc: MapDocument) -> list[StageMetrics]:
    """NPS/CSAT/CES per stage, each weighted by sample size (1 when unknown)."""
    out = []
    for stage in doc.stages:
        carried = _carried(doc, {s.id for s in stage.steps})
        out.append(StageMetrics(stage, _aggregate(carried), len(carried)))
    return out


def positive_share(doc: MapDocument, persona: Persona) -> float | None:
    """Share of the persona's as-is points above the scale's neutral (None: no points)."""
    steps = set(doc.stage_of_step())
    points = [p for p in persona.as_is if p.step in steps]
    if not points:
        return None
    return sum(p.score > doc.scale.neutral for p in points) / len(points)


@dataclass(frozen=True)
class Headline:
    stage_count: int
    step_count: int
    card_count: int
    pain_points_by_kano: dict[KanoCategory | None, int]
    map_metrics: Metrics | None
    positive_share: dict[str, float | None]  # persona id -> share


def headline(doc: MapDocument, personas: list[Persona] | None = None) -> Headline:
    personas = doc.personas if personas is None else personas
    by_kano = Counter(c.kano for c in doc.cards if c.kind is CardKind.PAIN_POINT)
    return Headline(
        stage_count=len(doc.stages),
        step_count=len(doc.steps()),
        card_count=len(doc.cards),
        pain_points_by_kano={k: by_kano[k] for k in KANO_LABELS if by_kano.get(k)},
        map_metrics=_aggregate(_carried(doc)),
        positive_share={p.id: positive_share(doc, p) for p in personas},
    )


def kano_of(card: Card) -> KanoCategory | None:
    return card.kano if card.kind in KANO_KINDS else None
