"""How an emotion score is written on the canvas: the rule the pictures and the PDF
use too (``export.pdf_blueprint``: signed only on a scale that has negative scores).

On a -2 … +2 scale the numbers read "−2 … 0 … +2"; on a 1 … 5 scale they read
"1 … 5": a "+1" there would say the worst score is a good one (issue 17, point 8).
"""

from __future__ import annotations

MINUS = "\u2212"  # a real minus sign, as wide as the plus


def score_label(score: int, signed: bool) -> str:
    """``score`` as the axis shows it; ``signed``: the scale has negative scores."""
    if not signed:
        return str(score)
    if score == 0:
        return "0"
    return f"{score:+d}".replace("-", MINUS)


def scale_is_signed(scores) -> bool:
    """Whether a scale with these scores (its levels) is written with signs."""
    return min(scores, default=0) < 0
