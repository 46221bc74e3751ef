"""The graphics items of the journey canvas, one family per module. Items know nothing of
the editor.

The scene (``scene.py``) creates and positions them from a ``MapLayout``; items only
paint what they were given and report nothing back (gestures live in
``interactions.py``). Geometry that changes often is pushed in with one call
(``CardItem.set_card``, ``LaneRowItem.set_height``) so that an edit costs one
``prepareGeometryChange`` and one ``update`` on the item concerned.

Card items are children of a ``LaneRowItem``: when a row above grows, the scene moves
whole rows with one ``setPos`` each and never touches the cards inside.

Level of detail (``CARD_DETAIL_LOD``, ``LINK_DETAIL_LOD``, ``LINK_HIDE_LOD``): zoomed
out, cards paint a filled rectangle and links a hairline, then nothing; headers keep
their names. The scale comes from the painter, so a picture exported at a small scale
is drawn the same way. Trap: a routed ``LinkItem`` builds its path when first painted
or asked for ``path()``; its bounds come from the route's points.

The families: ``base`` (z values, levels of detail, shared pens), ``cards`` (cards and
their lane rows), ``headers``, ``curves`` (emotion), ``links``, ``markers`` (current cell,
drop line, dimming) and ``legend``. Import from the package: the names below are its API.
"""

from cxmapper.ui.canvas.items.base import (
    CARD_DETAIL_LOD,
    LINK_DETAIL_LOD,
    LINK_HIDE_LOD,
    Z_CELL_MARK,
    Z_DIM,
    Z_DRAG,
    Z_EDITOR,
    Z_HEADER,
    Z_LINE,
    Z_LINK,
    Z_LINK_STRONG,
    Z_ROW,
)
from cxmapper.ui.canvas.items.cards import CardItem, LaneRowItem, format_wait, paint_grid
from cxmapper.ui.canvas.items.headers import (
    BlueprintLineItem,
    LaneHeaderItem,
    StageHeaderItem,
    StepHeaderItem,
    fit_text,
)
from cxmapper.ui.canvas.items.curves import (
    EmotionAxisItem,
    EmotionCurveItem,
    EmotionPointItem,
    smooth_path,
)
from cxmapper.ui.canvas.items.links import LinkItem, rounded_polyline
from cxmapper.ui.canvas.items.markers import CellMarkItem, DimItem, DropIndicatorItem
from cxmapper.ui.canvas.items.legend import LegendItem

__all__ = [
    "BlueprintLineItem",
    "CARD_DETAIL_LOD",
    "CardItem",
    "CellMarkItem",
    "DimItem",
    "DropIndicatorItem",
    "EmotionAxisItem",
    "EmotionCurveItem",
    "EmotionPointItem",
    "LINK_DETAIL_LOD",
    "LINK_HIDE_LOD",
    "LaneHeaderItem",
    "LaneRowItem",
    "LegendItem",
    "LinkItem",
    "StageHeaderItem",
    "StepHeaderItem",
    "Z_CELL_MARK",
    "Z_DIM",
    "Z_DRAG",
    "Z_EDITOR",
    "Z_HEADER",
    "Z_LINE",
    "Z_LINK",
    "Z_LINK_STRONG",
    "Z_ROW",
    "fit_text",
    "format_wait",
    "paint_grid",
    "rounded_polyline",
    "smooth_path",
]
