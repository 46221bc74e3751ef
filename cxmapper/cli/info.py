"""``cxmapper info FILE``: a summary of one map, in aligned columns.

The terminal-table helpers (``display_width``, ``table``) live in ``_text.py``:
a Chinese character takes two columns in a terminal, so ``str.ljust`` misaligns any
table with CJK text; widths here follow Unicode's East Asian Width property.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from typing import TYPE_CHECKING

from cxmapper.cli import EXIT_INVALID, EXIT_OK
from cxmapper.cli._text import display_width, pad, table

if TYPE_CHECKING:  # the model is imported when the command runs, not at every start-up
    from cxmapper.model.document import MapDocument


def register(sub) -> None:
    p = sub.add_parser(
        "info",
        help="summarise a .cxmap file",
        description="Print the title, stages and steps, lanes, cards by kind, personas and pain points by Kano category.",
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--json", action="store_true", help="print one JSON document instead (docs/REPORTS-JSON.md)")
    p.set_defaults(func=run)


# --- the summary ---------------------------------------------------------------------------


def _name(text: str, fallback: str) -> str:
    return " ".join(text.split()) or fallback


def _words(value: str) -> str:
    return value.replace("_", " ")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def info_data(doc: MapDocument, path: Path | None = None) -> dict:
    """What ``info`` reports, as one JSON-ready structure (``--json`` prints it; the
    text lines are built from it by :func:`summary_lines`)."""
    from cxmapper.cli._report import envelope
    from cxmapper.model.document import CardKind, KanoCategory

    cards_per_lane = Counter(card.lane for card in doc.cards)
    by_kind = Counter(card.kind for card in doc.cards)
    pains = [card for card in doc.cards if card.kind is CardKind.PAIN_POINT]
    by_kano = Counter(card.kano for card in pains)
    return {
        **envelope("info", path),
        "title": doc.meta.title,
        "description": doc.meta.description,
        "authors": list(doc.meta.authors),
        "locale": doc.meta.locale,
        "scale": {"min": doc.scale.min, "max": doc.scale.max},
        "stages": [
            {"id": stage.id, "name": stage.name, "steps": [{"id": s.id, "name": s.name} for s in stage.steps]}
            for stage in doc.stages
        ],
        "step_count": len(doc.steps()),
        "lanes": [
            {"id": lane.id, "name": lane.name, "kind": lane.kind.value, "cards": cards_per_lane[lane.id]}
            for lane in doc.lanes
        ],
        "card_count": len(doc.cards),
        "cards_by_kind": {kind.value: by_kind[kind] for kind in CardKind if by_kind[kind]},
        "link_count": len(doc.links),
        "links_by_kind": dict(sorted(Counter(link.kind.value for link in doc.links).items())),
        "personas": [
            {
                "id": persona.id,
                "name": persona.name,
                "as_is_points": len(persona.as_is),
                "to_be_points": None if persona.to_be is None else len(persona.to_be),
            }
            for persona in doc.personas
        ],
        "pain_point_count": len(pains),
        "pain_points_by_kano": {k.value: by_kano[k] for k in KanoCategory if by_kano[k]},
        "pain_points_not_categorised": by_kano[None],
    }


def summary(doc: MapDocument, path: Path | None = None) -> list[str]:
    """The lines ``cxmapper info`` prints."""
    return summary_lines(info_data(doc, path))


def summary_lines(data: dict) -> list[str]:
    """The text of :func:`info_data`."""
    from cxmapper.model.document import KanoCategory

    lines = []
    head = [("Title", _name(data["title"], "(untitled)"))]
    if data["file"] is not None:
        head.append(("File", data["file"]))
    if data["description"].strip():
        head.append(("Description", _name(data["description"], "")))
    if data["authors"]:
        head.append(("Authors", ", ".join(data["authors"])))
    head.append(("Locale", data["locale"]))
    head.append(("Emotion scale", f"{data['scale']['min']} … {data['scale']['max']}"))
    lines += table([(f"{label}:", value) for label, value in head], indent="")

    lines.append("")
    lines.append(f"Stages ({len(data['stages'])}, {_plural(data['step_count'], 'step')}):")
    lines += table([
        (f"{i}.", _name(stage["name"], "(unnamed)"), ", ".join(_name(s["name"], "(unnamed)") for s in stage["steps"]))
        for i, stage in enumerate(data["stages"], 1)
    ])

    lines.append("")
    lines.append(f"Lanes ({len(data['lanes'])}):")
    lines += table([
        (_name(lane["name"], "(unnamed)"), _words(lane["kind"]), _plural(lane["cards"], "card"))
        for lane in data["lanes"]
    ])

    lines.append("")
    lines.append(f"Cards by kind ({data['card_count']}):")
    lines += table([(_words(kind), str(n)) for kind, n in data["cards_by_kind"].items()])
    links = data["links_by_kind"]
    lines.append(f"Links ({data['link_count']}): " + (", ".join(f"{k} {n}" for k, n in links.items()) or "none"))

    lines.append("")
    lines.append(f"Personas ({len(data['personas'])}):")
    lines += table([
        (
            _name(persona["name"], "(unnamed)"),
            f"as-is {_plural(persona['as_is_points'], 'point')}",
            f"to-be {_plural(persona['to_be_points'], 'point')}" if persona["to_be_points"] is not None else "no to-be curve",
        )
        for persona in data["personas"]
    ])

    lines.append("")
    lines.append(f"Pain points by Kano category ({data['pain_point_count']}):")
    rows = [
        (f"{k.replace('_', '-')} ({KanoCategory(k).code})", str(n)) for k, n in data["pain_points_by_kano"].items()
    ]
    if data["pain_points_not_categorised"]:
        rows.append(("not categorised", str(data["pain_points_not_categorised"])))
    lines += table(rows)
    return lines


def run(args) -> int:
    from cxmapper.cli.validate import emit, emit_json, load_or_report

    doc = load_or_report(args.file)
    if doc is None:
        return EXIT_INVALID
    data = info_data(doc, args.file)
    if args.json:
        emit_json(data)
    else:
        emit("\n".join(summary_lines(data)))
    return EXIT_OK
