"""Level of detail on the canvas: what cards and links draw when zoomed out, and the
cards painted by their rows while the view is zoomed out (issue 6: 20,000 cards stay fluid)."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from cxmapper.model.document import CardKind, make_card
from cxmapper.model.editor import AddCard
from cxmapper.ui.canvas.items import CARD_DETAIL_LOD, LINK_HIDE_LOD
from cxmapper.ui.canvas.view import JourneyView
from cxmapper.ui.commands import push_edit


def paint_at(item, scale: float, exposed: QRectF | None = None) -> QImage:
    """``item`` painted alone at ``scale`` on white (its bounding rect fills the image)."""
    bounds = item.boundingRect()
    image = QImage(math.ceil(bounds.width() * scale) + 2, math.ceil(bounds.height() * scale) + 2,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    painter.translate(-bounds.topLeft())
    option = QStyleOptionGraphicsItem()
    option.exposedRect = exposed if exposed is not None else bounds
    item.paint(painter, option)
    painter.end()
    return image


def count(image: QImage, test) -> int:
    return sum(1 for y in range(image.height()) for x in range(image.width()) if test(QColor(image.pixel(x, y))))


def dark(c: QColor) -> bool:
    # Text is near black (#111827); every card fill and accent has a channel above 90.
    return max(c.red(), c.green(), c.blue()) < 70


def painted(c: QColor) -> bool:
    return c.rgb() != QColor(Qt.GlobalColor.white).rgb()


def test_zoomed_out_cards_are_plain_rectangles_without_text(scene, edit):
    editor, _ = edit
    card = next(c for c in editor.doc.cards if c.title)
    item = scene.card_item(card.id)
    assert count(paint_at(item, 1.0), dark) > 20  # the title is drawn
    scale = CARD_DETAIL_LOD * 0.75
    overview = paint_at(item, scale)
    assert count(overview, dark) == 0
    # ...but the card is still there, in its kind's fill.
    fill = QColor(item._fill.color())
    assert count(overview, lambda c: c.rgb() == fill.rgb()) > overview.width() * overview.height() // 3


def test_zoomed_out_cards_still_show_the_find_highlight(scene, edit):
    editor, _ = edit
    item = scene.card_item(editor.doc.cards[0].id)
    scale = CARD_DETAIL_LOD * 0.75
    plain = paint_at(item, scale)
    item.set_highlighted(True)
    highlighted = paint_at(item, scale)
    assert count(highlighted, painted) > count(plain, painted)


def test_links_thin_out_then_vanish_as_the_view_zooms_out_but_selected_links_stay(scene, edit):
    editor, _ = edit
    link = scene.link_item(editor.doc.links[0].id)
    assert not link.emphasised
    assert count(paint_at(link, 1.0), painted) > 0
    assert count(paint_at(link, (CARD_DETAIL_LOD + LINK_HIDE_LOD) / 2), painted) > 0  # a hairline
    assert count(paint_at(link, LINK_HIDE_LOD * 0.8), painted) == 0
    link.set_emphasised(True)
    assert count(paint_at(link, LINK_HIDE_LOD * 0.8), painted) > 0


def test_a_link_paints_only_its_exposed_part(scene, edit):
    editor, _ = edit
    link = scene.link_item(editor.doc.links[0].id)
    bounds = link.boundingRect()
    left = QRectF(bounds.x(), bounds.y(), bounds.width() / 2, bounds.height())
    half = math.ceil(bounds.width() / 2) + 2

    def right_half_painted(image: QImage) -> int:
        return sum(1 for y in range(image.height()) for x in range(half, image.width())
                   if painted(QColor(image.pixel(x, y))))

    assert right_half_painted(paint_at(link, 1.0)) > 0
    assert right_half_painted(paint_at(link, 1.0, exposed=left)) == 0


def test_cards_keep_no_pixmap_cache_and_a_card_added_zoomed_out_joins_the_overview(qtbot, scene, edit):
    """A zoom step re-rendered every visible card into a new pixmap; no cache at all."""
    editor, stack = edit
    view = JourneyView(scene)
    qtbot.addWidget(view)
    none = QGraphicsItem.CacheMode.NoCache
    assert all(i.cacheMode() == none for i in scene.card_items())
    view.set_zoom(CARD_DETAIL_LOD * 0.5)
    lane, step = editor.doc.lanes[0].id, editor.doc.stages[0].steps[0].id
    card = make_card(CardKind.ACTION, lane=lane, step=step, title="新卡片 new card")
    assert push_edit(stack, editor, AddCard(card), "add")
    item = scene.card_item(card.id)
    assert item.cacheMode() == none
    assert item.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents  # its row paints it
    view.set_zoom(1.0)
    assert not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    assert all(i.cacheMode() == none for i in scene.card_items())
