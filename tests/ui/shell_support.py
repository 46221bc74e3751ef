"""Helpers shared by the main-window tests (not fixtures: conftest.py is the canvas's).

``sample_document()`` is a small blueprint with Chinese text, cards of several kinds,
links and a persona curve; ``isolated(monkeypatch, tmp_path)`` points the program's
settings and autosave folders into ``tmp_path``.
"""

from __future__ import annotations

from cxmapper.model.document import (
    EmotionPoint,
    Lane,
    LaneKind,
    Link,
    LinkKind,
    MapDocument,
    MapMeta,
    Persona,
    Stage,
    Step,
    make_card,
)


def isolated(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("CXMAPPER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CXMAPPER_CONFIG_DIR", str(tmp_path / "config"))


def sample_document() -> MapDocument:
    steps = [Step(id=f"s{i}", name=name) for i, name in enumerate(["看到广告", "下载应用", "开户", "首次使用"])]
    stages = [
        Stage(id="st-aware", name="认知", steps=steps[:1]),
        Stage(id="st-buy", name="决策", steps=steps[1:3]),
        Stage(id="st-use", name="使用", steps=steps[3:]),
    ]
    lanes = [
        Lane(id="l-act", name="顾客行为", kind=LaneKind.CUSTOMER_ACTIONS),
        Lane(id="l-front", name="前台", kind=LaneKind.FRONTSTAGE),
        Lane(id="l-back", name="后台", kind=LaneKind.BACKSTAGE),
        Lane(id="l-pain", name="痛点", kind=LaneKind.PAIN_POINTS),
    ]
    cards = [
        make_card("action", id="c-ad", lane="l-act", step="s0", title="看到地铁广告", tags=["线下"]),
        make_card("touchpoint", id="c-app", lane="l-act", step="s1", title="下载 APP", channel="app"),
        make_card("process", id="c-kyc", lane="l-back", step="s2", title="身份核验", description="人工审核 KYC"),
        make_card("process", id="c-front", lane="l-front", step="s2", title="柜员协助"),
        make_card("pain_point", id="c-wait", lane="l-pain", step="s2", title="等待太久", kano="must_be", severity=4),
        make_card("opportunity", id="c-fast", lane="l-pain", step="s2", title="线上预审", kano="attractive"),
    ]
    links = [
        Link(id="k1", kind=LinkKind.FLOW, source="c-ad", target="c-app"),
        Link(id="k2", kind=LinkKind.SUPPORTS, source="c-kyc", target="c-front"),
        Link(id="k3", kind=LinkKind.ADDRESSES, source="c-fast", target="c-wait"),
    ]
    persona = Persona(
        id="p1",
        name="年轻白领",
        color="#1f77b4",
        as_is=[EmotionPoint(step="s0", score=1), EmotionPoint(step="s2", score=-2, reason="排队")],
    )
    return MapDocument(
        meta=MapMeta(title="银行开户", locale="zh_CN"),
        stages=stages,
        lanes=lanes,
        cards=cards,
        links=links,
        personas=[
            persona,
            Persona(id="p0", name="中年客户", as_is=[EmotionPoint(step="s1", score=0)], to_be=[EmotionPoint(step="s1", score=2)]),
        ],
    )


class MessageBoxes:
    """Stands in for QMessageBox's static functions: records each call, gives set answers.

    ``answers["warning"] = QMessageBox.StandardButton.Discard`` answers the next
    warning; without an answer a question is cancelled (never blocks a test).
    """

    def __init__(self, monkeypatch) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.calls: list[tuple[str, str, str]] = []
        self.answers: dict[str, object] = {}
        for name in ("warning", "critical", "question", "information"):
            monkeypatch.setattr(QMessageBox, name, self._fake(name))
        monkeypatch.setattr(QMessageBox, "about", lambda *a, **k: self.calls.append(("about", a[1], a[2])))

    def _fake(self, name):
        from PySide6.QtWidgets import QMessageBox

        def fake(parent, title, text, *args, **kwargs):
            self.calls.append((name, title, text))
            default = QMessageBox.StandardButton.Ok if name in ("critical", "information") else QMessageBox.StandardButton.Cancel
            return self.answers.get(name, default)

        return staticmethod(fake)

    def named(self, name: str) -> list[tuple[str, str, str]]:
        return [call for call in self.calls if call[0] == name]


def open_window(qtbot, monkeypatch, tmp_path, doc=None):
    """A shown MainWindow with isolated folders and recorded message boxes."""
    from cxmapper.ui.mainwindow import MainWindow

    isolated(monkeypatch, tmp_path)
    boxes = MessageBoxes(monkeypatch)
    window = MainWindow()
    qtbot.addWidget(window)
    if doc is not None:
        window.set_document(doc, None)
    window.show()
    return window, boxes
