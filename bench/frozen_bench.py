"""What the frozen panes (issue 17, point 3) cost a scroll step.

The 5,000-card map in a shown view at zoom 1 and 0.5, scrolled step by step (120 px
down, then sideways) from the middle of the map; each step is timed with the repaint it
causes (``processEvents``), with the frozen panes on and off, interleaved, so both see
the same machine. Figure: the median step with the panes; baseline: without them.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.timing import Result

STEPS = 24


def measure_frozen(path: Path, cards: int) -> list[Result]:
    from bench.qt_bench import OpenCanvas, app, wait_until_prepared

    qapp = app()
    opened = OpenCanvas(path)
    wait_until_prepared(opened.scene)
    view = opened.view
    results = []
    for zoom in (1.0, 0.5):
        view.set_zoom(zoom)
        times: dict[bool, list[float]] = {True: [], False: []}
        for round_ in range(4):
            for frozen in (True, False) if round_ % 2 == 0 else (False, True):
                view.frozen_panes = frozen
                h, v = view.horizontalScrollBar(), view.verticalScrollBar()
                h.setValue(h.maximum() // 2)
                v.setValue(v.maximum() // 2)
                qapp.processEvents()
                for step in range(STEPS // 4):
                    bar, delta = (v, 120) if step % 2 == 0 else (h, 120)
                    start = time.perf_counter()
                    bar.setValue(bar.value() + delta)
                    view.viewport().repaint()
                    qapp.processEvents()
                    times[frozen].append(time.perf_counter() - start)
        with_panes, without = statistics.median(times[True]) * 1000, statistics.median(times[False]) * 1000
        results.append(Result(
            "frozen", f"scroll step with frozen panes, {cards:,} cards, zoom {zoom:g}", with_panes,
            baseline=without, baseline_name="same steps without frozen panes",
            how=f"median of {len(times[True])} steps each, interleaved", size=cards,
            extra={"worst_ms": round(max(times[True]) * 1000, 1), "worst_without_ms": round(max(times[False]) * 1000, 1)},
        ))
    view.frozen_panes = True
    opened.close()
    return results
