"""Joining a live session in the window, against opening the same file in the window.

    python -m bench.collab_window_bench          # the two rows alone (~20 s)

What a person waits for: Share ▸ Join Session with a link, until the window shows the
room's map (``SessionController.join``: connect, sync, read and repair the room, the
editor, the canvas, the window painted), against File ▸ Open of the same ``.cxmap``
(``MainWindow.open_path`` until painted, as the ``open`` group's row). One process on
localhost: a host window opened the map and started the session (its server runs on
its own thread, as in the app); each round a new window opens the file, then another
new window joins; min of ``repeat``, the two interleaved.

The ``collab`` group's "join into an editor" row measures the model's part alone
(sync + ``SharedMap.join`` against ``load_file``, no canvas): the strict part of the
target. This row is the whole of it as a person meets it.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

from bench.timing import Result

JOIN_TARGET = 2.0


def measure_window_join(path: Path, repeat: int = 3) -> list[Result]:
    from bench.qt_bench import VIEW_SIZE, app, window_available

    missing = window_available()
    if missing:
        return [Result("collab", "join a 5,000-card room in the window", None, note=missing, size=5000)]
    from cxmapper.ui.mainwindow import MainWindow

    qapp = app()
    host = MainWindow()
    host.resize(*VIEW_SIZE)
    host.show()
    host.open_path(path, ask=False)
    qapp.processEvents()
    link = str(host.session.start("Host", "#d33f49"))
    qapp.processEvents()

    def new_window():
        window = MainWindow()
        window.resize(*VIEW_SIZE)
        window.show()
        qapp.processEvents()
        return window

    def close(window) -> None:
        if window.session.active:
            window.session.leave()
        window.undo_stack.setClean()
        window.close()
        window.deleteLater()
        qapp.processEvents()
        gc.collect()  # the app's pause between two opens (bench/qt_bench.py), untimed

    joins, opens = [], []
    try:
        for _ in range(repeat):
            window = new_window()
            start = time.perf_counter()
            window.open_path(path, ask=False)
            qapp.processEvents()
            opens.append(time.perf_counter() - start)
            close(window)

            window = new_window()
            start = time.perf_counter()
            window.session.join(link, "Guest", "#2f6fd6")
            qapp.processEvents()
            joins.append(time.perf_counter() - start)
            cards = len(window.editor.doc.cards)
            close(window)
            for _ in range(20):  # the host hears the guest leave before the next round
                qapp.processEvents()
                time.sleep(0.01)
    finally:
        host.session.leave()
        host.undo_stack.setClean()
        host.close()
        qapp.processEvents()
    join, open_ = min(joins), min(opens)
    return [
        Result(
            "collab", "join a 5,000-card room in the window (until shown)", join * 1000, "ms",
            baseline=open_ * 1000, baseline_name="open the same file in the window (until shown)",
            target=f"≤ {JOIN_TARGET:g}×", passed=join <= JOIN_TARGET * open_, size=5000,
            how=f"min of {repeat}, interleaved; SessionController.join against MainWindow.open_path",
            note=f"{cards} cards shown; the host's server in this process, on its own thread",
        )
    ]


def main() -> int:
    from bench.generate import map_file
    from bench.run import HEADER, format_row

    print(HEADER)
    for row in measure_window_join(map_file(5000)):
        print(format_row(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
