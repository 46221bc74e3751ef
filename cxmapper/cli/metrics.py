"""``cxmapper metrics FILE``: NPS, CSAT and CES per step, stage and map; moods per persona.

Prints the conventions in use first (they are the map's analysis settings), then one
line per step with metrics, per stage and for the whole map, each value with its
sample size; then per persona the share of steps with a positive emotion and the
moments of pain with their steps. Exit 0, or 1 when the map cannot be read.
"""

from __future__ import annotations

import sys

from cxmapper.cli import EXIT_INVALID, EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("metrics", help="print NPS/CSAT/CES per step, stage and map, and persona moods")
    p.add_argument("file", help="the .cxmap file")
    p.add_argument("--json", action="store_true", help="print one JSON document instead (docs/REPORTS-JSON.md)")
    p.set_defaults(func=run)


def _measure_data(measure) -> dict | None:
    if measure is None:
        return None
    return {"value": measure.value, "samples": measure.samples, "unsized": measure.unsized, "sources": measure.sources}


def _set_data(metric_set) -> dict:
    return {name: _measure_data(getattr(metric_set, name)) for name in ("nps", "csat", "ces")}


def metrics_data(doc, path=None) -> dict:
    """What ``metrics`` reports, as one JSON-ready structure (the text is built from it)."""
    from cxmapper.cli._report import envelope
    from cxmapper.model.metrics import convention_labels, map_metrics, persona_moods

    result = map_metrics(doc)
    settings = result.settings
    return {
        **envelope("metrics", path),
        "title": doc.meta.title,
        "conventions": {
            "csat": settings.csat.value,
            "ces": settings.ces.value,
            "labels": convention_labels(settings),
            "aggregation": "weighted by sample size (a value without one counts once)",
        },
        "steps": [
            {"stage_id": stage.id, "stage": stage.name, "step_id": step.id, "step": step.name, **_set_data(metric_set)}
            for stage, step, metric_set in result.steps
            if not metric_set.empty
        ],
        "stages": [
            {"stage_id": stage.id, "stage": stage.name, **_set_data(metric_set)}
            for stage, metric_set in result.stages
            if not metric_set.empty
        ],
        "total": None if result.total.empty else _set_data(result.total),
        "left_out": [
            {"card_id": problem.card_id, "title": problem.title, "reason": problem.reason} for problem in result.problems
        ],
        "scale": {"min": doc.scale.min, "max": doc.scale.max, "neutral": doc.scale.neutral},
        "personas": [
            {
                "persona_id": mood.persona.id,
                "persona": mood.persona.name,
                "curve": mood.curve.value,
                "scored_steps": mood.scored_steps,
                "positive_steps": mood.positive_steps,
                "happiness": mood.happiness,
                "moments_of_pain": [
                    {"step_id": pain.step.id, "step": pain.step.name, "score": pain.score, "reason": pain.reason}
                    for pain in mood.moments_of_pain
                ],
            }
            for mood in persona_moods(doc)
        ],
    }


def _measure(measure: dict | None, fmt: str) -> str:
    if measure is None:
        return "-"
    note = f" n={measure['samples']}" if measure["samples"] else ""
    if measure["unsized"]:
        note += f" (+{measure['unsized']} without n)"
    return f"{measure['value']:{fmt}}{note}"


def _metric_line(label: str, metric_set: dict) -> str:
    return (
        f"{label}: NPS {_measure(metric_set['nps'], '+.1f')} | "
        f"CSAT {_measure(metric_set['csat'], '.1f')} | CES {_measure(metric_set['ces'], '.2f')}"
    )


def report_lines(doc) -> list[str]:
    return metrics_lines(metrics_data(doc))


def metrics_lines(data: dict) -> list[str]:
    """The text of :func:`metrics_data`."""
    conventions = data["conventions"]
    lines = [f"CX metrics of {data['title']!r}", *(f"  {text}" for text in conventions["labels"].values())]
    lines.append(f"  aggregation: {conventions['aggregation']}")
    lines.append("")
    lines.append("per step:")
    for row in data["steps"]:
        lines.append("  " + _metric_line(f"{row['stage'] or row['stage_id']} / {row['step'] or row['step_id']}", row))
    lines.append("per stage:")
    for row in data["stages"]:
        lines.append("  " + _metric_line(row["stage"] or row["stage_id"], row))
    lines.append(_metric_line("whole map", data["total"]) if data["total"] else "whole map: no metrics")
    for problem in data["left_out"]:
        lines.append(f"  left out: {problem['title'] or problem['card_id']}: {problem['reason']}")
    lines.append("")
    if not data["personas"]:
        lines.append("no personas")
    neutral = data["scale"]["neutral"]
    for mood in data["personas"]:
        name = mood["persona"] or mood["persona_id"]
        curve = "as-is" if mood["curve"] == "as_is" else "to-be"
        if mood["happiness"] is None:
            lines.append(f"{name} ({curve}): no emotion points")
            continue
        lines.append(
            f"{name} ({curve}): {mood['happiness']:.0%} of steps positive "
            f"({mood['positive_steps']} of {mood['scored_steps']} above neutral {neutral:g})"
        )
        for pain in mood["moments_of_pain"]:
            reason = f" — {pain['reason']}" if pain["reason"] else ""
            lines.append(f"  moment of pain: {pain['step'] or pain['step_id']} ({pain['score']:+d}){reason}")
    return lines


def run(args) -> int:
    from cxmapper.cli.kano import map_files
    from cxmapper.cli.validate import emit, emit_json

    load_file, _, MapFileError = map_files()
    try:
        doc = load_file(args.file)
    except MapFileError as exc:
        emit(f"cxmapper metrics: {exc}", sys.stderr)
        return EXIT_INVALID
    data = metrics_data(doc, args.file)
    if args.json:
        emit_json(data)
    else:
        emit("\n".join(metrics_lines(data)))
    return EXIT_OK
