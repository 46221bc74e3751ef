"""What the three reports show alike: the PDF (``pdf``, ``pdf_blueprint``), the web page
(``html``) and the deck (``pptx``) draw a card's badges, its colours, a metric's figure
and label, the Kano counts' order and the personas picked by name from here, so the
three never disagree.

Plain data and text only (hex colours, strings): no reportlab, no python-pptx, no HTML;
each export turns these into its own shapes. Words go through the report's
``ReportText`` (``report_text``), in the map's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cxmapper.export.report_text import ReportText
from cxmapper.model.document import (
    KANO_KINDS,
    AnalysisSettings,
    Card,
    CardKind,
    CesConvention,
    CsatConvention,
    KanoCategory,
)
from cxmapper.model.kano import CATEGORY_ORDER

#: (fill, edge) of each card kind, in the legend's order.
KIND_FILL = {
    CardKind.TOUCHPOINT: ("#DCEBFA", "#4A7FB5"),
    CardKind.ACTION: ("#FFF3C9", "#C9A227"),
    CardKind.EVIDENCE: ("#ECEFF3", "#7D8793"),
    CardKind.PROCESS: ("#DFF2E1", "#4E9A5B"),
    CardKind.PAIN_POINT: ("#FBE0DE", "#C0463B"),
    CardKind.OPPORTUNITY: ("#DAF2EE", "#2A9D8F"),
    CardKind.THOUGHT: ("#EEE5F7", "#7E57C2"),
    CardKind.NOTE: ("#F6F6F1", "#9E9E8E"),
}
KANO_COLOR = {
    KanoCategory.MUST_BE: "#B23A3A",
    KanoCategory.ONE_DIMENSIONAL: "#2F6DB5",
    KanoCategory.ATTRACTIVE: "#2E8B57",
    KanoCategory.INDIFFERENT: "#7F7F7F",
    KanoCategory.REVERSE: "#7B4FA0",
    KanoCategory.QUESTIONABLE: "#B07A00",
}
#: The Kano table's count columns, in this order in every report: the model's order.
KANO_COUNT_ORDER = CATEGORY_ORDER

#: A measure's short label (a tile, a table head), by the map's conventions; English
#: templates of the report's catalogue.
TILE_LABEL = {
    "nps": lambda settings: "NPS",
    "csat": lambda settings: "CSAT % (4–5 of 5)" if settings.csat is CsatConvention.TOP2_PERCENT else "CSAT (mean of 1–5)",
    "ces": lambda settings: "CES (mean of 1–7)" if settings.ces is CesConvention.MEAN else "CES % (5–7 of 7)",
}
#: The model's convention labels (English) as catalogue templates, by measure.
CONVENTION = {
    "nps": lambda settings: "NPS: % promoters (9–10) − % detractors (0–6), −100 … +100",
    "csat": lambda settings: "CSAT: % of 4–5 answers on 1–5"
    if settings.csat is CsatConvention.TOP2_PERCENT else "CSAT: mean answer on 1–5",
    "ces": lambda settings: "CES: mean answer on 1–7"
    if settings.ces is CesConvention.MEAN else "CES: % agreeing (5–7) on 1–7",
}


def metric_text(name: str, value: float, settings: AnalysisSettings) -> str:
    """A measure's figure as the reports print it: NPS signed, percentages whole."""
    if name == "nps":
        return f"{value:+.0f}"
    percent = (name == "csat" and settings.csat is CsatConvention.TOP2_PERCENT) or (
        name == "ces" and settings.ces is CesConvention.AGREE_PERCENT
    )
    return f"{value:.0f}%" if percent else f"{value:.1f}"


def stage_metric_cells(ms, settings: AnalysisSettings, t: ReportText) -> tuple[list[tuple[str, str] | None], int]:
    """One row of the metrics-per-stage table, as the PDF, the web page and the deck
    print it: for NPS, CSAT and CES the figure and its sample note ("n=120 +2 without
    n"), or None where the stage has no such measure; and how many cards were measured."""
    cells: list[tuple[str, str] | None] = []
    for name in ("nps", "csat", "ces"):
        measure = getattr(ms, name)
        if measure is None:
            cells.append(None)
            continue
        n = t("n={n}", n=measure.samples) if measure.samples else ""
        if measure.unsized:
            n += t(" +{count} without n", count=measure.unsized)
        cells.append((metric_text(name, measure.value, settings), n.strip()))
    sources = max((m.sources for m in (ms.nps, ms.csat, ms.ces) if m is not None), default=0)
    return cells, sources


def kano_badge_text(kano: KanoCategory, text: ReportText) -> str:
    return f"{kano.code} {text.kano(kano)}"


@dataclass
class Badge:
    text: str
    fill: str  # #rrggbb
    ink: str = "#FFFFFF"


def card_badges(card: Card, text: ReportText) -> list[Badge]:
    """The badges under a card's title: Kano category, severity and frequency, fail,
    wait and decision points, in the report's language."""
    out = []
    kano = card.kano if card.kind in KANO_KINDS else None
    if kano is not None:
        out.append(Badge(kano_badge_text(kano, text), KANO_COLOR[kano]))
    if card.kind in KANO_KINDS and (card.severity or card.frequency):
        parts = [f"S{card.severity}" if card.severity else "", f"F{card.frequency}" if card.frequency else ""]
        out.append(Badge(" ".join(p for p in parts if p), "#E4E6EA", "#333333"))
    if card.fail_point:
        out.append(Badge(text("✕ Fail"), "#C62828"))
    if card.wait_point:
        out.append(Badge(text.wait(card.wait_minutes), "#E08E0B"))
    if card.decision_point:
        out.append(Badge(text("◇ Decision"), "#5E35B1"))
    return out


def select(items: Sequence, wanted: Sequence[str] | None, what: str) -> list | None:
    """The items named by id or by name, in document order; None means all.

    Raises ``ValueError`` naming the unknown ones and what the map has.
    """
    if wanted is None:
        return None
    by_key = {}
    for item in items:
        by_key.setdefault(item.id, item)
        by_key.setdefault(item.name, item)
    unknown = [w for w in wanted if w not in by_key]
    if unknown:
        known = ", ".join(repr(i.name or i.id) for i in items) or "none"
        raise ValueError(f"no {what} named {', '.join(map(repr, unknown))} (the map has: {known})")
    chosen = {by_key[w].id for w in wanted}
    return [item for item in items if item.id in chosen]


def translate_kano_axes(ax, t: ReportText) -> None:
    """The Better/Worse diagram's axis and quadrant labels in the report's language.

    ``kano_charts`` draws them in English (quadrants bilingual); the reports relabel
    the finished figure instead of teaching the chart module every language.
    """
    from cxmapper.export.kano_charts import CATEGORY_LABELS

    ax.set_xlabel(t(ax.get_xlabel()))
    ax.set_ylabel(t(ax.get_ylabel()))
    if t.lang == "en":
        return
    quadrant = {label: category for category, label in CATEGORY_LABELS.items()}
    for artist in ax.texts:
        category = quadrant.get(artist.get_text())
        if category is not None:
            artist.set_text(f"{t.kano(category)} ({category.code})")
