"""The Better/Worse chart, drawn by ``export/kano_charts.py`` on one worker thread.

Trap: matplotlib costs about a second to import, so the chart imports ``kano_charts``
the first time it is drawn, never at start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QTimer, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from cxmapper.ui import collector
from cxmapper.ui.panels.kano_panel.models import fill

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


#: Chart labels longer than this are cut (the table beside the chart has the full title):
#: a dock-sized chart with two dozen full titles is a thicket of overlapping text.
CHART_LABEL_CHARS = 10


def _chart_label(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= CHART_LABEL_CHARS else title[: CHART_LABEL_CHARS - 1].rstrip() + "…"


# --- the chart -------------------------------------------------------------------------------


ChartPoints = list[tuple[str, "KanoCategory | None", "float | None", "float | None"]]

_render_pool: ThreadPoolExecutor | None = None


def _render_pool_once() -> ThreadPoolExecutor:
    # One worker: figures are independent, but matplotlib's rcParams (the CJK font) are
    # global, and one chart at a time is all a window needs.
    # concurrent.futures (with logging and queue) is imported here, when a chart is first
    # drawn: imported with the module, it was ~7 ms of every start.
    from concurrent.futures import ThreadPoolExecutor

    global _render_pool
    if _render_pool is None:
        _render_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kano-chart")
    return _render_pool


def render_better_worse_png(
    points: ChartPoints, width: int, height: int, dpi: float, texts: dict[str, str]
) -> bytes:
    """The Better/Worse diagram as PNG bytes, ``width`` × ``height`` points at ``dpi``.

    No Qt here: it runs on the render thread. ``texts``: the translated title, axis
    labels and empty-chart message.
    """
    from cxmapper.export import kano_charts  # matplotlib: only once a chart is drawn

    figure = kano_charts.better_worse_figure(
        [kano_charts.ChartPoint(label, category, better, worse) for label, category, better, worse in points],
        title=texts["title"],
        size=(width / 100, height / 100),
    )
    axes = figure.axes[0]
    axes.set_xlabel(texts["x"])
    axes.set_ylabel(texts["y"])
    # Room for the axis labels at a dock's size (the module's margins suit 7 × 6 in).
    figure.subplots_adjust(left=min(0.2, 55 / width), bottom=min(0.2, 45 / height),
                           right=0.97, top=1 - min(0.15, 28 / height))
    for text in axes.texts:
        if text.get_text() == "no Kano answers yet":
            text.set_text(texts["empty"])
    return kano_charts.figure_bytes(figure, "png", dpi=int(dpi))


CHART_MIN_WIDTH, CHART_MIN_HEIGHT = 480, 400  # the smallest drawing, in points


class BetterWorseChart(QWidget):
    """The Better/Worse diagram of ``kano_charts``, drawn into a pixmap at the widget's size.

    matplotlib needs seconds for a crowded chart (its label placement measures every
    candidate position), so the PNG is made on a worker thread while the window stays
    responsive, only while the chart is visible, once per burst of edits or resizes (a
    short timer). A result made for points or a size that changed since is dropped.
    ``render_count`` counts the pictures shown (tests wait on it).
    """

    def __init__(self, parent=None, on_screen: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(260, 240)
        # Whether what holds the chart can be seen (a dock tabbed behind another is
        # still isVisible()): without it, the hidden chart was drawn 150 ms after
        # start-up, importing matplotlib on the render thread.
        self._on_screen = on_screen
        self._points: ChartPoints = []
        self._pixmap: QPixmap | None = None
        self._error = ""
        self._dirty = True
        self._generation = 0
        self.render_count = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._render_if_shown)
        # Finished drawings are collected on this widget's thread by polling: the render
        # thread never touches a Qt object, so a widget deleted while a chart is being
        # drawn is never reached from that thread (emitting its signal from there raced
        # with its deletion).
        self._pending: list[tuple[int, Future]] = []
        self._collect_timer = QTimer(self)
        self._collect_timer.setInterval(20)
        self._collect_timer.timeout.connect(self._collect)

    def set_points(self, points: ChartPoints) -> None:
        """(label, category, Better, Worse) per feature; re-renders if they changed."""
        if points == self._points and not self._dirty:
            return
        self._points = points
        self._dirty = True
        if self.shown():
            self._timer.start()

    def shown(self) -> bool:
        """Whether the chart can be seen: visible, and its holder on screen."""
        return self.isVisible() and (self._on_screen is None or self._on_screen())

    def draw_if_dirty(self) -> None:
        """Draw soon if something changed while the chart could not be seen."""
        if self._dirty and self.shown():
            self._timer.start()

    @property
    def pixmap(self) -> QPixmap | None:
        return self._pixmap

    def _render_if_shown(self) -> None:
        # The timer may have started before the dock's tab went behind another.
        if self.shown():
            self.render_now()

    def render_now(self) -> None:
        """Start drawing the current points at the current size (on the render thread)."""
        self._timer.stop()
        self._dirty = False
        self._generation += 1
        generation = self._generation
        ratio = self.devicePixelRatioF()
        texts = {
            "title": self.tr("Better / Worse (Timko, in Berger et al. 1993)"),
            "x": self.tr("|Worse|: dissatisfaction when absent"),
            "y": self.tr("Better: satisfaction when present"),
            "empty": self.tr("No Kano answers yet"),
        }
        # Below this size matplotlib's fonts crowd the chart: draw larger, show scaled down.
        width, height = max(self.width(), 1), max(self.height(), 1)
        scale = max(CHART_MIN_WIDTH / width, CHART_MIN_HEIGHT / height, 1.0)
        job = (list(self._points), round(width * scale), round(height * scale), 100 * ratio, texts)
        collector.install()  # no garbage collection on the render thread
        future = _render_pool_once().submit(render_better_worse_png, *job)
        self._pending.append((generation, future))
        self._collect_timer.start()

    def _collect(self) -> None:
        """Show the drawings the render thread has finished (on the widget's thread)."""
        waiting = []
        for generation, future in self._pending:
            if not future.done():
                waiting.append((generation, future))
                continue
            try:
                data, error = future.result(), ""
            except Exception as exc:  # a drawing failure is shown in the chart, not raised here
                data, error = b"", f"{type(exc).__name__}: {exc}"
            self._show_png(generation, data, error)
        self._pending = waiting
        if not waiting:
            self._collect_timer.stop()

    def _show_png(self, generation: int, data: bytes, error: str) -> None:
        if generation != self._generation:
            return  # drawn for points or a size that changed since
        self._error = error
        if data:
            pixmap = QPixmap()
            pixmap.loadFromData(data, "PNG")
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self._pixmap = pixmap
        self.render_count += 1
        self.update()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.draw_if_dirty()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._dirty = True
        self.draw_if_dirty()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self._pixmap is None or self._error:
            painter.setPen(QColor("#888888"))
            text = self.tr("Drawing the chart…") if not self._error else fill(self.tr(
                "The chart could not be drawn: %1"), self._error)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
            return
        size = self._pixmap.deviceIndependentSize()
        scale = min(self.width() / size.width(), self.height() / size.height(), 1.0)
        target = QRectF(0, 0, size.width() * scale, size.height() * scale)
        target.moveCenter(QRectF(self.rect()).center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
