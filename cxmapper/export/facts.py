"""Lookups and headline figures the exports share, computed once from a document.

This module owns where a card sits (stage, step, lane by id and name), the cover's
headline figures and display labels. It computes no formula of its own: the ranking
is ``cxmapper.model.priority.rank_pain_points``, metrics and moods are
``cxmapper.model.metrics`` — the exports call those directly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cxmapper.model.document import (
    KANO_KINDS,
    Card,
    CardKind,
    Curve,
    KanoCategory,
    Lane,
    MapDocument,
    Persona,
    Stage,
    Step,
)
from cxmapper.export.report_text import KANO_EN
from cxmapper.model.metrics import MapMetrics, Measure, PersonaMood, map_metrics, persona_mood

KANO_LABELS: dict[KanoCategory | None, str] = KANO_EN  # English; reports use ReportText.kano


@dataclass(frozen=True)
class Place:
    """Where a card sits: its stage, step and lane (None when the id is dangling)."""

    stage: Stage | None
    step: Step | None
    lane: Lane | None

    def names(self, *, lane: bool = False) -> str:
        """"Stage › step" (› lane), skipping what is missing or unnamed."""
        parts = [self.stage, self.step, self.lane if lane else None]
        return " › ".join(p.name for p in parts if p is not None and p.name)


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


def kano_of(card: Card) -> KanoCategory | None:
    return card.kano if card.kind in KANO_KINDS else None


@dataclass(frozen=True)
class Headline:
    stage_count: int
    step_count: int
    card_count: int
    pain_points_by_kano: dict[KanoCategory | None, int]
    metrics: MapMetrics
    moods: dict[str, PersonaMood]  # persona id -> as-is mood


def headline(doc: MapDocument, personas: list[Persona] | None = None) -> Headline:
    personas = doc.personas if personas is None else personas
    by_kano = Counter(c.kano for c in doc.cards if c.kind is CardKind.PAIN_POINT)
    return Headline(
        stage_count=len(doc.stages),
        step_count=len(doc.steps()),
        card_count=len(doc.cards),
        pain_points_by_kano={k: by_kano[k] for k in KANO_LABELS if by_kano.get(k)},
        metrics=map_metrics(doc),
        moods={p.id: persona_mood(doc, p, Curve.AS_IS) for p in personas},
    )


def measure_value(measure: Measure | None) -> float | None:
    return None if measure is None else measure.value
