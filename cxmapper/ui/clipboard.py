"""Copy, cut and paste of cards, within a map and between maps (and program copies).

The clipboard carries a JSON payload under our own MIME type, and the same JSON as
plain text (so a paste works between two running copies whose clipboards only share
text, and a person can see what was copied). A payload holds the cards and the links
among them; pasting gives every card and link a new id, keeps the links among the
pasted cards, and puts the cards into the current cell in their copied order — or,
without a current cell, back into their own cells when this map has them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QMimeData

from cxmapper.model.document import Link, make_card, new_id

MIME_TYPE = "application/x-cxmapper-cards+json"
PAYLOAD_FORMAT = "cxmapper-cards"
PAYLOAD_VERSION = 1


class PasteError(ValueError):
    """The clipboard holds nothing we can paste here; the message says why."""


def copy_payload(editor, card_ids: Iterable[str]) -> dict[str, Any]:
    """The cards (in map order) and the links whose both ends are among them."""
    wanted = set(card_ids)
    cards = [card for card in editor.doc.cards if card.id in wanted]
    links = [link for link in editor.doc.links if link.source in wanted and link.target in wanted]
    return {
        "format": PAYLOAD_FORMAT,
        "version": PAYLOAD_VERSION,
        "cards": [card.model_dump(mode="json") for card in cards],
        "links": [link.model_dump(mode="json") for link in links],
    }


def to_mime(payload: dict[str, Any]) -> QMimeData:
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    mime = QMimeData()
    mime.setData(MIME_TYPE, text.encode("utf-8"))
    mime.setText(text)
    return mime


def from_mime(mime: QMimeData | None) -> dict[str, Any] | None:
    """The payload on the clipboard, or None when it holds no cards of ours."""
    if mime is None:
        return None
    if mime.hasFormat(MIME_TYPE):
        raw = bytes(mime.data(MIME_TYPE)).decode("utf-8", errors="replace")
    elif mime.hasText():
        raw = mime.text()
        if PAYLOAD_FORMAT not in raw[:200]:  # cheap test before parsing arbitrary text
            return None
    else:
        return None
    try:
        payload = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("format") != PAYLOAD_FORMAT:
        return None
    return payload


def paste_plan(editor, payload: dict[str, Any], cell: tuple[str, str] | None):
    """The new cards and links a paste adds, with fresh ids.

    Returns ``(cards, links)`` ready for AddCard/AddLink. Raises PasteError when the
    payload is from a newer program, is malformed, or has nowhere to go.
    """
    version = payload.get("version")
    if not isinstance(version, int) or version > PAYLOAD_VERSION:
        raise PasteError(f"the clipboard holds cards from a newer CX Mapper (format version {version})")
    raw_cards = payload.get("cards")
    raw_links = payload.get("links", [])
    if not isinstance(raw_cards, list) or not raw_cards or not isinstance(raw_links, list):
        raise PasteError("the clipboard holds no cards")
    lanes = {lane.id for lane in editor.doc.lanes}
    steps = {step.id for step in editor.doc.steps()}
    new_ids: dict[str, str] = {}
    cards = []
    for position, raw in enumerate(raw_cards):
        if not isinstance(raw, dict) or "kind" not in raw:
            raise PasteError(f"card {position + 1} on the clipboard has no kind")
        old_id = str(raw.get("id", ""))
        fields = {k: v for k, v in raw.items() if k not in ("id", "kind")}
        if cell is not None:
            fields["lane"], fields["step"] = cell
        elif fields.get("lane") not in lanes or fields.get("step") not in steps:
            raise PasteError("select a cell to paste into: this map has no cell the cards came from")
        try:
            card = make_card(raw["kind"], **fields)
        except (ValidationError, ValueError) as exc:
            raise PasteError(f"card {position + 1} on the clipboard is not valid: {exc}") from None
        new_ids[old_id] = card.id
        cards.append(card)
    links = []
    for raw in raw_links:
        if not isinstance(raw, dict):
            continue
        source, target = new_ids.get(str(raw.get("source"))), new_ids.get(str(raw.get("target")))
        if source is None or target is None:
            continue  # a link to a card that was not copied stays behind
        try:
            links.append(
                Link(id=new_id(), kind=raw.get("kind"), source=source, target=target, label=raw.get("label", ""))
            )
        except ValidationError:
            continue
    return cards, links

