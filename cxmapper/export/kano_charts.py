"""Kano charts with matplotlib, no window: the Better/Worse diagram and the continuous plot.

This module owns drawing the analysis of ``model/kano.py``: figures are built with
``matplotlib.figure.Figure`` and the Agg canvas (never pyplot, so no GUI backend is
touched), and returned as a Figure or as PNG/SVG bytes for the PDF, the window and the
command line. matplotlib is imported inside the functions: importing this module is
cheap, and the app's start-up does not pay for matplotlib until a chart is drawn.

Labels are placed greedily: each feature label tries positions around its point and
keeps the first that overlaps no earlier label, no point and stays inside the axes;
when none is free it takes the least-overlapping one (with many crowded features some
overlap is unavoidable). Chinese labels need a CJK font: ``_use_cjk_font`` asks the
exports helper's ``fonts.configure_matplotlib`` when it exists, else looks for a
known CJK family itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from cxmapper.model.document import KanoCategory, MapDocument
from cxmapper.model.kano import analyse_document

if TYPE_CHECKING:  # matplotlib is imported lazily
    from matplotlib.figure import Figure

CATEGORY_COLORS = {
    KanoCategory.MUST_BE: "#c0392b",
    KanoCategory.ONE_DIMENSIONAL: "#2e86c1",
    KanoCategory.ATTRACTIVE: "#28b463",
    KanoCategory.INDIFFERENT: "#7f8c8d",
    KanoCategory.REVERSE: "#8e44ad",
    KanoCategory.QUESTIONABLE: "#d68910",
    None: "#34495e",
}
CATEGORY_LABELS = {
    KanoCategory.ATTRACTIVE: "Attractive (A) 兴奋型",
    KanoCategory.ONE_DIMENSIONAL: "One-dimensional (O) 期望型",
    KanoCategory.MUST_BE: "Must-be (M) 基本型",
    KanoCategory.INDIFFERENT: "Indifferent (I) 无差异型",
}
_CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)


@dataclass(frozen=True)
class ChartPoint:
    """One feature on the charts (coefficients from ``kano.FeatureAnalysis``)."""

    label: str
    category: KanoCategory | None
    better: float | None
    worse: float | None  # −1 … 0; the diagram plots its absolute value
    functional: float | None = None
    dysfunctional: float | None = None
    importance: float | None = None


def chart_points(doc: MapDocument) -> list[ChartPoint]:
    """The analysed pain points and opportunities of a map, in map order."""
    points = []
    for item in analyse_document(doc):
        a, cont = item.analysis, item.analysis.continuous
        points.append(
            ChartPoint(
                label=item.card.title or item.card.id,
                category=a.category,
                better=a.better,
                worse=a.worse,
                functional=cont.functional if cont else None,
                dysfunctional=cont.dysfunctional if cont else None,
                importance=cont.importance if cont else None,
            )
        )
    return points


def _use_cjk_font():
    """Configure matplotlib for Chinese; returns ``printable(text) -> text``.

    With the exports helper's ``fonts.configure_matplotlib`` its ``printable`` replaces
    characters no installed font has (instead of matplotlib's "Glyph missing" boxes).
    """
    try:
        from cxmapper.export.fonts import configure_matplotlib
    except ImportError:
        pass
    else:
        return configure_matplotlib().printable
    import matplotlib
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    found = [family for family in _CJK_FAMILIES if family in installed]
    if found:
        rest = [f for f in matplotlib.rcParams["font.sans-serif"] if f not in found]
        matplotlib.rcParams["font.family"] = "sans-serif"
        # matplotlib ≥ 3.6 falls back per glyph along this list: Latin from DejaVu too.
        matplotlib.rcParams["font.sans-serif"] = [found[0], *rest]
    return str


def _new_figure(size: tuple[float, float]):
    """A window-less figure and the ``printable`` filter for its labels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    printable = _use_cjk_font()
    figure = Figure(figsize=size)
    # Fixed margins, not a layout engine: labels are placed in pixels, and a layout
    # engine would move the axes after placement.
    figure.subplots_adjust(left=0.1, right=0.97, bottom=0.09, top=0.93)
    FigureCanvasAgg(figure)
    return figure, printable


class _Box(NamedTuple):
    """A pixel box; a plain tuple, as ``Bbox`` computes each edge on every access."""

    x0: float
    y0: float
    x1: float
    y1: float


def _overlap(a, b, pad: float = 2.0) -> float:
    """Overlapping area of two pixel boxes, each grown by ``pad`` so labels keep a gap."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0) + 2 * pad
    height = min(a.y1, b.y1) - max(a.y0, b.y0) + 2 * pad
    return width * height if width > 0 and height > 0 else 0.0


def place_labels(ax, xs: Sequence[float], ys: Sequence[float], labels: Sequence[str], fontsize: float = 8):
    """Annotate each point where its label covers no other label and stays inside the
    plot, preferring places that cover no marker either; a label with no such place is
    left out (its point stays), so a crowded chart never turns into a blot of text
    (1,300 features of a 20,000-card map covered the quadrants and the axis labels).

    Returns the annotations drawn (tests check their window extents do not overlap).

    Cost: each label is measured once and its candidate places are computed in pixels;
    overlaps are looked up in a grid of placed boxes and markers, so a chart of
    thousands of features stays linear (trying every place as a real annotation, and
    comparing with every box placed so far, made a 5,000-card report spend most of
    its time here).
    """
    from matplotlib.collections import LineCollection
    from matplotlib.font_manager import FontProperties

    figure = ax.figure
    renderer = figure.canvas.get_renderer()
    axes_box = _Box(*ax.get_window_extent(renderer).extents)
    to_px = renderer.points_to_pixels(1.0)
    prop = FontProperties(size=fontsize)
    grid = _BoxGrid(cell=max(24.0, 3 * fontsize * to_px))
    points_px = [ax.transData.transform((x, y)) for x, y in zip(xs, ys)]
    for k, (px, py) in enumerate(points_px):
        grid.add(_Box(px - 4, py - 4, px + 4, py + 4), owner=k)
    for text in ax.texts:  # the quadrants' names: covered like another label
        grid.add(_Box(*text.get_window_extent(renderer).extents), owner=None)
    offsets = [
        (dx * r, dy * r)
        for r in (1, 2, 3.2)
        for dx, dy in ((6, 4), (6, -10), (-6, 4), (-6, -10), (0, 8), (0, -14))
    ]
    _, lp_height, lp_descent = renderer.get_text_width_height_descent("lp", prop, ismath=False)
    annotations = []
    leaders: list[list[tuple[float, float]]] = []
    for k in sorted(range(len(labels)), key=lambda k: (-ys[k], xs[k])):
        width, height, descent = renderer.get_text_width_height_descent(labels[k], prop, ismath=False)
        # matplotlib lays a line out at least as tall as "lp" (ascender and descender):
        # the drawn box of "12" is taller than the digits.
        height = max(height, lp_height) + max(0.0, lp_descent - descent)
        px, py = points_px[k]
        best = None
        for dx, dy in offsets:
            x0 = px + dx * to_px - (width if dx < 0 else 0.0)
            y0 = py + dy * to_px
            box = _Box(x0, y0, x0 + width, y0 + height)
            if _overlap(box, axes_box, pad=0) < width * height - 0.5:
                continue  # (partly) outside the plot
            on_labels, on_markers = grid.overlap(box, skip_owner=k)
            if on_labels:
                continue
            if best is None or on_markers < best[0]:
                best = (on_markers, (dx, dy), box)
            if on_markers == 0:
                break
        if best is None:
            continue  # no room: the point stays unlabelled
        (dx, dy), box = best[1], best[2]
        annotations.append(
            ax.annotate(
                labels[k], (xs[k], ys[k]), xytext=(dx, dy), textcoords="offset points",
                fontsize=fontsize, ha="left" if dx >= 0 else "right", va="bottom",
            )
        )
        if abs(dx) + abs(dy) > 16:
            leaders.extend(_leader(px, py, box, shrink=2 * to_px))
        grid.add(box, owner=None)
    if leaders:
        # One collection of straight leader lines: an annotation arrow per label clips
        # its path against the text box while drawing (2.8 s of a 5,000-card report).
        inverse = ax.transData.inverted()
        segments = [inverse.transform(segment) for segment in leaders]
        ax.add_collection(LineCollection(segments, colors="0.5", linewidths=0.5, zorder=2.5))
    return annotations


def labels_drawn(figure) -> list:
    """The point labels :func:`place_labels` drew on the figure's first axes."""
    from matplotlib.text import Annotation

    return [t for t in figure.axes[0].texts if isinstance(t, Annotation)]


def _leader(px: float, py: float, box, shrink: float) -> list[list[tuple[float, float]]]:
    """The line (pixels) from a point to the nearest edge of its label's box, both
    ends pulled in by ``shrink``; none when they nearly touch."""
    ex, ey = min(max(px, box.x0), box.x1), min(max(py, box.y0), box.y1)
    length = math.hypot(ex - px, ey - py)
    if length <= 2 * shrink:
        return []
    ux, uy = (ex - px) / length, (ey - py) / length
    return [[(px + ux * shrink, py + uy * shrink), (ex - ux * shrink, ey - uy * shrink)]]


class _BoxGrid:
    """Pixel boxes bucketed by grid cell, for overlap sums against nearby boxes only."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[object, object]]] = {}

    def _keys(self, box):
        c = self.cell
        for i in range(int(box.x0 // c), int(box.x1 // c) + 1):
            for j in range(int(box.y0 // c), int(box.y1 // c) + 1):
                yield (i, j)

    def add(self, box, owner) -> None:
        entry = (box, owner)
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(entry)

    def overlap(self, box, skip_owner) -> tuple[float, float]:
        """(area over boxes without an owner: labels, area over the others' markers)."""
        seen: set[int] = set()
        labels = markers = 0.0
        for key in self._keys(box):
            for entry in self.cells.get(key, ()):
                if id(entry) in seen or (entry[1] is not None and entry[1] == skip_owner):
                    continue
                seen.add(id(entry))
                if entry[1] is None:
                    labels += _overlap(box, entry[0])
                else:
                    markers += _overlap(box, entry[0])
        return labels, markers


def better_worse_figure(
    points: Sequence[ChartPoint] | MapDocument,
    *,
    title: str = "Better / Worse (Timko, in Berger et al. 1993)",
    split: tuple[float, float] = (0.5, 0.5),
    size: tuple[float, float] = (7.0, 6.0),
) -> Figure:
    """|Worse| on x, Better on y, both 0 … 1; quadrants split at ``split`` (x, y).

    Features without coefficients (no A/O/M/I answers) are left out.
    """
    if isinstance(points, MapDocument):
        points = chart_points(points)
    shown = [p for p in points if p.better is not None and p.worse is not None]
    figure, printable = _new_figure(size)
    ax = figure.add_subplot()
    sx, sy = split
    ax.set_xlim(0, 1.05)
    ax.set_ylim(0, 1.05)
    ax.axvline(sx, color="0.6", lw=0.8, ls="--")
    ax.axhline(sy, color="0.6", lw=0.8, ls="--")
    style = {"fontsize": 9, "color": "0.4"}
    ax.text(0.02, 1.03, printable(CATEGORY_LABELS[KanoCategory.ATTRACTIVE]), ha="left", va="top", **style)
    ax.text(1.03, 1.03, printable(CATEGORY_LABELS[KanoCategory.ONE_DIMENSIONAL]), ha="right", va="top", **style)
    ax.text(1.03, 0.02, printable(CATEGORY_LABELS[KanoCategory.MUST_BE]), ha="right", va="bottom", **style)
    ax.text(0.02, 0.02, printable(CATEGORY_LABELS[KanoCategory.INDIFFERENT]), ha="left", va="bottom", **style)
    ax.set_xlabel("|Worse|: dissatisfaction when absent")
    ax.set_ylabel("Better: satisfaction when present")
    ax.set_title(title, fontsize=10)
    xs = [abs(p.worse) for p in shown]
    ys = [p.better for p in shown]
    ax.scatter(xs, ys, s=36, c=[CATEGORY_COLORS[p.category] for p in shown], zorder=3, edgecolors="white")
    place_labels(ax, xs, ys, [printable(p.label) for p in shown])
    if not shown:
        ax.text(0.5, 0.5, "no Kano answers yet", ha="center", va="center", color="0.5")
    return figure


def continuous_figure(
    points: Sequence[ChartPoint] | MapDocument,
    *,
    title: str = "Continuous analysis (DuMouchel, in Berger et al. 1993)",
    size: tuple[float, float] = (7.0, 6.0),
) -> Figure:
    """Mean dysfunctional score (x) against mean functional score (y), both −2 … 4.

    Guide lines at 2 (the score of an "expect it" answer) split the plot into the
    regions a reader expects: A top-left, O top-right, M bottom-right, I bottom-left.
    The marker area grows with the mean self-stated importance when given.
    """
    if isinstance(points, MapDocument):
        points = chart_points(points)
    shown = [p for p in points if p.functional is not None and p.dysfunctional is not None]
    figure, printable = _new_figure(size)
    ax = figure.add_subplot()
    ax.set_xlim(-2, 4)
    ax.set_ylim(-2, 4)
    for value in (0, 2):
        style = {"color": "0.75" if value == 0 else "0.55", "lw": 0.8, "ls": ":" if value == 0 else "--"}
        ax.axvline(value, **style)
        ax.axhline(value, **style)
    style = {"fontsize": 9, "color": "0.4"}
    ax.text(-1.9, 3.9, printable(CATEGORY_LABELS[KanoCategory.ATTRACTIVE]), ha="left", va="top", **style)
    ax.text(3.9, 3.9, printable(CATEGORY_LABELS[KanoCategory.ONE_DIMENSIONAL]), ha="right", va="top", **style)
    ax.text(3.9, -1.9, printable(CATEGORY_LABELS[KanoCategory.MUST_BE]), ha="right", va="bottom", **style)
    ax.text(-1.9, -1.9, printable(CATEGORY_LABELS[KanoCategory.INDIFFERENT]), ha="left", va="bottom", **style)
    ax.set_xlabel("dysfunctional (if absent): mean score")
    ax.set_ylabel("functional (if present): mean score")
    ax.set_title(title, fontsize=10)
    xs = [p.dysfunctional for p in shown]
    ys = [p.functional for p in shown]
    importances = [p.importance for p in shown if p.importance is not None]
    top = max(importances, default=0) or 1
    sizes = [36 if p.importance is None else 20 + 100 * p.importance / top for p in shown]
    ax.scatter(xs, ys, s=sizes, c=[CATEGORY_COLORS[p.category] for p in shown], zorder=3, edgecolors="white")
    place_labels(ax, xs, ys, [printable(p.label) for p in shown])
    if not shown:
        ax.text(1, 1, "no Kano answers yet", ha="center", va="center", color="0.5")
    return figure


def figure_bytes(figure: Figure, fmt: str = "png", dpi: int = 150) -> bytes:
    """The figure as PNG or SVG bytes."""
    import io

    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown chart format {fmt!r}: use png or svg")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=dpi)
    return buffer.getvalue()
