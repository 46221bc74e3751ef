"""The persona legend in the emotion lane itself, and two personas with the same
scores both visible (issue 17, point 6). On the shown window's pixels."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from cxmapper.model.document import EmotionPoint
from cxmapper.ui.canvas.emotion_legend import SPREAD

from tests.ui.conftest import build_small_map
from tests.ui.shell_support import open_window

TOM = QColor("#059669")


def colour_pixels(view, rect, colour: QColor, tolerance: int = 60) -> int:
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    rect = rect.intersected(image.rect())
    count = 0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            c = image.pixelColor(x, y)
            if abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < tolerance:
                count += 1
    return count


@pytest.fixture
def twins(qtbot, monkeypatch, tmp_path):
    """Li and Tom felt exactly the same at every step."""
    doc = build_small_map()
    same = [EmotionPoint(step="t-ad", score=1), EmotionPoint(step="t-web", score=0), EmotionPoint(step="t-pay", score=-2)]
    li, tom = doc.personas
    doc = doc.model_copy(update={"personas": [
        li.model_copy(update={"as_is": same, "to_be": []}), tom.model_copy(update={"as_is": same, "to_be": []}),
    ]})
    window, _ = open_window(qtbot, monkeypatch, tmp_path, doc)
    window.resize(1200, 800)
    qtbot.waitExposed(window)
    qtbot.wait(100)
    yield window
    window.undo_stack.setClean()


def test_equal_curves_are_both_drawn(twins):
    scene, view = twins.scene, twins.view
    curves = {c.persona_id: c for c in scene.curve_items()}
    li, tom = curves["p-li"], curves["p-tom"]
    for a, b in zip(li.handles, tom.handles):
        assert a.step_id == b.step_id and a.score == b.score
        assert abs(a.scenePos().y() - b.scenePos().y()) >= SPREAD - 0.01  # apart, not one over the other
    # On the screen: Tom's green shows around each point, though Li's curve is drawn over it.
    for handle in tom.handles:
        around = view.mapFromScene(handle.sceneBoundingRect().adjusted(-6, -6, 6, 6)).boundingRect()
        assert colour_pixels(view, around, TOM) > 4, handle.step_id


def test_the_legend_is_in_the_emotion_lane(twins):
    """In the lane column, so the frozen panes keep it in view (test_first_hour_frozen)."""
    scene, view = twins.scene, twins.view
    legend = scene.row_item("l-emo").emotion_legend
    assert legend.names == ["李女士", "Tom"]
    lane = scene.cell_rect("l-emo", "t-ad")
    shown = legend.sceneBoundingRect()
    assert lane.top() <= shown.top() and shown.bottom() <= lane.bottom()  # inside the emotion lane
    assert shown.right() <= scene.layout.style.lane_header_width  # in its header, not over the curves
    on_screen = view.mapFromScene(shown).boundingRect()
    assert colour_pixels(view, on_screen, TOM) > 6
