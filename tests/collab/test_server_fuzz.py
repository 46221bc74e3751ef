"""Mutated protocol messages against a live room: the server never falls over.

Valid sync and awareness messages (an added card with a Chinese title, a retitle, a
presence update) are mutated at random (bytes flipped, cut, repeated, spliced, lengths
inflated), each sent on its own connection. Whatever the server accepts or refuses:
it keeps serving, refuses only with the documented close codes, its room still encodes,
and a participant joining afterwards ends with exactly the server's document.
"""

from __future__ import annotations

import random

import anyio
from pycrdt import Doc, Map, create_awareness_message, create_update_message
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from cxmapper.collab.auth import CLOSE_MALFORMED, CLOSE_RATE_LIMIT, CLOSE_ROOM_FULL
from cxmapper.collab.client import CollabClient, state_clocks
from tests.collab.collab_net import add_card, build_map, card_fields, run, served_room, titles, until

MUTANTS = 150
PROBE = b"\x00\x00\x01\x00"  # sync step 1 with an empty state vector


def _seed_messages() -> list[bytes]:
    doc = Doc()
    updates: list[bytes] = []
    doc.observe(lambda e: updates.append(e.update))
    build_map(doc, "模糊测试", [card_fields("c1", "原始卡片")])
    add_card(doc, card_fields("c2", "第二张 card"))
    title = doc.get("card", type=Map)["c1"]["title"]
    title.insert(2, "插入")
    presence = b"\x01" + b"\x9a\x05" + b"\x03" + b"\x1b" + b'{"name":"X","colour":"#fff"}'[:27]
    return [create_update_message(u) for u in updates] + [create_awareness_message(presence)]


def _mutate(rng: random.Random, message: bytes, others: list[bytes]) -> bytes:
    data = bytearray(message)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        if op == 0 and data:  # flip bytes
            for _ in range(rng.randint(1, 3)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 1 and len(data) > 2:  # cut
            del data[rng.randrange(2, len(data)):]
        elif op == 2 and data:  # repeat a slice
            i = rng.randrange(len(data))
            data[i:i] = data[i:i + rng.randint(1, 16)] * rng.randint(1, 8)
        elif op == 3:  # splice another message's tail
            other = rng.choice(others)
            data += other[rng.randrange(len(other)):]
        elif op == 4 and len(data) > 3:  # inflate a length/varint
            data[2] = 0xFF
            data[3:3] = bytes([0xFF, 0xFF, 0x7F])
        elif op == 5:
            data = bytearray(rng.randbytes(rng.randint(1, 64)))
    return bytes(data)


def test_mutated_messages_never_break_the_room():
    async def scenario():
        async with served_room("fuzz") as (server, link, seen):
            host = Doc()
            build_map(host, "模糊测试", [card_fields("c1", "原始卡片")])
            keeper = CollabClient(host, link)
            async with anyio.create_task_group() as tg:
                tg.start_soon(keeper.run)
                await keeper.synced.wait()
                rng = random.Random(20261206)
                seeds = _seed_messages()
                for _ in range(MUTANTS):
                    message = _mutate(rng, rng.choice(seeds), seeds)
                    async with connect(link.websocket_url, max_size=None, compression=None, proxy=None) as ws:
                        try:
                            await ws.send(message)
                            # The room handles a connection's messages in order: the answer
                            # to a sync step 1 sent next says the mutant was dealt with.
                            await ws.send(PROBE)
                            with anyio.fail_after(10):
                                while (await ws.recv())[:2] != b"\x00\x01":
                                    pass
                        except ConnectionClosed as closed:
                            assert closed.rcvd is None or closed.rcvd.code in (
                                CLOSE_MALFORMED, CLOSE_RATE_LIMIT, CLOSE_ROOM_FULL, 1000), closed
                await until(lambda: server.participants(link.room) == 1, what="the mutants' connections to end")
                assert not keeper.stopped.is_set()
                assert any(r.code == CLOSE_MALFORMED for r in seen)
                server_doc = server.room_doc(link.room)
                server_doc.get_update()  # still encodes
                late = Doc()
                joiner = CollabClient(late, link)
                tg.start_soon(joiner.run)
                await joiner.synced.wait()
                await until(lambda: state_clocks(late.get_state()) == state_clocks(server_doc.get_state()), what="the late joiner to match")
                assert titles(late) == titles(server_doc)
                # The keeper got whatever was accepted (a duplicated id or a card without a
                # step is the mapping's repair to make, not the server's).
                await until(lambda: state_clocks(host.get_state()) == state_clocks(server_doc.get_state()), what="the keeper to match")
                print(f"{len(seen)} of {MUTANTS} mutants refused; cards now: {titles(server_doc)}")
                keeper.stop()
                joiner.stop()

    run(scenario(), timeout=120)
