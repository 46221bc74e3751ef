"""The Kano panel's table models: survey results per feature (``KanoTableModel``) and the
pain-point ranking (``RankingModel``), with the marks and labels they share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cxmapper.model.document import CardKind, KanoCategory
from cxmapper.model.kano import CardAnalysis, MODE_TIE_ORDER
from cxmapper.model.priority import RankedPainPoint, UNRATED, kano_weight, worse_factor
from cxmapper.ui import names
from cxmapper.ui.canvas.style import KANO_COLOR


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
