"""Crash recovery: the dialog listing what a crashed session left, and recovering it.

Each map is one row: its title, when it was autosaved (date, time and how long ago),
how many edits it holds since it was last saved, and the file it belongs to (or "new
map, never saved"). The dialog is as wide as its rows need, up to the screen: a path
is never clipped to an unreadable stub (the full path is also the row's tooltip).

Damaged autosave files never block the rest: the store leaves them out and the dialog
says which and why (their files are kept, nothing is deleted that could not be read).
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cxmapper.ui.autosave import AutosaveEntry

if TYPE_CHECKING:
    from cxmapper.ui.mainwindow import MainWindow

#: Columns of the list.
TITLE, SAVED, EDITS, FILE = range(4)


class RecoveryDialog(QDialog):
    """Lists the maps a crash left behind; the checked ones are recovered."""

    def __init__(
        self, entries: list[AutosaveEntry], parent: QWidget | None = None, problems: list[str] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recover unsaved work"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "CX Mapper was closed without saving these maps. "
                "Recover the checked ones? Unchecked ones are deleted."
            ),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels([self.tr("Map"), self.tr("Autosaved"), self.tr("Edits"), self.tr("File")])
        now = time.time()
        for entry in entries:
            where = entry.source or self.tr("new map, never saved")
            item = QTreeWidgetItem(
                [
                    entry.title or self.tr("Untitled map"),
                    self.describe_time(entry.saved_at, now),
                    str(entry.edits) if entry.edits else "—",
                    where,
                ]
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(TITLE, Qt.CheckState.Checked)
            item.setData(TITLE, Qt.ItemDataRole.UserRole, entry.key)
            item.setTextAlignment(EDITS, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column in range(4):
                item.setToolTip(column, f"{entry.title}\n{where}\n{entry.document}")
            self.list.addTopLevelItem(item)
        self.list.header().setStretchLastSection(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        layout.addWidget(self.list, 1)
        # The whole path of the current row, wrapped: on any screen it is read whole.
        self.path_label = QLabel(self)
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.path_label)
        self.list.currentItemChanged.connect(self._show_path)
        self._paths = {entry.key: entry.source or self.tr("new map, never saved") for entry in entries}
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if problems:
            self.problems.setText(
                self.tr("These autosave files could not be read; they are left where they are:")
                + "\n"
                + "\n".join(problems)
            )
        else:
            self.problems.hide()
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Recover"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fit_width()
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def _show_path(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            self.path_label.clear()
            return
        path = self._paths.get(item.data(TITLE, Qt.ItemDataRole.UserRole), "")
        # A line may break after a path separator (a zero-width space there), so a long
        # path without spaces wraps instead of running out of the dialog.
        breakable = path.replace("/", "/\u200b").replace("\\", "\\\u200b")
        self.path_label.setText(self.tr("File: {path}").format(path=breakable))

    def shown_path(self) -> str:
        """The path the label shows, without its break marks."""
        return self.path_label.text().replace("\u200b", "")

    def describe_time(self, saved_at: float, now: float) -> str:
        """"2026-12-06 13:05:12 (4 minutes ago)": when, to the second, and how long ago."""
        try:
            when = datetime.fromtimestamp(saved_at).strftime("%Y-%m-%d %H:%M:%S")
        except (ValueError, OverflowError, OSError):
            return self.tr("unknown time")
        ago = max(0, int(now - saved_at))
        if ago < 60:
            relative = self.tr("%n second(s) ago", "", ago)
        elif ago < 3600:
            relative = self.tr("%n minute(s) ago", "", ago // 60)
        elif ago < 2 * 86400:
            relative = self.tr("%n hour(s) ago", "", ago // 3600)
        else:
            relative = self.tr("%n day(s) ago", "", ago // 86400)
        return f"{when} ({relative})"

    def _fit_width(self) -> None:
        """Columns as wide as their texts (the paths included) and the dialog as wide as
        the columns, up to 90 % of the screen; the list shows up to ten rows unscrolled.
        Measured from the texts: a tree's own size hints are not ready before it shows."""
        metrics = self.list.fontMetrics()
        check = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth) + 8
        widths = []
        for column in range(4):
            texts = [self.list.headerItem().text(column)]
            texts += [self.list.topLevelItem(i).text(column) for i in range(self.list.topLevelItemCount())]
            widths.append(max(metrics.horizontalAdvance(t) for t in texts) + 24 + (check if column == TITLE else 0))
        for column in range(3):
            self.list.setColumnWidth(column, widths[column])
        margins = self.layout().contentsMargins()
        scroll = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        wanted = sum(widths) + margins.left() + margins.right() + self.list.frameWidth() * 2 + scroll + 8
        screen = (self.parentWidget().screen() if self.parentWidget() else None) or QGuiApplication.primaryScreen()
        limit = int(screen.availableGeometry().width() * 0.9) if screen is not None else wanted
        rows = min(10, max(1, self.list.topLevelItemCount()))
        row_height = max(metrics.height() + 8, 22)
        self.list.setMinimumHeight(self.list.header().sizeHint().height() + rows * row_height + 8)
        self.resize(max(560, min(wanted, limit)), self.sizeHint().height())

    def chosen_keys(self) -> list[str]:
        return [
            self.list.topLevelItem(i).data(TITLE, Qt.ItemDataRole.UserRole)
            for i in range(self.list.topLevelItemCount())
            if self.list.topLevelItem(i).checkState(TITLE) == Qt.CheckState.Checked
        ]

    def set_checked(self, key: str, checked: bool) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(TITLE, Qt.ItemDataRole.UserRole) == key:
                item.setCheckState(TITLE, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def offer_recovery(window: "MainWindow") -> list["MainWindow"]:
    """Offer the maps a crashed session left; returns the windows showing them.

    A map whose document cannot be read is reported and its files kept (the person
    may send them to someone who can mend them); the others are recovered all the same.
    """
    from cxmapper.model.fileformat import MapFileError, load_file

    store = window.store
    entries = store.recoverable()
    problems = list(store.problems)
    if not entries:
        return []
    dialog = RecoveryDialog(entries, window, problems)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []  # "Later": offered again on the next start
    chosen = set(dialog.chosen_keys())
    windows: list[MainWindow] = []
    for entry in entries:
        if entry.key not in chosen:
            store.remove(entry.key)
            continue
        try:
            doc = load_file(entry.document)
        except (MapFileError, OSError, ValueError) as exc:
            QMessageBox.warning(
                window,
                QCoreApplication.translate("RecoveryDialog", "Cannot recover map"),
                QCoreApplication.translate("RecoveryDialog", "{path}: {reason}\nThe file is kept.").format(
                    path=str(entry.document), reason=str(exc)
                ),
            )
            continue
        target = window if window.is_pristine() and not windows else window._new_window()
        source = entry.source if entry.source and Path(entry.source).exists() else None
        target.set_document(doc, source, unsaved=True)
        target.autosaver.note_edit(True)
        target.autosaver.flush()  # ours now, before the old files go
        windows.append(target)
        store.remove(entry.key)
    return windows
