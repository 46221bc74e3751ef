"""Autosave under continuous editing (issue 17, point 5): what it costs per edit, and
how much work is ever at risk.

A real ``Autosaver`` (the window's settings: 5 edits, 30 s; its debounce, pause and
force rules) follows real edits on a map loaded from a file, made in a Qt event loop
at one retitle every ``EDIT_EVERY_S`` (a facilitator typing card after card without a
pause), for ``DURATION_S``. Each write runs the same ``dumps`` and atomic write with
fsync as the window's. Figures:

- *cost per edit*: total time spent serializing and writing / edits made (main thread);
  baseline: one ``fileformat.dumps`` divided by the window's old 5 edits per write;
- *at risk*: the longest time any edit stayed only in memory (from the edit to the end
  of the write that holds it); target ≤ 2 s (a crash loses at most that much).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.timing import Result

EDIT_EVERY_S = 0.25
DURATION_S = 6.0
RISK_TARGET_S = 2.0


def measure_autosave(path: Path, cards: int) -> list[Result]:
    from PySide6.QtCore import QEventLoop, QTimer

    from bench.qt_bench import app
    from cxmapper.model.editor import Editor, UpdateCard
    from cxmapper.model.fileformat import dumps, load_file
    from cxmapper.ui import activity
    from cxmapper.ui.autosave import AutosaveStore, Autosaver

    app()
    editor = Editor(load_file(path))
    card_ids = [c.id for c in editor.doc.cards[:200]]
    with tempfile.TemporaryDirectory() as folder:
        store = AutosaveStore(Path(folder))
        write_times: list[float] = []
        edit_times: list[float] = []  # when each edit was made
        written_upto = [0]  # edits held by the files on disk
        risks: list[float] = []
        real_write = store.write

        def timed_write(*args, **kwargs):
            held = len(edit_times)
            started = time.perf_counter()
            try:
                return real_write(*args, **kwargs)
            finally:
                done = time.perf_counter()
                write_times.append(done - started)
                risks.extend(done - t for t in edit_times[written_upto[0]:held])
                written_upto[0] = held

        store.write = timed_write
        serialize_times: list[float] = []

        def serialize() -> bytes:
            started = time.perf_counter()
            data = dumps(editor.doc)
            serialize_times.append(time.perf_counter() - started)
            return data

        saver = Autosaver(store, serialize, lambda: (None, "bench"), interval_s=30, every_edits=5)
        saver.expect_slow(cards >= 1000)
        loop = QEventLoop()
        edits = [0]

        def edit() -> None:
            if time.perf_counter() - begun >= DURATION_S:
                timer.stop()
                QTimer.singleShot(int(RISK_TARGET_S * 1000) + 500, loop.quit)  # let the last write come
                return
            card = editor.card(card_ids[edits[0] % len(card_ids)])
            editor.apply(UpdateCard(card.id, {"title": f"{card.title[:30]} {edits[0]}"}))
            edits[0] += 1
            edit_times.append(time.perf_counter())
            activity.touch()
            saver.note_edit(True)

        timer = QTimer()
        timer.setInterval(int(EDIT_EVERY_S * 1000))
        timer.timeout.connect(edit)
        begun = time.perf_counter()
        timer.start()
        loop.exec()
        saver.discard()
        saver.timer.stop()
    made = max(1, edits[0])
    per_edit = (sum(write_times) + sum(serialize_times)) / made * 1000
    baseline = statistics.median(serialize_times) / 5 * 1000 if serialize_times else None
    worst_risk = max(risks) if risks else None
    unwritten = made - written_upto[0]
    how = f"{made} edits, one per {EDIT_EVERY_S:g} s for {DURATION_S:g} s, {len(write_times)} writes"
    return [
        Result(
            "autosave", f"autosave cost per edit, {cards:,} cards", per_edit, baseline=baseline,
            baseline_name="dumps / 5 (old: a write every 5 edits)", how=how, size=cards,
            extra={"writes_ms": [round(t * 1000, 1) for t in write_times], "serialize_ms_median":
                   round(statistics.median(serialize_times) * 1000, 1) if serialize_times else None},
        ),
        Result(
            "autosave", f"autosave: longest an edit stays unwritten, {cards:,} cards",
            worst_risk, unit="s", target=f"≤ {RISK_TARGET_S:g} s",
            passed=None if worst_risk is None else worst_risk <= RISK_TARGET_S and unwritten == 0,
            how=how, size=cards, note="" if unwritten == 0 else f"{unwritten} edits never written",
        ),
    ]
