"""One CX Mapper window in a live session, driven by lines on stdin (end-to-end tests).

    python -m cxmapper.ui.session_driver --link LINK --name NAME [--open FILE.cxmap]

Starts the app (``QT_QPA_PLATFORM=offscreen`` for a test), shows a ``MainWindow``, opens
FILE when given, and joins the session of LINK through the window's own
``SessionController.join`` (the room's map opens in the window; into a room that holds
no map yet, the open map is shared). Then it reads one JSON command per line on stdin
and answers with one JSON line on stdout:

- ``{"cmd": "add", "count": N, "prefix": P, "every_ms": D}``: adds N cards
  titled ``P 1`` … ``P N`` to the first cell, one every D ms, through the window's
  edit channel (named edit ``edits.add_card``, the edit a person's N key makes); answers
  ``{"event": "adding"}`` at once and prints ``{"event": "added", "i": I}`` after each;
- ``{"cmd": "state"}``: ``{"event": "state", "state": "live"|"offline"|…, "waiting": N,
  "status": the status-bar text, "cards": N, "doc": the document as JSON}``;
- ``{"cmd": "save", "path": FILE}``: saves the map there (File ▸ Save As);
  ``{"event": "saved", "ok": bool}``;
- ``{"cmd": "quit"}`` (or the end of stdin): leaves the session and exits.

Every command has bounded work; a test kills the process for a crash.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from cxmapper.model.document import make_card
from cxmapper.model.fileformat import dumps


class _Commands(QObject):
    """Lines read on a thread, handled on the GUI thread."""

    line = Signal(str)


def _say(**event) -> None:
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Driver:
    def __init__(self, window) -> None:
        self.window = window

    def handle(self, text: str) -> None:
        try:
            command = json.loads(text)
        except json.JSONDecodeError as exc:
            _say(event="error", message=f"not JSON: {exc}")
            return
        name = command.get("cmd")
        if name == "add":
            self.add(int(command.get("count", 1)), str(command.get("prefix", "card")), int(command.get("every_ms", 0)))
        elif name == "state":
            self.state()
        elif name == "save":
            ok = self.window.save_to(Path(command["path"]))
            _say(event="saved", ok=ok)
        elif name == "quit":
            self.quit()
        else:
            _say(event="error", message=f"unknown command {name!r}")

    def add(self, count: int, prefix: str, every_ms: int) -> None:
        from cxmapper.ui import edits

        _say(event="adding")
        window = self.window

        def one(i: int) -> None:
            doc = window.editor.doc
            lane, step = doc.lanes[0].id, doc.steps()[0].id
            card = make_card("action", lane=lane, step=step, title=f"{prefix} {i}")
            window.channel.push_edit(edits.add_card(card))
            _say(event="added", i=i)
            if i < count:
                QTimer.singleShot(every_ms, lambda: one(i + 1))

        one(1)

    def state(self) -> None:
        session = self.window.session
        doc = self.window.editor.doc
        _say(
            event="state",
            state=session.state,
            waiting=session.waiting,
            status=session.status_label.text(),
            cards=len(doc.cards),
            here=len(session.states),
            doc=json.loads(dumps(doc)),
        )

    def quit(self) -> None:
        self.window.session.shutdown()
        self.window.undo_stack.setClean()
        self.window.close()
        QApplication.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cxmapper.ui.session_driver")
    parser.add_argument("--link", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--colour", default="#1f77b4")
    parser.add_argument("--open", dest="path")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from cxmapper.collab.session import SessionError
    from cxmapper.ui.mainwindow import MainWindow

    window = MainWindow(path=args.path)
    window.show()
    try:
        window.session.join(args.link, args.name, args.colour)
    except SessionError as exc:
        _say(event="refused", message=str(exc))
        return 2
    driver = Driver(window)
    commands = _Commands()
    commands.line.connect(driver.handle, Qt.ConnectionType.QueuedConnection)

    def read() -> None:
        for line in sys.stdin:
            if line.strip():
                commands.line.emit(line)
        commands.line.emit('{"cmd": "quit"}')

    threading.Thread(target=read, name="driver-stdin", daemon=True).start()
    _say(event="joined", cards=len(window.editor.doc.cards), hosting_map=window.session.shared_into_room)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
