"""Open, save and the file on disk: atomic saves, refused files left untouched,
recent files, and the warning when another program changes the open file."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cxmapper.model import editor as ed
from cxmapper.model.fileformat import load_file, save_file

from tests.ui.shell_support import open_window, sample_document

Button = QMessageBox.StandardButton


@pytest.fixture
def shell(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    yield window, boxes
    window.undo_stack.setClean()


def test_save_then_open_gives_the_same_document(shell, tmp_path):
    window, _ = shell
    window.push(ed.UpdateCard("c-ad", {"title": "保存我"}), "Edit")
    path = tmp_path / "地图.cxmap"
    assert window.save_to(path)
    assert window.undo_stack.isClean() and window.path == path.resolve()
    assert load_file(path).model_dump() == window.editor.doc.model_dump()
    assert window.settings.recent_files()[0] == str(path.resolve())


def test_save_as_adds_the_suffix(shell, tmp_path, monkeypatch):
    window, _ = shell
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "没有后缀"), "")))
    assert window.save_as()
    assert (tmp_path / "没有后缀.cxmap").exists()
    assert window.windowTitle().startswith("没有后缀.cxmap")


def test_failed_save_leaves_the_old_file_and_stays_modified(shell, tmp_path, monkeypatch):
    window, boxes = shell
    path = tmp_path / "m.cxmap"
    assert window.save_to(path)
    old_bytes = path.read_bytes()
    window.push(ed.UpdateCard("c-ad", {"title": "不会写到磁盘"}), "Edit")

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert not window.save_to(path)
    assert path.read_bytes() == old_bytes
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no half-written file
    assert window.isWindowModified()
    assert "No space left" in boxes.named("critical")[0][2]


def test_opening_shows_what_it_does_with_the_wait_cursor_until_the_map_is_in(shell, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window, boxes = shell
    path = tmp_path / "大地图.cxmap"
    save_file(sample_document(), path)
    seen = []
    build = window.set_document

    def watching(*args, **kwargs):
        cursor = QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor else None, window.statusBar().currentMessage()))
        build(*args, **kwargs)

    monkeypatch.setattr(window, "set_document", watching)
    assert window.open_path(path)
    assert seen == [(Qt.CursorShape.WaitCursor, "Opening 大地图.cxmap…")]
    assert QApplication.overrideCursor() is None
    assert "Opened 大地图.cxmap" in window.statusBar().currentMessage()
    # A file that cannot be read: the message box comes with the normal cursor.
    path.write_text("{", encoding="utf-8")
    cursors = []
    monkeypatch.setattr(window, "_cannot_open", lambda problem: cursors.append(QApplication.overrideCursor()))
    assert not window.open_path(path)
    assert cursors == [None] and window.statusBar().currentMessage() == ""


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"format": "cxmapper", "schema_version": 1, "stages": [', "JSON"),
        ('{"format": "cxmapper", "schema_version": 99}', "newer"),
        ('{"format": "cxmapper", "schema_version": 1, "lanes": [{"kind": "前台"}]}', "kind"),
    ],
    ids=["broken-json", "newer-version", "invalid-field"],
)
def test_a_bad_file_opens_nothing_shows_why_and_is_untouched(shell, tmp_path, content, expected):
    window, boxes = shell
    path = tmp_path / "坏的.cxmap"
    path.write_text(content, encoding="utf-8")
    before_bytes, before_mtime = path.read_bytes(), path.stat().st_mtime_ns
    before_doc = window.editor.doc.model_dump()
    assert not window.open_path(path)
    assert window.path is None and window.editor.doc.model_dump() == before_doc
    (kind, _title, text), = boxes.named("critical")
    assert expected.lower() in text.lower() and "坏的.cxmap" in text
    assert path.read_bytes() == before_bytes and path.stat().st_mtime_ns == before_mtime
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["坏的.cxmap"]


def test_open_recent_of_a_missing_file_is_removed_from_the_list(shell, tmp_path):
    window, boxes = shell
    path = tmp_path / "gone.cxmap"
    save_file(sample_document(), path)
    window.settings.add_recent_file(path)
    path.unlink()
    window._open_recent(str(path.resolve()))
    assert boxes.named("warning")
    assert str(path.resolve()) not in window.settings.recent_files()


def test_our_own_save_is_not_reported_as_a_change_on_disk(shell, tmp_path):
    window, boxes = shell
    path = tmp_path / "m.cxmap"
    window.save_to(path)
    window.push(ed.UpdateCard("c-ad", {"title": "再次保存"}), "Edit")
    window.save_to(path)
    window._file_changed_on_disk(str(path))  # what the watcher reports after our save
    assert boxes.calls == []


def test_a_change_by_another_program_asks_and_reloads(shell, tmp_path):
    window, boxes = shell
    path = tmp_path / "m.cxmap"
    window.save_to(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["meta"]["title"] = "别人改的"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    boxes.answers["question"] = Button.Yes
    window._file_changed_on_disk(str(path))
    assert len(boxes.named("question")) == 1
    assert window.editor.doc.meta.title == "别人改的" and not window.isWindowModified()


def test_keeping_our_version_after_a_change_on_disk_marks_it_unsaved(shell, tmp_path):
    window, boxes = shell
    path = tmp_path / "m.cxmap"
    window.save_to(path)
    path.write_bytes(path.read_bytes() + b"\n")
    boxes.answers["question"] = Button.No
    window._file_changed_on_disk(str(path))
    assert window.isWindowModified()
    window._file_changed_on_disk(str(path))  # the same change: asked once
    assert len(boxes.named("question")) == 1


def test_the_watcher_reports_a_real_change(shell, qtbot, tmp_path):
    window, boxes = shell
    path = tmp_path / "m.cxmap"
    window.save_to(path)
    boxes.answers["question"] = Button.No
    with qtbot.waitSignal(window.watcher.fileChanged, timeout=10_000):
        with open(path, "ab") as stream:
            stream.write(b" ")
    qtbot.waitUntil(lambda: len(boxes.named("question")) == 1, timeout=10_000)
