"""The window's save, driven with Ctrl+S: a change another program made a moment ago
is not overwritten without asking, and a read-only file needs a confirmation."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cxmapper.model import editor as ed
from cxmapper.model.fileformat import load_file
from tests.ui.shell_support import open_window, sample_document

Button = QMessageBox.StandardButton


@pytest.fixture
def saved(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    path = tmp_path / "m.cxmap"
    assert window.save_to(path)
    window.push(ed.UpdateCard("c-ad", {"title": "我的修改"}), "Edit")
    yield window, boxes, path
    window.undo_stack.setClean()


def press_save(qtbot, window) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def other_program_changes(path) -> bytes:
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["meta"]["title"] = "别人改的"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path.read_bytes()


def test_a_save_before_the_watcher_fires_asks_and_keeps_the_other_change(saved, qtbot):
    window, boxes, path = saved
    theirs = other_program_changes(path)  # the watcher has not reported it yet
    boxes.answers["question"] = Button.No
    press_save(qtbot, window)
    questions = boxes.named("question")
    assert questions and "changed by another program" in questions[0][2]
    assert path.read_bytes() == theirs
    assert window.isWindowModified()


def test_confirming_replaces_the_other_change(saved, qtbot):
    window, boxes, path = saved
    other_program_changes(path)
    boxes.answers["question"] = Button.Yes
    press_save(qtbot, window)
    assert load_file(path).card("c-ad").title == "我的修改"
    assert not window.isWindowModified()


def test_a_read_only_map_is_replaced_only_after_confirming(saved, qtbot):
    window, boxes, path = saved
    path.chmod(0o444)
    before = path.read_bytes()
    boxes.answers["question"] = Button.No
    press_save(qtbot, window)
    assert "read-only" in boxes.named("question")[-1][2]
    assert path.read_bytes() == before and window.isWindowModified()
    boxes.answers["question"] = Button.Yes
    press_save(qtbot, window)
    assert load_file(path).card("c-ad").title == "我的修改" and not window.isWindowModified()


def test_the_watcher_does_not_ask_on_top_of_the_save_question(saved, qtbot, monkeypatch):
    window, boxes, path = saved
    other_program_changes(path)
    asked_while_open = []
    real_question = QMessageBox.question

    def question(*args, **kwargs):
        window._file_changed_on_disk(str(path))  # the watcher's event, while the dialog runs
        asked_while_open.append(len(boxes.named("question")))
        return real_question(*args, **kwargs)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    boxes.answers["question"] = Button.No
    press_save(qtbot, window)
    assert asked_while_open == [0]  # only the save's own question
    assert len(boxes.named("question")) == 1
