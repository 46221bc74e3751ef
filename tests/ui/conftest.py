"""Fixtures for the Qt tests (shared by the canvas and the shell): documents and editors.

pytest-qt provides ``qapp`` and ``qtbot``. ``small_map`` is a hand-built bilingual map
with every lane kind the canvas draws specially (the blueprint lanes, an emotion lane)
and a link of every kind; ``example_map(name)`` loads ``resources/examples/NAME`` once
they exist; ``edit`` is an (editor, undo stack) pair on ``small_map``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxmapper.model.document import (
    Channel,
    EmotionPoint,
    Evidence,
    KanoCategory,
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

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture(autouse=True)
def _empty_clipboard_after_test(request):
    """Leave nothing on the clipboard: on Qt's offscreen platform, mime data still on
    the clipboard when QApplication is destroyed crashes the process at exit (SIGSEGV
    after every test passed). The xcb platform does not; the app needs no such step."""
    yield
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.clipboard().clear()


def build_small_map() -> MapDocument:
    """Two stages (2 + 1 steps), six lanes, eight cards, two personas, four links."""
    stages = [
        Stage(id="s-aware", name="认知 Awareness", steps=[Step(id="t-ad", name="看到广告"), Step(id="t-web", name="Visit website")]),
        Stage(id="s-buy", name="购买 Purchase", steps=[Step(id="t-pay", name="支付")]),
    ]
    lanes = [
        Lane(id="l-act", name="顾客行为", kind=LaneKind.CUSTOMER_ACTIONS),
        Lane(id="l-front", name="Frontstage", kind=LaneKind.FRONTSTAGE),
        Lane(id="l-back", name="后台", kind=LaneKind.BACKSTAGE),
        Lane(id="l-emo", name="情绪", kind=LaneKind.EMOTIONS),
        Lane(id="l-pain", name="痛点", kind=LaneKind.PAIN_POINTS),
        Lane(id="l-opp", name="Opportunities", kind=LaneKind.OPPORTUNITIES),
    ]
    cards = [
        make_card("action", id="c-see", lane="l-act", step="t-ad", title="在地铁里看到广告", evidence=Evidence.OBSERVED),
        make_card("action", id="c-open", lane="l-act", step="t-web", title="Opens the website on the phone"),
        make_card("touchpoint", id="c-site", lane="l-front", step="t-web", title="官网首页", channel=Channel.WEB),
        make_card("process", id="c-stock", lane="l-back", step="t-pay", title="库存系统检查库存", wait_point=True, wait_minutes=15),
        make_card("action", id="c-pay", lane="l-act", step="t-pay", title="扫码支付", fail_point=True, decision_point=True),
        make_card("pain_point", id="c-slow", lane="l-pain", step="t-pay", title="支付页面加载太慢，用户放弃", kano=KanoCategory.MUST_BE, severity=4),
        make_card("opportunity", id="c-fast", lane="l-opp", step="t-pay", title="预加载支付页面", kano=KanoCategory.ATTRACTIVE, evidence=Evidence.PROPOSED),
        make_card("note", id="c-note", lane="l-emo", step="t-ad", title="情绪备注"),
    ]
    personas = [
        Persona(
            id="p-li",
            name="李女士",
            as_is=[EmotionPoint(step="t-ad", score=1), EmotionPoint(step="t-web", score=0), EmotionPoint(step="t-pay", score=-2, reason="太慢")],
            to_be=[EmotionPoint(step="t-ad", score=1), EmotionPoint(step="t-pay", score=2)],
        ),
        Persona(id="p-tom", name="Tom", color="#059669", as_is=[EmotionPoint(step="t-ad", score=0), EmotionPoint(step="t-pay", score=-1)]),
    ]
    links = [
        Link(id="k-flow", kind=LinkKind.FLOW, source="c-see", target="c-open"),
        Link(id="k-sup", kind=LinkKind.SUPPORTS, source="c-stock", target="c-pay"),
        Link(id="k-cause", kind=LinkKind.CAUSES, source="c-pay", target="c-slow"),
        Link(id="k-addr", kind=LinkKind.ADDRESSES, source="c-fast", target="c-slow"),
    ]
    return MapDocument(
        meta=MapMeta(title="测试地图 Test map", locale="zh_CN"),
        stages=stages,
        lanes=lanes,
        cards=cards,
        personas=personas,
        links=links,
    )


@pytest.fixture
def small_map() -> MapDocument:
    return build_small_map()


@pytest.fixture
def edit(qapp, small_map):
    """(editor, undo stack) on a fresh ``small_map``."""
    from PySide6.QtGui import QUndoStack

    from cxmapper.model.editor import Editor

    return Editor(small_map), QUndoStack()


@pytest.fixture
def scene(edit):
    """A ``JourneyScene`` following ``edit``'s editor (detached afterwards)."""
    from cxmapper.ui.canvas import JourneyScene

    editor, stack = edit
    scene = JourneyScene(editor, stack)
    yield scene
    scene.detach()


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.cxmap")) if EXAMPLES.is_dir() else []


@pytest.fixture
def example_map():
    """A loader of ``resources/examples/NAME``; skips when the examples are not there yet."""
    from cxmapper.model.fileformat import load_file

    def load(name: str) -> MapDocument:
        path = EXAMPLES / name
        if not path.exists():
            pytest.skip(f"example map {name} not in resources/examples yet")
        return load_file(path)

    return load
