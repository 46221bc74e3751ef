"""Recovery loses at most ~2 s of work, survives damaged autosave files, and its
dialog shows the map, when it was saved and how many edits it holds (issue 17, point 5;
issue 16's damaged files and failing writes)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from cxmapper.model.fileformat import dumps, load_file
from cxmapper.ui.autosave import AutosaveStore
from cxmapper.ui.recovery import FILE, RecoveryDialog

from tests.ui.shell_support import open_window, sample_document


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


@pytest.fixture
def shell(qtbot, monkeypatch, tmp_path):
    window, boxes = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    window.resize(1200, 800)
    qtbot.waitExposed(window)
    yield window, boxes
    window.undo_stack.setClean()


def _click_cell(window, lane: str, step: str) -> None:
    rect = window.scene.cell_rect(lane, step)
    window.view.ensureVisible(rect)
    point = window.view.mapFromScene(QPointF(rect.center().x(), rect.bottom() - 8))
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def _add_card_by_keys(window, lane: str, step: str, title: str) -> None:
    _click_cell(window, lane, step)
    QTest.keyClick(window.view, Qt.Key.Key_N)
    if title.isascii():
        QTest.keyClicks(window.view, title)
    else:  # what an input method sends (QTest types Latin-1 only)
        event = QInputMethodEvent()
        event.setCommitString(title)
        QApplication.sendEvent(window.view, event)
    QTest.keyClick(window.view, Qt.Key.Key_Return)


def test_three_cards_are_on_disk_within_two_seconds(shell, qtbot):
    """The issue's case: kill -9 five seconds after adding 3 cards offered nothing."""
    window, _ = shell
    started = time.monotonic()
    for i, step in enumerate(("s0", "s1", "s2")):
        _add_card_by_keys(window, "l-pain", step, f"pain {i}")
    added = {c.title for c in window.editor.doc.cards if c.title.startswith("pain ")}
    assert added == {"pain 0", "pain 1", "pain 2"} and window.undo_stack.count() == 3
    document, lock = window.store.paths(window.autosaver.key)

    def on_disk() -> bool:
        return document.exists() and {c.title for c in load_file(document).cards} >= added

    qtbot.waitUntil(on_disk, timeout=2000)
    assert time.monotonic() - started < 2.5
    info = json.loads(lock.read_text(encoding="utf-8"))
    assert info["edits"] == 3 and info["title"] == "银行开户"


def test_damaged_autosave_files_are_skipped_with_a_note_and_never_block_the_others(shell, qtbot, monkeypatch):
    window, _ = shell
    store: AutosaveStore = window.store
    dead = _dead_pid()
    good = sample_document()
    for key, lock in {
        "good": {"pid": dead, "source": None, "title": "好的", "saved_at": time.time() - 90, "edits": 4},
        "words-for-time": {"pid": dead, "source": None, "title": "时间坏了", "saved_at": "yesterday"},
        "nan-time": {"pid": dead, "title": "NaN", "saved_at": float("nan")},
        "huge-pid": {"pid": 10**30, "title": "巨大", "saved_at": time.time()},
        "words-for-pid": {"pid": "abc", "title": "坏", "saved_at": time.time()},
    }.items():
        (store.folder / f"{key}.cxmap").write_bytes(dumps(good))
        (store.folder / f"{key}.lock").write_text(json.dumps(lock, allow_nan=True), encoding="utf-8")
    (store.folder / "not-json.cxmap").write_bytes(dumps(good))
    (store.folder / "not-json.lock").write_bytes(b"\xff{pid")
    (store.folder / "a-list.cxmap").write_bytes(dumps(good))
    (store.folder / "a-list.lock").write_text("[1, 2]", encoding="utf-8")
    offered = {e.key for e in store.recoverable()}
    assert offered == {"good", "words-for-time", "nan-time", "huge-pid"}
    problems = "\n".join(store.problems)
    for key, why in {"words-for-pid": "process id 'abc'", "not-json": "not UTF-8 JSON", "a-list": "not a JSON object"}.items():
        assert f"{key}.lock: " in problems and why in problems
    seen = {}

    def accept(dialog):
        seen["problems"] = dialog.problems.text()
        seen["rows"] = [
            [dialog.list.topLevelItem(i).text(c) for c in range(4)] for i in range(dialog.list.topLevelItemCount())
        ]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryDialog, "exec", accept)
    windows = window.offer_recovery()
    assert len(windows) == 4
    assert "not-json.lock" in seen["problems"] and "words-for-pid.lock" in seen["problems"]
    good_row = next(row for row in seen["rows"] if row[0] == "好的")
    assert good_row[2] == "4" and "minute" in good_row[1]
    # The damaged ones are kept on disk; the recovered ones are now the new windows'.
    for key in ("words-for-pid", "not-json", "a-list"):
        assert (store.folder / f"{key}.lock").exists() and (store.folder / f"{key}.cxmap").exists()
    for key in offered:
        assert not (store.folder / f"{key}.lock").exists()
    for other in windows:
        other.undo_stack.setClean()


def test_recovery_dialog_shows_title_time_edits_and_the_whole_path(qtbot, tmp_path):
    store = AutosaveStore(tmp_path)
    path = "/home/facilitator/工作坊/2026 银行开户旅程/客户旅程地图 — 第三版 final final.cxmap"
    entry = store.write("k", b"{}", source=path, title="银行开户旅程", edits=17)
    dialog = RecoveryDialog([entry])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    item = dialog.list.topLevelItem(0)
    assert item.text(0) == "银行开户旅程" and item.text(2) == "17" and item.text(FILE) == path
    assert time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(entry.saved_at)) in item.text(1)
    # The whole path is read under the list, wrapped inside the dialog, never clipped.
    assert dialog.shown_path() == f"File: {path}"
    label = dialog.path_label
    assert label.isVisible() and label.minimumSizeHint().width() <= label.width()
    assert label.geometry().right() <= dialog.rect().right()
    assert label.height() >= label.heightForWidth(label.width())
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.width() <= screen.width()


def test_a_failing_autosave_never_escapes_its_timer_says_so_and_keeps_trying(shell, qtbot, monkeypatch):
    window, _ = shell
    saver = window.autosaver
    saver.retry.setInterval(200)

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device", "/data/autosave/x.cxmap")

    with monkeypatch.context() as patch:
        patch.setattr("cxmapper.ui.autosave.write_atomic", disk_full)
        _add_card_by_keys(window, "l-pain", "s0", "kept")
        qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage(), timeout=2000)
        assert "No space left on device" in window.statusBar().currentMessage()
        assert not saver.written() and any(c.title == "kept" for c in window.editor.doc.cards)
    # Space again: the retry writes it without another edit.
    qtbot.waitUntil(saver.written, timeout=2000)
    assert any(c.title == "kept" for c in load_file(window.store.paths(saver.key)[0]).cards)


def test_a_map_that_cannot_be_encoded_is_reported_and_the_next_good_state_is_written(shell, qtbot, monkeypatch):
    """Serializing raises something other than OSError (here the file format's own
    error for text that cannot be encoded): caught inside the timer, said, retried."""
    from cxmapper.model.fileformat import dumps as real_dumps

    window, _ = shell
    saver = window.autosaver
    saver.retry.setInterval(200)
    reasons = []
    saver.failed.connect(reasons.append)

    def cannot_encode(doc):
        if any("\N{SNOWMAN}" in card.title for card in doc.cards):
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return real_dumps(doc)

    monkeypatch.setattr("cxmapper.ui.mainwindow.dumps", cannot_encode)
    _add_card_by_keys(window, "l-pain", "s1", "snow \N{SNOWMAN}")
    qtbot.waitUntil(lambda: bool(reasons), timeout=2000)  # raised in the timer, caught there
    assert "surrogates not allowed" in reasons[0]
    assert "Autosave failed" in window.statusBar().currentMessage()
    assert not saver.written()
    QTest.qWait(500)  # retried meanwhile, failing the same way: said once
    assert len(reasons) == 1
    _add_card_by_keys(window, "l-pain", "s2", "rain")  # still failing: the snowman is there
    window.undo_stack.undo()
    window.undo_stack.undo()  # back to the saved state: nothing to write, nothing failing
    assert not saver.written() and not saver.retry.isActive()
    _add_card_by_keys(window, "l-pain", "s2", "fine")
    qtbot.waitUntil(saver.written, timeout=2000)
    assert any(c.title == "fine" for c in load_file(window.store.paths(saver.key)[0]).cards)
