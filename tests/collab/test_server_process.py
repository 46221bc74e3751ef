"""``cxmapper serve`` as a real process: TLS, a kill -9 and a restart, a 100 MB update.

The certificate is self-signed, made here with the ``openssl`` command line.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import anyio
import pytest
from pycrdt import Array, Doc

from cxmapper.collab.auth import CLOSE_TOO_BIG, JoinLink
from cxmapper.collab.client import CollabClient
from tests.collab.collab_net import add_card, build_map, card_fields, run, titles, until

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command (scripts/setup installs it)")


@pytest.fixture(scope="module")
def cert(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


class Served:
    """A ``cxmapper serve`` process; its join link and port read from what it prints."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cxmapper", "serve", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.lines: list[str] = []
        self.log: list[str] = []
        threading.Thread(target=self._read_log, daemon=True).start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"cxmapper serve ended: {self.proc.stderr.read()}")
            self.lines.append(line.strip())
            if "Join link:" in line or "room(s) admitted" in line:
                break
        self.port = int(re.search(r":(\d+)", self.lines[0].split("on ", 1)[1]).group(1))
        found = [line.split("Join link: ", 1)[1] for line in self.lines if "Join link:" in line]
        self.link = JoinLink.parse(found[0]) if found else None

    def _read_log(self) -> None:
        for line in self.proc.stderr:
            self.log.append(line)

    def wait_log(self, words: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not any(words in line for line in self.log):
            assert time.monotonic() < deadline, f"{words!r} never logged: {''.join(self.log)}"
            time.sleep(0.02)

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")

    def stop(self, sig=signal.SIGTERM) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        time.sleep(0.05)
        return self.proc.stdout.read() + "".join(self.log)


def _trusting(cert: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(cert))


def test_tls_and_a_killed_server_restarted_from_its_store_loses_nothing_acknowledged(tmp_path, cert):
    cert_file, key_file = cert
    store = tmp_path / "store"
    first = Served("--port", "0", "--store", str(store), "--cert", str(cert_file), "--key", str(key_file))
    try:
        link = first.link
        assert link is not None and link.tls and str(link).startswith("cxmap+wss://127.0.0.1:")

        async def edit_then_watch_it_arrive():
            a_doc, b_doc = Doc(), Doc()
            build_map(a_doc, "TLS 地图", [card_fields("c1", "加密")])
            a = CollabClient(a_doc, link, ssl_context=_trusting(cert_file))
            b = CollabClient(b_doc, link, ssl_context=_trusting(cert_file))
            async with anyio.create_task_group() as tg:
                tg.start_soon(a.run)
                tg.start_soon(b.run)
                await until(lambda: titles(b_doc) == ["加密"], what="b over TLS")
                add_card(a_doc, card_fields("c2", "acknowledged"))
                # b received it: the server had stored it before passing it on.
                await until(lambda: titles(b_doc) == ["加密", "acknowledged"], what="the second card")
                a.stop()
                b.stop()

        run(edit_then_watch_it_arrive())
        untrusted = Doc()
        client = CollabClient(untrusted, link)  # the system's trust store: not our self-signed cert
        run(client.run(), timeout=20)
        assert "certificate is not trusted" in (client.refusal or "")
        assert titles(untrusted) == []
    finally:
        first.stop(signal.SIGKILL)  # no goodbye, no flush
    again = Served("--port", str(link.port), "--store", str(store), "--cert", str(cert_file), "--key", str(key_file))
    try:
        assert again.link is None and "1 room(s) admitted" in again.lines[-1]  # the old link still works

        async def rejoin():
            fresh = Doc()
            c = CollabClient(fresh, link, ssl_context=_trusting(cert_file))
            async with anyio.create_task_group() as tg:
                tg.start_soon(c.run)
                await until(lambda: titles(fresh) == ["加密", "acknowledged"], what="the stored map after kill -9")
                c.stop()

        run(rejoin())
    finally:
        out = again.stop()
    assert "Stopping" in out


def _handshake(port: int, path: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 101"), head[:200]
    return sock


def test_a_100_mb_update_is_refused_from_its_header_in_bounded_time_and_memory(tmp_path):
    served = Served("--port", "0")
    try:
        link = served.link
        sock = _handshake(served.port, f"/{link.room}?secret={link.websocket_url.split('secret=')[1]}")
        rss_before = served.rss_kib()
        size = 100 * 1024 * 1024
        mask = os.urandom(4)
        # FIN + binary; masked, 64-bit length: a Yjs sync update of 100 MB announced.
        sock.sendall(bytes([0x82, 0x80 | 127]) + size.to_bytes(8, "big") + mask)
        chunk = bytes(1024 * 1024)
        sent, start, closed_by_server = 0, time.monotonic(), False
        try:
            while sent < size and time.monotonic() - start < 30:  # bounded either way
                sock.sendall(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            closed_by_server = True
        took = time.monotonic() - start
        reply = b""
        try:
            sock.settimeout(5)
            reply = sock.recv(4096)
        except (OSError, socket.timeout):
            pass
        sock.close()
        assert closed_by_server or (reply[:1] == b"\x88" and int.from_bytes(reply[2:4], "big") == CLOSE_TOO_BIG)
        assert took < 30
        # (On localhost the kernel may swallow all 100 MB before the close arrives: the
        # server discards what follows its refusal; memory is the point.)
        assert served.rss_kib() - rss_before < 32 * 1024  # the server never held the message
        assert served.proc.poll() is None  # and is still serving
        served.wait_log("message too big")  # logged, and reported to a host's callback
    finally:
        served.stop()


class Participant:
    def __init__(self, link: JoinLink, name: str, count: int, delay: float = 0.02) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.collab.participant_process", str(link), name, str(count), str(delay)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )

    def wait_for(self, line: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.proc.stdout.readline()
            assert got, f"{self.name} ended before printing {line!r}"
            if got.strip() == line:
                return
        raise AssertionError(f"{self.name} did not print {line!r} within {timeout} s")

    def report(self, want: int) -> list[str]:
        self.proc.stdin.write(f"report {want}\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def end(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write("bye\n")
                self.proc.stdin.flush()
                self.proc.wait(10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()


def test_three_participant_processes_one_killed_and_the_server_restarted_all_converge(tmp_path):
    """Processes as a workshop's laptops: P2 is killed mid-edit and comes back; the server
    restarts while P1 and P3 keep editing; everyone ends with the same cards in the same
    order, and nothing that anyone made after the failures is lost."""
    store = tmp_path / "store"
    server = Served("--port", "0", "--store", str(store))
    link = server.link
    people = [Participant(link, "P1", 40), Participant(link, "P2", 40), Participant(link, "P3", 40)]
    try:
        people[1].wait_for("added 10")
        people[1].proc.kill()  # mid-edit: whatever it had not sent is gone with it
        people[1].proc.wait()
        people[0].wait_for("added 15")
        server.stop()  # SIGTERM while P1 and P3 edit: they keep editing offline
        time.sleep(0.3)
        server = Served("--port", str(link.port), "--store", str(store))
        people[1] = Participant(link, "P2b", 10)  # P2's laptop back, a fresh copy
        for p in people:
            p.wait_for("done")
        expected = {f"P1-{i}" for i in range(40)} | {f"P3-{i}" for i in range(40)} | {f"P2b-{i}" for i in range(10)}

        async def observe() -> list[str]:
            doc = Doc()
            client = CollabClient(doc, link)
            async with anyio.create_task_group() as tg:
                tg.start_soon(client.run)
                await until(lambda: expected <= set(doc.get("cards", type=Array)), timeout=30,
                            what="every card made after the failures")
                await anyio.sleep(0.3)
                client.stop()
            return list(doc.get("cards", type=Array))

        merged = run(observe())
        reports = [p.report(len(merged)) for p in people]
        assert all(r == merged for r in reports), "replicas differ"
        p2 = [c for c in merged if c.startswith("P2-")]
        # P2 had made 11 cards when it was killed; those that reached the server before
        # are all there, in order: a prefix, no hole (how many depends on the timing).
        assert p2 == [f"P2-{i}" for i in range(len(p2))] and 1 <= len(p2) <= 40
        assert len(merged) == len(set(merged)) == len(expected) + len(p2)
    finally:
        for p in people:
            p.end()
        server.stop()
