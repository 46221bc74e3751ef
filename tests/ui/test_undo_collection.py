"""Undo commands and the cyclic garbage collector (``collector.shelter``).

A ``QUndoStack`` owned by Python that reaches cyclic garbage together with the
wrappers of its commands used to segfault the collection that freed it (Shiboken's
clear of a command's wrapper deleted the C++ command the stack still listed). The
crash kills the interpreter, so the scenarios run in a child process and the test
reads its exit status and output.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PRELUDE = """
import faulthandler, gc, os, sys
faulthandler.enable()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QUndoStack
app = QApplication(["test"])
from cxmapper.ui import collector
collector.install()  # as in the window: automatic collection off
from tests.ui.conftest import build_small_map
from cxmapper.model.editor import Editor
"""


def _run(body: str) -> subprocess.CompletedProcess:
    script = _PRELUDE.format(root=str(ROOT)) + textwrap.dedent(body)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env=env, cwd=ROOT)


def _assert_clean(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, (
        f"the child process died (exit {result.returncode}):\n{result.stderr[-3000:]}")
    assert result.stdout.strip().endswith("done"), result.stdout


def test_a_stack_in_a_reference_cycle_is_collected_without_a_crash():
    # The command's wrapper made before the stack: the collector visits it first.
    result = _run("""
        from cxmapper.ui import edits
        from cxmapper.ui.commands import EditCommand
        for _ in range(5):
            editor = Editor(build_small_map())
            edit = edits.move("stage", editor.doc.stages[1].id, 0)
            command = EditCommand(editor, edit.op, edit.label)
            stack = QUndoStack()
            stack.push(command)
            del command
            stack.push = stack.push  # the stack's wrapper in a reference cycle
            del stack
            gc.collect()
        print("done")
    """)
    _assert_clean(result)


def test_header_drag_in_a_scene_of_its_own_then_a_picture_export():
    # What the edit-channel tests saw: a header drag (a push and a rebuild) in a scene a
    # test built itself, its stack patched into a cycle, then a picture export whose
    # collection freed all of it.
    result = _run("""
        import tempfile
        from PySide6.QtCore import QPoint, QPointF, Qt
        from PySide6.QtTest import QTest
        from cxmapper.ui.canvas import JourneyScene, JourneyView
        from cxmapper.ui.picture import export_png
        out = tempfile.mkdtemp()
        for i in range(3):
            scene = JourneyScene(Editor(build_small_map()), QUndoStack())
            view = JourneyView(scene)
            view.resize(1200, 1000)
            view.show()
            QTest.qWaitForWindowExposed(view)
            channel, stack = scene.channel, scene.undo_stack
            channel.push = channel.push  # as monkeypatch's undo left them: bound methods
            stack.push = stack.push
            ids = [s.id for s in scene.editor.doc.stages]
            a = view.mapFromScene(scene.header_rect("stage", ids[1]).center())
            first = scene.header_rect("stage", ids[0])
            b = view.mapFromScene(QPointF(first.left() + 10, first.center().y()))
            port = view.viewport()
            QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
            for k in range(1, 6):
                p = a + (b - a) * (k / 5)
                QTest.mouseMove(port, QPoint(round(p.x()), round(p.y())))
            QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
            assert [s.id for s in scene.editor.doc.stages][0] == ids[1], "the drag moved nothing"
            assert stack.count() == 1
            scene.detach()
            view.close()
            view.deleteLater()
            QTest.qWait(10)
            del view, scene, stack, channel
            collector.collect_now()  # as between two tests (conftest)
            gc.enable()  # the command line's picture export: its own full collection
            export_png(build_small_map(), os.path.join(out, f"p{i}.png"))
            gc.disable()
            assert os.path.getsize(os.path.join(out, f"p{i}.png")) > 0
        print("done")
    """)
    _assert_clean(result)


def test_sheltered_commands_are_let_go_once_qt_deleted_them(qapp):
    from PySide6.QtGui import QUndoStack

    from cxmapper.model.editor import Editor
    from cxmapper.ui import collector, edits
    from cxmapper.ui.commands import EditCommand
    from tests.ui.conftest import build_small_map

    editor = Editor(build_small_map())
    card = editor.doc.cards[0]
    before = collector.sweep_sheltered()
    stack = QUndoStack()
    for n in range(5):  # one merge key: Qt deletes the four merged commands at once
        edit = edits.retitle_card(card.id, f"title {n}")
        stack.push(EditCommand(editor, edit.op, edit.label, merge_key=edit.merge_key))
    assert stack.count() == 1
    assert collector.sweep_sheltered() == before + 1
    stack.clear()
    assert collector.sweep_sheltered() == before
    assert editor.doc.card(card.id).title == "title 4"
