"""What a person types where, in a live session: ``SessionTyping``, the part of
``SessionController`` that sends where I type as the presence ``cell`` and says in
words what the others type where (the "Who is here" list).

Where I type is the canvas title editor's cell (a card, a new card in the current
cell), a header's name typed in place, an emotion point dragged, or else the field of
the inspector, the outline or the comments panel that has the focus; the first of the
canvas's and the focus's goes out, only when it changed (``_update_typing``).
``activity`` and ``describe_cell`` turn someone's ``cell`` into words ("typing in card
“下载 APP”"); "" for nothing, or for what this map lacks.

A mixin of ``SessionController`` (``session.py``): it reads the controller's window,
session and presence fields; its ``tr`` strings have the ``SessionTyping`` context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

METRIC_FIELDS = ("nps", "csat", "ces", "sample_size")  # the inspector's metrics of a card


class SessionTyping:
    """Typing presence, sent and described (see the module docstring)."""

    def _typing_in(self, card_id: str) -> None:
        """The title editor opened: on a card, or for a new card in the current cell."""
        if card_id:
            self._canvas_cell = {"card": card_id, "field": "title"}
        else:
            cell = self.window.scene.current_cell()
            self._canvas_cell = {"lane": cell[0], "step": cell[1]} if cell else None
        self._update_typing()

    def _header_typing(self, kind: str, item_id: str) -> None:
        """A stage's, step's or lane's name typed in its header on the canvas."""
        self._canvas_cell = {kind: item_id, "field": "name"} if kind else None
        self._update_typing()

    def _emotion_dragging(self, persona_id: str, step_id: str, curve: str) -> None:
        """A persona's point dragged on the canvas: its score is being set ("" when done)."""
        self._canvas_cell = (
            {"persona": persona_id, "step": step_id, "field": "score", "curve": curve} if persona_id else None
        )
        self._update_typing()

    def _typing_done(self) -> None:
        self._canvas_cell = None
        self._update_typing()

    def _watch_focus(self, on: bool) -> None:
        if on == self._watching_focus:
            return
        app = QApplication.instance()
        if on:
            app.focusChanged.connect(self._focus_changed)
        else:
            app.focusChanged.disconnect(self._focus_changed)
        self._watching_focus = on

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        """Typing in the inspector or the outline is presence too. Focus that leaves this
        window (another app, a dialog) keeps the last place: the cursor is still there."""
        if now is None or not (now is self.window or self.window.isAncestorOf(now)):
            return
        self._update_typing(now)

    def _update_typing(self, focus: QWidget | None = None) -> None:
        if self.session is None:
            return
        window = self.window
        if focus is None:
            focus = QApplication.focusWidget()
            if focus is not None and not window.isAncestorOf(focus):
                focus = None
        if focus is not None:
            comments = getattr(window, "comments", None)
            self._focus_cell = (
                window.inspector.typing_at(focus)
                or window.outline.typing_at(focus)
                or (comments.panel.typing_at(focus) if comments is not None else None)
            )
        cell = self._canvas_cell or self._focus_cell
        if cell != self._sent_cell:
            self._sent_cell = cell
            self._set_presence(cell=cell)

    def activity(self, cell: Any) -> str:
        """What someone does where they type, for Who is here: "typing in card “下载 APP”",
        "typing a comment on step “开户”", "typing the metrics of card “…”", "setting
        小林’s score at 比较卡种与费用"; "" for nothing, or what this map lacks."""
        if not isinstance(cell, dict):
            return ""
        field = cell.get("field")
        if isinstance(cell.get("persona"), str) and isinstance(cell.get("step"), str):
            return self._score_activity(cell)
        if field == "comment" and cell.get("map") == "meta":
            return self.tr("typing a comment on the map")
        place = self.describe_cell(cell)
        if not place:
            return ""
        if field == "comment":
            return self.tr("typing a comment on {place}").format(place=place)
        if field in METRIC_FIELDS:
            return self.tr("typing the metrics of {place}").format(place=place)
        if field == "severity":
            return self.tr("rating the severity of {place}").format(place=place)
        if field == "frequency":
            return self.tr("rating the frequency of {place}").format(place=place)
        return self.tr("typing in {place}").format(place=place)

    def _score_activity(self, cell: dict[str, Any]) -> str:
        editor = self.window.editor
        try:
            persona, found = editor.persona(cell["persona"]), editor.step(cell["step"])
        except (KeyError, LookupError, TypeError):
            return ""
        if persona is None or not found:
            return ""
        index = editor.doc.personas.index(persona) + 1
        who = _short(persona.name) if persona.name.strip() else self.tr("Persona {n}").format(n=index)
        where = _short(found[1].name) or "…"
        if cell.get("curve") == "to_be":
            return self.tr("setting {persona}’s to-be score at {step}").format(persona=who, step=where)
        return self.tr("setting {persona}’s score at {step}").format(persona=who, step=where)

    def describe_cell(self, cell: Any) -> str:
        """Where someone types, in words ("card “下载 APP”"); "" for what this map lacks."""
        if not isinstance(cell, dict):
            return ""
        editor = self.window.editor
        try:
            if isinstance(cell.get("card"), str):
                card = editor.card(cell["card"])
                return self.tr("card “{title}”").format(title=_short(card.title)) if card is not None else ""
            if isinstance(cell.get("lane"), str) and isinstance(cell.get("step"), str) and "field" not in cell:
                return self.tr("a new card")
            if isinstance(cell.get("step"), str):
                found = editor.step(cell["step"])
                return self.tr("step “{name}”").format(name=_short(found[1].name)) if found else ""
            if isinstance(cell.get("stage"), str):
                stage = editor.stage(cell["stage"])
                return self.tr("stage “{name}”").format(name=_short(stage.name)) if stage is not None else ""
            if isinstance(cell.get("lane"), str):
                lane = editor.lane(cell["lane"])
                return self.tr("lane “{name}”").format(name=_short(lane.name)) if lane is not None else ""
            if isinstance(cell.get("persona"), str):
                persona = editor.persona(cell["persona"])
                return self.tr("persona “{name}”").format(name=_short(persona.name)) if persona is not None else ""
            if cell.get("map") == "meta":
                return self.tr("the map’s details")
        except (KeyError, LookupError, TypeError):
            return ""
        return ""


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
