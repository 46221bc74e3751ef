"""Links zoomed out and after edits (issue 6): between ``LINK_HIDE_LOD`` and
``LINK_DETAIL_LOD`` a layer of faint links paints all of them in one pass and the
links paint nothing themselves; a link paints only where its route reaches into the
exposed rect; the stage headers' figures follow edits from cached step figures.
(``scene``, ``edit``: conftest.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from cxmapper.model.document import CsatConvention, LinkKind, Metrics
from cxmapper.model.editor import MoveCard, UpdateAnalysis, UpdateCard
from cxmapper.ui.canvas import JourneyScene
from cxmapper.ui.canvas.items import LINK_DETAIL_LOD, LINK_HIDE_LOD, Z_LINK, LinkItem
from cxmapper.ui.canvas.metricstext import stage_figures
from cxmapper.ui.canvas.scene import LinkLayer, LinkMode
from cxmapper.ui.commands import push_edit
from tests.ui.test_canvas_overview import frame, view  # noqa: F401 (view: a fixture)

BAND = (LINK_HIDE_LOD + LINK_DETAIL_LOD) / 2  # faint links as hairlines


def faint_layers(scene) -> list[LinkLayer]:
    return [i for i in scene.items() if isinstance(i, LinkLayer) and i.zValue() == Z_LINK]


def hairline(link: LinkItem) -> QRectF:
    """The bounds of the link's polyline in its layer."""
    path = QPainterPath()
    link.add_hairline(path)
    return path.boundingRect()


def differing(a: QImage, b: QImage, tolerance: int = 40) -> int:
    count = 0
    for y in range(a.height()):
        for x in range(a.width()):
            ca, cb = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            if max(abs(ca.red() - cb.red()), abs(ca.green() - cb.green()), abs(ca.blue() - cb.blue())) > tolerance:
                count += 1
    return count


def test_a_layer_paints_all_its_faint_links_in_one_pass_in_the_hairline_band(view, scene):
    layers = faint_layers(scene)
    assert layers and not any(layer.one_pass for layer in layers)
    view.set_zoom(BAND)
    assert all(layer.one_pass for layer in layers)
    # Every shown faint link is in its layer's picture, with all of its path.
    for layer in layers:
        links = [i for i in layer.childItems() if isinstance(i, LinkItem)]
        drawn = sum(path.elementCount() for _, path in layer.hairlines())
        assert drawn == sum(len(link.route()) for link in links) > 0  # a polyline each
    one_pass = frame(view)
    # The same picture as the links painting themselves (as before the layers did).
    for layer in layers:
        layer.set_zoom_band(False, False)
    themselves = frame(view)
    assert differing(one_pass, themselves) <= 12  # the corners: square, not rounded
    for layer in layers:
        layer.set_zoom_band(False, True)
    # ... and the links are there: without them the frame differs.
    scene.set_link_mode(LinkMode.NONE)
    assert all(not layer.hairlines() for layer in layers)
    assert differing(one_pass, frame(view)) > 50
    scene.set_link_mode(LinkMode.ALL)
    assert differing(one_pass, frame(view)) == 0
    view.set_zoom(1.0)
    assert not any(layer.one_pass for layer in layers)
    view.set_zoom(LINK_HIDE_LOD * 0.8)
    assert not any(layer.one_pass for layer in layers)


def test_the_one_pass_picture_follows_a_rerouted_and_a_selected_link(view, scene, edit):
    editor, stack = edit
    view.set_zoom(BAND)
    frame(view)
    item = scene.link_item("k-flow")
    old_path = hairline(item)
    assert push_edit(stack, editor, MoveCard("c-open", "l-act", "t-pay"), "Move")
    layer = item.parentItem()
    assert layer.one_pass
    new_path = hairline(item)
    assert new_path != old_path
    assert any(path.boundingRect().contains(new_path) for _, path in layer.hairlines())
    # Selected: the link leaves the faint layer's picture and paints itself, strong.
    scene.select_cards(["c-see"])
    assert item.emphasised and item.parentItem().zValue() != Z_LINK
    assert sum(p.elementCount() for _, p in layer.hairlines()) == sum(
        len(link.route()) for link in layer.childItems() if isinstance(link, LinkItem)
    )
    scene.select_cards([])
    assert item.parentItem() is layer
    assert any(path.boundingRect().contains(new_path) for _, path in layer.hairlines())


def _paint(item: LinkItem, exposed: QRectF) -> int:
    """Dark pixels the link paints with ``exposed`` as the exposed rect (zoom 1)."""
    image = QImage(400, 400, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    option = QStyleOptionGraphicsItem()
    option.exposedRect = exposed
    item.paint(painter, option)
    painter.end()
    return sum(1 for y in range(400) for x in range(400) if QColor(image.pixel(x, y)).red() < 200)


def test_a_link_paints_only_where_its_route_reaches_the_exposed_rect(qapp):
    item = LinkItem("k", LinkKind.FLOW, emphasised=True)
    item.set_route([(20, 20), (300, 20), (300, 300), (380, 300)])
    # Inside the route's bounds, away from its segments: nothing drawn, not even
    # clipped (the path, built when first drawn, is not even built).
    assert item.boundingRect().contains(QRectF(100, 100, 100, 100))
    assert _paint(item, QRectF(100, 100, 100, 100)) == 0
    assert item._path_stale
    assert _paint(item, QRectF(250, 100, 100, 100)) > 50  # the vertical stretch
    assert _paint(item, QRectF(360, 280, 40, 40)) > 20  # the arrow head's end
    assert _paint(item, QRectF(0, 0, 400, 400)) > _paint(item, QRectF(250, 100, 100, 100))


def _fresh_stage_figures(scene, stage_id):
    editor = scene.editor
    lanes = editor.doc.lanes

    def cards_of_step(step_id):
        return (c for lane in lanes for c in editor.cards_in(lane.id, step_id))

    return stage_figures(editor.stage(stage_id), cards_of_step, editor.doc.analysis)


def test_stage_figures_after_edits_undo_and_redo_equal_a_fresh_computation(edit):
    editor, stack = edit
    editor.apply(UpdateCard("c-site", {"metrics": Metrics(csat=78.0, ces=3.4, sample_size=120)}))
    editor.apply(UpdateCard("c-pay", {"metrics": Metrics(csat=61.0, sample_size=40)}))
    scene = JourneyScene(editor, stack)
    try:
        def check():
            for stage in editor.doc.stages:
                assert scene.stage_figures(stage.id) == _fresh_stage_figures(scene, stage.id), stage.id
                expected = scene.stage_metrics_text(stage.id)
                assert scene._stage_headers[stage.id].metrics_text == expected

        check()
        edits = [
            MoveCard("c-site", "l-front", "t-pay"),  # to the other stage
            UpdateCard("c-pay", {"metrics": Metrics(csat=90.0, sample_size=300)}),
            MoveCard("c-pay", "l-act", "t-ad"),  # into the first stage
            UpdateCard("c-see", {"metrics": Metrics(ces=5.0, sample_size=10)}),
            UpdateAnalysis({"csat": CsatConvention.TOP2_PERCENT}),
            UpdateCard("c-site", {"title": "改名"}),
        ]
        for op in edits:
            assert push_edit(stack, editor, op, "edit")
            check()
        for _ in edits:
            stack.undo()
            check()
        for _ in edits:
            stack.redo()
            check()
    finally:
        scene.detach()


@pytest.fixture
def wide(qtbot):
    """(scene, view): a generated 400-card map in a small shown view, much wider than it."""
    from PySide6.QtGui import QUndoStack

    from bench.generate import generate_map
    from cxmapper.model.editor import Editor
    from cxmapper.ui.canvas.view import JourneyView

    scene = JourneyScene(Editor(generate_map(400, seed=3)), QUndoStack())
    view = JourneyView(scene)
    view.resize(500, 400)
    qtbot.addWidget(view)
    view.show()
    yield scene, view
    scene.detach()


def test_cards_follow_a_zoom_switch_in_view_first_and_the_rest_in_idle_time(qtbot, wide):
    from PySide6.QtWidgets import QApplication, QGraphicsItem

    from cxmapper.ui.canvas.items import CARD_DETAIL_LOD

    no_contents = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    scene, view = wide
    def flagged():
        return {i.card_id for i in scene.card_items() if i.flags() & no_contents}

    def in_view():
        area = view.mapToScene(view.viewport().rect()).boundingRect()
        return {i.card_id for i in scene.card_items() if area.intersects(i.scene_rect())}

    everything = {i.card_id for i in scene.card_items()}
    view.set_zoom(CARD_DETAIL_LOD * 0.9)
    shown = in_view()
    assert shown and shown <= flagged() < everything  # the rest switch later
    qtbot.waitUntil(lambda: flagged() == everything)
    assert all(scene.row_item(lane.id).settled for lane in scene.layout.lanes)
    view.set_zoom(1.0)
    assert not flagged() & in_view() and flagged()  # out of view: not yet
    # Scrolled to cards still without contents: the scroll switches them.
    before = flagged()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert in_view() & before and not flagged() & in_view()
    lagging = view.viewport().grab().toImage()
    for lane in scene.layout.lanes:
        scene.row_item(lane.id).settle()
    assert not flagged()
    QApplication.processEvents()
    assert differing(lagging, view.viewport().grab().toImage(), tolerance=8) == 0


def test_rows_build_their_overviews_in_idle_time_after_a_build(qtbot, scene):
    rows = [scene.row_item(lane.id) for lane in scene.layout.lanes]
    assert not any(row.overviews_built for row in rows)  # not during the build
    qtbot.waitUntil(lambda: all(row.overviews_built == 1 for row in rows), timeout=3000)


def test_a_dragged_card_shows_faded_in_the_zoomed_out_overview(view, scene):
    from cxmapper.ui.canvas.items import CARD_DETAIL_LOD
    from tests.ui.test_canvas_overview import centre, pixel_at

    view.set_zoom(CARD_DETAIL_LOD * 0.75)
    item = scene.card_item("c-slow")  # clear of the headers (they lie over the top rows)
    scene.select_cards([item.card_id])
    before = pixel_at(view, frame(view), centre(item))
    scene.dragged = frozenset({item.card_id})  # as a drag does (interactions.MoveCards)
    item.setOpacity(0.35)
    after = pixel_at(view, frame(view), centre(item))
    # Towards white as at opacity 0.35 (0.35 · card + 0.65 · white), give or take the
    # faint tint the scene lays over the map there.
    expected = [0.35 * c + 0.65 * 255 for c in before.getRgb()[:3]]
    assert sum(after.getRgb()[:3]) > sum(before.getRgb()[:3]) + 30
    assert all(abs(a - e) <= 24 for a, e in zip(after.getRgb()[:3], expected)), (before.getRgb(), after.getRgb())


def test_idle_overviews_are_built_once_after_a_build_not_again_after_an_edit(scene, edit):
    editor, stack = edit
    scene._prebuild_timer.stop()
    scene._prebuild_overviews()  # one idle step: the last row
    built = [r for r in (scene.row_item(lane.id) for lane in scene.layout.lanes) if r.overviews_built]
    assert len(built) == 1
    row = built[0]
    card_id = next(iter(row._cards))
    assert push_edit(stack, editor, UpdateCard(card_id, {"title": "改"}), "Retitle")
    while scene._prebuild_timer.isActive():
        scene._prebuild_timer.stop()
        scene._prebuild_overviews()
    rows = [scene.row_item(lane.id) for lane in scene.layout.lanes]
    assert all(r.overviews_built == 1 for r in rows if r._cards)
    assert row._overview is None  # built again when next painted zoomed out


def test_a_scroll_switches_the_lagging_cards_it_brings_into_view(wide):
    """Cards a zoom-out left for idle time, scrolled into view before it came: the
    scroll switches them (a Python ``paint`` call each otherwise)."""
    from PySide6.QtWidgets import QGraphicsItem

    from cxmapper.ui.canvas.items import CARD_DETAIL_LOD

    no_contents = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    scene, view = wide
    view.horizontalScrollBar().setValue(0)
    view.set_zoom(CARD_DETAIL_LOD * 0.9)
    lagging = {i.card_id for i in scene.card_items() if not i.flags() & no_contents}
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    area = view.mapToScene(view.viewport().rect()).boundingRect()
    shown = [i for i in scene.card_items() if area.intersects(i.scene_rect())]
    assert {i.card_id for i in shown} & lagging  # the scroll brought lagging cards
    assert all(i.flags() & no_contents for i in shown)
    assert not all(row.settled for row in (scene.row_item(l.id) for l in scene.layout.lanes))  # the rest: idle time
