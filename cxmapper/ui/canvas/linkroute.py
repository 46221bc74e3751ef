"""Where a link runs: orthogonal routes along the grid's gutters, never across a card.

Cards sit inside their cell with ``cell_padding`` all round, so the grid has free
channels: a vertical gutter on every column line and a horizontal one in the top and
bottom padding of every row. A link leaves its source card from the side facing the
target (the right side when both are in one column), runs down or up its gutter,
along the padding of the target's row when it must cross columns, up or down the
target's gutter and into the target's side. The text of the cards in between is
never crossed, and a link from a touchpoint at the top to a pain point at the bottom
reads as a bracket down the column line instead of a diagonal over every lane.

Plain floats (no Qt): ``Box`` is (left, top, right, bottom); a route is a list of
points, the last one the arrow's tip on the target's edge.

Trap: links of different kinds that share a gutter are offset by a few units
(``KIND_OFFSET``) so that they stay apart; the offset must stay below half the cell
padding or a link would touch a card.
"""

from __future__ import annotations

from typing import NamedTuple


class Box(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


Point = tuple[float, float]

#: A link kind's place in a shared gutter, in units of the cell padding (kept < 0.5).
KIND_OFFSET = {"flow": 0.0, "supports": -0.3, "causes": 0.3, "addresses": -0.15}


def route(
    source: Box,
    target: Box,
    source_column: tuple[float, float],
    target_column: tuple[float, float],
    target_row: tuple[float, float],
    padding: float,
    kind: str = "flow",
) -> list[Point]:
    """The route of a link from ``source`` to ``target`` (scene coordinates).

    ``*_column`` are (left, right) of the cards' columns, ``target_row`` (top, bottom)
    of the target's lane row; ``padding`` is the layout's cell padding.
    """
    off = KIND_OFFSET.get(kind, 0.0) * padding
    sy, ty = source.cy, target.cy
    if source_column == target_column:
        # One column: a bracket down (or up) the column's right-hand gutter.
        gx = source_column[1] + off
        return _clean([(source.right, sy), (gx, sy), (gx, ty), (target.right, ty)])
    rightward = target_column[0] >= source_column[1]
    if rightward:
        start, exit_x, entry_x, end = source.right, source_column[1] + off, target_column[0] + off, target.left
    else:
        start, exit_x, entry_x, end = source.left, source_column[0] + off, target_column[1] + off, target.right
    if exit_x == entry_x:
        # Neighbouring columns: one shared gutter.
        return _clean([(start, sy), (exit_x, sy), (exit_x, ty), (end, ty)])
    # Columns apart: along the padding of the target's row on the side facing the
    # source (its top when the source is higher up), where no card reaches.
    if sy <= target_row[0]:
        channel = target_row[0] + padding / 2 + off
    elif sy >= target_row[1]:
        channel = target_row[1] - padding / 2 + off
    elif sy - target_row[0] <= target_row[1] - sy:
        channel = target_row[0] + padding / 2 + off
    else:
        channel = target_row[1] - padding / 2 + off
    return _clean([(start, sy), (exit_x, sy), (exit_x, channel), (entry_x, channel), (entry_x, ty), (end, ty)])


def _clean(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three points in one straight line."""
    out: list[Point] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 1e-9 and abs(p[1] - out[-1][1]) < 1e-9:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < 1e-9 and abs(b[0] - p[0]) < 1e-9) or (
                abs(a[1] - b[1]) < 1e-9 and abs(b[1] - p[1]) < 1e-9
            ):
                out[-1] = p
                continue
        out.append(p)
    return out
