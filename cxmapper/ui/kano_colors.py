"""The Kano category colours of the window: one table for the canvas badges and the Kano panel.

The hex values are the canvas's badge colours (``cxmapper/ui/canvas/style.py``), so a
category looks the same on a card and in the panel; text on them is white. The charts
of ``export/kano_charts.py`` keep their own, lighter palette for paper.
"""

from __future__ import annotations

from cxmapper.model.document import KanoCategory

KANO_COLOR: dict[KanoCategory, str] = {
    KanoCategory.MUST_BE: "#b91c1c",
    KanoCategory.ONE_DIMENSIONAL: "#1d4ed8",
    KanoCategory.ATTRACTIVE: "#15803d",
    KanoCategory.INDIFFERENT: "#6b7280",
    KanoCategory.REVERSE: "#7e22ce",
    KanoCategory.QUESTIONABLE: "#c2410c",
}
#: Text drawn on a category colour (every colour above is dark enough for white).
KANO_TEXT_COLOR = "#ffffff"
