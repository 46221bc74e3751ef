"""Autosave and crash recovery.

The recovery test runs the real program in a subprocess (offscreen), makes edits
through the test hook, kills it with SIGKILL once its autosave is written, then starts
again in this process and recovers: the recovered document must equal the one the
killed process had.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from cxmapper.model import editor as ed
from cxmapper.model.fileformat import load_file, save_file
from cxmapper.ui.autosave import AutosaveStore, Autosaver, pid_alive
from cxmapper.ui.dialogs import RecoveryDialog

from tests.ui.shell_support import isolated, open_window, sample_document

REPO = Path(__file__).resolve().parents[2]


def _dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(finished.stdout)
    assert not pid_alive(pid)
    return pid


def test_store_lists_only_entries_whose_process_is_gone(tmp_path):
    store = AutosaveStore(tmp_path)
    mine = store.write("mine", b"{}", source=None, title="我的")
    crashed = store.write("crashed", b"{}", source="/maps/a.cxmap", title="崩溃的")
    info = json.loads(crashed.lock.read_text(encoding="utf-8"))
    info["pid"] = _dead_pid()
    crashed.lock.write_text(json.dumps(info), encoding="utf-8")
    assert [e.key for e in store.entries()] == ["mine", "crashed"]
    assert [e.key for e in store.recoverable()] == ["crashed"]
    assert store.recoverable()[0].source == "/maps/a.cxmap" and store.recoverable()[0].title == "崩溃的"
    store.remove("crashed")
    assert not crashed.document.exists() and not crashed.lock.exists()
    assert mine.document.exists()


def test_autosaver_writes_every_few_edits_and_on_the_timer(qapp, tmp_path):
    store = AutosaveStore(tmp_path)
    content = {"text": b"v1"}
    saver = Autosaver(store, lambda: content["text"], lambda: (None, "标题"), interval_s=3600, every_edits=3)
    saver.note_edit(True)
    saver.note_edit(True)
    assert not saver.written()
    saver.note_edit(True)
    assert saver.written() and store.paths(saver.key)[0].read_bytes() == b"v1"
    content["text"] = b"v2"
    saver.note_edit(True)
    assert store.paths(saver.key)[0].read_bytes() == b"v1"
    saver.timer.timeout.emit()  # the interval passed
    assert store.paths(saver.key)[0].read_bytes() == b"v2"
    saver.note_edit(False)  # undone back to the saved state
    assert not saver.written()


def test_a_slow_autosave_waits_for_a_pause_in_the_editing_but_not_for_ever(qtbot, tmp_path, monkeypatch):
    """Writing a 20,000-card map takes ~250 ms: done every fifth edit, a facilitator
    typing into it would feel it. Once a write was slow, the next waits for a pause."""
    from cxmapper.ui import activity

    now = [1000.0]
    monkeypatch.setattr(activity.time, "monotonic", lambda: now[0])
    store = AutosaveStore(tmp_path)
    content = {"text": b"v1"}

    def serialize():
        now[0] += 0.3  # a big map: 300 ms to write
        return content["text"]

    saver = Autosaver(store, serialize, lambda: (None, "大地图"), interval_s=3600, every_edits=2)
    for _ in range(2):
        activity.touch()
        saver.note_edit(True)
    assert store.paths(saver.key)[0].read_bytes() == b"v1"  # the first write: at once
    content["text"] = b"v2"
    for _ in range(2):
        activity.touch()
        saver.note_edit(True)
    assert store.paths(saver.key)[0].read_bytes() == b"v1"  # slow last time: waits
    saver._look_for_pause()
    assert store.paths(saver.key)[0].read_bytes() == b"v1"  # still editing
    now[0] += Autosaver.PAUSE_S
    saver._look_for_pause()
    assert store.paths(saver.key)[0].read_bytes() == b"v2"  # the pause came
    # Editing without a pause: written anyway after FORCE_EDITS x every_edits steps...
    content["text"] = b"v3"
    for _ in range(Autosaver.FORCE_EDITS * 2 - 1):
        activity.touch()
        saver.note_edit(True)
    assert store.paths(saver.key)[0].read_bytes() == b"v2"
    activity.touch()
    saver.note_edit(True)
    assert store.paths(saver.key)[0].read_bytes() == b"v3"
    # ... or after FORCE_WAIT_S, and the interval's timer waits the same way.
    content["text"] = b"v4"
    activity.touch()
    saver.note_edit(True)
    saver.timer.timeout.emit()
    assert store.paths(saver.key)[0].read_bytes() == b"v3"
    now[0] += Autosaver.FORCE_WAIT_S
    activity.touch()
    saver._look_for_pause()
    assert store.paths(saver.key)[0].read_bytes() == b"v4"
    # Back at the saved state while waiting: nothing left to write, nothing waits.
    saver.note_edit(True)
    saver.timer.timeout.emit()
    saver.note_edit(False)
    assert not saver.written() and not saver._pause.isActive()


def test_a_map_that_loads_slowly_is_autosaved_at_pauses_from_the_first_write(qtbot, monkeypatch, tmp_path):
    import cxmapper.ui.mainwindow as mw

    window, _ = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    path = tmp_path / "大.cxmap"
    save_file(sample_document(), path)
    real_load = mw.load_file
    clock = [100.0]
    monkeypatch.setattr(mw.time, "monotonic", lambda: clock[0])

    def slow_load(p):
        clock[0] += 0.2  # as a 20,000-card map: 200 ms to read
        return real_load(p)

    monkeypatch.setattr(mw, "load_file", slow_load)
    assert window.open_path(path, ask=False)
    assert window.autosaver._slow
    monkeypatch.setattr(mw, "load_file", real_load)
    assert window.open_path(path, ask=False)  # read at once: written at once
    assert not window.autosaver._slow


def test_window_autosaves_and_removes_it_on_save(qtbot, monkeypatch, tmp_path):
    window, _ = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    for i in range(window.settings.autosave_edits):
        window.push(ed.UpdateCard("c-ad", {"title": f"第{i}次"}), "Edit")
    assert window.autosaver.written()
    autosaved = load_file(window.store.paths(window.autosaver.key)[0])
    assert autosaved.model_dump() == window.editor.doc.model_dump()
    window.save_to(tmp_path / "saved.cxmap")
    assert not window.autosaver.written()
    assert list(window.store.folder.iterdir()) == []


HOOK = """
from pathlib import Path
from cxmapper.model import editor as ed
from cxmapper.model.document import Stage, Step, make_card

edits = [
    ed.UpdateMeta({{"title": "崩溃前的地图"}}),
    ed.AddCard(make_card("pain_point", id="c-new", lane="l-pain", step="s3", title="找不到入口", kano="must_be")),
    ed.SetEmotion("p1", "s3", -1, "看不懂"),
    ed.AddStage(Stage(id="st-loyal", name="忠诚", steps=[Step(id="s9", name="推荐给朋友")])),
    ed.MoveCard("c-front", "l-act", "s0", 0),
]
assert len(edits) == window.settings.autosave_edits
for op in edits:
    assert window.push(op, "edit")
assert window.autosaver.written()
Path({marker!r}).write_text(window.editor.doc.model_dump_json(), encoding="utf-8")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_recovery_after_the_process_is_killed(qtbot, monkeypatch, tmp_path):
    isolated(monkeypatch, tmp_path)
    original = tmp_path / "开户.cxmap"
    save_file(sample_document(), original)
    original_bytes = original.read_bytes()
    marker = tmp_path / "edits-done.json"
    hook = tmp_path / "hook.py"
    hook.write_text(HOOK.format(marker=str(marker)), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CXMAPPER_TEST_HOOK": str(hook)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cxmapper", str(original)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        qtbot.waitUntil(lambda: marker.exists() or process.poll() is not None, timeout=90_000)
        assert process.poll() is None, process.stdout.read().decode(errors="replace")
        qtbot.waitUntil(lambda: marker.stat().st_size > 0, timeout=10_000)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
    expected = json.loads(marker.read_text(encoding="utf-8"))
    assert original.read_bytes() == original_bytes  # the crash never touched the file

    window, _ = open_window(qtbot, monkeypatch, tmp_path)
    (entry,) = window.store.recoverable()
    assert entry.source == str(original.resolve()) and entry.title == "崩溃前的地图"
    monkeypatch.setattr(RecoveryDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    (recovered,) = window.offer_recovery()
    assert recovered is window
    assert json.loads(window.editor.doc.model_dump_json()) == expected
    assert window.path == original.resolve()
    assert window.isWindowModified()  # recovered work is not on disk yet
    assert not entry.document.exists() and not entry.lock.exists()
    assert window.autosaver.written()  # ours now: a second crash loses nothing
    assert window.store.recoverable() == []
    window.undo_stack.setClean()


def test_recovery_later_keeps_the_files_and_unchecked_ones_are_deleted(qtbot, monkeypatch, tmp_path):
    window, _ = open_window(qtbot, monkeypatch, tmp_path)
    store = window.store
    for key in ("a", "b"):
        entry = store.write(key, b"{}", source=None, title=key)
        info = json.loads(entry.lock.read_text(encoding="utf-8"))
        info["pid"] = _dead_pid()
        entry.lock.write_text(json.dumps(info), encoding="utf-8")
    monkeypatch.setattr(RecoveryDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert window.offer_recovery() == []
    assert len(store.recoverable()) == 2

    def accept_none(dialog):
        for key in ("a", "b"):
            dialog.set_checked(key, False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryDialog, "exec", accept_none)
    assert window.offer_recovery() == []
    assert store.entries() == []


def test_keystrokes_merged_into_one_step_are_left_to_the_timer(qtbot, monkeypatch, tmp_path):
    window, _ = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    title = ""
    for char in "一二三四五六七八九十":
        title += char
        window.push(ed.UpdateCard("c-ad", {"title": title}), "Edit card title", merge_key=("title", "c-ad"))
    assert window.undo_stack.count() == 1
    assert not window.autosaver.written()  # one undo step, not ten edits
    window.autosaver.timer.timeout.emit()
    assert load_file(window.store.paths(window.autosaver.key)[0]).card("c-ad").title == "一二三四五六七八九十"
    window.undo_stack.setClean()


def test_a_failed_autosave_is_reported_and_retried(qapp, tmp_path, monkeypatch):
    store = AutosaveStore(tmp_path)
    saver = Autosaver(store, lambda: b"{}", lambda: (None, "满了"), interval_s=3600, every_edits=1)
    reasons = []
    saver.failed.connect(reasons.append)

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("cxmapper.ui.autosave.write_atomic", disk_full)
        saver.note_edit(True)
    assert reasons and "No space left" in reasons[0]
    assert not saver.written()
    saver.timer.timeout.emit()  # the next chance: space again
    assert saver.written()
