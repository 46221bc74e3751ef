"""The Session API wired to Qt the way the window will: remote changes arrive on the GUI thread.

``dispatch`` is a queued signal to a QObject living on the GUI thread; nothing else
in the session knows about Qt.
"""

from __future__ import annotations

import threading

from pycrdt import Doc
from PySide6.QtCore import QObject, Qt, Signal

from cxmapper.collab.session import REMOTE_ORIGIN, Session
from tests.collab.collab_net import add_card, build_map, card_fields, titles


class _GuiThread(QObject):
    """Runs posted callables on the thread it lives on (the GUI thread)."""

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, fn) -> None:
        fn()


def test_a_remote_card_and_presence_reach_the_window_on_the_gui_thread(qtbot):
    gui = _GuiThread()
    gui_thread = threading.current_thread()
    seen_on: set[threading.Thread] = set()
    origins = []

    host_doc = Doc()
    build_map(host_doc, "Workshop 工作坊", [card_fields("c1", "Arrive 到店")])
    host_doc.observe(lambda e: seen_on.add(threading.current_thread()))
    presence_seen = []
    host = Session(host_doc, name="Host", colour="#d62728", dispatch=gui.posted.emit,
                   on_presence=presence_seen.append)
    guest_doc = Doc()
    guest_doc.observe(lambda e: seen_on.add(threading.current_thread()))
    guest = Session(guest_doc, name="Guest", colour="#1f77b4", dispatch=gui.posted.emit,
                    on_remote_change=lambda: origins.append(REMOTE_ORIGIN))
    try:
        link = host.host()
        guest.join(link)
        qtbot.waitUntil(lambda: titles(guest_doc) == ["Arrive 到店"], timeout=10_000)
        add_card(guest_doc, card_fields("c2", "Queue 排队"))
        qtbot.waitUntil(lambda: titles(host_doc) == ["Arrive 到店", "Queue 排队"], timeout=10_000)
        guest.set_presence(selection=["c2"], cell={"card": "c2", "field": "title"})
        qtbot.waitUntil(
            lambda: any(s.get("cell") == {"card": "c2", "field": "title"} for p in presence_seen for s in p.values()),
            timeout=10_000,
        )
    finally:
        guest.leave()
        host.leave()
    assert seen_on == {gui_thread}
    assert origins
