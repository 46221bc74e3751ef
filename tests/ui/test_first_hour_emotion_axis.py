"""The emotion axis on the canvas reads the map's real scale (issue 17, point 8):
"1 … 5" on a 1…5 scale, never "+1 … +5"; "−2 … +2" on a signed one."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from cxmapper.model.document import EmotionPoint, EmotionScale
from cxmapper.ui.canvas.emotion_axis import score_label
from cxmapper.ui.canvas.items import EmotionAxisItem

from tests.ui.conftest import build_small_map
from tests.ui.shell_support import open_window


class RecordingPainter(QPainter):
    """Paints as usual and keeps every text it was asked to draw."""

    def __init__(self, device):
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args):  # noqa: N802
        self.texts.append(next(a for a in args if isinstance(a, str)))
        return super().drawText(*args)


def axis_texts(window) -> list[str]:
    (axis,) = [i for i in window.scene.items() if isinstance(i, EmotionAxisItem)]
    assert axis.isVisible()
    image = QImage(400, 400, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    axis.paint(painter, QStyleOptionGraphicsItem(), window.view.viewport())
    painter.end()
    return painter.texts


@pytest.mark.parametrize(
    ("low", "high", "wanted"),
    [(1, 5, ["1", "2", "3", "4", "5"]), (-2, 2, ["\u22122", "\u22121", "0", "+1", "+2"]), (0, 10, [str(n) for n in range(11)])],
)
def test_the_axis_reads_the_maps_scale(qtbot, monkeypatch, tmp_path, low, high, wanted):
    doc = build_small_map()
    points = [EmotionPoint(step="t-ad", score=low), EmotionPoint(step="t-pay", score=high)]
    doc = doc.model_copy(update={
        "scale": EmotionScale(min=low, max=high),
        "personas": [doc.personas[0].model_copy(update={"as_is": points, "to_be": []})],
    })
    window, _ = open_window(qtbot, monkeypatch, tmp_path, doc)
    qtbot.waitExposed(window)
    texts = axis_texts(window)
    assert sorted(texts, key=lambda t: int(t.replace("\u2212", "-"))) == wanted
    assert not any(t.startswith("+") for t in texts) or low < 0
    window.undo_stack.setClean()


def test_score_label_rule():
    assert [score_label(s, False) for s in (1, 3, 5)] == ["1", "3", "5"]
    assert [score_label(s, True) for s in (-2, 0, 2)] == ["\u22122", "0", "+2"]
