"""File ▸ Export for the window: ask where, run the export with a progress dialog, report errors.

Three functions for the shell's menu, nothing else:

- ``ask_export_options(parent, kind, doc)``: for a PDF, the :class:`PdfOptionsDialog`
  (paper A4/A3/Letter or a poster page, fit, language, which stages, lanes, personas
  and sections, as the command line offers); ``{}`` for the other kinds; None when
  cancelled. Its result goes to ``export_with_progress`` as ``options``.

- ``ask_export_path(parent, kind, current_file)``: a save dialog with the kind's filter
  and a suggested name beside the map (a directory chooser for CSV, which writes
  ``cards.csv`` and ``pain_points.csv``). Returns a ``Path`` or None when cancelled.
- ``export_with_progress(parent, doc, kind, path, **options)``: runs the export with a
  window-modal ``QProgressDialog`` and returns True when the file was written. PDF,
  JSON, CSV and Mermaid run on a worker thread (reportlab and matplotlib need no GUI)
  while a local event loop keeps the window painting: the dialog is busy, not stepped,
  and has no Cancel (reportlab cannot stop half-way). PNG and SVG draw a
  ``JourneyScene`` and must stay on the GUI thread: the PNG is painted in bands with
  the dialog stepping (and cancellable) between them. ``options`` go to the export
  function: ``paper``, ``fit``, ``lanes``, ``personas``, ``lang`` for PDF, ``scale``
  for PNG/SVG.

Errors (a read-only folder, a full disk, an unknown lane) come back as a message box
naming the file and the reason, never a traceback. No half-written file is left: every
export writes beside its target and renames at the end (``model.atomic``).

Trap: the worker reads a deep copy of the document, so an edit made while it runs (the
dialog is window-modal, but a timer such as autosave is not) cannot tear what it reads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEventLoop, QThread, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from cxmapper.model.document import MapDocument
from cxmapper.ui import collector


@dataclass(frozen=True)
class ExportKind:
    label: str  # for the dialog title and messages
    file_filter: str  # for QFileDialog; empty for a directory
    suffix: str  # of the suggested name
    on_gui_thread: bool  # draws with Qt (the canvas), so it cannot run on a worker


KINDS: dict[str, ExportKind] = {
    "pdf": ExportKind(QT_TRANSLATE_NOOP("ExportDialog", "PDF report"), QT_TRANSLATE_NOOP("ExportDialog", "PDF report (*.pdf)"), ".pdf", False),
    "png": ExportKind(QT_TRANSLATE_NOOP("ExportDialog", "PNG picture"), QT_TRANSLATE_NOOP("ExportDialog", "PNG picture (*.png)"), ".png", True),
    "svg": ExportKind(QT_TRANSLATE_NOOP("ExportDialog", "SVG picture"), QT_TRANSLATE_NOOP("ExportDialog", "SVG picture (*.svg)"), ".svg", True),
    "json": ExportKind(QT_TRANSLATE_NOOP("ExportDialog", "flat JSON"), QT_TRANSLATE_NOOP("ExportDialog", "Flat JSON (*.json)"), ".flat.json", False),
    "csv": ExportKind(QT_TRANSLATE_NOOP("ExportDialog", "CSV tables"), "", "", False),
    "mermaid": ExportKind(QT_TRANSLATE_NOOP("ExportDialog", "Mermaid journey"), QT_TRANSLATE_NOOP("ExportDialog", "Mermaid journey (*.mmd *.md *.txt)"), ".mmd", False),
    "pptx": ExportKind(QT_TRANSLATE_NOOP("ExportDialog", "PowerPoint slides"), QT_TRANSLATE_NOOP("ExportDialog", "PowerPoint slides (*.pptx)"), ".pptx", False),
}


def _kind(kind: str) -> ExportKind:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown export kind {kind!r}: use one of {', '.join(KINDS)}") from None


def suggested_path(kind: str, current_file: str | os.PathLike | None, title: str = "") -> Path:
    """Beside the map, named after it (``map.cxmap`` → ``map.pdf``); the home folder otherwise."""
    spec = _kind(kind)
    if current_file:
        current = Path(current_file)
        folder, stem = current.parent, current.name.removesuffix(".cxmap")
    else:
        folder, stem = Path.home(), title.strip() or "map"
    if not spec.suffix:  # CSV: a folder of its own
        return folder / f"{stem}-csv"
    return folder / f"{stem}{spec.suffix}"


def ask_export_path(parent: QWidget | None, kind: str, current_file: str | os.PathLike | None) -> Path | None:
    """Ask where to write a ``kind`` export; None when the user cancels."""
    spec = _kind(kind)
    start = suggested_path(kind, current_file)
    caption = QCoreApplication.translate("ExportDialog", "Export {what}").format(what=QCoreApplication.translate("ExportDialog", spec.label))
    if not spec.file_filter:
        chosen = QFileDialog.getExistingDirectory(parent, caption, str(start.parent))
        return Path(chosen) if chosen else None
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(start), QCoreApplication.translate("ExportDialog", spec.file_filter))
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:  # some platforms' dialogs do not add it
        path = path.with_name(path.name + spec.suffix)
    return path


_PAPERS = (
    ("a4", QT_TRANSLATE_NOOP("ExportDialog", "A4 landscape")),
    ("a3", QT_TRANSLATE_NOOP("ExportDialog", "A3 landscape")),
    ("letter", QT_TRANSLATE_NOOP("ExportDialog", "Letter landscape")),
    ("poster", QT_TRANSLATE_NOOP("ExportDialog", "Poster: the whole blueprint on one page sized to the map")),
)
_SECTION_LABELS = {
    "cover": QT_TRANSLATE_NOOP("ExportDialog", "Cover and headline figures"),
    "blueprint": QT_TRANSLATE_NOOP("ExportDialog", "Blueprint and its appendix"),
    "emotions": QT_TRANSLATE_NOOP("ExportDialog", "Emotion curves"),
    "pain-points": QT_TRANSLATE_NOOP("ExportDialog", "Pain points ranked"),
    "metrics": QT_TRANSLATE_NOOP("ExportDialog", "Metrics per stage"),
    "kano": QT_TRANSLATE_NOOP("ExportDialog", "Kano analysis"),
}


class PdfOptionsDialog(QDialog):
    """The PDF report's options, the same as ``cxmapper export --pdf`` takes.

    Lists are checkable (Space or a click toggles an item); OK is disabled, with a line
    saying why, while no stage, lane or section is checked. :meth:`options` gives the
    keyword arguments of ``export_pdf``: a list left whole is None (all, also those
    added later), so the command line's defaults and the dialog's agree.
    """

    def __init__(self, doc: MapDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pdf-options")
        self.setWindowTitle(self.tr("PDF report options"))
        self.paper = QComboBox(objectName="paper")
        for key, label in _PAPERS:
            self.paper.addItem(QCoreApplication.translate("ExportDialog", label), key)
        self.fit = QCheckBox(self.tr("Fit the blueprint onto one page when its text stays readable"), objectName="fit")
        self.lang = QComboBox(objectName="lang")
        for key, label in ((None, QT_TRANSLATE_NOOP("ExportDialog", "The map's language")),
                           ("en", QT_TRANSLATE_NOOP("ExportDialog", "English")),
                           ("zh", QT_TRANSLATE_NOOP("ExportDialog", "Chinese"))):
            self.lang.addItem(QCoreApplication.translate("ExportDialog", label), key)
        form = QFormLayout()
        form.addRow(self.tr("Paper:"), self.paper)
        form.addRow("", self.fit)
        form.addRow(self.tr("Language:"), self.lang)

        def checklist(name: str, items) -> QListWidget:
            widget = QListWidget(objectName=name)
            for key, label in items:
                item = QListWidgetItem(label or key)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                widget.addItem(item)
            widget.itemChanged.connect(self._update)
            widget.setMinimumHeight(90)
            return widget

        self.stages = checklist("stages", [(s.id, s.name or self.tr("(unnamed stage)")) for s in doc.stages])
        self.lanes = checklist("lanes", [(lane.id, lane.name or self.tr("(unnamed lane)")) for lane in doc.lanes])
        self.personas = checklist("personas", [(p.id, p.name or self.tr("(unnamed persona)")) for p in doc.personas])
        from cxmapper.export.pdf import SECTIONS

        self.sections = checklist("sections", [(key, QCoreApplication.translate("ExportDialog", _SECTION_LABELS[key])) for key in SECTIONS])
        grid = QGridLayout()
        for column, (title, widget) in enumerate((
            (self.tr("Stages in the blueprint"), self.stages),
            (self.tr("Lanes in the blueprint"), self.lanes),
            (self.tr("Personas"), self.personas),
            (self.tr("Sections"), self.sections),
        )):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            grid.addWidget(box, 0, column)
            grid.setColumnStretch(column, 1)
        self.problem = QLabel(objectName="problem")
        self.problem.setStyleSheet("color: #B23A3A")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.paper.currentIndexChanged.connect(self._update)
        self._update()

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _chosen(self, widget: QListWidget) -> list[str] | None:
        checked = self._checked(widget)
        return None if len(checked) == widget.count() else checked

    def _update(self, *_args) -> None:
        poster = self.paper.currentData() == "poster"
        self.fit.setEnabled(not poster)  # a poster page is sized to the map: nothing to fit
        problems = []
        for widget, what in ((self.stages, self.tr("stage")), (self.lanes, self.tr("lane")), (self.sections, self.tr("section"))):
            if widget.count() and not self._checked(widget):
                problems.append(self.tr("Check at least one {what}.").format(what=what))
        self.problem.setText(" ".join(problems))
        self.problem.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def restore(self, remembered: dict) -> None:
        """Put back the paper, fit, language and sections of the last export (stages,
        lanes and personas belong to a map, so each map starts with all of them)."""
        index = self.paper.findData(remembered.get("paper", "a4"))
        self.paper.setCurrentIndex(max(0, index))
        self.fit.setChecked(bool(remembered.get("fit")))
        self.lang.setCurrentIndex(max(0, self.lang.findData(remembered.get("lang"))))
        sections = remembered.get("sections")
        for i in range(self.sections.count()):
            item = self.sections.item(i)
            on = sections is None or item.data(Qt.ItemDataRole.UserRole) in sections
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._update()

    def options(self) -> dict:
        poster = self.paper.currentData() == "poster"
        return {
            "paper": self.paper.currentData(),
            "fit": self.fit.isChecked() and not poster,
            "lang": self.lang.currentData(),
            "stages": self._chosen(self.stages),
            "lanes": self._chosen(self.lanes),
            "personas": self._chosen(self.personas),
            "sections": self._chosen(self.sections),
        }


def ask_export_options(parent: QWidget | None, kind: str, doc: MapDocument) -> dict | None:
    """The options of a ``kind`` export: the PDF dialog's, ``{}`` for the others; None
    when the person cancels."""
    _kind(kind)
    if kind != "pdf":
        return {}
    dialog = PdfOptionsDialog(doc, parent)
    dialog.restore(_REMEMBERED)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        options = dialog.options()
        _REMEMBERED.clear()
        _REMEMBERED.update({key: options[key] for key in ("paper", "fit", "lang", "sections")})
        return options
    finally:
        dialog.deleteLater()


#: The last PDF options chosen in this session (paper, fit, language, sections).
_REMEMBERED: dict = {}


def _run_export(doc: MapDocument, kind: str, path: Path, options: dict, progress=None):
    if kind == "pdf":
        from cxmapper.export.pdf import export_pdf

        return export_pdf(doc, path, **options)
    if kind in ("png", "svg"):
        from cxmapper.ui import picture

        export = picture.export_png if kind == "png" else picture.export_svg
        return export(doc, path, progress=progress, **options)
    if kind == "json":
        from cxmapper.export.flat import export_flat_json

        return export_flat_json(doc, path, **options)
    if kind == "csv":
        from cxmapper.export.tabular import export_csv

        return export_csv(doc, path, **options)
    if kind == "pptx":
        from cxmapper.export.pptx import export_pptx

        return export_pptx(doc, path, **options)
    from cxmapper.export.mermaid import export_mermaid

    return export_mermaid(doc, path, **options)


class _Worker(QThread):
    """Runs one non-Qt export; keeps its result or its exception for the GUI thread."""

    def __init__(self, job: Callable[[], object]):
        super().__init__()
        self.job = job
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:  # noqa: D401 - QThread override
        try:
            self.result = self.job()
        except BaseException as exc:  # handed to the GUI thread, which reports it
            self.error = exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if isinstance(exc, (ValueError, MemoryError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"  # a bug: still a message, not a traceback


def export_with_progress(parent: QWidget | None, doc: MapDocument, kind: str, path: str | os.PathLike, **options) -> bool:
    """Write ``doc`` as ``kind`` to ``path`` with a progress dialog; True when written.

    On failure a message box names the file and the reason and the target is left as
    it was. A cancelled picture writes nothing and returns False without a message.
    """
    spec = _kind(kind)
    path = Path(path)
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("ExportDialog", "Export {what}").format(what=QCoreApplication.translate("ExportDialog", spec.label)))
    dialog.setLabelText(QCoreApplication.translate("ExportDialog", "Writing {name}…").format(name=path.name))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    error: BaseException | None = None
    result = None
    try:
        if spec.on_gui_thread:
            from cxmapper.ui.picture import PictureCancelled

            def step(done: int, total: int) -> bool:
                dialog.setRange(0, max(total, 1))
                dialog.setValue(done)
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                return not dialog.wasCanceled()

            try:
                result = _run_export(doc, kind, path, options, progress=step)
            except PictureCancelled:
                return False
            except Exception as exc:  # reported below
                error = exc
        else:
            dialog.setRange(0, 0)  # busy: reportlab does not say how far it is
            dialog.setCancelButton(None)
            snapshot = doc.model_copy(deep=True)
            worker = _Worker(lambda: _run_export(snapshot, kind, path, options))
            loop = QEventLoop()
            worker.finished.connect(loop.quit)
            collector.install()  # no garbage collection on the export thread
            worker.start()
            dialog.setValue(0)
            # ``finished`` is emitted on the worker thread, so it reaches the loop
            # queued: even a worker that is already done quits the loop once it runs.
            loop.exec()
            worker.wait()
            result, error = worker.result, worker.error
    finally:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
    if error is not None:
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("ExportDialog", "Export failed"),
            QCoreApplication.translate("ExportDialog", "Could not write the {what} to\n{path}\n\n{reason}").format(
                what=QCoreApplication.translate("ExportDialog", spec.label), path=str(path), reason=_reason(error)
            ),
        )
        return False
    return result is not None
