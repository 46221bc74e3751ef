"""The zoomed-out canvas (issue 6): below ``CARD_DETAIL_LOD`` each lane row paints its
cards as one overview and the cards paint nothing; below ``LINK_HIDE_LOD`` faint links
tell Qt they paint nothing. What a user sees and can do must not change: the cards'
colours, the find highlight and the selection show; edits show at once; hit tests and
the rubber band still find the cards. (``scene``: conftest.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QApplication, QGraphicsItem, QStyleOptionGraphicsItem

from cxmapper.model.document import CardKind, make_card
from cxmapper.model.editor import AddCard, MoveCard, RemoveCard, UpdateCard
from cxmapper.ui.canvas import style
from cxmapper.ui.canvas.items import CARD_DETAIL_LOD, LINK_HIDE_LOD
from cxmapper.ui.canvas.view import JourneyView
from cxmapper.ui.commands import push_edit

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
ZOOMED_OUT = CARD_DETAIL_LOD * 0.75  # cards in the overview, links still drawn
FAR_OUT = LINK_HIDE_LOD * 0.8  # faint links hidden too


@pytest.fixture
def view(qtbot, scene):
    view = JourneyView(scene)
    view.resize(900, 700)
    qtbot.addWidget(view)
    return view


def frame(view) -> QImage:
    """The whole viewport, freshly painted."""
    return view.viewport().grab().toImage()


def pixel_at(view, image: QImage, scene_point: QPointF) -> QColor:
    p = view.mapFromScene(scene_point)
    return QColor(image.pixel(p.x(), p.y()))


def centre(item) -> QPointF:
    return item.scene_rect().center()


def near(a: QColor, b: QColor, tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue())))


def test_zoomed_out_rows_paint_their_cards_and_the_cards_paint_nothing(view, scene):
    assert not any(item.flags() & NO_CONTENTS for item in scene.card_items())
    view.set_zoom(ZOOMED_OUT)
    assert all(item.flags() & NO_CONTENTS for item in scene.card_items())
    assert all(scene.row_item(lane.id).overview for lane in scene.layout.lanes)
    image = frame(view)
    for item in scene.card_items():
        assert near(pixel_at(view, image, centre(item)), item._fill.color()), item.card.title
    view.set_zoom(1.0)
    assert not any(item.flags() & NO_CONTENTS for item in scene.card_items())
    assert not any(scene.row_item(lane.id).overview for lane in scene.layout.lanes)


def test_the_overview_is_built_once_and_not_on_every_frame(view, scene):
    view.set_zoom(ZOOMED_OUT)
    frame(view)
    rows = [scene.row_item(lane.id) for lane in scene.layout.lanes]
    built = [row.overviews_built for row in rows]
    assert sum(built) > 0
    frame(view)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    frame(view)
    assert [row.overviews_built for row in rows] == built


def test_the_overview_repaints_after_an_edit(view, scene, edit, qtbot):
    editor, stack = edit
    view.set_zoom(ZOOMED_OUT)
    steps = [s.id for s in editor.doc.steps()]
    # A card with an empty cell in its row, to move it there.
    card, target = next((c, s) for c in editor.doc.cards for s in steps
                        if s != c.step and not scene.layout.card_ids(c.lane, s))
    item = scene.card_item(card.id)
    frame(view)
    assert push_edit(stack, editor, UpdateCard(card.id, {"color": "#ff0000"}), "colour")
    assert near(pixel_at(view, frame(view), centre(item)), QColor("#ff0000"))
    # Moved to another cell: drawn at its new place, no longer at the old one.
    old = centre(item)
    assert push_edit(stack, editor, MoveCard(card.id, card.lane, target), "move")
    image = frame(view)
    assert near(pixel_at(view, image, centre(item)), QColor("#ff0000"))
    assert not near(pixel_at(view, image, old), QColor("#ff0000"))
    # Moved to another lane: its old row no longer draws it, the new one does.
    old, old_row = centre(item), scene.row_item(card.lane)
    lane = next(lane.id for lane in scene.layout.lanes if lane.id != card.lane and not scene.layout.card_ids(lane.id, target))
    assert push_edit(stack, editor, MoveCard(card.id, lane, target), "move")
    image = frame(view)
    assert near(pixel_at(view, image, centre(item)), QColor("#ff0000"))
    assert not near(pixel_at(view, image, old), QColor("#ff0000"))
    assert card.id not in old_row._cards and card.id in scene.row_item(lane)._cards
    # Removed: gone from the overview.
    at = centre(item)
    assert push_edit(stack, editor, RemoveCard(card.id), "remove")
    assert not near(pixel_at(view, frame(view), at), QColor("#ff0000"))
    # Added while zoomed out: painted by its row as well.
    stack.undo()
    added = make_card(CardKind.ACTION, lane=card.lane, step=target, title="新卡片 new card", color="#00ff00")
    assert push_edit(stack, editor, AddCard(added), "add")
    new_item = scene.card_item(added.id)
    assert new_item.flags() & NO_CONTENTS
    assert near(pixel_at(view, frame(view), centre(new_item)), QColor("#00ff00"))


def test_the_overview_shows_the_selection_and_the_find_highlight(qtbot, view, scene, edit):
    """Read from the window as shown (not a fresh ``grab``): the rows must repaint."""
    editor, _ = edit
    view.show()
    qtbot.waitExposed(view)
    view.set_zoom(ZOOMED_OUT)
    item = scene.card_item(editor.doc.cards[1].id)
    around = view.mapFromScene(item.scene_rect()).boundingRect().adjusted(-3, -3, 3, 3)
    offset = view.viewport().mapTo(view, around.topLeft())

    def pixels(color: QColor) -> int:
        """Pixels around the card in about ``color`` (a thin outline is half blended)."""
        QApplication.processEvents()
        image = QApplication.primaryScreen().grabWindow(view.winId()).toImage()
        return sum(1 for y in range(around.height()) for x in range(around.width())
                   if near(QColor(image.pixel(offset.x() + x, offset.y() + y)), color, 90))

    plain = pixels(style.SELECTION)
    item.setSelected(True)  # as a click or the rubber band does (no current cell mark)
    assert scene.selected_card_ids() == [item.card_id]
    assert pixels(style.SELECTION) > plain + around.width()  # an outline
    item.setSelected(False)
    assert pixels(style.SELECTION) == plain
    plain = pixels(style.HIGHLIGHT)
    scene.set_highlight([item.card_id])
    assert pixels(style.HIGHLIGHT) > plain + around.width()


def test_zoomed_out_cards_are_still_found_by_hit_tests_and_the_rubber_band(view, scene, edit):
    editor, _ = edit
    view.set_zoom(ZOOMED_OUT)
    item = scene.card_item(editor.doc.cards[0].id)
    assert item in scene.items(centre(item))
    assert scene.card_at(centre(item)) is item
    path = QPainterPath()
    path.addRect(item.scene_rect().adjusted(-2, -2, 2, 2))
    scene.setSelectionArea(path, Qt.ItemSelectionOperation.ReplaceSelection, Qt.ItemSelectionMode.IntersectsItemShape)
    assert scene.selected_card_ids() == [item.card_id]


def test_a_row_painted_larger_than_its_view_draws_its_cards_in_full(view, scene, edit):
    """A picture of a scene whose view is zoomed out still shows the cards' text."""
    editor, _ = edit
    view.set_zoom(ZOOMED_OUT)
    card = next(c for c in editor.doc.cards if c.title)
    row = scene.row_item(card.lane)
    item = scene.card_item(card.id)
    r = item.mapRectToParent(item.rect())
    image = QImage(int(r.width()) + 2, int(r.height()) + 2, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.translate(-r.topLeft())
    option = QStyleOptionGraphicsItem()
    option.exposedRect = QRectF(r)
    row.paint(painter, option)
    painter.end()
    dark = sum(1 for y in range(image.height()) for x in range(image.width())
               if max(QColor(image.pixel(x, y)).getRgb()[:3]) < 70)
    assert dark > 20  # the title's glyphs


def test_far_out_faint_links_paint_nothing_but_selected_links_do(view, scene, edit):
    editor, _ = edit
    # Far out, the layers of faint links are hidden, links and all (LinkLayer).
    view.set_zoom(ZOOMED_OUT)
    assert all(link.isVisible() for link in scene.link_items())
    view.set_zoom(FAR_OUT)
    assert not any(link.isVisible() for link in scene.link_items())
    link = editor.doc.links[0]
    scene.select_cards([link.source])
    item = scene.link_item(link.id)
    assert item.emphasised and item.isVisible()
    scene.select_cards([])
    assert not item.isVisible()
    view.set_zoom(1.0)
    assert all(link.isVisible() for link in scene.link_items())
