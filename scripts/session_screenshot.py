"""Two CX Mapper windows side by side in one live session, for a screenshot.

    /work/shared/tools/look-at-window shot.png 12 .venv/bin/python scripts/session_screenshot.py

One process, one in-app server on 127.0.0.1: the left window (李雷, red) opens the
Chinese example and starts the session (Share ▸ Start Session); the right window
(Anna, blue) joins it. 李雷 selects two cards; Anna selects one and starts typing in a
card's title (F2). Each window then shows the other's coloured outlines, the typing
frame with the name, and both people in "Who is here". Quits by itself after 40 s.
"""

from __future__ import annotations

import os
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

from cxmapper.ui.i18n import install_translators  # noqa: E402
from cxmapper.ui.mainwindow import MainWindow  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    install_translators("zh_CN")
    left = MainWindow(path=ROOT / "resources" / "examples" / "bank-account-opening.zh.cxmap")
    right = MainWindow()
    for window, x in ((left, 0), (right, 800)):
        window.setGeometry(x, 0, 800, 960)
        window.show()
    link = left.session.start("李雷", "#d62728")
    right.session.join(str(link), "Anna", "#1f77b4")

    def act() -> None:
        for window in (left, right):
            window.inspector_dock.hide()
            window.kano_dock.hide()
            window.history_dock.hide()
            window.outline_dock.hide()
            window.comments.dock.hide()  # the canvas is what the picture is about
            window.view.zoom_reset()
            window.view.horizontalScrollBar().setValue(0)
            window.view.verticalScrollBar().setValue(0)
        ids = [card.id for card in left.editor.doc.cards]
        left.scene.select_cards(ids[0:2])
        right.scene.select_cards([ids[3]])
        right.view.setFocus()
        QTest.keyClick(right.view, Qt.Key.Key_F2)
        QTest.keyClick(right.view, Qt.Key.Key_End)

    QTimer.singleShot(1500, act)
    QTimer.singleShot(40_000, app.quit)
    code = app.exec()
    right.session.shutdown()
    left.session.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
