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
    p.set_defaults(func=run)


# --- the summary ---------------------------------------------------------------------------


def _name(text: str, fallback: str) -> str:
    return " ".join(text.split()) or fallback


def _words(value: str) -> str:
    return value.replace("_", " ")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(doc: MapDocument, path: Path | None = None) -> list[str]:
    """The lines ``cxmapper info`` prints."""
    from cxmapper.model.document import CardKind, KanoCategory

    lines = []
    head = [("Title", _name(doc.meta.title, "(untitled)"))]
    if path is not None:
        head.append(("File", str(path)))
    if doc.meta.description.strip():
        head.append(("Description", _name(doc.meta.description, "")))
    if doc.meta.authors:
        head.append(("Authors", ", ".join(doc.meta.authors)))
    head.append(("Locale", doc.meta.locale))
    head.append(("Emotion scale", f"{doc.scale.min} … {doc.scale.max}"))
    lines += table([(f"{label}:", value) for label, value in head], indent="")

    steps = doc.steps()
    lines.append("")
    lines.append(f"Stages ({len(doc.stages)}, {_plural(len(steps), 'step')}):")
    lines += table([
        (f"{i}.", _name(stage.name, "(unnamed)"), ", ".join(_name(s.name, "(unnamed)") for s in stage.steps))
        for i, stage in enumerate(doc.stages, 1)
    ])

    cards_per_lane = Counter(card.lane for card in doc.cards)
    lines.append("")
    lines.append(f"Lanes ({len(doc.lanes)}):")
    lines += table([
        (_name(lane.name, "(unnamed)"), _words(lane.kind.value), _plural(cards_per_lane[lane.id], "card"))
        for lane in doc.lanes
    ])

    by_kind = Counter(card.kind for card in doc.cards)
    lines.append("")
    lines.append(f"Cards by kind ({len(doc.cards)}):")
    lines += table([(_words(kind.value), str(by_kind[kind])) for kind in CardKind if by_kind[kind]])
    links_by_kind = Counter(link.kind.value for link in doc.links)
    lines.append(f"Links ({len(doc.links)}): " + (", ".join(f"{k} {n}" for k, n in sorted(links_by_kind.items())) or "none"))

    lines.append("")
    lines.append(f"Personas ({len(doc.personas)}):")
    lines += table([
        (
            _name(persona.name, "(unnamed)"),
            f"as-is {_plural(len(persona.as_is), 'point')}",
            f"to-be {_plural(len(persona.to_be), 'point')}" if persona.to_be is not None else "no to-be curve",
        )
        for persona in doc.personas
    ])

    pains = [card for card in doc.cards if card.kind is CardKind.PAIN_POINT]
    by_kano = Counter(card.kano for card in pains)
    lines.append("")
    lines.append(f"Pain points by Kano category ({len(pains)}):")
    rows = [(f"{k.value.replace('_', '-')} ({k.code})", str(by_kano[k])) for k in KanoCategory if by_kano[k]]
    if by_kano[None]:
        rows.append(("not categorised", str(by_kano[None])))
    lines += table(rows)
    return lines


def run(args) -> int:
    from cxmapper.cli.validate import emit, load_or_report

    doc = load_or_report(args.file)
    if doc is None:
        return EXIT_INVALID
    emit("\n".join(summary(doc, args.file)))
    return EXIT_OK
