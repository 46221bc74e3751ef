"""Mermaid import and export at 1× and 10× their size: linear paths grow ~10×.

The export scanned every card for every step (16 s at 10,000 steps × 10,000 cards);
one task line of 100 KB made the old task pattern backtrack for a minute. Each row
times the 10× input against the 1× input in the same run (interleaved, minimum of
``repeat``): the ratio is the growth, ~10 for a linear path, ~100 for a quadratic one.
"""

from __future__ import annotations

from bench.timing import Result, interleaved_min
from cxmapper.export.mermaid import from_mermaid, to_mermaid
from cxmapper.model.document import CardKind, Lane, LaneKind, MapDocument, MapMeta, Stage, Step, make_card

#: Growth of a path whose input grew 10×: linear is ~10, quadratic ~100.
GROWTH_TARGET = 15.0


def _map(steps: int) -> MapDocument:
    lane = Lane(name="Touchpoints", kind=LaneKind.TOUCHPOINTS)
    stages, cards = [], []
    for s in range(0, steps, 1000):
        chunk = [Step(name=f"step {i}") for i in range(s, min(steps, s + 1000))]
        stages.append(Stage(name=f"stage {s // 1000}", steps=chunk))
        cards += [make_card(CardKind.TOUCHPOINT, lane=lane.id, step=st.id, title=st.name) for st in chunk]
    doc = MapDocument(meta=MapMeta(title="scaling"))
    doc.stages, doc.lanes, doc.cards = stages, [lane], cards
    return doc


def _journey(tasks: int) -> str:
    lines = ["journey", "  title scaling"]
    for t in range(tasks):
        if t % 1000 == 0:
            lines.append(f"  section S{t // 1000}")
        lines.append(f"    task {t}: {1 + t % 5}: Ann, Bob")
    return "\n".join(lines) + "\n"


def _row(name: str, size: int, big: float, small: float, repeat: int) -> Result:
    growth = big / small if small else None
    return Result(
        group="mermaid",
        name=name,
        size=size,
        figure=big * 1000,
        baseline=small * 1000,
        baseline_name=f"the same at {size // 10:,}",
        target=f"≤ {GROWTH_TARGET:g}× (10× input)",
        passed=None if growth is None else growth <= GROWTH_TARGET,
        how=f"min of {repeat}, interleaved",
    )


def measure(repeat: int = 3) -> list[Result]:
    rows = []
    small, big = _map(1000), _map(10_000)
    b, s = interleaved_min(lambda: to_mermaid(big), lambda: to_mermaid(small), repeat)
    rows.append(_row("Mermaid export, 10,000 steps and cards", 10_000, b, s, repeat))
    small_text, big_text = _journey(1000), _journey(10_000)
    b, s = interleaved_min(lambda: from_mermaid(big_text), lambda: from_mermaid(small_text), repeat)
    rows.append(_row("Mermaid import, 10,000 tasks", 10_000, b, s, repeat))
    short = "journey\n  section S\n    " + "a" * 10_000 + ": 3: " + "b," * 2_000 + "\n"
    long = "journey\n  section S\n    " + "a" * 100_000 + ": 3: " + "b," * 20_000 + "\n"
    b, s = interleaved_min(lambda: from_mermaid(long), lambda: from_mermaid(short), repeat)
    rows.append(_row("Mermaid import, one 100 KB task line", 100_000, b, s, repeat))
    return rows
