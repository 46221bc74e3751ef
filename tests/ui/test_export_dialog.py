"""File ▸ Export helpers: the export runs with a progress dialog, writes the file, reports errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pypdf import PdfReader

from cxmapper.ui import export_dialog
from cxmapper.ui.export_dialog import KINDS, ask_export_path, export_with_progress, suggested_path


@pytest.fixture
def errors(monkeypatch):
    """Message boxes shown, as (title, text), instead of blocking the test."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a, **k: shown.append((title, text))))
    return shown


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("kind", ["pdf", "json", "mermaid", "png", "svg"])
def test_each_export_writes_its_file(window, small_map, tmp_path, errors, kind):
    path = tmp_path / f"map{KINDS[kind].suffix}"
    assert export_with_progress(window, small_map, kind, path) is True
    assert errors == []
    data = path.read_bytes()
    if kind == "pdf":
        text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
        assert "扫码支付" in text and "服务蓝图" in text  # the small map is zh_CN
    elif kind == "json":
        assert "官网首页" in [c["title"] for c in json.loads(data)["cards"]]
    elif kind == "mermaid":
        assert "\njourney" in data.decode("utf-8") and "section 购买 Purchase" in data.decode("utf-8")
    elif kind == "png":
        assert QImage(str(path)).width() > 200
    else:
        assert "扫码支付" in "".join(e.text or "" for e in ET.parse(path).getroot().iter())
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "no temporary file left behind"


def test_csv_writes_both_tables_into_the_folder(window, small_map, tmp_path, errors):
    assert export_with_progress(window, small_map, "csv", tmp_path) is True
    assert {p.name for p in tmp_path.iterdir()} == {"cards.csv", "pain_points.csv"}


def test_pdf_options_are_passed(window, small_map, tmp_path, errors):
    path = tmp_path / "r.pdf"
    assert export_with_progress(window, small_map, "pdf", path, paper="a3", lang="en")
    reader = PdfReader(str(path))
    assert reader.outline[0].title == "Cover"
    assert round(float(reader.pages[0].mediabox.width)) == 1191  # A3 landscape


@pytest.mark.parametrize("kind", ["pdf", "png", "json"])
def test_unwritable_path_reports_file_and_reason(window, small_map, tmp_path, errors, kind):
    target = tmp_path / "no" / "such" / "folder" / f"x{KINDS[kind].suffix}"
    assert export_with_progress(window, small_map, kind, target) is False
    assert len(errors) == 1
    title, text = errors[0]
    assert title == "Export failed"
    assert str(target) in text and "No such file or directory" in text
    assert not target.parent.exists()


def test_an_existing_file_survives_a_failed_export(window, small_map, tmp_path, errors, monkeypatch):
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"old report")

    def broken(*args, **kwargs):
        raise ValueError("no lane named '没有这条泳道'")

    monkeypatch.setattr("cxmapper.export.pdf.export_pdf", broken)
    assert export_with_progress(window, small_map, "pdf", target) is False
    assert "没有这条泳道" in errors[0][1]
    assert target.read_bytes() == b"old report"


def test_picture_progress_steps_and_cancel(window, small_map, tmp_path, errors, monkeypatch):
    from cxmapper.ui import picture

    monkeypatch.setattr(picture, "BAND_HEIGHT", 64)
    seen = []
    real = export_dialog.QProgressDialog.setValue
    monkeypatch.setattr(export_dialog.QProgressDialog, "setValue", lambda self, v: (seen.append(v), real(self, v)))
    assert export_with_progress(window, small_map, "png", tmp_path / "a.png")
    assert len(seen) > 3 and seen == sorted(seen)
    # cancelled at the first step: nothing written, no error box
    monkeypatch.setattr(export_dialog.QProgressDialog, "wasCanceled", lambda self: True)
    assert export_with_progress(window, small_map, "png", tmp_path / "b.png") is False
    assert not (tmp_path / "b.png").exists() and errors == []


def test_unknown_kind():
    with pytest.raises(ValueError, match="unknown export kind"):
        suggested_path("docx", None)


def test_ask_export_path_filters_and_suggestions(window, tmp_path, monkeypatch):
    calls = []

    def save(parent, caption, start, filters):
        calls.append((caption, start, filters))
        return str(tmp_path / "chosen"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda parent, caption, start: str(tmp_path)))
    current = tmp_path / "银行开户.cxmap"
    assert ask_export_path(window, "pdf", current) == tmp_path / "chosen.pdf"
    caption, start, filters = calls[-1]
    assert start == str(tmp_path / "银行开户.pdf") and filters == "PDF report (*.pdf)" and "PDF" in caption
    assert ask_export_path(window, "svg", None) == tmp_path / "chosen.svg"
    assert calls[-1][1] == str(Path.home() / "map.svg") and "*.svg" in calls[-1][2]
    assert ask_export_path(window, "csv", current) == tmp_path
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    assert ask_export_path(window, "png", current) is None


def test_the_window_keeps_processing_events_while_a_pdf_is_written(window, small_map, tmp_path, errors, monkeypatch):
    """The PDF runs on a worker: a timer on the GUI thread fires while the export waits for it."""
    import threading

    from PySide6.QtCore import QTimer

    gui_thread = threading.get_ident()
    ticked = threading.Event()
    seen = {}

    def slow_export(doc, path, **options):
        seen["thread"] = threading.get_ident()
        seen["ticked"] = ticked.wait(timeout=20)  # only the GUI event loop can set it
        seen["copy"] = doc is not small_map and doc == small_map
        Path(path).write_bytes(b"%PDF-1.4 stand-in")
        return path

    monkeypatch.setattr("cxmapper.export.pdf.export_pdf", slow_export)
    QTimer.singleShot(0, ticked.set)
    assert export_with_progress(window, small_map, "pdf", tmp_path / "r.pdf")
    assert seen == {"thread": seen["thread"], "ticked": True, "copy": True}
    assert seen["thread"] != gui_thread


# -- the PDF options dialog, driven as a person does -----------------------------------


def _drive_pdf_options(qtbot, steps):
    """Run ``steps(dialog)`` once the options dialog is shown (it is modal)."""
    from PySide6.QtCore import QTimer

    from cxmapper.ui.export_dialog import PdfOptionsDialog

    done = {}

    def poll():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfOptionsDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, poll)
            return
        done["dialog"] = dialogs[0]
        steps(dialogs[0])

    QTimer.singleShot(0, poll)
    return done


def _uncheck_by_keys(qtbot, widget, text):
    """Move to the item named ``text`` with the arrow keys and toggle it with Space."""
    from PySide6.QtCore import Qt as _Qt

    widget.setFocus()
    qtbot.keyClick(widget, _Qt.Key.Key_Home)
    for _ in range(widget.count()):
        if widget.currentItem() is not None and widget.currentItem().text() == text:
            break
        qtbot.keyClick(widget, _Qt.Key.Key_Down)
    assert widget.currentItem().text() == text
    qtbot.keyClick(widget, _Qt.Key.Key_Space)


def test_file_export_pdf_asks_paper_stages_lanes_and_sections(qtbot, monkeypatch, tmp_path):
    """File ▸ Export ▸ PDF on the shown window: the options dialog, filled in with keys
    and a mouse click, reaches the written report (A3, one stage left out, no cover)."""
    from PySide6.QtCore import Qt as _Qt
    from PySide6.QtWidgets import QDialogButtonBox

    import cxmapper.ui.mainwindow as mainwindow_module
    from tests.ui.shell_support import open_window, sample_document

    window, _boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    target = tmp_path / "报告.pdf"
    monkeypatch.setattr(mainwindow_module, "ask_export_path", lambda parent, k, current: target)
    seen = {}

    def fill(dialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.paper.setFocus()
        qtbot.keyClick(dialog.paper, _Qt.Key.Key_Down)  # A4 → A3
        _uncheck_by_keys(qtbot, dialog.stages, "使用")
        _uncheck_by_keys(qtbot, dialog.sections, "Cover and headline figures")
        # Every lane unchecked: OK is refused with a reason, then one comes back.
        for i in range(dialog.lanes.count()):
            _uncheck_by_keys(qtbot, dialog.lanes, dialog.lanes.item(i).text())
        seen["refused"] = (ok.isEnabled(), dialog.problem.text())
        _uncheck_by_keys(qtbot, dialog.lanes, "顾客行为")
        _uncheck_by_keys(qtbot, dialog.lanes, "前台")
        seen["fit_enabled_on_a3"] = dialog.fit.isEnabled()
        qtbot.mouseClick(ok, _Qt.MouseButton.LeftButton)

    monkeypatch.setattr(export_dialog, "_REMEMBERED", {})
    _drive_pdf_options(qtbot, fill)
    window.registry["export_pdf"].trigger()
    assert seen["refused"] == (False, "Check at least one lane.")
    assert seen["fit_enabled_on_a3"] is True
    reader = PdfReader(str(target))
    assert round(float(reader.pages[0].mediabox.width)) == 1191  # A3 landscape
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert "报告日期" not in text  # no cover
    blueprint = "\n".join(t for t in (p.extract_text() or "" for p in reader.pages) if "服务蓝图 — 第" in t)
    assert "看到广告" in blueprint and "首次使用" not in blueprint
    assert "顾客行为" in blueprint and "前台" in blueprint and "后台" not in blueprint
    assert window.undo_stack.count() == 0  # an export is not an edit
    # The next PDF export starts from the paper and sections chosen; the map's own
    # lists (stages, lanes) start whole again.
    def look(dialog):
        seen["again"] = (dialog.paper.currentData(), dialog._chosen(dialog.sections), dialog._chosen(dialog.lanes))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), _Qt.MouseButton.LeftButton)

    _drive_pdf_options(qtbot, look)
    assert window.export("pdf") is False
    assert seen["again"] == ("a3", ["blueprint", "emotions", "pain-points", "metrics", "kano"], None)
    window.undo_stack.setClean()


def test_pdf_options_dialog_poster_disables_fit_and_cancel_writes_nothing(qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt as _Qt
    from PySide6.QtWidgets import QDialogButtonBox

    import cxmapper.ui.mainwindow as mainwindow_module
    from tests.ui.shell_support import open_window, sample_document

    window, _boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    monkeypatch.setattr(export_dialog, "_REMEMBERED", {})
    target = tmp_path / "poster.pdf"
    monkeypatch.setattr(mainwindow_module, "ask_export_path", lambda parent, k, current: target)
    seen = {}

    def cancel(dialog):
        dialog.paper.setFocus()
        qtbot.keyClick(dialog.paper, _Qt.Key.Key_End)  # the poster page
        seen["paper"] = dialog.paper.currentData()
        seen["fit"] = dialog.fit.isEnabled()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), _Qt.MouseButton.LeftButton)

    _drive_pdf_options(qtbot, cancel)
    assert window.export("pdf") is False
    assert seen == {"paper": "poster", "fit": False}
    assert not target.exists()

    def poster(dialog):
        dialog.paper.setFocus()
        qtbot.keyClick(dialog.paper, _Qt.Key.Key_End)
        qtbot.keyClick(dialog, _Qt.Key.Key_Return)  # Enter accepts, as OK

    _drive_pdf_options(qtbot, poster)
    assert window.export("pdf") is True
    reader = PdfReader(str(target))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    assert sizes[0] == (1191, 842) and sizes[1][0] >= 1191  # cover on A3, then the poster
    window.undo_stack.setClean()
