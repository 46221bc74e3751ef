"""``KanoPanel``: the dock that puts the table, the method, the chart and the ranking together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, QTimer, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cxmapper.model.document import CardKind, KANO_KINDS, KanoCategory, KanoRule, KanoTable
from cxmapper.model.editor import ChangeRecord, Editor
from cxmapper.model.kano import KanoChange, analyse_document, apply_analysis
from cxmapper.model.priority import RankedPainPoint, UNRATED, rank_pain_points
from cxmapper.ui import edits
from cxmapper.ui.edit_channel import EditChannel
from cxmapper.ui.edits import Edit
from cxmapper.ui.panels.kano_panel.chart import BetterWorseChart, _chart_label
from cxmapper.ui.panels.kano_panel.import_dialog import ImportOutcome, ImportResultDialog
from cxmapper.ui.panels.kano_panel.models import (
    CARD_ID_ROLE,
    KanoRow,
    KanoTableModel,
    MARK_MANUAL,
    MARK_STALE,
    RankingModel,
    _RowsModel,
    _SortProxy,
    category_label,
    fill,
)


# --- the panel -------------------------------------------------------------------------------


class KanoPanel(QWidget):
    """The Kano dock's widget. Edits go through ``channel`` (the window's ``EditChannel``;
    given a bare ``Editor``, the panel makes a channel of its own over it and
    ``undo_stack``), and the panel follows the channel's fan-out (``changes_applied``)."""

    #: The person selected a feature or a ranked pain point: the window selects the card.
    card_activated = Signal(str)

    def __init__(
        self, channel: EditChannel | Editor, undo_stack: QUndoStack | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if not isinstance(channel, EditChannel):
            channel = EditChannel(channel, undo_stack)  # not a Qt child (see JourneyScene)
        self.channel = channel
        self._editor: Editor | None = None
        self._following = False
        self.undo_stack = channel.undo_stack
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
        self.set_editor(channel.editor)

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
        if self.channel.editor is not editor:  # a panel with a channel of its own
            self.channel.install(editor, clear=False)
        self._editor = editor
        self._analyses.clear()
        if not self._following:
            self._following = True
            self.channel.connect_follower(self)
            channel = self.channel
            # A deleted panel must not stay connected: the channel would call a dead widget.
            self.destroyed.connect(lambda *_: channel.disconnect_follower(self))
        self._invalidate()

    def detach(self) -> None:
        """Stop following the document (the window closes)."""
        self.channel.disconnect_follower(self)
        self._following = False

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

    def changes_applied(self, record: ChangeRecord, initiator=None) -> None:
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

    def _push(self, edit: Edit) -> bool:
        return self.channel.push_edit(edit, initiator=self)

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
        return self._push(edits.change_analysis(changes, text))

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
        return len(changes) if self._push(edits.compute_kano(changes)) else 0

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
                ok = self._push(edits.import_kano(batch, Path(path).name))
                outcome.refused = None if ok else self.channel.last_refusal
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
