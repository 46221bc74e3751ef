"""Two CX Mapper windows side by side in one live session, for a screenshot.

    /work/shared/tools/look-at-window shot.png 12 .venv/bin/python scripts/session_screenshot.py [SCENE] [--lang en|zh_CN]

One process, on 127.0.0.1. SCENE:

- ``presence`` (default): the left window (李雷, red) opens the Chinese example and
  starts the session; the right (Anna, blue) joins. 李雷 selects two cards and renames
  a step in the outline; Anna selects one card and types in a card's title (F2). Each
  window shows the other's outlines, the typing frame with the name (on the card, on
  the step's header), and "Who is here" with "typing in …".
- ``dialogs``: Share ▸ Start Session… open on the left (Link expires), the join link
  (until when it admits people) on the right.
- ``gone``: both windows joined a ``cxmapper serve`` process, which is then killed (a
  crashed host): the status bars say the host cannot be reached since when, with Save
  a copy… and Leave; the right window has made one edit since.
- ``end``: the host's question before ending the session for everyone.
- ``scores``: 李雷 types a comment on a card (the comments panel), then Anna sets 小林's
  score at 比较卡种与费用 in the step's inspector: each sees the other's frame (on the
  card, on the persona's point) and the line in "Who is here"; 李雷's canvas went to
  Anna's place (Who is here ▸ Anna).

Quits by itself after 40 s.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_tmp = tempfile.mkdtemp(prefix="cxmapper-shot-")
os.environ.setdefault("CXMAPPER_DATA_DIR", str(Path(_tmp) / "data"))
os.environ.setdefault("CXMAPPER_CONFIG_DIR", str(Path(_tmp) / "config"))

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cxmapper.ui import session as session_module  # noqa: E402
from cxmapper.ui.i18n import install_translators  # noqa: E402
from cxmapper.ui.mainwindow import MainWindow  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "bank-account-opening.zh.cxmap"


def canvas_only(window: MainWindow) -> None:
    for dock in (window.kano_dock, window.history_dock, window.outline_dock, window.comments.dock, window.inspector_dock):
        dock.hide()  # the canvas is what the picture is about
    window.session._narrow_dock()  # the left dock area keeps the outline's width otherwise
    window.view.zoom_reset()
    window.view.horizontalScrollBar().setValue(0)
    window.view.verticalScrollBar().setValue(0)


def serve(store: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "cxmapper", "serve", "--port", "0", "--store", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    for _ in range(50):
        line = proc.stdout.readline()
        found = re.search(r"Join link: (\S+)", line)
        if found:
            return proc, found.group(1)
    proc.kill()
    raise SystemExit("cxmapper serve printed no join link")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("scene", nargs="?", default="presence", choices=("presence", "dialogs", "gone", "end", "scores"))
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    translators = install_translators(args.lang)  # noqa: F841 (kept alive)
    left = MainWindow(path=EXAMPLE)
    right = MainWindow()
    for window, x in ((left, 0), (right, 800)):
        window.setGeometry(x, 0, 800, 960)
        window.show()
    server = None
    if args.scene == "gone":
        session_module.HOST_GONE_S = 2.0
        server, link = serve(Path(_tmp) / "store")
        left.session.join(link, "李雷", "#d62728")
        # 李雷's map goes into the empty room; Anna joins once it is there (joining an empty
        # room at the same moment, each would put a map in: both merge, 10 stages).
        QTest.qWait(1000)
        right.session.join(link, "Anna", "#1f77b4")
    elif args.scene != "dialogs":
        link = left.session.start("李雷", "#d62728", ttl=8 * 3600)
        right.session.join(str(link), "Anna", "#1f77b4")

    def act() -> None:
        ids = [card.id for card in left.editor.doc.cards]
        if args.scene == "presence":
            canvas_only(left)
            canvas_only(right)
            left.outline_dock.show()
            left.scene.select_cards(ids[0:2])
            # 李雷 renames a step in the outline (his window active), then Anna types a title.
            left.activateWindow()
            left.outline.select("step", left.editor.doc.stages[0].steps[1].id)
            left.outline.rename_current()

            def anna() -> None:
                right.activateWindow()
                right.scene.select_cards([ids[3]])
                right.view.setFocus()
                QTest.keyClick(right.view, Qt.Key.Key_F2)
                QTest.keyClick(right.view, Qt.Key.Key_End)

            QTimer.singleShot(800, anna)
        elif args.scene == "dialogs":
            canvas_only(left)
            canvas_only(right)
            dialog = left.session.start_dialog()
            dialog.move(60, 200)
            right.session.start("Anna", "#1f77b4", ttl=8 * 3600)
            shown = right.session.show_link()
            shown.move(860, 300)
        elif args.scene == "gone":
            canvas_only(left)
            canvas_only(right)
            server.send_signal(signal.SIGKILL)
            QTimer.singleShot(1500, lambda: (right.scene.select_cards([ids[3]]), right.delete()))
        elif args.scene == "scores":
            canvas_only(left)
            canvas_only(right)
            left.activateWindow()
            left.scene.select_cards([ids[0]])
            left.comments.comment()  # Edit ▸ Comment…: the panel on the card, the cursor in the box
            left.comments.panel.box.insertPlainText("海报字太小")  # typed (Chinese: as an input method commits it)

            def anna() -> None:
                right.activateWindow()
                right.inspector_dock.show()
                step = right.editor.doc.stages[1].steps[0].id  # 比较卡种与费用
                right.inspector.show_target("step", (step,))
                spin = next(iter(right.inspector._emotion_spins.values()))  # 小林's
                QTimer.singleShot(300, spin.setFocus)  # once the window is active
                # 李雷 clicks Anna in Who is here: his canvas goes to the point she sets.
                QTimer.singleShot(1500, lambda: left.session.go_to(right.session.session.client_id))

            left.resizeDocks([left.comments.dock], [280], Qt.Orientation.Horizontal)
            QTimer.singleShot(800, anna)
        elif args.scene == "end":
            canvas_only(left)
            canvas_only(right)
            right.scene.select_cards([ids[2]])
            left.session.leave_from_menu().move(200, 300)

    QTimer.singleShot(1500, act)
    QTimer.singleShot(40_000, app.quit)
    code = app.exec()
    right.session.shutdown()
    left.session.shutdown()
    if server is not None and server.poll() is None:
        server.kill()
    return code


if __name__ == "__main__":
    sys.exit(main())
