"""``cxmapper check FILE``: what the map's graph says a facilitator should look at.

Prints the findings of ``cxmapper.model.graph.findings`` grouped as warnings and
notes, each with its stable code and the card titles. Exit codes: 0 when the file
is valid (warnings or not), 1 when it is invalid, and with ``--strict`` also 1 when
there is any warning, so a script or CI job can insist on a clean map.

Past a sensible length the output is summarised: at most ``PER_CODE`` findings of
each code, and each finding names at most ``graph.NAMES_SHOWN`` cards (a pain
point's chain: the nearest ones); the counts stay exact and a line says how many
were left out. ``--all`` lists everything. ``--json`` prints one JSON document with
every finding (docs/REPORTS-JSON.md), built from the same data as the text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from cxmapper.cli import EXIT_INVALID, EXIT_OK

if TYPE_CHECKING:  # networkx is imported when the command runs, not at every start-up
    from cxmapper.model.graph import Finding

#: Findings of one code printed before the rest is summarised (``--all``: all of them).
PER_CODE = 100


def register(sub) -> None:
    p = sub.add_parser(
        "check",
        help="list what the map's links say needs attention",
        description=(
            "Print warnings (flow cycles, orphan cards, customer actions with no frontstage response) "
            "and notes (handoffs, the chain behind each pain point, the stage with most pain points "
            "and the one with the lowest emotion). Long output is summarised; --all lists everything."
        ),
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    p.add_argument("--all", action="store_true", help=f"list every finding (not only {PER_CODE} of each kind) and every card of each")
    p.add_argument("--json", action="store_true", help="print one JSON document instead (docs/REPORTS-JSON.md)")
    p.set_defaults(func=run)


def check_data(path: Path | None, found: list[Finding], *, everything: bool = False) -> dict:
    """What ``check`` reports, as one JSON-ready structure (the text is built from it)."""
    from cxmapper.cli._report import envelope

    return {
        **envelope("check", path),
        "all": everything,
        "warnings": sum(f.level == "warning" for f in found),
        "notes": sum(f.level == "note" for f in found),
        "by_code": dict(Counter(f.code for f in found)),
        "findings": [
            {
                "level": f.level,
                "code": f.code,
                "message": f.message,
                "card_ids": list(f.card_ids),
                "link_ids": list(f.link_ids),
                "complete": f.complete,
            }
            for f in found
        ],
    }


def check_lines(data: dict) -> list[str]:
    """The text of :func:`check_data`: a count line, then warnings, then notes;
    past ``PER_CODE`` findings of a code (unless ``all``), one line says how many more."""
    path = data["file"]
    warnings, notes = data["warnings"], data["notes"]
    if not data["findings"]:
        return [f"{path}: no findings"]
    lines = [f"{path}: {warnings} warning{'s' * (warnings != 1)}, {notes} note{'s' * (notes != 1)}"]
    cut = False
    for level, heading in (("warning", "Warnings"), ("note", "Notes")):
        group = [f for f in data["findings"] if f["level"] == level]
        if not group:
            continue
        lines.append("")
        lines.append(f"{heading}:")
        shown: Counter = Counter()
        for f in group:
            shown[f["code"]] += 1
            if data["all"] or shown[f["code"]] <= PER_CODE:
                lines.append(f"  [{f['code']}] {f['message']}")
        for code, count in shown.items():
            if not data["all"] and count > PER_CODE:
                lines.append(f"  [{code}] … and {count - PER_CODE} more")
                cut = True
    cut = cut or any(not f["complete"] for f in data["findings"])
    if cut:
        lines.append("")
        lines.append("(summarised: cxmapper check --all lists every finding and every card)")
    return lines


def report(path: Path, found: list[Finding], *, everything: bool = False) -> list[str]:
    """The lines ``check`` prints: a count line, then warnings, then notes."""
    return check_lines(check_data(path, found, everything=everything))


def run(args) -> int:
    from cxmapper.cli.validate import emit, emit_json, load_or_report
    from cxmapper.model.graph import findings

    doc = load_or_report(args.file)
    if doc is None:
        return EXIT_INVALID
    found = findings(doc, names=None) if args.all else findings(doc)
    data = check_data(args.file, found, everything=args.all)
    if args.json:
        emit_json(data)
    else:
        emit("\n".join(check_lines(data)))
    if args.strict and any(f.level == "warning" for f in found):
        return EXIT_INVALID
    return EXIT_OK
