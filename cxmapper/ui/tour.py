"""A screenshot tour of the facilitator's first hour (issue 17), run by ``scripts/tour``.

It drives the shown main window with real key and mouse events, as a person does:
new map, its title, stages and steps renamed in their headers, 15 cards typed into
cells, a link, emotion points, a Kano category, workshop mode stage by stage, and an
export; after each step it writes a numbered PNG of the window to
``out/tour/<locale>/NN-name.png`` (and the PDF beside them). One locale per process
(the translators are installed at start): ``python -m cxmapper.ui.tour zh_CN out/tour``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cxmapper.model.document import LaneKind

SIZE = (1600, 1000)

TEXTS = {
    "en": {
        "title": "Bank account opening — workshop",
        "stages": ["Discover", "Decide", "Open"],
        "steps": ["See an advert", "Compare cards"],
        "cards": [
            "Sees a poster in the branch", "Reads the fee table", "Asks a friend", "Downloads the app",
            "Fills in the form", "Waits for the ID check", "Gets the card", "Sets a PIN",
            "Queue too long", "Form asks twice", "Pre-fill from ID", "Video check at home",
            "Branch poster", "Website fee page", "Call centre",
        ],
    },
    "zh_CN": {
        "title": "银行开户 · 工作坊",
        "stages": ["认知", "决策", "开户"],
        "steps": ["看到广告", "比较卡种"],
        "cards": [
            "在网点看到海报", "阅读收费标准", "问朋友", "下载手机银行", "填写申请表", "等待身份核验",
            "领取银行卡", "设置密码", "排队太久", "表格重复填写", "身份证信息自动填充", "在家视频核验",
            "网点海报", "官网收费页", "客服电话",
        ],
    },
}


class Tour:
    def __init__(self, locale: str, out: Path) -> None:
        from cxmapper.ui.mainwindow import MainWindow

        self.locale = locale
        self.text = TEXTS["zh_CN" if locale == "zh_CN" else "en"]
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.png"):
            old.unlink()
        self.number = 0
        self.window = MainWindow()
        self.window.resize(*SIZE)
        self.window.show()
        QTest.qWait(300)

    # -- gestures -------------------------------------------------------------------

    @property
    def view(self):
        return self.window.view

    @property
    def scene(self):
        return self.window.scene

    def shot(self, name: str, widget=None) -> Path:
        """The window (or ``widget``, e.g. a dialog, which is a window of its own)."""
        QTest.qWait(150)
        self.number += 1
        path = self.out / f"{self.number:02d}-{name}.png"
        (widget or self.window).grab().save(str(path))
        print(path)
        return path

    def type_text(self, widget, text: str) -> None:
        """Latin text as key presses; anything else as an input method commits it."""
        if text.isascii():
            QTest.keyClicks(widget, text)
        else:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(widget, event)

    def at(self, scene_point: QPointF) -> QPoint:
        self.view.ensureVisible(scene_point.x() - 2, scene_point.y() - 2, 4, 4, 80, 80)
        QApplication.processEvents()
        return self.view.mapFromScene(scene_point)

    def click(self, scene_point: QPointF, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton, modifier, self.at(scene_point))

    def double_click(self, scene_point: QPointF) -> None:
        QTest.mouseDClick(self.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, self.at(scene_point))

    def lane(self, kind: LaneKind) -> str:
        return next(lane.id for lane in self.window.editor.doc.lanes if lane.kind == kind)

    # -- the first hour ---------------------------------------------------------------

    def run(self) -> None:
        self.shot("new-map")
        self.rename_map()
        self.name_stages_and_steps()
        self.add_cards()
        self.link()
        self.emotion_points()
        self.kano()
        self.workshop()
        self.export()
        self.window.undo_stack.setClean()
        self.window.close()

    def rename_map(self) -> None:
        # The inspector's map page: the title reaches the document as a named edit (undo,
        # history, window title), issue 17 point 1.
        self.window.inspector.show_target("map", [])
        field = self.window.inspector.map_title
        field.setFocus()
        field.selectAll()
        self.type_text(field, self.text["title"])
        QTest.keyClick(field, Qt.Key.Key_Return)
        self.shot("rename-map")

    def name_stages_and_steps(self) -> None:
        doc = self.window.editor.doc
        for stage, name in zip(doc.stages, self.text["stages"]):
            rect = self.scene.header_rect("stage", stage.id)
            self.double_click(QPointF(rect.left() + 30, rect.center().y()))
            QTest.keyClick(self.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            self.type_text(self.view, name)
            QTest.keyClick(self.view, Qt.Key.Key_Return)
        for step, name in zip(self.window.editor.doc.steps(), self.text["steps"]):
            rect = self.scene.header_rect("step", step.id)
            self.double_click(rect.center())
            QTest.keyClick(self.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            self.type_text(self.view, name)
            QTest.keyClick(self.view, Qt.Key.Key_Return)
        self.view.horizontalScrollBar().setValue(0)
        self.view.verticalScrollBar().setValue(0)
        self.shot("stages-and-steps")

    def cell_point(self, lane_id: str, step_id: str) -> QPointF:
        rect = self.scene.cell_rect(lane_id, step_id)
        return QPointF(rect.center().x(), rect.bottom() - 8)

    def add_cards(self) -> None:
        doc = self.window.editor.doc
        steps = [s.id for s in doc.steps()]
        kinds = [LaneKind.CUSTOMER_ACTIONS, LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES, LaneKind.TOUCHPOINTS]
        lanes = [lane.id for lane in doc.lanes if lane.kind in kinds]
        for i, title in enumerate(self.text["cards"]):
            lane_id = lanes[[0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 3][i] % len(lanes)]
            step_id = steps[i % len(steps)]
            self.click(self.cell_point(lane_id, step_id))
            QTest.keyClick(self.view, Qt.Key.Key_N)
            self.type_text(self.view, title)
            QTest.keyClick(self.view, Qt.Key.Key_Return)
            if i in (4, 14):
                print(f"cards: {len(self.window.editor.doc.cards)}")
                self.view.horizontalScrollBar().setValue(0)
                self.shot(f"cards-{i + 1}")

    def link(self) -> None:
        # Linking by the mouse (Shift+drag, then the kind); below, the same edit without
        # it: Edit ▸ Link to… (Ctrl+L).
        cards = [c for c in self.window.editor.doc.cards if c.lane == self.lane(LaneKind.CUSTOMER_ACTIONS)]
        first, second = self.scene.card_item(cards[0].id), self.scene.card_item(cards[1].id)
        start, end = self.at(first.scene_rect().center()), self.view.mapFromScene(second.scene_rect().center())
        viewport = self.view.viewport()
        shift = Qt.KeyboardModifier.ShiftModifier
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, shift, start)
        for i in range(1, 7):
            p = start + (end - start) * (i / 6)
            QTest.mouseMove(viewport, QPoint(round(p.x()), round(p.y())))
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, shift, end)
        menu = self.scene.link_menu  # which kind of link: the suggested one is first
        QTest.qWait(150)
        if menu.isVisible():
            self.shot("link-kind-menu")
            if menu.activeAction() is None:
                QTest.keyClick(menu, Qt.Key.Key_Down)
            QTest.keyClick(menu, Qt.Key.Key_Return)
        self.shot("link")
        if len(cards) > 2:
            self.click(self.scene.card_item(cards[1].id).scene_rect().center())
            target = cards[2].title

            def choose() -> None:  # inside the dialog's own event loop
                dialog = self.window.edit_actions.last_dialog
                self.type_text(dialog.filter, target[:4])
                self.shot("link-to-dialog", dialog)
                QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

            QTimer.singleShot(0, choose)
            QTest.keyClick(self.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
            self.shot("link-to")
        print(f"links: {len(self.window.editor.doc.links)}")

    def emotion_points(self) -> None:
        emotions = self.lane(LaneKind.EMOTIONS)
        for i, step in enumerate(self.window.editor.doc.steps()[:6]):
            rect = self.scene.cell_rect(emotions, step.id)
            y = rect.top() + rect.height() * (0.2, 0.7, 0.45, 0.85, 0.3, 0.15)[i]
            self.double_click(QPointF(rect.center().x(), y))
        self.shot("emotion-points")

    def kano(self) -> None:
        pain = self.lane(LaneKind.PAIN_POINTS)
        card = next(c for c in self.window.editor.doc.cards if c.lane == pain)
        self.click(self.scene.card_item(card.id).scene_rect().center())
        combo = self.window.inspector.card_kano
        combo.setFocus()
        index = combo.findData("must_be")
        for _ in range(abs(index - combo.currentIndex())):  # as the arrow keys choose
            QTest.keyClick(combo, Qt.Key.Key_Down if index > combo.currentIndex() else Qt.Key.Key_Up)
        self.shot("kano")

    def workshop(self) -> None:
        self.window.activateWindow()
        self.view.setFocus()
        QTest.qWait(50)
        QTest.keyClick(self.view, Qt.Key.Key_F5)
        if not self.window.workshop.active:  # the shortcut did not reach the window
            print("F5 did not reach the window; the View menu's Workshop Mode is used")
            self.window.registry["workshop"].trigger()
        QTest.qWait(400)
        self.shot("workshop-stage-1")
        for n in range(2, len(self.window.editor.doc.stages) + 1):
            QTest.keyClick(self.view, Qt.Key.Key_Right)
            self.shot(f"workshop-stage-{n}")
        QTest.keyClick(self.view, Qt.Key.Key_E)
        self.shot("workshop-emotion-view")
        QTest.keyClick(self.view, Qt.Key.Key_H)
        self.shot("workshop-hint-hidden")
        QTest.keyClick(self.view, Qt.Key.Key_Escape)
        QTest.qWait(500)
        self.shot("workshop-left")

    def export(self) -> None:
        from cxmapper.ui.export_dialog import export_with_progress

        pdf = self.out / "tour.pdf"
        if export_with_progress(self.window, self.window.editor.doc, "pdf", pdf):
            self.window.statusBar().showMessage(str(pdf))
        self.shot("exported")


def main(argv: list[str]) -> int:
    locale = argv[0] if argv else "en"
    out = Path(argv[1] if len(argv) > 1 else "out/tour") / locale
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from cxmapper.ui.i18n import install_translators

    translators = install_translators(locale)  # noqa: F841 (kept alive)
    Tour(locale, out).run()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
