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
    p.set_defaults(func=run)


def _measure(measure, fmt: str) -> str:
    if measure is None:
        return "-"
    note = f" n={measure.samples}" if measure.samples else ""
    if measure.unsized:
        note += f" (+{measure.unsized} without n)"
    return f"{measure.value:{fmt}}{note}"


def _metric_line(label: str, metric_set) -> str:
    return (
        f"{label}: NPS {_measure(metric_set.nps, '+.1f')} | "
        f"CSAT {_measure(metric_set.csat, '.1f')} | CES {_measure(metric_set.ces, '.2f')}"
    )


def report_lines(doc) -> list[str]:
    from cxmapper.model.metrics import convention_labels, map_metrics, persona_moods

    result = map_metrics(doc)
    labels = convention_labels(result.settings)
    lines = [f"CX metrics of {doc.meta.title!r}", *(f"  {text}" for text in labels.values())]
    lines.append("  aggregation: weighted by sample size (a value without one counts once)")
    lines.append("")
    lines.append("per step:")
    for stage, step, metric_set in result.steps:
        if not metric_set.empty:
            lines.append("  " + _metric_line(f"{stage.name or stage.id} / {step.name or step.id}", metric_set))
    lines.append("per stage:")
    for stage, metric_set in result.stages:
        if not metric_set.empty:
            lines.append("  " + _metric_line(stage.name or stage.id, metric_set))
    lines.append(_metric_line("whole map", result.total) if not result.total.empty else "whole map: no metrics")
    for problem in result.problems:
        lines.append(f"  left out: {problem.title or problem.card_id}: {problem.reason}")
    lines.append("")
    moods = persona_moods(doc)
    if not moods:
        lines.append("no personas")
    neutral = doc.scale.neutral
    for mood in moods:
        name = mood.persona.name or mood.persona.id
        curve = "as-is" if mood.curve.value == "as_is" else "to-be"
        if mood.happiness is None:
            lines.append(f"{name} ({curve}): no emotion points")
            continue
        lines.append(
            f"{name} ({curve}): {mood.happiness:.0%} of steps positive "
            f"({mood.positive_steps} of {mood.scored_steps} above neutral {neutral:g})"
        )
        for pain in mood.moments_of_pain:
            reason = f" — {pain.reason}" if pain.reason else ""
            lines.append(f"  moment of pain: {pain.step.name or pain.step.id} ({pain.score:+d}){reason}")
    return lines


def run(args) -> int:
    from cxmapper.cli.kano import map_files

    load_file, _, MapFileError = map_files()
    try:
        doc = load_file(args.file)
    except MapFileError as exc:
        print(f"cxmapper metrics: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print("\n".join(report_lines(doc)))
    return EXIT_OK
