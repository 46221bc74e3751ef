"""Going to someone, in a live session: ``SessionFollow``, the part of
``SessionController`` behind Who is here ▸ a person (``go_to``): the canvas scrolls,
once, to where they are (the frame where they type, else the cards they selected,
at most ``MAX_FOLLOWED`` of them), keeping the zoom and the frozen lane names and
headers clear; where the canvas has no place for it, the status bar says so.

A mixin of ``SessionController`` (``session.py``): it reads the controller's states,
overlay and window, and its words for what someone does (``session_typing.py``); its
``tr`` strings have the ``SessionFollow`` context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF

from cxmapper.ui.session_presence import STATUS_MS, name_of

MAX_FOLLOWED = 200  # going to someone's selection looks at its first cards (a select-all of 5,000)


class SessionFollow:
    """Who is here ▸ a person (see the module docstring)."""

    def go_to(self, client_id: int) -> bool:
        """Who is here ▸ a person: the canvas scrolls to where they are (the frame where
        they type, else the cards they selected), as Miro's "follow" does once. Where
        the canvas has no place for it (the map's details, nothing selected), the status
        bar says so. True when the canvas moved to them."""
        state = self.states.get(client_id)
        if self.session is None or client_id == self.session.client_id or not isinstance(state, dict):
            return False
        name = name_of(state, str(client_id))
        rect = self._place_of(state)
        if rect is None:
            doing = self.activity(state.get("cell"))
            if doing:
                message = self.tr("{name} is {doing}: not a place on the canvas.").format(name=name, doing=doing)
            else:
                message = self.tr("{name} has nothing selected and is not typing.").format(name=name)
            self.window.statusBar().showMessage(message, STATUS_MS)
            return False
        self._bring_into_view(rect)
        self.window.statusBar().showMessage(self.tr("Showing where {name} is.").format(name=name), STATUS_MS)
        return True

    def _bring_into_view(self, rect: QRectF) -> None:
        """Scroll (the zoom stays) so that ``rect`` is in the part of the canvas the frozen
        lane names and headers leave free; already there: nothing moves. Their middles
        meet when it does not fit (a narrow window, a large selection), where Qt's
        ensureVisible with the frozen margins would leave it out of view."""
        view = self.window.view
        free = QRectF(view.viewport().rect())
        style = getattr(getattr(self.window.scene, "layout", None), "style", None)
        if getattr(view, "frozen_panes", False) and style is not None:
            scale = view.transform().m11()
            left, top = style.lane_header_width * scale, style.grid_top * scale
            free.adjust(min(left, free.width() / 2), min(top, free.height() / 2), 0, 0)
        target = QRectF(view.mapFromScene(rect).boundingRect())
        if free.contains(target):
            return
        margin = 40.0
        for bar, low, high, size, start, end in (
            (view.horizontalScrollBar(), free.left(), free.right(), free.width(), target.left(), target.right()),
            (view.verticalScrollBar(), free.top(), free.bottom(), free.height(), target.top(), target.bottom()),
        ):
            if end - start + 2 * margin > size:
                shift = (start + end) / 2 - (low + high) / 2  # middle on middle
            elif start < low + margin:
                shift = start - low - margin
            elif end > high - margin:
                shift = end - high + margin
            else:
                continue
            bar.setValue(bar.value() + round(shift))

    def _place_of(self, state: dict[str, Any]):
        """The scene rect of where someone is: their typing frame, else their selection."""
        overlay, scene = self._overlay, self.window.scene
        cell = state.get("cell")
        if overlay is not None and isinstance(cell, dict):
            found = overlay.cell_rect(cell)
            if found is not None:
                return found[0]
        selection = state.get("selection")
        rect = None
        if isinstance(selection, list):
            for card_id in [c for c in selection if isinstance(c, str)][: MAX_FOLLOWED]:
                item = scene.card_item(card_id)
                if item is not None and item.isVisible():
                    bounds = item.sceneBoundingRect()
                    rect = bounds if rect is None else rect.united(bounds)
        return rect
