"""The server in-process on an ephemeral localhost port: rooms, secrets, store, limits.

Clients are our CollabClient (pycrdt Provider over websockets) or, for hostile input,
raw websockets connections that send what a well-behaved client never would.
"""

from __future__ import annotations

import anyio
import pytest
from pycrdt import Doc, Map, create_update_message, write_var_uint
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from cxmapper.collab.auth import (
    CLOSE_EXPIRED,
    CLOSE_MALFORMED,
    CLOSE_NO_SECRET,
    CLOSE_RATE_LIMIT,
    CLOSE_ROOM_FULL,
    CLOSE_WRONG_SECRET,
    JoinLink,
    SessionRegistry,
)
from cxmapper.collab.client import CollabClient
from cxmapper.collab.server import CollabServer, ServerLimits
from tests.collab.collab_net import (
    add_card,
    build_map,
    card_fields,
    run,
    served_room,
    still_editable,
    titles,
    two_participants,
    until,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


async def _joined(doc: Doc, link, **kw) -> CollabClient:
    return CollabClient(doc, link, backoff_initial=0.05, **kw)


def test_two_participants_converge_both_ways_with_chinese_titles():
    async def scenario():
        registry = SessionRegistry()
        room, secret = registry.open("map-1")
        async with CollabServer(registry) as server:
            link = JoinLink("127.0.0.1", server.port, room, secret)
            host, guest = Doc(), Doc()
            build_map(host, "银行开户", [card_fields("c1", "填写申请表"), card_fields("c2", "Upload ID")])
            a, b = CollabClient(host, link), CollabClient(guest, str(link))
            async with anyio.create_task_group() as tg:
                tg.start_soon(a.run)
                tg.start_soon(b.run)
                await until(lambda: titles(guest) == ["填写申请表", "Upload ID"], what="the host's map on the guest")
                add_card(guest, card_fields("c3", "等待审核"))
                await until(lambda: titles(host) == ["填写申请表", "Upload ID", "等待审核"], what="the guest's card on the host")
                assert server.participants(room) == 2
                a.stop()
                b.stop()
            assert server.refusals == []

    run(scenario())


@pytest.mark.parametrize(
    ("secret", "code", "words"),
    [
        (None, CLOSE_NO_SECRET, "no secret"),
        ("not-the-secret", CLOSE_WRONG_SECRET, "refused the secret"),
        ("EXPIRED", CLOSE_EXPIRED, "expired"),
    ],
)
def test_a_join_without_the_right_secret_is_refused_before_any_of_the_map_is_sent(secret, code, words):
    async def scenario():
        clock = Clock()
        registry = SessionRegistry(clock=clock)
        room, good = registry.open("map-1", ttl=3600)
        seen = []
        async with CollabServer(registry, on_refusal=seen.append) as server:
            owner = Doc()
            build_map(owner, "Secret map", [card_fields("c1", "机密")])
            a = CollabClient(owner, JoinLink("127.0.0.1", server.port, room, good))
            async with anyio.create_task_group() as tg:
                tg.start_soon(a.run)
                await a.synced.wait()
                if secret == "EXPIRED":
                    clock.now += 3601
                    given = good
                else:
                    given = secret
                url = f"ws://127.0.0.1:{server.port}/{room}" + (f"?secret={given}" if given else "")
                intruder = Doc()
                b = CollabClient(intruder, url)
                with anyio.fail_after(10):
                    await b.run()  # returns by itself: a refusal is final
                assert b.refusal_code == code
                assert words in b.refusal
                assert b.connections == 1  # no retry loop against a refusal
                assert titles(intruder) == []
                assert intruder.get_update() == Doc().get_update()
                assert [r.code for r in seen] == [code]
                a.stop()

    run(scenario())


def test_a_restarted_server_keeps_every_update_it_stored(tmp_path):
    async def scenario():
        registry = SessionRegistry(tmp_path / "sessions.json")
        room, secret = registry.open("map-1")
        async with CollabServer(registry, store_dir=tmp_path) as server:
            port = server.port
            doc = Doc()
            build_map(doc, "Kept", [card_fields(f"c{i}", f"卡片 {i}") for i in range(20)])
            a = CollabClient(doc, JoinLink("127.0.0.1", port, room, secret))
            async with anyio.create_task_group() as tg:
                tg.start_soon(a.run)
                await a.synced.wait()
                add_card(doc, card_fields("late", "最后一张"))
                server_doc = server.room_doc(room)
                await until(lambda: len(titles(server_doc)) == 21, what="the server to hold 21 cards")
                a.stop()
        # A new server process would start from the files alone: a new registry too.
        async with CollabServer(SessionRegistry(tmp_path / "sessions.json"), store_dir=tmp_path, port=port) as again:
            fresh = Doc()
            b = CollabClient(fresh, JoinLink("127.0.0.1", again.port, room, secret))
            async with anyio.create_task_group() as tg:
                tg.start_soon(b.run)
                await until(lambda: len(titles(fresh)) == 21, what="the stored map after the restart")
                assert titles(fresh)[0] == "卡片 0" and titles(fresh)[-1] == "最后一张"
                b.stop()

    run(scenario())


async def _raw(server: CollabServer, room: str, secret: str):
    return connect(f"ws://127.0.0.1:{server.port}/{room}?secret={secret}", max_size=None, compression=None, proxy=None)


def _sync_update(payload: bytes) -> bytes:
    """A sync 'update' message (type 0, step 2) around arbitrary bytes."""
    return bytes([0, 2]) + write_var_uint(len(payload)) + payload


@pytest.mark.parametrize(
    "message",
    [
        _sync_update(b"\xff\xff\xff\xff\x0f garbage that is not a Yjs update"),
        _sync_update(b"\x01\x01\x99\x01\x00\x28"),  # a truncated struct
        bytes([0, 2, 0x7F]),  # a length that runs past the end
        bytes([0, 9, 0]),  # an unknown sync step
        bytes([1]) + write_var_uint(5) + b"\x01\x05\x01\x03{x}",  # awareness with bad JSON
        bytes([0]),  # too short to be anything
    ],
    ids=["garbage", "truncated", "length", "step", "awareness", "short"],
)
def test_a_malformed_message_closes_its_sender_and_leaves_the_room_as_it_was(message):
    async def scenario():
        async with served_room("map-1") as (server, link, seen):
            room, secret = link.room, link.secret
            async with two_participants(link) as (a_doc, b_doc):
                before = server.room_doc(room).get_update()
                async with await _raw(server, room, secret) as ws:
                    await ws.send(message)
                    with anyio.fail_after(5), pytest.raises(ConnectionClosed) as closed:
                        while True:
                            await ws.recv()
                assert closed.value.rcvd.code == CLOSE_MALFORMED
                assert [r.code for r in seen] == [CLOSE_MALFORMED]
                assert server.room_doc(room).get_update() == before
                # The room goes on for everyone else.
                await still_editable(a_doc, b_doc)

    run(scenario())


def test_a_flood_of_updates_is_cut_off_in_bounded_time_and_the_room_goes_on():
    async def scenario():
        limits = ServerLimits(message_burst=200, messages_per_second=100)
        async with served_room("map-1", limits=limits) as (server, link, seen):
            room, secret = link.room, link.secret
            async with two_participants(link) as (a_doc, b_doc):
                flooder = Doc()
                updates: list[bytes] = []
                flooder.observe(lambda event: updates.append(event.update))
                sent = 0
                start = anyio.current_time()
                async with await _raw(server, room, secret) as ws:
                    with anyio.fail_after(20), pytest.raises(ConnectionClosed) as closed:
                        for i in range(20_000):  # bounded: the server must cut us off long before
                            flooder.get("meta", type=Map)[f"k{i}"] = i  # one small valid update each
                            await ws.send(create_update_message(updates.pop()))
                            sent += 1
                        while True:
                            await ws.recv()
                assert closed.value.rcvd is None or closed.value.rcvd.code == CLOSE_RATE_LIMIT
                assert [r.code for r in seen] == [CLOSE_RATE_LIMIT]
                assert anyio.current_time() - start < 20
                assert server.messages_received < 1000
                await still_editable(a_doc, b_doc)

    run(scenario())


def test_a_room_refuses_an_update_that_would_pass_its_size_cap():
    async def scenario():
        async with served_room(limits=ServerLimits(max_room_bytes=50_000)) as (server, link, seen):
            a_doc = Doc()
            build_map(a_doc, "Map", [card_fields("c1", "One")])
            a = CollabClient(a_doc, link)
            async with anyio.create_task_group() as tg:
                tg.start_soon(a.run)
                await a.synced.wait()
                with a_doc.transaction():
                    for i in range(300):
                        add_card(a_doc, card_fields(f"big{i}", "x" * 400))
                with anyio.fail_after(10):
                    await a.stopped.wait()
                assert a.refusal_code == CLOSE_ROOM_FULL
                assert "size limit" in a.refusal
                assert [r.code for r in seen] == [CLOSE_ROOM_FULL]
                assert len(titles(server.room_doc(link.room) or Doc())) <= 1

    run(scenario())


def test_serve_new_room_adds_a_room_to_the_store_and_prints_its_link(tmp_path, capsys):
    from cxmapper.cli import main

    assert main(["serve", "--store", str(tmp_path), "--new-room", "workshop-7", "--port", "9100",
                 "--public-host", "mapper.example.org", "--ttl", "2"]) == 0
    link = JoinLink.parse(capsys.readouterr().out.strip())
    assert (link.host, link.port, link.room, link.tls) == ("mapper.example.org", 9100, "workshop-7", False)
    assert SessionRegistry(tmp_path / "sessions.json").check(link.room, link.secret).ok
    assert main(["serve", "--new-room"]) == 2
    assert "needs --store" in capsys.readouterr().err
    assert main(["serve", "--cert", "c.pem"]) == 2
    assert "--cert and --key go together" in capsys.readouterr().err
    assert main(["serve", "--store", str(tmp_path), "--new-room", "no spaces"]) == 2
    assert "not a room name" in capsys.readouterr().err


def test_a_participant_that_stops_reading_is_dropped_instead_of_piling_up_messages():
    import socket as sockets

    async def scenario():
        limits = ServerLimits(max_pending_sends=16)
        async with served_room("map-1", limits=limits) as (server, link, seen):
            room, secret = link.room, link.secret
            stalled = sockets.create_connection(("127.0.0.1", server.port))
            stalled.setsockopt(sockets.SOL_SOCKET, sockets.SO_RCVBUF, 4096)
            stalled.sendall(
                f"GET /{room}?secret={secret} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n".encode()
            )  # ... and never reads another byte
            try:
                async with two_participants(link) as (a_doc, b_doc):
                    await until(lambda: server.participants(room) == 3, what="the stalled participant in the room")
                    for i in range(60):  # bounded: ~30 MB through a reader that takes nothing
                        add_card(a_doc, card_fields(f"big{i}", "大" * 170_000))
                        await anyio.sleep(0.005)
                    await until(lambda: any(r.reason == "not reading" for r in seen), timeout=20,
                                what="the stalled participant to be dropped")
                    await until(lambda: len(titles(b_doc)) == 61, timeout=20, what="every card on b")
                    assert server.participants(room) == 2
            finally:
                stalled.close()

    run(scenario())


def test_participants_already_in_leave_when_their_session_expires_or_is_closed():
    async def scenario():
        clock = Clock()
        registry = SessionRegistry(clock=clock)
        room, secret = registry.open("map-1", ttl=60)
        other_room, other_secret = registry.open("map-2")
        seen = []
        limits = ServerLimits(recheck_seconds=0.05)
        async with CollabServer(registry, limits=limits, on_refusal=seen.append) as server:
            inside = CollabClient(Doc(), JoinLink("127.0.0.1", server.port, room, secret))
            closing = CollabClient(Doc(), JoinLink("127.0.0.1", server.port, other_room, other_secret))
            async with anyio.create_task_group() as tg:
                tg.start_soon(inside.run)
                tg.start_soon(closing.run)
                await inside.synced.wait()
                await closing.synced.wait()
                clock.now += 61
                registry.close(other_room)
                with anyio.fail_after(10):
                    await inside.stopped.wait()
                    await closing.stopped.wait()
        assert inside.refusal_code == CLOSE_EXPIRED and "expired" in inside.refusal
        assert closing.refusal_code == CLOSE_WRONG_SECRET
        assert sorted(r.code for r in seen) == [CLOSE_WRONG_SECRET, CLOSE_EXPIRED]

    run(scenario())
