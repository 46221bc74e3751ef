"""The flat JSON export: one denormalised object other programs read without our model.

This module owns the ``cxmapper-flat`` format (documented field by field in
``docs/EXPORTS.md``): every card carries its stage, step and lane by id *and* name, its
position, its Kano data and its priority rank; links carry both ends' titles; emotion
points carry their step and stage; metrics come per card and per stage.

It is an export, not a second file format: nothing reads it back into a map (the
canonical ``.cxmap`` does that). Bump :data:`FLAT_VERSION` when a field changes meaning
or disappears; adding a field is not a new version.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cxmapper.export import facts
from cxmapper.model.atomic import write_atomic
from cxmapper.model.document import KANO_KINDS, AnalysisSettings, Card, Curve, MapDocument, Metrics
from cxmapper.model.metrics import MetricSet, card_metrics, convention_labels, map_metrics, persona_mood
from cxmapper.model.priority import RankedPainPoint, rank_pain_points

FLAT_FORMAT = "cxmapper-flat"
FLAT_VERSION = 1


def _metric_set(ms: MetricSet) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("nps", "csat", "ces"):
        measure = getattr(ms, name)
        out[name] = measure.value if measure else None
        out[f"{name}_samples"] = measure.samples if measure else None
    return out


def _metrics(m: Metrics | None, settings: AnalysisSettings) -> dict[str, Any] | None:
    """A card's measures as computed by the model (an answer distribution wins)."""
    if m is None or m.empty:
        return None
    try:
        values = _metric_set(card_metrics(m, settings))
    except ValueError:  # an entered value outside the map's convention: report it as entered
        values = {"nps": m.nps, "csat": m.csat, "ces": m.ces}
    return {"nps": values["nps"], "csat": values["csat"], "ces": values["ces"], "sample_size": m.sample_size}


def _card(card: Card, index: facts.MapIndex, position: int, ranks: dict[str, RankedPainPoint]) -> dict[str, Any]:
    place = index.place(card)
    kano = card.kano if card.kind in KANO_KINDS else None
    ranked = ranks.get(card.id)
    return {
        "id": card.id,
        "kind": card.kind.value,
        "title": card.title,
        "description": card.description,
        "stage_id": place.stage.id if place.stage else None,
        "stage_name": place.stage.name if place.stage else None,
        "step_id": card.step,
        "step_name": place.step.name if place.step else None,
        "step_index": index.step_order.get(card.step),
        "lane_id": card.lane,
        "lane_name": place.lane.name if place.lane else None,
        "lane_kind": place.lane.kind.value if place.lane else None,
        "position_in_cell": position,
        "owner": card.owner,
        "tags": list(card.tags),
        "color": card.color,
        "evidence": card.evidence.value,
        "channel": card.channel.value if hasattr(card, "channel") else None,
        "fail_point": card.fail_point,
        "decision_point": card.decision_point,
        "wait_point": card.wait_point,
        "wait_minutes": card.wait_minutes,
        "kano": kano.value if kano else None,
        "kano_code": kano.code if kano else None,
        "severity": card.severity if card.kind in KANO_KINDS else None,
        "frequency": card.frequency if card.kind in KANO_KINDS else None,
        "priority_rank": ranked.rank if ranked else None,
        "priority_score": ranked.score if ranked else None,
        "metrics": _metrics(card.metrics, index.doc.analysis),
    }


def flat_dict(doc: MapDocument) -> dict[str, Any]:
    """The flat form of ``doc`` as plain JSON-ready Python values."""
    index = facts.MapIndex(doc)
    ranked = rank_pain_points(doc)
    ranks = {r.card.id: r for r in ranked}
    positions: dict[tuple[str, str], int] = {}
    cards = []
    for card in doc.cards:
        key = (card.lane, card.step)
        positions[key] = positions.get(key, -1) + 1
        cards.append(_card(card, index, positions[key], ranks))

    def title(card_id: str) -> str | None:
        card = index.cards.get(card_id)
        return card.title if card else None

    personas = []
    for persona in doc.personas:
        points = []
        for curve_name, curve in (("as_is", persona.as_is), ("to_be", persona.to_be or [])):
            for point in curve:
                stage = index.stage_of_step.get(point.step)
                step = index.steps.get(point.step)
                points.append({
                    "curve": curve_name,
                    "step_id": point.step,
                    "step_name": step.name if step else None,
                    "step_index": index.step_order.get(point.step),
                    "stage_id": stage.id if stage else None,
                    "stage_name": stage.name if stage else None,
                    "score": point.score,
                    "reason": point.reason,
                })
        personas.append({
            "id": persona.id,
            "name": persona.name,
            "description": persona.description,
            "color": persona.color,
            "positive_share": persona_mood(doc, persona, Curve.AS_IS).happiness,
            "emotions": points,
        })
    return {
        "format": FLAT_FORMAT,
        "version": FLAT_VERSION,
        "source": {"format": doc.format, "schema_version": doc.schema_version},
        "title": doc.meta.title,
        "description": doc.meta.description,
        "authors": list(doc.meta.authors),
        "locale": doc.meta.locale,
        "scale": {"min": doc.scale.min, "max": doc.scale.max, "neutral": doc.scale.neutral},
        "stages": [
            {
                "id": stage.id,
                "name": stage.name,
                "description": stage.description,
                "index": i,
                "steps": [
                    {"id": step.id, "name": step.name, "description": step.description, "index": index.step_order[step.id]}
                    for step in stage.steps
                ],
            }
            for i, stage in enumerate(doc.stages)
        ],
        "lanes": [
            {"id": lane.id, "name": lane.name, "kind": lane.kind.value, "index": i}
            for i, lane in enumerate(doc.lanes)
        ],
        "personas": personas,
        "cards": cards,
        "links": [
            {
                "id": link.id,
                "kind": link.kind.value,
                "source_id": link.source,
                "source_title": title(link.source),
                "target_id": link.target,
                "target_title": title(link.target),
                "label": link.label,
            }
            for link in doc.links
        ],
        "metric_conventions": convention_labels(doc.analysis),
        "stage_metrics": [
            {"stage_id": stage.id, "stage_name": stage.name, **_metric_set(ms)}
            for stage, ms in map_metrics(doc).stages
        ],
        "pain_points_ranked": [
            {"rank": r.rank, "card_id": r.card.id, "title": r.card.title, "score": r.score, "reasons": r.reasons}
            for r in ranked
        ],
    }


def flat_json(doc: MapDocument) -> str:
    return json.dumps(flat_dict(doc), ensure_ascii=False, indent=2) + "\n"


def export_flat_json(doc: MapDocument, path: str | os.PathLike) -> Path:
    """Write the flat JSON (UTF-8) to ``path``, whole or not at all."""
    return write_atomic(path, flat_json(doc).encode("utf-8"))
