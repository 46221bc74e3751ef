"""File ▸ Export helpers: the export runs with a progress dialog, writes the file, reports errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
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
