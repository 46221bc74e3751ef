"""End to end with real processes (issue 14, "what must show"): three CX Mapper app
processes (offscreen windows, ``python -m cxmapper.ui.session_driver``) in one session of
a ``cxmapper serve --store`` server on 127.0.0.1 edit concurrently; one is killed
(SIGKILL) in the middle of its edits and started again; the server is killed and
started again on the same store and port while the host keeps editing offline ("offline,
N edits waiting"); all converge, and the host's saved file equals the merged document.
Bounded: every wait has a deadline, every process is ended in ``finally``.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from cxmapper.model.fileformat import dumps, load_file, save_file
from tests.collab.test_server_process import Served
from tests.ui.shell_support import sample_document

DEADLINE_S = 25.0


class App:
    """One app process; its JSON lines read on a thread."""

    def __init__(self, link: str, name: str, env: dict, path: Path | None = None) -> None:
        command = [sys.executable, "-m", "cxmapper.ui.session_driver", "--link", link, "--name", name]
        if path is not None:
            command += ["--open", str(path)]
        self.name = name
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        self.events: queue.Queue = queue.Queue()
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.errors.extend(self.proc.stderr), daemon=True).start()
        joined = self.expect("joined")
        self.cards_at_join = joined["cards"]

    def _read(self) -> None:
        for line in self.proc.stdout:
            try:
                self.events.put(json.loads(line))
            except json.JSONDecodeError:
                pass

    def send(self, **command) -> None:
        self.proc.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()

    def expect(self, event: str, timeout: float = DEADLINE_S) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"{self.name}: no {event!r} within {timeout} s; stderr: {''.join(self.errors)[-2000:]}"
            try:
                found = self.events.get(timeout=min(left, 0.5))
            except queue.Empty:
                assert self.proc.poll() is None, f"{self.name} ended: {''.join(self.errors)[-2000:]}"
                continue
            if found.get("event") == event:
                return found
            assert found.get("event") not in ("refused", "error"), found

    def state(self) -> dict:
        self.send(cmd="state")
        return self.expect("state")

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                self.send(cmd="quit")
                self.proc.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(5)


def comparable(doc_json: dict) -> dict:
    """The document without the time of its last save (stamped when a file is written)."""
    doc = json.loads(json.dumps(doc_json))
    doc.get("meta", {}).pop("modified", None)
    return doc


def counts(doc_json: dict) -> dict[str, int]:
    """Cards by the prefix of their title ("H 3" -> "H")."""
    found: dict[str, int] = {}
    for card in doc_json["cards"]:
        prefix = card["title"].split(" ")[0]
        found[prefix] = found.get(prefix, 0) + 1
    return found


def wait_converged(apps: list[App], want: dict[str, int]) -> list[dict]:
    """Until every app is live and all hold one document with at least ``want`` cards per prefix."""
    deadline = time.monotonic() + DEADLINE_S
    while True:
        states = [app.state() for app in apps]
        docs = [comparable(s["doc"]) for s in states]
        have = counts(docs[0])
        if (
            all(s["state"] == "live" for s in states)
            and all(d == docs[0] for d in docs)
            and all(have.get(prefix, 0) >= n for prefix, n in want.items())
        ):
            return states
        assert time.monotonic() < deadline, [(s["state"], s["cards"], s["waiting"]) for s in states]
        time.sleep(0.2)


def test_three_app_processes_a_kill_and_a_server_restart_converge(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MPLBACKEND="Agg",
               CXMAPPER_DATA_DIR=str(tmp_path / "data"), CXMAPPER_CONFIG_DIR=str(tmp_path / "config"))
    store = tmp_path / "store"
    path = tmp_path / "workshop.cxmap"
    save_file(sample_document(), path)
    start_cards = len(sample_document().cards)
    server = Served("--store", str(store), "--port", "0")
    link, port = str(server.link), server.port
    apps: list[App] = []
    try:
        host = App(link, "Host 主持", env, path)
        apps.append(host)
        guests = [App(link, name, env) for name in ("Bob", "Carol")]
        apps.extend(guests)
        assert [g.cards_at_join for g in guests] == [start_cards, start_cards]

        # Concurrent edits in all three; Carol is killed in the middle of hers.
        for app, prefix in zip(apps, ("H", "B", "C")):
            app.send(cmd="add", count=8, prefix=prefix, every_ms=30)
        carol = guests[1]
        for _ in range(4):
            carol.expect("added")
        carol.proc.send_signal(signal.SIGKILL)
        carol.proc.wait(5)
        for app in apps[:2]:
            for _ in range(8):
                app.expect("added")
        # Carol starts again: the room's map, with what she sent before she was killed.
        carol = App(link, "Carol", env)
        apps[2] = carol
        carol.send(cmd="add", count=3, prefix="C2", every_ms=10)
        for _ in range(3):
            carol.expect("added")
        states = wait_converged(apps, {"H": 8, "B": 8, "C2": 3})
        # What Carol had sent before the kill is kept; what she had not is gone with her.
        carol_sent = counts(states[0]["doc"]).get("C", 0)
        assert 3 <= carol_sent <= 8
        assert states[0]["cards"] == start_cards + 8 + 8 + carol_sent + 3

        # The server goes down; the host keeps editing, offline; the server comes back.
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(5)
        deadline = time.monotonic() + DEADLINE_S
        while host.state()["state"] != "offline":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        host.send(cmd="add", count=4, prefix="Offline", every_ms=0)
        for _ in range(4):
            host.expect("added")
        offline = host.state()
        assert offline["state"] == "offline" and offline["waiting"] == 4
        assert offline["status"] == "Offline: 4 edit(s) waiting"
        server = Served("--store", str(store), "--port", str(port))
        states = wait_converged(apps, {"H": 8, "B": 8, "C2": 3, "Offline": 4})
        assert states[1]["cards"] == start_cards + 8 + 8 + carol_sent + 3 + 4

        # The host saves the merged map: the file holds exactly what everyone holds.
        saved = tmp_path / "merged.cxmap"
        host.send(cmd="save", path=str(saved))
        assert host.expect("saved")["ok"]
        on_disk = comparable(json.loads(dumps(load_file(saved))))
        assert on_disk == comparable(states[1]["doc"]) == comparable(states[2]["doc"])
        titles = [c["title"] for c in on_disk["cards"]]
        assert sum(t.startswith("Offline ") for t in titles) == 4 and sum(t.startswith("B ") for t in titles) == 8
    finally:
        for app in apps:
            app.stop()
        if server.proc.poll() is None:
            server.proc.terminate()
            server.proc.wait(5)
