"""``cxmapper check FILE``: what the map's graph says a facilitator should look at.

Prints the findings of ``cxmapper.model.graph.findings`` grouped as warnings and
notes, each with its stable code and the card titles. Exit codes: 0 when the file
is valid (warnings or not), 1 when it is invalid, and with ``--strict`` also 1 when
there is any warning, so a script or CI job can insist on a clean map.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cxmapper.cli import EXIT_INVALID, EXIT_OK

if TYPE_CHECKING:  # networkx is imported when the command runs, not at every start-up
    from cxmapper.model.graph import Finding


def register(sub) -> None:
    p = sub.add_parser(
        "check",
        help="list what the map's links say needs attention",
        description=(
            "Print warnings (flow cycles, orphan cards, customer actions with no frontstage response) "
            "and notes (handoffs, the chain behind each pain point, the stage with most pain points "
            "and the one with the lowest emotion)."
        ),
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    p.set_defaults(func=run)


def report(path: Path, found: list[Finding]) -> list[str]:
    """The lines ``check`` prints: a count line, then warnings, then notes."""
    warnings = [f for f in found if f.level == "warning"]
    notes = [f for f in found if f.level == "note"]
    if not found:
        return [f"{path}: no findings"]
    lines = [f"{path}: {len(warnings)} warning{'s' * (len(warnings) != 1)}, {len(notes)} note{'s' * (len(notes) != 1)}"]
    for heading, group in (("Warnings", warnings), ("Notes", notes)):
        if group:
            lines.append("")
            lines.append(f"{heading}:")
            lines += [f"  [{f.code}] {f.message}" for f in group]
    return lines


def run(args) -> int:
    from cxmapper.cli.validate import emit, load_or_report
    from cxmapper.model.graph import findings

    doc = load_or_report(args.file)
    if doc is None:
        return EXIT_INVALID
    found = findings(doc)
    emit("\n".join(report(args.file, found)))
    if args.strict and any(f.level == "warning" for f in found):
        return EXIT_INVALID
    return EXIT_OK
