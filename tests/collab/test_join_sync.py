"""Joining a room over the network: what travels, and the server's answer to a newcomer.

- a participant that joins does not send the room's state back to it (pycrdt's
  Provider sent every transaction of its Doc, the received ones included);
- the server answers a newcomer's empty state vector with the whole state, encoded
  once per state of the room, and a change of any kind (an insert, a deletion, which
  leaves the state vector as it was) gives the next newcomer the new state;
- the server writes an update at once to every participant that is not behind (no
  task per participant), and one that joins while others type still ends with
  everything.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import anyio
from pycrdt import Array, Doc, Map

from cxmapper.collab.client import CollabClient
from tests.collab.collab_net import add_card, build_map, card_fields, run, served_room, titles, until

CARDS = 300


def _big_map(doc: Doc) -> None:
    build_map(doc, "工作坊", [card_fields(f"c{i}", f"卡片 {i} — a card of the workshop") for i in range(CARDS)])


@asynccontextmanager
async def _hosted(server, link):
    """A participant ``a`` with a map of ``CARDS`` cards, in the room once the room holds
    it. Yields ``(a_doc, a, tg)``: a task group for more participants; ``a`` leaves at the end."""
    a_doc = Doc()
    _big_map(a_doc)
    a = CollabClient(a_doc, link)
    async with anyio.create_task_group() as tg:
        tg.start_soon(a.run)
        await until(lambda: _room_cards(server, link) == CARDS, what="the room to hold the map")
        yield a_doc, a, tg
        a.stop()


def _room_cards(server, link) -> int:
    doc = server.room_doc(link.room)
    return -1 if doc is None else len(doc.get("cards", type=Array))


def test_a_joining_participant_does_not_send_the_room_back_and_local_edits_still_go_out():
    async def scenario():
        async with served_room() as (server, link, refusals), _hosted(server, link) as (a_doc, a, tg):
            room_size = len(a_doc.get_update())
            b_doc = Doc()
            b = CollabClient(b_doc, link)
            received_before = server.bytes_received
            tg.start_soon(b.run)
            await b.synced.wait()
            assert len(titles(b_doc)) == CARDS
            await anyio.sleep(0.3)  # anything b would still send back has gone by now
            # b sent its state vector, its answer to the room's (nothing) and its
            # presence: bytes, not the room.
            assert b.bytes_sent < 200, b.bytes_sent
            assert server.bytes_received - received_before < 200 < room_size
            # Its own edits still go out, and a's come in.
            add_card(b_doc, card_fields("from-b", "B 的卡片"))
            await until(lambda: "B 的卡片" in titles(a_doc), what="b's card at a")
            title = a_doc.get("card", type=Map)["c0"]["title"]
            title.insert(0, "A: ")
            await until(lambda: titles(b_doc)[0].startswith("A: "), what="a's edit at b")
            assert titles(a_doc) == titles(b_doc)
            assert refusals == []
            b.stop()

    run(scenario())


def test_the_server_encodes_the_room_once_per_state_and_a_newcomer_gets_every_change():
    async def scenario():
        async with served_room() as (server, link, refusals), _hosted(server, link) as (a_doc, a, tg):
            room = server._rooms[link.room]

            async def newcomer() -> Doc:
                doc = Doc()
                client = CollabClient(doc, link)
                tg.start_soon(client.run)
                await client.synced.wait()
                client.stop()
                await client.stopped.wait()
                return doc

            first = await newcomer()
            encodes = room.encodes
            second = await newcomer()
            assert room.encodes == encodes  # the same state: the same bytes, no new encode
            assert titles(first) == titles(second) == titles(a_doc)
            assert titles(second) == titles(a_doc)

            # A pure deletion: the state vector does not move, the state does.
            with a_doc.transaction():
                del a_doc.get("card", type=Map)["c1"]
                del a_doc.get("cards", type=Array)[1]
            await until(lambda: "c1" not in server.room_doc(link.room).get("card", type=Map), what="the deletion in the room")
            third = await newcomer()
            assert room.encodes == encodes + 1
            assert "c1" not in third.get("card", type=Map)
            assert titles(third) == titles(a_doc)

            # An insert and typing.
            add_card(a_doc, card_fields("late", "后来的卡片"))
            a_doc.get("card", type=Map)["c0"]["title"].insert(0, "✓ ")
            await until(lambda: "late" in server.room_doc(link.room).get("card", type=Map), what="the card in the room")
            await until(lambda: str(server.room_doc(link.room).get("card", type=Map)["c0"]["title"]).startswith("✓"), what="the typing in the room")
            fourth = await newcomer()
            assert titles(fourth) == titles(a_doc)
            assert titles(fourth)[0].startswith("✓ ") and "后来的卡片" in titles(fourth)
            assert refusals == []

    run(scenario())


def test_a_returning_participant_with_a_state_gets_only_what_it_lacks():
    """A state vector that is not empty is answered by the room itself (the difference)."""

    async def scenario():
        async with served_room() as (server, link, refusals), _hosted(server, link) as (a_doc, a, tg):
            b_doc = Doc()
            b_doc.apply_update(a_doc.get_update())  # as after an earlier visit
            add_card(a_doc, card_fields("new", "新卡片"))
            await until(lambda: "new" in server.room_doc(link.room).get("card", type=Map), what="the card in the room")
            b = CollabClient(b_doc, link)
            tg.start_soon(b.run)
            await b.synced.wait()
            await until(lambda: titles(b_doc) == titles(a_doc), what="b to catch up")
            assert b.bytes_received < 2_000  # the difference, not the room
            assert refusals == []
            b.stop()

    run(scenario())


def test_an_update_is_written_at_once_to_participants_that_keep_up():
    """The fan-out: no ``send`` task per participant per update for those reading."""
    from cxmapper.collab import server as server_module

    async def scenario():
        async with served_room() as (server, link, refusals), _hosted(server, link) as (a_doc, a, tg):
            docs = [Doc() for _ in range(6)]
            clients = [CollabClient(doc, link) for doc in docs]
            for client in clients:
                tg.start_soon(client.run)
            for client in clients:
                await client.synced.wait()
            await anyio.sleep(0.2)
            sent_by_task = []
            original = server_module._ServerChannel.send

            async def send(channel, message):
                if message[:2] == bytes([0, 2]):  # a sync update
                    sent_by_task.append(channel)
                await original(channel, message)

            server_module._ServerChannel.send = send
            try:
                before = server.messages_sent
                for i in range(20):
                    a_doc.get("card", type=Map)[f"c{i}"]["title"].insert(0, f"{i}·")
                    await anyio.sleep(0.01)
                await until(lambda: all(titles(doc) == titles(a_doc) for doc in docs), what="every edit everywhere")
            finally:
                server_module._ServerChannel.send = original
            assert sent_by_task == []  # all of them kept up: written at once
            assert server.messages_sent - before >= 20 * len(docs)
            assert refusals == []
            for client in clients:
                client.stop()

    run(scenario())


def test_a_participant_joining_while_others_type_ends_with_everything():
    """Newcomers while updates are being written at once: each ends with everything.
    (Updates may reach a newcomer before its state, as with YRoom's own fan-out; Yrs
    keeps them until the state arrives. The server does not let them overtake a state
    it already queued for it: ``_ServerChannel.idle``.)"""

    async def scenario():
        async with served_room() as (server, link, refusals), _hosted(server, link) as (a_doc, a, tg):
            typing_done = anyio.Event()

            async def type_along() -> None:
                for i in range(150):
                    a_doc.get("card", type=Map)[f"c{i % CARDS}"]["title"].insert(0, "字")
                    if i % 10 == 0:
                        add_card(a_doc, card_fields(f"new{i}", f"新 {i}"))
                    await anyio.sleep(0.002)
                typing_done.set()

            tg.start_soon(type_along)
            newcomers = []
            for _ in range(4):
                await anyio.sleep(0.05)
                doc = Doc()
                client = CollabClient(doc, link)
                tg.start_soon(client.run)
                newcomers.append((doc, client))
            await typing_done.wait()
            for doc, _ in newcomers:
                await until(lambda: titles(doc) == titles(a_doc), timeout=20, what="a newcomer to catch up")
                assert str(doc.get("card", type=Map)["c0"]["title"]).startswith("字")
            assert refusals == []
            for _, client in newcomers:
                client.stop()

    run(scenario())
