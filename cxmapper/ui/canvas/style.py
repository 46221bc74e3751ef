"""The canvas's look: colours, pens, brushes and fonts, made once and shared.

Items paint with these objects instead of building pens and brushes in ``paint``: with
thousands of cards on screen, per-paint allocations are what makes scrolling stutter.
A ``CanvasFonts`` carries the presentation's font scale; everything else is constant.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

from cxmapper.model.document import CardKind, Evidence, KanoCategory, LaneKind, LinkKind

#: Card fill by kind (the card's own colour wins when it has one).
CARD_FILL: dict[CardKind, str] = {
    CardKind.TOUCHPOINT: "#dbeafe",
    CardKind.ACTION: "#fef3c7",
    CardKind.EVIDENCE: "#e7e5e4",
    CardKind.PROCESS: "#ede9fe",
    CardKind.PAIN_POINT: "#fee2e2",
    CardKind.OPPORTUNITY: "#dcfce7",
    CardKind.THOUGHT: "#fce7f3",
    CardKind.NOTE: "#fefce8",
}

#: A stronger tone of each kind, for the card's left edge and its border.
CARD_ACCENT: dict[CardKind, str] = {
    CardKind.TOUCHPOINT: "#2563eb",
    CardKind.ACTION: "#d97706",
    CardKind.EVIDENCE: "#78716c",
    CardKind.PROCESS: "#7c3aed",
    CardKind.PAIN_POINT: "#dc2626",
    CardKind.OPPORTUNITY: "#16a34a",
    CardKind.THOUGHT: "#db2777",
    CardKind.NOTE: "#a16207",
}

KANO_COLOR: dict[KanoCategory, str] = {
    KanoCategory.MUST_BE: "#b91c1c",
    KanoCategory.ONE_DIMENSIONAL: "#1d4ed8",
    KanoCategory.ATTRACTIVE: "#15803d",
    KanoCategory.INDIFFERENT: "#6b7280",
    KanoCategory.REVERSE: "#7e22ce",
    KanoCategory.QUESTIONABLE: "#c2410c",
}

#: Lane header tint by lane kind: journey lanes warm, blueprint lanes cool.
LANE_TINT: dict[LaneKind, str] = {
    LaneKind.CUSTOMER_ACTIONS: "#fff7ed",
    LaneKind.TOUCHPOINTS: "#eff6ff",
    LaneKind.THOUGHTS: "#fdf2f8",
    LaneKind.EMOTIONS: "#f0fdfa",
    LaneKind.PAIN_POINTS: "#fef2f2",
    LaneKind.OPPORTUNITIES: "#f0fdf4",
    LaneKind.CHANNELS: "#eff6ff",
    LaneKind.METRICS: "#f8fafc",
    LaneKind.NOTES: "#fefce8",
    LaneKind.PHYSICAL_EVIDENCE: "#f5f5f4",
    LaneKind.FRONTSTAGE: "#f5f3ff",
    LaneKind.BACKSTAGE: "#eef2ff",
    LaneKind.SUPPORT_PROCESSES: "#f1f5f9",
}

STAGE_PALETTE = ("#1e3a8a", "#0f766e", "#9a3412", "#6d28d9", "#be185d", "#3f6212", "#155e75")
PERSONA_PALETTE = ("#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2")

LINK_COLOR: dict[LinkKind, str] = {
    LinkKind.FLOW: "#334155",
    LinkKind.SUPPORTS: "#6d28d9",
    LinkKind.CAUSES: "#dc2626",
    LinkKind.ADDRESSES: "#16a34a",
}
LINK_STYLE: dict[LinkKind, Qt.PenStyle] = {
    LinkKind.FLOW: Qt.PenStyle.SolidLine,
    LinkKind.SUPPORTS: Qt.PenStyle.DotLine,
    LinkKind.CAUSES: Qt.PenStyle.SolidLine,
    LinkKind.ADDRESSES: Qt.PenStyle.DashLine,
}

#: Evidence status as the card border: solid = observed, dashed = assumed, dotted = proposed.
EVIDENCE_STYLE: dict[Evidence, Qt.PenStyle] = {
    Evidence.OBSERVED: Qt.PenStyle.SolidLine,
    Evidence.ASSUMED: Qt.PenStyle.DashLine,
    Evidence.PROPOSED: Qt.PenStyle.DotLine,
}

GRID_LINE = QColor("#d4d4d8")
HEADER_TEXT = QColor("#111827")
MUTED_TEXT = QColor("#6b7280")
METRICS_TEXT = QColor("#1e3a8a")  # dark blue: readable on every card fill
SELECTION = QColor("#2563eb")
HIGHLIGHT = QColor("#facc15")
CURRENT_CELL = QColor(37, 99, 235, 28)
DROP_TARGET = QColor(37, 99, 235, 50)
BLUEPRINT_LINE = QColor("#0f172a")
DIM = QColor(255, 255, 255, 170)
FAIL = QColor("#dc2626")
WAIT = QColor("#b45309")
DECISION = QColor("#0369a1")


@lru_cache(maxsize=None)
def color(name: str) -> QColor:
    return QColor(name)


@lru_cache(maxsize=None)
def brush(name: str) -> QBrush:
    return QBrush(QColor(name))


@lru_cache(maxsize=None)
def pen(name: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    p = QPen(QColor(name), width, style)
    p.setCosmetic(False)
    return p


def palette_color(palette: tuple[str, ...], index: int) -> str:
    return palette[index % len(palette)]


def card_fill(kind: CardKind, own: str | None) -> str:
    return own or CARD_FILL[CardKind(kind)]


class CanvasFonts:
    """The fonts of one scene, scaled for the presentation mode.

    Pixel sizes, not point sizes: the canvas is measured in scene units, and a font
    sized in points would measure differently on a high-DPI screen than in the PDF.
    """

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self.card = self._font(13)
        self.badge = self._font(10, bold=True)
        self.marker = self._font(10)
        self.metrics = self._font(11)
        self.stage_metrics = self._font(11, bold=True)
        self.stage = self._font(14, bold=True)
        self.step = self._font(12, bold=True)
        self.lane = self._font(13, bold=True)
        self.lane_kind = self._font(10)
        self.line_label = self._font(10, italic=True)
        self.legend = self._font(11)

    def _font(self, pixels: int, *, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont()
        font.setPixelSize(max(6, round(pixels * self.scale)))
        font.setBold(bold)
        font.setItalic(italic)
        # Kerning and hinting differ between screens; layout must not.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font
