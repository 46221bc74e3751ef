"""What to fix first: pain points ranked by Kano category, Worse, severity and frequency.

This module owns the priority formula (documented in ``docs/KANO.md``) and the
reasons a manager reads beside each rank. The PDF export and the window call
``rank_pain_points(doc)``; nothing here changes the document.

    score = 100 × kano_weight × worse_factor × (severity × frequency) / 25

- ``kano_weight``: must-be 1.0, one-dimensional 0.9, not classified 0.6,
  attractive 0.5, questionable 0.5, indifferent 0.3, reverse 0.3 — a missing
  must-be or one-dimensional quality dissatisfies, so those come first; an
  unclassified pain point sits in the middle so it is neither buried nor promoted.
- ``worse_factor``: 0.5 + |Worse| from the card's survey answers (0.5 … 1.5), or 1.0
  when no answers are known (the same as |Worse| = 0.5, i.e. no information).
- severity and frequency (1–5 each); an unrated one counts as 3, the middle, and the
  reasons say so.

The score runs from 0.6 (reverse, Worse 0, 1 × 1) to 150 (must-be, Worse −1, 5 × 5).
Equal scores are ordered by category (as in the weights), then |Worse|, then
severity, then the map's order.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmapper.model.document import (
    CardKind,
    KanoCategory,
    MapDocument,
    PainPointCard,
    Stage,
    Step,
    TouchpointCard,
)
from cxmapper.model.kano import analyse_survey

KANO_WEIGHT: dict[KanoCategory | None, float] = {
    KanoCategory.MUST_BE: 1.0,
    KanoCategory.ONE_DIMENSIONAL: 0.9,
    None: 0.6,
    KanoCategory.ATTRACTIVE: 0.5,
    KanoCategory.QUESTIONABLE: 0.5,
    KanoCategory.INDIFFERENT: 0.3,
    KanoCategory.REVERSE: 0.3,
}
_CATEGORY_RANK = {category: k for k, category in enumerate(KANO_WEIGHT)}
UNRATED = 3  # severity or frequency not given: the middle of 1–5

_KANO_REASON = {
    KanoCategory.MUST_BE: "must-be (M): customers take it for granted and are dissatisfied "
    "when it fails",
    KanoCategory.ONE_DIMENSIONAL: "one-dimensional (O): satisfaction rises and falls with how "
    "well it is done",
    KanoCategory.ATTRACTIVE: "attractive (A): fixing it delights, leaving it rarely "
    "dissatisfies",
    KanoCategory.INDIFFERENT: "indifferent (I): customers say it makes little difference",
    KanoCategory.REVERSE: "reverse (R): some customers prefer it absent",
    KanoCategory.QUESTIONABLE: "questionable (Q): the answers contradict each other; check "
    "the question",
    None: "no Kano category yet",
}


@dataclass(frozen=True)
class RankedPainPoint:
    rank: int  # 1 = fix first
    card: PainPointCard
    stage: Stage | None
    step: Step | None
    touchpoints: list[TouchpointCard]  # in the same step, or linked to the pain point
    kano: KanoCategory | None
    worse: float | None  # −1 … 0, from the card's survey answers
    severity: int | None
    frequency: int | None
    score: float
    reasons: list[str]  # in English, for the CLI, CSV and JSON
    reason_parts: tuple[Reason, ...] = ()  # the same reasons, structured (reports translate these)


def kano_weight(category: KanoCategory | None) -> float:
    return KANO_WEIGHT[category]


def worse_factor(worse: float | None) -> float:
    return 1.0 if worse is None else 0.5 + abs(worse)


def priority_score(
    category: KanoCategory | None, worse: float | None, severity: int | None, frequency: int | None
) -> float:
    """The formula of the module docstring, rounded to 0.1."""
    impact = (severity or UNRATED) * (frequency or UNRATED) / 25
    return round(100 * kano_weight(category) * worse_factor(worse) * impact, 1)


class _Touchpoints:
    """Touchpoints per step and per linked card, indexed once (maps reach 20,000 cards)."""

    def __init__(self, doc: MapDocument) -> None:
        self.order = {}
        self.by_step: dict[str, list[TouchpointCard]] = {}
        self.by_id: dict[str, TouchpointCard] = {}
        for k, card in enumerate(doc.cards):
            if card.kind is CardKind.TOUCHPOINT:
                self.order[card.id] = k
                self.by_step.setdefault(card.step, []).append(card)
                self.by_id[card.id] = card
        self.linked: dict[str, set[str]] = {}
        for link in doc.links:
            self.linked.setdefault(link.source, set()).add(link.target)
            self.linked.setdefault(link.target, set()).add(link.source)

    def of(self, card: PainPointCard) -> list[TouchpointCard]:
        found = {t.id: t for t in self.by_step.get(card.step, [])}
        for other in self.linked.get(card.id, ()):
            if other in self.by_id:
                found[other] = self.by_id[other]
        return sorted(found.values(), key=lambda t: self.order[t.id])


@dataclass(frozen=True)
class Reason:
    """One reason for a rank, structured so a report can say it in its own language.

    ``key`` names the template (``REASON_TEXT``), ``values`` fills it: ``category`` is a
    ``KanoCategory`` or None, numbers are plain numbers, ``severity``/``frequency`` None
    when not rated. ``str(reason)`` is the English sentence (``RankedPainPoint.reasons``).
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def get(self, name: str):
        return dict(self.values)[name]

    def __str__(self) -> str:
        return english_reason(self)


#: English templates of the reasons, by ``Reason.key`` (a report catalogue mirrors them).
REASON_TEXT = {
    "kano": "Kano: {kano_reason} — weight {weight:.1f}",
    "hand_set": "note: the survey answers point to {survey}, but the category was set by hand",
    "no_worse": "Worse: no survey answers, factor 1.0",
    "worse": "Worse {worse:.2f}: {dissatisfied} of {clear} respondents with a clear answer (A/O/M/I) "
    "are dissatisfied when it is not fixed — factor {factor:.2f}",
    "impact": "severity {severity} × frequency {frequency} = {impact} of 25",
    "score": "score {score:g} = 100 × weight × Worse factor × {impact}/25",
}


def english_reason(reason: Reason) -> str:
    values = dict(reason.values)
    if reason.key == "kano":
        values["kano_reason"] = _KANO_REASON[values["category"]]
    elif reason.key == "hand_set":
        values["survey"] = values["survey"].value.replace("_", "-")
    elif reason.key == "impact":
        for name in ("severity", "frequency"):
            if values[name] is None:
                values[name] = f"{UNRATED} (not rated)"
    return REASON_TEXT[reason.key].format(**values)


def _reason_parts(card, category, analysis, worse, score) -> tuple[Reason, ...]:
    parts = [Reason("kano", (("category", category), ("weight", kano_weight(category))))]
    if analysis is not None and analysis.category not in (None, category):
        parts.append(Reason("hand_set", (("survey", analysis.category),)))
    if worse is None:
        parts.append(Reason("no_worse"))
    else:
        c = analysis.counts
        parts.append(Reason("worse", (
            ("worse", worse), ("dissatisfied", c.o + c.m), ("clear", c.a + c.o + c.m + c.i),
            ("factor", worse_factor(worse)),
        )))
    impact = (card.severity or UNRATED) * (card.frequency or UNRATED)
    parts.append(Reason("impact", (("severity", card.severity), ("frequency", card.frequency), ("impact", impact))))
    parts.append(Reason("score", (("score", score), ("impact", impact))))
    return tuple(parts)


def rank_pain_points(doc: MapDocument) -> list[RankedPainPoint]:
    """Every pain point of the map, most urgent first, with the reasons for its place."""
    step_of = {step.id: step for step in doc.steps()}
    stage_of = doc.stage_of_step()
    settings = doc.analysis
    touchpoints = _Touchpoints(doc)
    rows = []
    for order, card in enumerate(doc.cards):
        if card.kind is not CardKind.PAIN_POINT:
            continue
        analysis = None
        if card.kano_survey is not None:
            analysis = analyse_survey(card.kano_survey, settings.kano_table, settings.kano_rule)
            if analysis.counts.n == 0:
                analysis = None
        worse = analysis.worse if analysis is not None else None
        score = priority_score(card.kano, worse, card.severity, card.frequency)
        key = (
            -score,
            _CATEGORY_RANK[card.kano],
            -(abs(worse) if worse is not None else 0.5),
            -(card.severity or UNRATED),
            order,
        )
        rows.append((key, card, analysis, worse, score))
    rows.sort(key=lambda row: row[0])
    ranked = []
    for rank, (_, card, analysis, worse, score) in enumerate(rows, start=1):
        parts = _reason_parts(card, card.kano, analysis, worse, score)
        ranked.append(RankedPainPoint(
            rank=rank,
            card=card,
            stage=stage_of.get(card.step),
            step=step_of.get(card.step),
            touchpoints=touchpoints.of(card),
            kano=card.kano,
            worse=worse,
            severity=card.severity,
            frequency=card.frequency,
            score=score,
            reasons=[str(r) for r in parts],
            reason_parts=parts,
        ))
    return ranked
