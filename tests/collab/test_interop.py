"""Interoperability with the reference Yjs implementation (npm yjs, y-websocket, ws).

- A plain JavaScript client (``tests/interop/client.mjs``) joins a room served by our
  server, reads the map in the contract's Y layout (Chinese titles), adds a card our
  Python replica receives, and sees our presence; with a wrong secret it gets the close
  code our client turns into a sentence.
- Our client against the reference Node server (``y-websocket@1``'s bin, HOST and PORT
  from the environment): two Python replicas converge through it, with presence.

``scripts/setup`` runs ``npm ci`` in ``tests/interop``, pinned by its lock file.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
from pathlib import Path

import anyio
import pytest
from pycrdt import Doc, Map

from cxmapper.collab.auth import CLOSE_WRONG_SECRET, JoinLink, SessionRegistry
from cxmapper.collab.client import CollabClient
from cxmapper.collab.server import CollabServer
from tests.collab.collab_net import add_card, build_map, card_fields, run, titles, until

INTEROP = Path(__file__).resolve().parents[1] / "interop"
NODE = shutil.which("node")
#: What the two scenarios run: the client's imports and the reference server's script.
NEEDED = ("yjs", "y-websocket", "ws", "y-websocket-server/bin/server.js")


def in_ci(environ=os.environ) -> bool:
    """Whether a CI runner runs us (``CI=true``, set by GitHub Actions, GitLab CI & co.)."""
    return environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def missing_reference(node: str | None, modules: Path) -> str | None:
    """What is missing to run the reference implementation, or None."""
    if node is None:
        return "Node.js is not installed (no `node` on PATH)"
    absent = [name for name in NEEDED if not (modules / name).exists()]
    if absent:
        return f"{modules} lacks {', '.join(absent)}"
    return None


def reference_gate(environ, node: str | None, modules: Path) -> tuple[str, str] | None:
    """``("fail" | "skip", why)`` when the reference implementation cannot run, else None.

    Outside CI a missing install skips (a developer without Node still runs the rest);
    in CI it fails: ``scripts/setup`` installs Node and runs ``npm ci`` there, so a
    missing install is a broken setup, never a reason to stop testing interop quietly.
    """
    missing = missing_reference(node, modules)
    if missing is None:
        return None
    why = f"{missing}; scripts/setup installs Node and runs npm ci in tests/interop"
    return ("fail", f"CI=true and the interop tests cannot run: {why}") if in_ci(environ) else ("skip", why)


@pytest.fixture
def reference_yjs():
    gate = reference_gate(os.environ, NODE, INTEROP / "node_modules")
    if gate is not None:
        verdict, why = gate
        if verdict == "fail":
            pytest.fail(why, pytrace=False)
        pytest.skip(why)


async def _node_client(*args: str) -> list[dict]:
    proc = await asyncio.create_subprocess_exec(
        NODE, str(INTEROP / "client.mjs"), *args, cwd=INTEROP,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    events = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    assert proc.returncode == 0, f"node client failed ({proc.returncode}): {events} {err.decode()[-2000:]}"
    return events


@pytest.mark.usefixtures("reference_yjs")
def test_a_javascript_client_reads_our_room_and_adds_a_card_we_receive():
    async def scenario():
        registry = SessionRegistry()
        room, secret = registry.open("bank-map")
        async with CollabServer(registry) as server:
            ours = Doc()
            build_map(ours, "银行开户旅程", [
                card_fields("c1", "填写申请表", lane="lane-actions", step="step-apply"),
                card_fields("c2", "Upload ID", lane="lane-actions", step="step-id"),
            ])
            client = CollabClient(ours, JoinLink("127.0.0.1", server.port, room, secret),
                                  presence={"name": "Python 主持人", "colour": "#d62728"})
            async with anyio.create_task_group() as tg:
                tg.start_soon(client.run)
                await client.synced.wait()
                events = await _node_client(f"ws://127.0.0.1:{server.port}", room, secret,
                                            "read-and-add", "js-1", "等待太久 (JS)")
                synced = next(e for e in events if e["event"] == "synced")
                assert synced["meta_title"] == "银行开户旅程"
                assert synced["titles"] == ["填写申请表", "Upload ID"]
                peers = next(e for e in events if e["event"] == "peers")
                assert "Python 主持人" in peers["names"]
                await until(lambda: titles(ours) == ["填写申请表", "Upload ID", "等待太久 (JS)"], what="the JS card")
                card = ours.get("card", type=Map)["js-1"]
                assert (card["kind"], card["lane"], card["step"]) == ("pain_point", "lane-actions", "step-apply")
                # The JS participant said goodbye: gone from our presence.
                await until(lambda: all(s.get("name") != "JS 参与者" for s in client.presence().values()),
                            what="the JS participant to leave")
                refused = await _node_client(f"ws://127.0.0.1:{server.port}", room, "wrong", "expect-refusal")
                assert refused[0] == {"event": "closed", "code": CLOSE_WRONG_SECRET, "reason": "wrong secret"}
                client.stop()

    run(scenario(), timeout=90)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.usefixtures("reference_yjs")
def test_our_client_works_against_the_reference_node_server():
    async def scenario():
        port = _free_port()
        env = dict(os.environ, HOST="127.0.0.1", PORT=str(port))
        node = await asyncio.create_subprocess_exec(
            NODE, str(INTEROP / "node_modules" / "y-websocket-server" / "bin" / "server.js"),
            cwd=INTEROP, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        try:
            line = await asyncio.wait_for(node.stdout.readline(), 20)
            assert b"running" in line, line
            url = f"ws://127.0.0.1:{port}/workshop-1"
            a_doc, b_doc = Doc(), Doc()
            build_map(a_doc, "参考服务器", [card_fields("c1", "来自 Python A")])
            a = CollabClient(a_doc, url, presence={"name": "A"})
            b = CollabClient(b_doc, url, presence={"name": "B"})
            async with anyio.create_task_group() as tg:
                tg.start_soon(a.run)
                tg.start_soon(b.run)
                await until(lambda: titles(b_doc) == ["来自 Python A"], what="A's map on B through Node")
                add_card(b_doc, card_fields("c2", "来自 Python B"))
                await until(lambda: titles(a_doc) == ["来自 Python A", "来自 Python B"], what="B's card on A")
                await until(lambda: sorted(s.get("name") for s in a.presence().values()) == ["A", "B"],
                            what="presence through the Node server")
                b.set_presence(cell={"card": "c1", "field": "title"})
                await until(lambda: any(s.get("cell") for s in a.presence().values()), what="B's cell on A")
                a.stop()
                b.stop()
        finally:
            node.terminate()
            await asyncio.wait_for(node.wait(), 10)

    run(scenario(), timeout=90)


# -- the gate: skipped outside CI, failed in CI ---------------------------------------------


@pytest.mark.parametrize("value, ci", [("true", True), ("1", True), ("True", True), ("yes", True),
                                       ("", False), ("false", False), ("0", False)])
def test_ci_is_read_from_the_environment(value, ci):
    assert in_ci({"CI": value}) is ci
    assert in_ci({}) is False


def test_a_missing_install_fails_in_ci_and_skips_elsewhere(tmp_path):
    modules = tmp_path / "node_modules"
    verdict, why = reference_gate({"CI": "true"}, "/usr/bin/node", modules)
    assert verdict == "fail" and "yjs" in why and "npm ci" in why
    assert reference_gate({}, "/usr/bin/node", modules)[0] == "skip"
    verdict, why = reference_gate({"CI": "true"}, None, modules)
    assert verdict == "fail" and "Node.js is not installed" in why
    for name in NEEDED:  # a complete install runs, in CI or not
        (modules / name).parent.mkdir(parents=True, exist_ok=True)
        (modules / name).mkdir() if "." not in name else (modules / name).write_text("")
    assert reference_gate({"CI": "true"}, "/usr/bin/node", modules) is None
    (modules / "ws").rmdir()  # one package short
    verdict, why = reference_gate({"CI": "true"}, "/usr/bin/node", modules)
    assert verdict == "fail" and "lacks ws" in why


def test_this_checkout_runs_the_interop_tests_in_ci():
    """In CI the setup must have installed the reference implementation."""
    if not in_ci():
        pytest.skip("outside CI a missing install only skips (reference_gate)")
    assert missing_reference(NODE, INTEROP / "node_modules") is None


# -- the whole map: our mapping (collab/ydoc.py) on one side, the reference on the other --


@pytest.mark.usefixtures("reference_yjs")
def test_a_javascript_client_sees_the_bank_map_and_its_card_lands_in_our_document():
    """The map itself, not a hand-built Y.Doc: the bank example written by our mapping
    (``write_document``), read by the JavaScript client, which adds a card that comes
    back through ``document_from_ydoc`` as a valid card of the map, nothing repaired."""
    from cxmapper.collab.ydoc import document_from_ydoc, write_document
    from cxmapper.model.fileformat import load_file
    from cxmapper.model.validation import validate_references
    from cxmapper.paths import EXAMPLES

    bank = load_file(EXAMPLES / "bank-account-opening.zh.cxmap")

    async def scenario():
        registry = SessionRegistry()
        room, secret = registry.open("bank")
        async with CollabServer(registry) as server:
            ours = Doc()
            write_document(ours, bank)
            client = CollabClient(ours, JoinLink("127.0.0.1", server.port, room, secret), presence={"name": "主持人"})
            async with anyio.create_task_group() as tg:
                tg.start_soon(client.run)
                await client.synced.wait()
                events = await _node_client(f"ws://127.0.0.1:{server.port}", room, secret,
                                            "read-and-add", "js-card", "排队叫号看不懂 (JS)")
                synced = next(e for e in events if e["event"] == "synced")
                assert synced["meta_title"] == bank.meta.title
                assert synced["titles"] == [card.title for card in bank.cards]
                await until(lambda: "js-card" in ours.get("card", type=Map), what="the JS card")
                client.stop()
        doc, repairs = document_from_ydoc(ours)
        assert repairs == []
        assert validate_references(doc) == []
        new = doc.card("js-card")
        first = bank.cards[0]
        assert (new.title, new.kind.value, new.lane, new.step) == ("排队叫号看不懂 (JS)", "pain_point", first.lane, first.step)
        assert [c for c in doc.cards if c.id != "js-card"] == bank.cards
        assert (doc.stages, doc.lanes, doc.personas, doc.links) == (bank.stages, bank.lanes, bank.personas, bank.links)

    run(scenario(), timeout=90)
