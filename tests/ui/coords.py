"""Comparing coordinates of two scenes (an edited one and a fresh build)."""

from __future__ import annotations


class Near(float):
    """A coordinate that equals another within 1e-6: an item translated after an edit
    and the same item built in place differ by float noise (~1e-12), which rounding to
    a fixed number of digits can tip over a digit (29.587 against 29.588)."""

    def __eq__(self, other) -> bool:
        return isinstance(other, (int, float)) and abs(float(self) - float(other)) < 1e-6

    __hash__ = float.__hash__

    def __repr__(self) -> str:
        return f"{float(self):.3f}"


def near(*values: float) -> tuple[Near, ...]:
    return tuple(Near(v) for v in values)
