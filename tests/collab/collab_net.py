"""Helpers for the session tests: run a coroutine with a bound, poll, build the Y layout.

The Y layout is the one the collab-model and collab-server contract fixes (see
docs/COLLAB-SERVER.md): ``cards`` (Y.Array of ids), ``card`` (Y.Map id → Y.Map of the
card's fields, ``title`` and ``description`` as Y.Text), ``meta`` (Y.Map, ``title`` a
Y.Text). Built here directly with pycrdt: the mapping module is written in parallel.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager

import anyio
from pycrdt import Array, Doc, Map, Text


def run(coro, timeout: float = 60.0):
    """Run ``coro`` on a fresh loop, failing (not hanging) after ``timeout`` seconds."""

    async def bounded():
        return await asyncio.wait_for(coro, timeout)

    return asyncio.run(bounded())


async def until(predicate, timeout: float = 10.0, what: str = "condition") -> float:
    """Poll ``predicate`` until true; the seconds it took. Fails after ``timeout``."""
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await anyio.sleep(0.005)
    return time.monotonic() - start


def card_fields(card_id: str, title: str, *, lane: str = "lane-1", step: str = "step-1", kind: str = "action") -> dict:
    return {"id": card_id, "kind": kind, "lane": lane, "step": step, "title": title, "description": ""}


def add_card(doc: Doc, fields: dict) -> None:
    """One card in the contract's layout, in one transaction (as a JS client does)."""
    with doc.transaction():
        cards = doc.get("cards", type=Array)
        by_id = doc.get("card", type=Map)
        prelim = Map({k: (Text(v) if k in ("title", "description") else v) for k, v in fields.items()})
        by_id[fields["id"]] = prelim
        cards.append(fields["id"])


def build_map(doc: Doc, title: str, cards: list[dict]) -> None:
    with doc.transaction():
        doc["meta"] = Map({"title": Text(title)})
        doc["cards"] = Array()
        doc["card"] = Map()
    with doc.transaction():
        for fields in cards:
            add_card(doc, fields)


def titles(doc: Doc) -> list[str]:
    """Card titles in the document's card order (cards not yet arrived are skipped)."""
    cards = doc.get("cards", type=Array)
    by_id = doc.get("card", type=Map)
    out = []
    for card_id in cards:
        if card_id in by_id:
            out.append(str(by_id[card_id]["title"]))
    return out


@asynccontextmanager
async def two_participants(link, first_title: str = "One"):
    """Two CollabClients in a room, the first with a one-card map, both synced.

    Yields ``(a_doc, b_doc)``; both leave when the block ends.
    """
    from cxmapper.collab.client import CollabClient

    a_doc, b_doc = Doc(), Doc()
    build_map(a_doc, "Map", [card_fields("c1", first_title)])
    a, b = CollabClient(a_doc, link), CollabClient(b_doc, link)
    async with anyio.create_task_group() as tg:
        tg.start_soon(a.run)
        tg.start_soon(b.run)
        await until(lambda: titles(b_doc) == [first_title], what="first sync")
        yield a_doc, b_doc
        a.stop()
        b.stop()


async def still_editable(a_doc: Doc, b_doc: Doc, first_title: str = "One") -> None:
    """An edit on one participant reaches the other: the room goes on."""
    add_card(a_doc, card_fields("after", "Two"))
    await until(lambda: titles(b_doc) == [first_title, "Two"], what="an edit after the attack")


@asynccontextmanager
async def served_room(room: str = "map-1", **server_options):
    """A CollabServer on an ephemeral localhost port admitting one room.

    Yields ``(server, link, refusals)``: the join link with the room's secret, and the
    list the server's ``on_refusal`` fills.
    """
    from cxmapper.collab.auth import JoinLink, SessionRegistry
    from cxmapper.collab.server import CollabServer

    registry = SessionRegistry()
    room, secret = registry.open(room)
    refusals: list = []
    async with CollabServer(registry, on_refusal=refusals.append, **server_options) as server:
        yield server, JoinLink("127.0.0.1", server.port, room, secret), refusals
