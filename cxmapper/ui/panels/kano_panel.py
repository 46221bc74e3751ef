"""The Kano panel: survey results per feature, the Better/Worse chart and the pain-point ranking.

``KanoPanel(editor, undo_stack)`` is a self-contained widget the window docks. It owns
showing ``model/kano.py``'s analysis of every pain point and opportunity that has survey
answers (counts, categories, strengths, Fong, Better/Worse, continuous means), the
method in use (evaluation table and category rule, changed through ``UpdateAnalysis``),
recomputing categories (``kano.analysis_edit``, one undo step), importing answers
(``kano_import.import_edit``, one undo step, bad rows listed), the Better/Worse diagram
(``export/kano_charts.py``) and ``priority.rank_pain_points`` with translated reasons.
Categories are named by ``ui.names`` and coloured as the canvas badges (``canvas.style``).

Every change goes through the undo stack; the panel then follows the editor's change
records like any other view. It refreshes only when a record touches the analysis
settings, a card it shows, a pain point or opportunity, or a stage or step (the ranking
names them) — retitling a touchpoint costs it nothing — and only while it is visible
(a hidden panel refreshes when shown).

Traps: matplotlib costs about a second to import, so the chart imports
``kano_charts`` the first time it is drawn, never at start-up. Rebuilding the table
re-selects the selected card without emitting ``card_activated`` (the window would
otherwise jump the canvas on every edit).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cxmapper.model.document import KANO_KINDS, CardKind, KanoCategory, KanoRule, KanoTable
from cxmapper.model.editor import ChangeRecord, Editor, UpdateAnalysis
from cxmapper.model.kano import (
    MODE_TIE_ORDER,
    CardAnalysis,
    KanoChange,
    analyse_document,
    analysis_edit,
    apply_analysis,
)
from cxmapper.model.priority import UNRATED, RankedPainPoint, kano_weight, rank_pain_points, worse_factor
from cxmapper.ui.commands import try_edit
from cxmapper.ui import collector, names
from cxmapper.ui.canvas.style import KANO_COLOR

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

CARD_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

#: How a card's own category relates to the one its answers give under the map's method.
MARK_NONE = ""
MARK_MANUAL = "manual"  # set by hand and different: recomputing keeps it unless asked
MARK_STALE = "stale"  # computed earlier (or never set) and different: recomputing updates it

_MANUAL_BACKGROUND = QColor("#fff4cc")
KANO_TEXT_COLOR = "#ffffff"  # on a category colour, as on the canvas badges
_STALE_BACKGROUND = QColor("#e8f0fe")


_PLACEHOLDER = re.compile(r"%(\d)")


def fill(text: str, *values: object) -> str:
    """Qt's ``QString.arg`` for a translated text: ``%1`` … ``%9`` replaced in one pass.

    One pass, so a value that itself contains ``%2`` (a file name) is never substituted.
    """
    return _PLACEHOLDER.sub(lambda m: str(values[int(m.group(1)) - 1]), text)


def category_label(category: KanoCategory | None) -> str:
    return "-" if category is None else f"{names.kano_name(category)} ({category.code})"


# --- the table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KanoRow:
    """One analysed feature: the card as it is now and what its answers say."""

    item: CardAnalysis

    @property
    def card(self):
        return self.item.card

    @property
    def analysis(self):
        return self.item.analysis

    @property
    def mark(self) -> str:
        computed, card = self.analysis.category, self.card
        if computed is None or card.kano == computed:
            return MARK_NONE
        if card.kano is not None and not card.kano_computed:
            return MARK_MANUAL
        return MARK_STALE


#: Chart labels longer than this are cut (the table beside the chart has the full title):
#: a dock-sized chart with two dozen full titles is a thicket of overlapping text.
CHART_LABEL_CHARS = 10


def _chart_label(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= CHART_LABEL_CHARS else title[: CHART_LABEL_CHARS - 1].rstrip() + "…"


def _number(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _sort_value(value):
    # None (no answers to compute from) sorts below every number.
    return float("-inf") if value is None else value


_CATEGORY_SORT = {category: -k for k, category in enumerate(MODE_TIE_ORDER)}


class _RowsModel(QAbstractTableModel):
    """A read-only table of rows with keyed columns; what a cell shows comes from hooks.

    ``columns``: (key, header, header tooltip). Subclasses give ``_text``, ``_sort``,
    ``_card_id`` and optionally ``_tooltip`` and ``_category`` (the Kano category a
    coloured cell shows) and ``_decoration`` (any other role).
    """

    RIGHT_ALIGNED: frozenset[str] = frozenset()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []
        self.columns: list[tuple[str, str, str]] = self._column_specs()

    def _column_specs(self) -> list[tuple[str, str, str]]:
        raise NotImplementedError

    def column(self, key: str) -> int:
        return next(k for k, spec in enumerate(self.columns) if spec[0] == key)

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section][2] or None
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == SORT_ROLE:
            return self._sort(row, key)
        if role == CARD_ID_ROLE:
            return self._card_id(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in self.RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        category = self._category(row, key)
        if category is not None and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(KANO_COLOR[category]))
        if category is not None and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(KANO_TEXT_COLOR))
        return self._decoration(row, key, role)

    def _text(self, row, key: str) -> str:
        raise NotImplementedError

    def _sort(self, row, key: str):
        raise NotImplementedError

    def _card_id(self, row) -> str:
        return row.card.id

    def _tooltip(self, row, key: str) -> str | None:
        return None

    def _category(self, row, key: str) -> KanoCategory | None:
        return None

    def _decoration(self, row, key: str, role):
        return None


class KanoTableModel(_RowsModel):
    """The analysed features as rows; ``SORT_ROLE`` gives numbers for sorting."""

    COUNT_COLUMNS = ("a", "o", "m", "i", "r", "q")
    RIGHT_ALIGNED = frozenset({"n", *COUNT_COLUMNS, "strength", "total", "fong", "better", "worse",
                               "functional", "dysfunctional", "importance"})

    def _column_specs(self) -> list[tuple[str, str, str]]:
        """(key, header, header tooltip) per column."""
        counts = [(key, key.upper(), fill(self.tr("Answers counted as %1"), key.upper()))
                  for key in self.COUNT_COLUMNS]
        return [
            ("feature", self.tr("Feature"), self.tr("The pain point or opportunity (card title)")),
            ("n", self.tr("n"), self.tr("Number of respondents who answered")),
            *counts,
            ("category", self.tr("Category"), self.tr("The category the answers give under the map's method")),
            ("card", self.tr("On the card"), self.tr(
                "The card's category; ✎ set by hand and different from the answers, "
                "↻ out of date (Recompute updates it)")),
            ("strength", self.tr("Cat. strength %"), self.tr(
                "% of the most frequent category minus % of the second (Lee & Newcomb 1997)")),
            ("total", self.tr("Total strength %"), self.tr("% A + % O + % M (Lee & Newcomb 1997)")),
            ("fong", self.tr("Fong"), self.tr(
                "Do the two most frequent categories differ significantly? (Fong 1996)")),
            ("better", self.tr("Better"), self.tr("(A + O) / (A + O + M + I)")),
            ("worse", self.tr("Worse"), self.tr("−(O + M) / (A + O + M + I)")),
            ("functional", self.tr("Functional mean"), self.tr(
                "Mean functional score, −2 … 4 (DuMouchel)")),
            ("dysfunctional", self.tr("Dysfunctional mean"), self.tr(
                "Mean dysfunctional score, −2 … 4 (DuMouchel)")),
            ("importance", self.tr("Importance"), self.tr("Mean self-stated importance")),
        ]

    def _category(self, row: KanoRow, key: str) -> KanoCategory | None:
        return row.analysis.category if key == "category" else None

    def _decoration(self, row: KanoRow, key: str, role):
        if key != "card" or not row.mark:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_MANUAL_BACKGROUND if row.mark == MARK_MANUAL else _STALE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    #: Decimals of the columns shown as numbers with a fraction (the others are counts).
    _DIGITS = {"strength": 1, "total": 1, "better": 2, "worse": 2, "functional": 2, "dysfunctional": 2,
               "importance": 1}

    def _value(self, row: KanoRow, key: str) -> float | None:
        """The number a numeric column shows (None: not defined for this feature)."""
        a = row.analysis
        if key == "n":
            return a.counts.n
        if key in self.COUNT_COLUMNS:
            return getattr(a.counts, key)
        if key in ("strength", "total"):
            return a.category_strength if key == "strength" else a.total_strength
        if key in ("better", "worse"):
            return getattr(a, key)
        return getattr(a.continuous, key) if a.continuous is not None else None

    def _text(self, row: KanoRow, key: str) -> str:
        a = row.analysis
        if key == "feature":
            return row.card.title or row.card.id
        if key == "category":
            return category_label(a.category)
        if key == "card":
            prefix = {MARK_MANUAL: "✎ ", MARK_STALE: "↻ "}.get(row.mark, "")
            return prefix + category_label(row.card.kano)
        if key == "fong":
            if a.fong is None:
                return "-"
            return self.tr("yes") if a.fong.significant else self.tr("no")
        value = self._value(row, key)
        return _number(value, self._DIGITS[key]) if key in self._DIGITS else str(value)

    def _sort(self, row: KanoRow, key: str):
        a = row.analysis
        if key == "feature":
            return row.card.title or row.card.id
        if key == "category":
            return _CATEGORY_SORT.get(a.category, -99)
        if key == "card":
            return (_CATEGORY_SORT.get(row.card.kano, -99) * 10) + (1 if row.mark else 0)
        if key == "fong":
            return -1 if a.fong is None else int(a.fong.significant)
        return _sort_value(self._value(row, key))

    def _tooltip(self, row: KanoRow, key: str) -> str | None:
        a, card = row.analysis, row.card
        if key == "feature":
            kind = self.tr("Pain point") if card.kind is CardKind.PAIN_POINT else self.tr("Opportunity")
            source = card.kano_survey.source if card.kano_survey and card.kano_survey.source else "-"
            return fill(self.tr("%1 · id %2 · answers from %3"), kind, card.id, source)
        if key == "card":
            if row.mark == MARK_MANUAL:
                return fill(self.tr("Set by hand to %1; the answers give %2. Recompute keeps it "
                               "unless you choose to overwrite categories set by hand."),
                            category_label(card.kano), category_label(a.category))
            if row.mark == MARK_STALE:
                return fill(self.tr("The answers now give %1: Recompute categories updates the card."),
                            category_label(a.category))
            if card.kano is not None:
                return self.tr("Computed from the answers") if card.kano_computed else self.tr("Set by hand")
        if key == "fong" and a.fong is not None:
            fong = a.fong
            return fill(self.tr("%1 vs %2: difference %3, needed %4"),
                        fong.first.code, fong.second.code, fong.difference, f"{fong.threshold:.2f}")
        if key in ("functional", "dysfunctional") and a.continuous is not None:
            weighted = getattr(a.continuous, f"weighted_{key}")
            if weighted is not None:
                return fill(self.tr("Weighted by importance: %1"), f"{weighted:.2f}")
        return None


class _SortProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, str) or isinstance(b, str):
            return str(a) < str(b)
        return a < b


class RankingModel(_RowsModel):
    """``priority.rank_pain_points`` as rows; the full reasons are shown for the selected row.

    A flat model, not a tree of reason rows: a large map ranks thousands of pain points,
    and a QTreeWidget with spanned child rows takes seconds to fill and to clear.
    """

    RIGHT_ALIGNED = frozenset({"rank", "score", "worse", "severity", "frequency"})

    def _column_specs(self) -> list[tuple[str, str, str]]:
        return [
            ("rank", self.tr("#"), self.tr("Rank: 1 = fix first")),
            ("score", self.tr("Score"), self.tr("100 × Kano weight × Worse factor × severity × frequency / 25")),
            ("title", self.tr("Pain point"), ""),
            ("kano", self.tr("Kano"), self.tr("The category on the card")),
            ("worse", self.tr("Worse"), self.tr("From the card's survey answers under the map's method")),
            ("severity", self.tr("Severity"), ""),
            ("frequency", self.tr("Frequency"), ""),
            ("why", self.tr("Why"), self.tr("Kano weight × Worse factor × severity × frequency / 25")),
            ("where", self.tr("Stage · step"), ""),
        ]

    def _category(self, entry: RankedPainPoint, key: str) -> KanoCategory | None:
        return entry.kano if key == "kano" else None

    def _text(self, entry: RankedPainPoint, key: str) -> str:
        if key == "rank":
            return str(entry.rank)
        if key == "score":
            return f"{entry.score:g}"
        if key == "title":
            return entry.card.title or entry.card.id
        if key == "kano":
            return category_label(entry.kano)
        if key == "worse":
            return _number(entry.worse)
        if key in ("severity", "frequency"):
            value = getattr(entry, key)
            return "-" if value is None else str(value)
        if key == "why":
            impact = (entry.severity or UNRATED) * (entry.frequency or UNRATED)
            return f"{kano_weight(entry.kano):.1f} × {worse_factor(entry.worse):.2f} × {impact}/25"
        return " · ".join(part.name for part in (entry.stage, entry.step) if part is not None)

    def _sort(self, entry: RankedPainPoint, key: str):
        if key in ("rank", "why"):
            return entry.rank
        if key == "score":
            return entry.score
        if key == "kano":
            return _CATEGORY_SORT.get(entry.kano, -99)
        if key in ("worse", "severity", "frequency"):
            return _sort_value(getattr(entry, key))
        return self._text(entry, key)


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


# --- import results ------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What ``KanoPanel.import_file`` did: for the result dialog and for tests."""

    path: str
    error: str | None = None  # the whole file was refused: nothing imported
    rows_read: int = 0
    rows_accepted: int = 0
    cards: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    categories_set: int = 0
    kept_manual: list[str] = field(default_factory=list)  # titles whose hand-set category differs
    refused: str | None = None  # the editor refused the edit (should not happen)

    @property
    def imported(self) -> bool:
        return self.error is None and self.refused is None and self.rows_accepted > 0


class ImportResultDialog(QDialog):
    """The outcome of an import: counts, and every row not imported with its line and reason."""

    def __init__(self, outcome: ImportOutcome, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import Kano answers"))
        self.outcome = outcome
        layout = QVBoxLayout(self)
        name = Path(outcome.path).name
        if outcome.error is not None:
            text = fill(self.tr("Nothing was imported from %1:\n%2"), name, outcome.error)
        elif outcome.refused is not None:
            text = fill(self.tr("The map refused the import: %1"), outcome.refused)
        else:
            text = fill(self.tr("%1 of %2 rows imported from %3 for %4 card(s); %5 row(s) not imported."),
                        outcome.rows_accepted, outcome.rows_read, name, outcome.cards, len(outcome.problems))
            if outcome.categories_set:
                text += "\n" + fill(self.tr("Categories computed for %1 card(s)."), str(outcome.categories_set))
            if outcome.kept_manual:
                text += "\n" + fill(self.tr(
                    "%1 card(s) keep a category set by hand that differs from the answers "
                    "(marked ✎ in the table; Recompute categories can overwrite them)."),
                    len(outcome.kept_manual))
            if outcome.imported:
                text += "\n" + self.tr("Edit ▸ Undo takes the whole import back.")
        self.summary = QLabel(text, self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.problems = QTableWidget(len(outcome.problems), 2, self)
        self.problems.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Why it was not imported")])
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for k, (line, reason) in enumerate(outcome.problems):
            line_item = QTableWidgetItem()
            line_item.setData(Qt.ItemDataRole.DisplayRole, line)
            self.problems.setItem(k, 0, line_item)
            reason_item = QTableWidgetItem(reason)
            reason_item.setToolTip(reason)
            self.problems.setItem(k, 1, reason_item)
        self.problems.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.problems.horizontalHeader().setStretchLastSection(True)
        # Wrapped rows follow the dialog's width; measuring thousands of rows (a wrong
        # file) would stall the dialog, so a long list stays one line a row (tooltips).
        wrap = len(outcome.problems) <= 200
        self.problems.setWordWrap(wrap)
        if wrap:
            self.problems.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems.setVisible(bool(outcome.problems))
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(680, 420 if outcome.problems else 160)


# --- the panel -------------------------------------------------------------------------------


class KanoPanel(QWidget):
    """The Kano dock's widget. Edits go on ``undo_stack``; the panel follows ``editor``."""

    #: The person selected a feature or a ranked pain point: the window selects the card.
    card_activated = Signal(str)
    #: An edit the panel tried was refused; the text says why (the window shows it).
    edit_refused = Signal(str)

    def __init__(self, editor: Editor, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor: Editor | None = None
        self._unsubscribe = None
        self.undo_stack = undo_stack
        self.refresh_count = 0  # full rebuilds (tests check that unrelated edits cause none)
        self._dirty = True
        self._on_screen: bool | None = None  # see on_screen
        self._watched: set[str] = set()  # ids of the cards the last rebuild showed or ranked
        self._restoring = False
        self.last_dialog: QDialog | None = None
        self._analyses: dict = {}  # analyse_document's cache: only changed surveys analysed again
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)  # coalesce a burst of edits into one rebuild
        self._refresh_timer.timeout.connect(self._refresh_if_dirty)
        self._build()
        self.set_editor(editor)

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        method = QGridLayout()
        self.table_combo = QComboBox(self)
        self.table_combo.addItem(self.tr("Standard table (Berger et al. 1993)"), KanoTable.STANDARD.value)
        self.table_combo.addItem(self.tr("Pouliot's modified table"), KanoTable.POULIOT.value)
        self.table_combo.setToolTip(self.tr("How an answer pair becomes a category"))
        self.rule_combo = QComboBox(self)
        self.rule_combo.addItem(self.tr("Most frequent (ties M > O > A > I)"), KanoRule.MODE.value)
        self.rule_combo.addItem(self.tr("A+O+M against I+R+Q"), KanoRule.AOM.value)
        self.rule_combo.setToolTip(self.tr("How a feature's category is chosen from its counts"))
        self.table_combo.activated.connect(self._table_chosen)
        self.rule_combo.activated.connect(self._rule_chosen)
        labelled = ((self.tr("&Evaluation table:"), self.table_combo), (self.tr("Category &rule:"), self.rule_combo))
        self.import_button = QPushButton(self.tr("Import answers…"), self)
        self.import_button.setToolTip(self.tr("Read Kano answers from a CSV or XLSX file (one undo step)"))
        self.import_button.clicked.connect(self._choose_and_import)
        # The panel lives in a side dock beside the inspector: a dock area is as wide as
        # its widest tab's minimum, so nothing here may demand the width of a long label.
        for row, (text, combo) in enumerate(labelled):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            label = QLabel(text, self)
            label.setBuddy(combo)
            method.addWidget(label, row, 0)
            method.addWidget(combo, row, 1)
        method.setColumnStretch(1, 1)
        method.addWidget(self.import_button, 0, 2)
        layout.addLayout(method)

        status = QHBoxLayout()
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        status.addWidget(self.summary_label, 1)
        self.recompute_button = QPushButton(self.tr("Recompute categories"), self)
        self.recompute_button.setToolTip(self.tr(
            "Set each card's category from its answers under this method (one undo step)"))
        self.recompute_button.clicked.connect(self._recompute_clicked)
        status.addWidget(self.recompute_button)
        layout.addLayout(status)

        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)

        self.table_model = KanoTableModel(self)
        self.proxy, self.table = self._sorted_view(self.table_model, self._table_row_changed)
        self.chart = BetterWorseChart(self, self.on_screen)
        self.splitter = self._split(Qt.Orientation.Vertical, self.table, self.chart, (3, 2))
        self.tabs.addTab(self.splitter, self.tr("Categories"))

        self.ranking_model = RankingModel(self)
        self.ranking_proxy, self.ranking = self._sorted_view(self.ranking_model, self._ranking_row_changed)
        self.reasons = QLabel(self)
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reasons.setMargin(6)
        self.ranking_page = self._split(Qt.Orientation.Vertical, self.ranking, self.reasons, (4, 1))
        self.tabs.addTab(self.ranking_page, self.tr("Priority"))
        self._ranking_dirty = True
        self.tabs.currentChanged.connect(lambda _index: self._fill_ranking_if_shown())

    def _split(self, orientation, first: QWidget, second: QWidget, stretch: tuple[int, int]) -> QSplitter:
        splitter = QSplitter(orientation, self)
        for k, widget in enumerate((first, second)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(k, stretch[k])
        splitter.setChildrenCollapsible(False)
        return splitter

    def _sorted_view(self, model: _RowsModel, row_changed) -> tuple[_SortProxy, QTableView]:
        """A sortable, read-only, row-selecting view of ``model``; Enter/double-click activates."""
        proxy = _SortProxy(self)
        proxy.setSourceModel(model)
        view = QTableView(self)
        view.setModel(proxy)
        self._table_look(view)
        view.selectionModel().currentRowChanged.connect(row_changed)
        view.activated.connect(self._table_row_activated)
        return proxy, view

    def _table_look(self, view: QTableView) -> None:
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the model's order until a header is clicked
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    # ------------------------------------------------------------------ the document

    @property
    def editor(self) -> Editor | None:
        return self._editor

    def set_editor(self, editor: Editor) -> None:
        """Follow another document (the window opened or created one)."""
        self.detach()
        self._editor = editor
        self._analyses.clear()
        unsubscribe = self._unsubscribe = editor.subscribe(self._on_change)
        # A deleted panel must not stay subscribed: the editor would call into a dead widget.
        self.destroyed.connect(lambda *_: unsubscribe())
        self._invalidate()

    def detach(self) -> None:
        """Stop following the editor (the window replaces the document or closes)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def touches_kano(self, record: ChangeRecord) -> bool:
        """Whether a change can alter what the panel shows (cheap: looks only at the ids named).

        The analysis settings; a stage or step (the ranking names them); a card the last
        rebuild showed or ranked; or a pain point, or an opportunity with answers, that
        is new to the panel. Touchpoints, actions, links, personas, lanes: no.
        """
        if "analysis" in record.updated["map"] or record.ids("stage") or record.ids("step"):
            return True
        for card_id in record.ids("card"):
            if card_id in self._watched:
                return True
            try:
                card = self._editor.card(card_id)
            except KeyError:
                continue
            if card.kind is CardKind.PAIN_POINT:
                return True
            if card.kind in KANO_KINDS and (card.kano_survey is not None or card.kano is not None):
                return True
        return False

    def _on_change(self, record: ChangeRecord) -> None:
        if self.touches_kano(record):
            self._invalidate()

    def _invalidate(self) -> None:
        self._dirty = True
        if self.on_screen():
            self._refresh_timer.start()

    def on_screen(self) -> bool:
        """Whether the person can see the panel.

        A dock tabbed behind another is still ``isVisible()`` (Qt only moves it out of
        the way), so the window reports its dock's ``visibilityChanged`` through
        ``set_on_screen``; without such a report, ``isVisible()`` decides.
        """
        return self.isVisible() if self._on_screen is None else self._on_screen and self.isVisible()

    def set_on_screen(self, shown: bool) -> None:
        """The dock's tab became current (True) or went behind another (False)."""
        self._on_screen = shown
        if shown:
            self._refresh_if_dirty()
            self.chart.draw_if_dirty()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.on_screen():
            self._refresh_if_dirty()

    def _refresh_if_dirty(self) -> None:
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the table, the chart's points, the ranking and the method shown."""
        self._refresh_timer.stop()
        self._dirty = False
        self.refresh_count += 1
        doc = self._editor.doc
        rows = [KanoRow(item) for item in analyse_document(doc, cache=self._analyses)]
        self._watched = {row.card.id for row in rows}
        self._watched.update(card.id for card in doc.cards if card.kind is CardKind.PAIN_POINT)

        selected = self.selected_card_id()
        old = self.table_model.rows
        if len(old) != len(rows) or any(
            a.card is not b.card or a.analysis is not b.analysis for a, b in zip(old, rows)
        ):
            # A new pain point without answers changes no row: the table (redrawn
            # through Python for every visible cell) stays as it is.
            self.table_model.set_rows(rows)
        if not self._column_widths_set and rows:
            self._fit_columns()
        self._select_in(self.table, self.proxy, selected)

        self.chart.set_points([
            (_chart_label(row.card.title or row.card.id), row.analysis.category, row.analysis.better,
             row.analysis.worse)
            for row in rows
        ])
        # Ranking a large map costs more than the table: only when its tab is open.
        self._ranking_dirty = True
        self._fill_ranking_if_shown()
        self._show_method()
        self._show_summary(rows)

    _column_widths_set = False

    def _fit_columns(self) -> None:
        # Sizing from every row cost half a second on a map with ~800 surveyed features;
        # the first rows and the visible ones tell the widths just as well.
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.table.resizeColumnsToContents()
        feature = self.table_model.column("feature")
        self.table.setColumnWidth(feature, min(self.table.columnWidth(feature), 260))
        self._column_widths_set = True

    def _show_method(self) -> None:
        settings = self._editor.doc.analysis
        shown = ((self.table_combo, settings.kano_table.value), (self.rule_combo, settings.kano_rule.value))
        for combo, value in shown:
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)

    def _show_summary(self, rows: list[KanoRow]) -> None:
        manual = sum(row.mark == MARK_MANUAL for row in rows)
        stale = sum(row.mark == MARK_STALE for row in rows)
        if not rows:
            text = self.tr(
                "No pain point or opportunity has Kano answers yet: import them from a CSV or XLSX file.")
        else:
            text = fill(self.tr("%1 feature(s) with answers."), str(len(rows)))
            if stale:
                text += " " + fill(self.tr("↻ %1 category(ies) differ from the answers under this method."), stale)
            if manual:
                text += " " + fill(self.tr("✎ %1 set by hand differ from the answers."), str(manual))
        self.summary_label.setText(text)
        self.recompute_button.setEnabled(bool(stale or manual))

    # ------------------------------------------------------------------ ranking

    def _fill_ranking_if_shown(self) -> None:
        if self._ranking_dirty and self.tabs.currentWidget() is self.ranking_page:
            self._fill_ranking()

    def _fill_ranking(self) -> None:
        self._ranking_dirty = False
        current = self.ranking.currentIndex()
        selected = current.data(CARD_ID_ROLE) if current.isValid() else None
        ranked = rank_pain_points(self._editor.doc)
        self.ranking_model.set_rows(ranked)
        if not self._ranking_widths_set and ranked:
            self.ranking.resizeColumnsToContents()
            title = self.ranking_model.column("title")
            self.ranking.setColumnWidth(title, min(self.ranking.columnWidth(title), 300))
            self._ranking_widths_set = True
        self._select_in(self.ranking, self.ranking_proxy, selected)
        self._show_reasons(self.ranking.currentIndex())

    _ranking_widths_set = False

    def _show_reasons(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.reasons.setText(self.tr("Select a pain point to see why it ranks where it does."))
            return
        entry = self.ranking_model.rows[self.ranking_proxy.mapToSource(index).row()]
        lines = self._reasons(entry)
        title = entry.card.title or entry.card.id
        self.reasons.setText("\n".join([f"{entry.rank}. {title}", *("• " + line for line in lines)]))

    def _reasons(self, entry: RankedPainPoint) -> list[str]:
        """Why the pain point ranks where it does: ``priority``'s structured reasons, translated."""
        why = {
            KanoCategory.MUST_BE: self.tr("customers take it for granted and are dissatisfied when it fails"),
            KanoCategory.ONE_DIMENSIONAL: self.tr("satisfaction rises and falls with how well it is done"),
            KanoCategory.ATTRACTIVE: self.tr("fixing it delights, leaving it rarely dissatisfies"),
            KanoCategory.INDIFFERENT: self.tr("customers say it makes little difference"),
            KanoCategory.REVERSE: self.tr("some customers prefer it absent"),
            KanoCategory.QUESTIONABLE: self.tr("the answers contradict each other; check the question"),
        }
        unrated = fill(self.tr("%1 (not rated)"), UNRATED)
        lines = []
        for reason in entry.reason_parts:
            value = dict(reason.values)
            if reason.key == "kano" and value["category"] is None:
                line = fill(self.tr("Kano: no category yet — weight %1"), f"{value['weight']:.1f}")
            elif reason.key == "kano":
                category = value["category"]
                line = fill(self.tr("Kano: %1: %2 — weight %3"),
                            category_label(category), why[category], f"{value['weight']:.1f}")
            elif reason.key == "hand_set":
                line = fill(self.tr("Note: the answers point to %1, but the category was set by hand"),
                            category_label(value["survey"]))
            elif reason.key == "no_worse":
                line = self.tr("Worse: no survey answers, factor 1.0")
            elif reason.key == "worse":
                line = fill(self.tr(
                    "Worse %1: %2 of %3 respondents with a clear answer (A/O/M/I) are dissatisfied "
                    "when it is not fixed — factor %4"),
                    f"{value['worse']:.2f}", value["dissatisfied"], value["clear"], f"{value['factor']:.2f}")
            elif reason.key == "impact":
                severity, frequency = (unrated if value[name] is None else value[name]
                                       for name in ("severity", "frequency"))
                line = fill(self.tr("Severity %1 × frequency %2 = %3 of 25"), severity, frequency, value["impact"])
            elif reason.key == "score":
                line = fill(self.tr("Score %1 = 100 × weight × Worse factor × %2/25"),
                            f"{value['score']:g}", value["impact"])
            else:  # a reason newer than this panel: the model's English sentence
                line = str(reason)
            lines.append(line)
        return lines

    # ------------------------------------------------------------------ selection

    def selected_card_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(CARD_ID_ROLE) if index.isValid() else None

    def select_card(self, card_id: str | None) -> None:
        """Select the card's rows (e.g. the canvas selected it) without emitting ``card_activated``."""
        self._select_in(self.table, self.proxy, card_id)
        self._select_in(self.ranking, self.ranking_proxy, card_id)
        self._show_reasons(self.ranking.currentIndex())

    def _select_in(self, view: QTableView, proxy: QSortFilterProxyModel, card_id: str | None) -> None:
        self._restoring = True
        try:
            if card_id is not None:
                for row in range(proxy.rowCount()):
                    index = proxy.index(row, 0)
                    if index.data(CARD_ID_ROLE) == card_id:
                        view.setCurrentIndex(index)
                        view.scrollTo(index)
                        return
            view.selectionModel().clear()
        finally:
            self._restoring = False

    def _table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._restoring and current.isValid():
            self.card_activated.emit(current.data(CARD_ID_ROLE))

    def _table_row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.card_activated.emit(index.data(CARD_ID_ROLE))

    def _ranking_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_reasons(current)
        self._table_row_changed(current, _previous)

    # ------------------------------------------------------------------ edits

    def _push(self, op, text: str) -> bool:
        refused = try_edit(self.undo_stack, self._editor, op, text)
        if refused is not None:
            self.edit_refused.emit(refused)
            return False
        return True

    def set_method(self, table: KanoTable | None = None, rule: KanoRule | None = None) -> bool:
        """Change the evaluation table and/or the category rule: one undo step.

        Categories on the cards stay as they are; the table marks those that now differ
        (↻) and Recompute categories offers to update them.
        """
        settings = self._editor.doc.analysis
        changes = {}
        if table is not None and KanoTable(table) != settings.kano_table:
            changes["kano_table"] = KanoTable(table)
        if rule is not None and KanoRule(rule) != settings.kano_rule:
            changes["kano_rule"] = KanoRule(rule)
        if not changes:
            return False
        if "kano_table" in changes and "kano_rule" in changes:
            text = self.tr("Change the Kano method")
        elif "kano_table" in changes:
            text = fill(self.tr("Kano table: %1"), self.table_combo.itemText(
                self.table_combo.findData(changes["kano_table"].value)))
        else:
            text = fill(self.tr("Kano category rule: %1"), self.rule_combo.itemText(
                self.rule_combo.findData(changes["kano_rule"].value)))
        return self._push(UpdateAnalysis(changes), text)

    def _table_chosen(self, index: int) -> None:
        if not self.set_method(table=KanoTable(self.table_combo.itemData(index))):
            self._show_method()

    def _rule_chosen(self, index: int) -> None:
        if not self.set_method(rule=KanoRule(self.rule_combo.itemData(index))):
            self._show_method()

    def pending_changes(self, *, override_manual: bool = False) -> list[KanoChange]:
        """The category changes a recomputation would make now."""
        return apply_analysis(self._editor.doc, override_manual=override_manual)

    def recompute(self, *, override_manual: bool = False) -> int:
        """Set every card's category from its answers: one undo step; how many changed.

        Categories set by hand are kept unless ``override_manual``.
        """
        changes = self.pending_changes(override_manual=override_manual)
        if not changes:
            return 0
        text = fill(self.tr("Compute Kano categories (%1 cards)"), str(len(changes)))
        return len(changes) if self._push(analysis_edit(changes, label=text), text) else 0

    def _recompute_clicked(self) -> None:
        manual = [row for row in self.table_model.rows if row.mark == MARK_MANUAL]
        override = False
        if manual:
            choice = self._ask_override(len(manual))
            if choice is None:
                return
            override = choice
        self.recompute(override_manual=override)

    def _ask_override(self, count: int) -> bool | None:
        """Ask whether to overwrite categories set by hand: True, False, or None (cancel)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Recompute categories"))
        box.setText(fill(self.tr("%1 card(s) have a category set by hand that differs from their answers."), count))
        box.setInformativeText(self.tr("Keep those categories, or overwrite them with the computed ones?"))
        keep = box.addButton(self.tr("Keep set by hand"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(self.tr("Overwrite them too"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            return False
        if box.clickedButton() is overwrite:
            return True
        return None

    # ------------------------------------------------------------------ import

    def _choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import Kano answers"), "",
            self.tr("Answer tables (*.csv *.xlsx *.xlsm);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path, *, show_result: bool = True) -> ImportOutcome:
        """Import answers from ``path``: one undo step; the result dialog lists bad rows.

        The dialog is opened window-modal without blocking (``last_dialog``).
        """
        from cxmapper.model.kano_import import KanoImportError, import_edit, read_answers

        outcome = ImportOutcome(str(path))
        doc = self._editor.doc
        try:
            imported = read_answers(path, doc)
        except KanoImportError as exc:
            outcome.error = str(exc)
        else:
            outcome.rows_read = imported.rows_read
            outcome.rows_accepted = imported.rows_accepted
            outcome.cards = len(imported.responses)
            outcome.problems = [(problem.line, problem.reason) for problem in imported.problems]
            if imported.responses:
                batch, changes = import_edit(doc, imported)
                outcome.categories_set = len(changes)
                text = fill(self.tr("Import Kano answers from %1"), Path(path).name)
                outcome.refused = try_edit(self.undo_stack, self._editor, batch, text)
                if outcome.refused is None:
                    outcome.kept_manual = [
                        change.before.title for change in apply_analysis(self._editor.doc, override_manual=True)
                        if change.card_id in imported.responses and change.before.kano is not None
                        and not change.before.kano_computed and change.before.kano != change.after.kano
                    ]
        if show_result:
            dialog = ImportResultDialog(outcome, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.last_dialog = dialog
            dialog.open()
        return outcome
