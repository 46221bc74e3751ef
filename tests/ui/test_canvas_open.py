"""Opening a map on the canvas (issue 6): text measured once, tooltips written when asked,
the one-line test of a title answered from its characters' advances."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from cxmapper.model.document import Metrics
from cxmapper.model.editor import UpdateCard
from cxmapper.ui import names
from cxmapper.ui.canvas import JourneyScene
from cxmapper.ui.canvas import cardtext as cardtext_module
from cxmapper.ui.canvas.cardtext import CardTextCache
from cxmapper.ui.canvas.style import CanvasFonts
from cxmapper.ui.canvas.view import JourneyView
from cxmapper.ui.commands import push_edit


def shown(scene, item) -> JourneyView:
    """A view of ``scene`` centred on ``item``, shown and painted."""
    view = JourneyView(scene)
    view.resize(900, 700)
    view.show()
    view.centerOn(item)
    QApplication.processEvents()
    return view


def hover(view: JourneyView, at: QPoint) -> bool:
    """The tooltip event a resting pointer at ``at`` sends; whether a tooltip was shown."""
    event = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)
    return event.isAccepted()


def close(view: JourneyView) -> None:
    QToolTip.hideText()
    view.hide()
    view.setScene(None)


def test_a_card_writes_its_tooltip_when_asked_and_the_view_shows_it(edit):
    editor, stack = edit
    scene = JourneyScene(editor, stack)
    push_edit(stack, editor, UpdateCard("c-slow", {"title": "非常长的标题" * 80, "description": "页面要等十秒"}), "edit")
    item = scene.card_item("c-slow")
    assert item.truncated
    expected = "\n\n".join(["非常长的标题" * 80, "页面要等十秒", names.kano_name(item.card.kano)])
    assert item.toolTip() == expected
    # Nothing stored in Qt's own tooltip: the scene's help event asks the card.
    assert super(type(item), item).toolTip() == ""
    view = shown(scene, item)
    assert hover(view, view.mapFromScene(item.sceneBoundingRect().center()))
    assert QToolTip.isVisible() and QToolTip.text() == expected
    # Over no item with a tooltip (the empty corner above the lane headers): none shown.
    assert not hover(view, QPoint(2, 2))
    close(view)
    scene.detach()


def test_an_emotion_point_tells_its_score_and_reason_on_hover(scene):
    handle = next(h for curve in scene.curve_items() for h in curve.handles if h.reason)
    expected = f"{handle.score:+d} — {handle.reason}"
    assert handle.toolTip() == expected
    view = shown(scene, handle)
    assert hover(view, view.mapFromScene(handle.sceneBoundingRect().center()))
    assert QToolTip.text() == expected
    close(view)
    # As-is points are filled in the persona's colour, to-be points are rings.
    for curve in scene.curve_items():
        for h in curve.handles:
            if curve.curve == "to_be":
                assert h.brush().color() == QColor("white") and h.pen().color() == curve.color
                assert h.pen().widthF() == 2.0
            else:
                assert h.brush().color() == curve.color and h.pen().color() == QColor("white")
                assert h.pen().widthF() == 1.5


def test_a_card_without_anything_to_tell_has_no_tooltip(scene):
    assert scene.card_item("c-see").toolTip() == ""


def test_the_metrics_are_wrapped_once_when_a_map_opens_and_again_after_an_edit(edit, monkeypatch):
    editor, stack = edit
    calls = []
    real = cardtext_module.card_metric_segments

    def counted(card, settings):
        calls.append(card.id)
        return real(card, settings)

    monkeypatch.setattr(cardtext_module, "card_metric_segments", counted)
    push_edit(stack, editor, UpdateCard("c-site", {"metrics": Metrics(csat=78.0, sample_size=40)}), "metrics")
    scene = JourneyScene(editor, stack)
    assert calls == ["c-site"]  # measured by the layout, shown by the card: wrapped once
    shown = scene.card_item("c-site").metric_text()
    assert "CSAT" in shown
    push_edit(stack, editor, UpdateCard("c-site", {"metrics": Metrics(csat=55.0, sample_size=40)}), "metrics")
    assert calls == ["c-site", "c-site"]  # a new metrics object: wrapped again
    assert scene.card_item("c-site").metric_text() != shown
    push_edit(stack, editor, UpdateCard("c-site", {"title": "官网"}), "retitle")
    assert calls == ["c-site", "c-site"]  # a retitle keeps the figures
    scene.detach()


_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzAVTWYfilmw0123456789 .,;:-—…·%()/")
    + list("中文的顾客在地铁里看到广告，。、“”（）！？")
    + ["\u0301", "\u00ad", "\u200b", "\t", "ا", "ب", "🙂", "ﬁ"]
)


@settings(max_examples=300, deadline=None)
@given(title=st.text(_ALPHABET, min_size=1, max_size=60), width=st.floats(20.0, 400.0), scale=st.sampled_from([1.0, 1.5]))
def test_one_line_test_from_the_advances_agrees_with_measuring_the_title(qapp, title, width, scale):
    texts = CardTextCache(CanvasFonts(scale))
    exact = texts._metrics.horizontalAdvance(title) <= width
    assert texts.fits_on_a_line(title, width) == exact
    assert texts.fits_on_a_line(title, width) == exact  # with the advances now kept


def test_the_first_paint_draws_the_layouts_the_layout_measured(edit):
    """A wrapped title is laid out once, when measured, and that layout is painted; a
    one-line title is only measured, and laid out when first painted."""
    editor, stack = edit
    push_edit(stack, editor, UpdateCard("c-see", {"title": "顾客在地铁里看到广告，" * 4}), "long")
    scene = JourneyScene(editor, stack)
    wrapped, one_line = scene.card_item("c-see"), scene.card_item("c-site")
    measured = wrapped._text._layout
    assert measured is not None and measured.lineCount() > 1
    assert one_line._text._layout is None
    made = scene.texts.layouts_made
    view = shown(scene, wrapped)
    view.viewport().grab()
    assert wrapped._plan is not None  # painted
    assert wrapped._text._layout is measured and scene.texts.layouts_made == made
    close(view)
    scene.detach()
