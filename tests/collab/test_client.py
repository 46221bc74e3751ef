"""Our client: reconnect after a drop with offline edits merged, presence, the Session API."""

from __future__ import annotations

import threading
import time

import anyio
import pytest
from pycrdt import Doc, Map

from cxmapper.collab.auth import JoinLink, SessionRegistry
from cxmapper.collab.client import CollabClient
from cxmapper.collab.server import CollabServer
from cxmapper.collab.session import REMOTE_ORIGIN, Session, SessionError
from tests.collab.collab_net import add_card, build_map, card_fields, run, titles, until


def test_a_dropped_participant_keeps_editing_and_everything_merges_on_reconnect(tmp_path):
    async def scenario():
        registry = SessionRegistry()
        room, secret = registry.open("map-1")
        server = CollabServer(registry, store_dir=tmp_path)
        await server.start()
        port = server.port
        link = JoinLink("127.0.0.1", port, room, secret)
        a_doc, b_doc = Doc(), Doc()
        build_map(a_doc, "Map", [card_fields("c1", "One")])
        statuses = []
        a = CollabClient(a_doc, link, backoff_initial=0.05, backoff_max=0.2)
        b = CollabClient(b_doc, link, backoff_initial=0.05, backoff_max=0.2, on_status=lambda s, d: statuses.append(s))
        async with anyio.create_task_group() as tg:
            tg.start_soon(a.run)
            tg.start_soon(b.run)
            await until(lambda: titles(b_doc) == ["One"], what="first sync")
            # The network goes: both keep editing, the same title concurrently too.
            await server.stop()
            await until(lambda: "disconnected" in statuses, what="the drop to be noticed")
            add_card(a_doc, card_fields("a1", "离线 A"))
            add_card(b_doc, card_fields("b1", "offline B"))
            title = b_doc.get("card", type=Map)["c1"]["title"]
            title.insert(len(title), " (B)")
            await anyio.sleep(0.3)  # a few failed reconnection attempts
            server = CollabServer(SessionRegistry(), port=port, store_dir=tmp_path)
            server.registry = registry
            await server.start()
            await until(lambda: len(titles(a_doc)) == 3 and titles(a_doc) == titles(b_doc), what="the merge after reconnecting")
            assert sorted(titles(a_doc)) == sorted(["One (B)", "离线 A", "offline B"])
            assert a.connections >= 2 and b.connections >= 2
            a.stop()
            b.stop()
        await server.stop()

    run(scenario())


def test_presence_name_colour_selection_and_cell_reach_the_others_and_leave_with_them():
    async def scenario():
        registry = SessionRegistry()
        room, secret = registry.open("map-1")
        async with CollabServer(registry) as server:
            link = JoinLink("127.0.0.1", server.port, room, secret)
            a_doc, b_doc = Doc(), Doc()
            a = CollabClient(a_doc, link, presence={"name": "李雷", "colour": "#d62728"})
            b = CollabClient(b_doc, link, presence={"name": "Ann", "colour": "#1f77b4"})
            seen_by_b = []
            b.on_presence = seen_by_b.append
            async with anyio.create_task_group() as tg:
                tg.start_soon(a.run)
                await a.synced.wait()
                tg.start_soon(b.run)  # joins after a: learns who is already here
                await until(lambda: len(b.presence()) == 2, what="b to see a")
                assert b.presence()[a_doc.client_id] == {"name": "李雷", "colour": "#d62728"}
                a.set_presence(selection=["c1", "c2"], cell={"step": "s1", "lane": "l1", "field": "title"})
                await until(lambda: b.presence()[a_doc.client_id].get("selection") == ["c1", "c2"], what="a's selection")
                assert b.presence()[a_doc.client_id]["cell"] == {"step": "s1", "lane": "l1", "field": "title"}
                assert any(a_doc.client_id in s for s in seen_by_b)
                a.stop()
                # Gone for b at once, not after the 30 s awareness timeout.
                took = await until(lambda: a_doc.client_id not in b.presence(), timeout=3, what="a to leave")
                assert took < 3
                b.stop()

    run(scenario())


def test_a_join_link_that_cannot_work_is_refused_with_a_sentence():
    doc = Doc()
    with pytest.raises(SessionError, match="not a join link"):
        Session(doc).join("https://example.com/room#secret=x")
    registry = SessionRegistry()
    room, _secret = registry.open("map-1")
    host = Session(Doc(), name="Host")
    link = host.host(room="map-1")
    try:
        wrong = JoinLink(link.host, link.port, link.room, "wrong")
        with pytest.raises(SessionError, match="refused the secret"):
            Session(doc).join(wrong, timeout=5)
        with pytest.raises(SessionError, match="Could not reach"):
            Session(doc).join(JoinLink("127.0.0.1", 9, "map-1", "x"), timeout=1)
    finally:
        host.leave()
    assert titles(doc) == []


def test_session_host_and_join_from_the_callers_thread_with_remote_changes_posted_back():
    """Two sessions as two windows would hold them: each Doc touched on this thread only."""
    owner_threads: set[str] = set()
    host_doc = Doc()
    build_map(host_doc, "工作坊", [card_fields("c1", "到店")])
    remote_origins = []
    host_doc.observe(lambda e: owner_threads.add(threading.current_thread().name))
    refusals = []
    host = Session(host_doc, name="Host", colour="#d62728", on_refusal=refusals.append)
    link = host.host(ttl=3600)
    guest_doc = Doc()
    guest_doc.observe(lambda e: owner_threads.add(threading.current_thread().name))
    guest = Session(guest_doc, name="Guest", colour="#1f77b4", on_remote_change=lambda: remote_origins.append(REMOTE_ORIGIN))
    try:
        assert str(link).startswith("cxmap+ws://127.0.0.1:")
        guest.join(str(link))
        guest.process_pending()
        assert titles(guest_doc) == ["到店"]
        add_card(guest_doc, card_fields("c2", "排队"))
        deadline = time.monotonic() + 10
        while titles(host_doc) != ["到店", "排队"] and time.monotonic() < deadline:
            host.process_pending()
            time.sleep(0.01)
        assert titles(host_doc) == ["到店", "排队"]
        guest.set_presence(selection=["c2"], cell={"card": "c2", "field": "title"})
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            states = host.presence()
            if any(s.get("selection") == ["c2"] for s in states.values()):
                break
            time.sleep(0.01)
        assert any(s.get("selection") == ["c2"] for s in host.presence().values())
        names = sorted(s["name"] for s in host.presence().values())
        assert names == ["Guest", "Host"]
        assert remote_origins  # the guest heard the host's map arrive as a remote change
        assert owner_threads == {threading.current_thread().name}
        # A wrong secret against this host reaches the host as a refusal it can show.
        with pytest.raises(SessionError):
            Session(Doc()).join(JoinLink(link.host, link.port, link.room, "nope"), timeout=5)
        deadline = time.monotonic() + 5
        while not refusals and time.monotonic() < deadline:
            host.process_pending()
            time.sleep(0.01)
        assert [r.code for r in refusals] == [4403]
    finally:
        guest.leave()
        host.leave()
    assert not host.active and not guest.active
    assert not [t for t in threading.enumerate() if t.name == "cxmapper-collab"]


def test_hosting_with_tls_and_a_public_name_and_bad_settings_said_in_a_sentence(tmp_path):
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command (scripts/setup installs it)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=workshop.local", "-addext", "subjectAltName=DNS:workshop.local,IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    doc = Doc()
    build_map(doc, "TLS", [card_fields("c1", "安全")])
    host = Session(doc, name="Host")
    link = host.host(host="0.0.0.0", public_host="workshop.local", cert=cert, key=key, store_dir=tmp_path / "s")
    try:
        assert str(link).startswith("cxmap+wss://workshop.local:")
        guest_doc = Doc()
        guest = Session(guest_doc)
        context = __import__("ssl").create_default_context(cafile=str(cert))
        guest.join(JoinLink("127.0.0.1", link.port, link.room, link.secret, tls=True), ssl_context=context)
        guest.process_pending()
        assert titles(guest_doc) == ["安全"]
        guest.leave()
    finally:
        host.leave()
    with pytest.raises(SessionError, match="not a room name"):
        Session(Doc()).host(room="a room")
    with pytest.raises(SessionError, match="cannot use"):
        Session(Doc()).host(cert=tmp_path / "missing.pem", key=key)
    busy = Session(Doc())
    taken = busy.host()
    try:
        with pytest.raises(SessionError, match="Could not start the session on 127.0.0.1"):
            Session(Doc()).host(port=taken.port)
    finally:
        busy.leave()
