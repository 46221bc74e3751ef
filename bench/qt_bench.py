"""Measurements in the window (offscreen Qt): open, one edit and its undo/redo, and the
frames of scrolling and zooming.

Everything here runs in this process with ``QT_QPA_PLATFORM=offscreen``.

Figures:

- *open*: ``load_file`` + ``Editor`` + ``JourneyScene`` + ``JourneyView`` shown at
  1600×1000 and its first paint (``processEvents`` after ``show``, checked to deliver
  a paint event). Baseline: a bare ``QGraphicsScene`` with one ``QGraphicsRectItem``
  and a child ``QGraphicsSimpleTextItem`` (the card's title) per card, at the cards'
  grid positions, in a bare ``QGraphicsView`` of the same size, shown and painted the
  same way. When the main window is on this branch, opening through
  ``MainWindow.open_path`` is measured too.
- *edit*: ``push_edit`` of ``UpdateCard`` (retitle) or ``MoveCard`` (to the next
  step's cell in the same lane) with the scene attached, then ``processEvents`` so the
  scene's changes are indexed and the view repainted: what a user waits for. Edited
  cards are ones in the visible viewport, so every edit repaints. Undo and redo are
  ``QUndoStack.undo()/redo()`` plus ``processEvents``.
- *frames*: the time to render the whole viewport (``viewport().grab()``) after
  scrolling to several positions at several zoom levels: a full repaint, the worst
  case of a scroll step (a small scroll repaints only the exposed strip).
"""

from __future__ import annotations

import gc
import random
import sys
import time
from pathlib import Path

from bench.timing import Result, median
from cxmapper.model.editor import Editor, MoveCard, UpdateCard
from cxmapper.model.fileformat import load_file

VIEW_SIZE = (1600, 1000)
OPEN_TARGET = 3.0
EDIT_RATIO_TARGET = 3.0
EDIT_MS_TARGET = 16.0
FRAME_MS_TARGET = 33.0  # 30 frames per second, for a full repaint
ZOOMS = (0.1, 0.25, 0.5, 1.0, 2.0)
SCROLL_FRACTIONS = (0.0, 0.25, 0.5, 0.75, 1.0)

_app = None


def app():
    """The one QApplication of the benchmark process."""
    global _app
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    if _app is None:
        qInstallMessageHandler(_quiet_offscreen)
    _app = QApplication.instance() or QApplication(["cxmapper-bench"])
    from cxmapper.ui import collector

    collector.install()  # the garbage collector as the app runs it (run_app)
    return _app


def _quiet_offscreen(kind, context, message: str) -> None:
    """Drop the offscreen platform's note that windows get no size hints; print the rest."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def canvas_available() -> str | None:
    """None when the canvas is on this branch, else what is missing."""
    try:
        from cxmapper.ui.canvas.scene import JourneyScene  # noqa: F401
        from cxmapper.ui.canvas.view import JourneyView  # noqa: F401
    except ImportError as exc:
        return f"canvas not on this branch ({exc})"
    return None


def window_available() -> str | None:
    try:
        from cxmapper.ui.mainwindow import MainWindow  # noqa: F401
    except ImportError as exc:
        return f"main window not on this branch ({exc})"
    return None


# --- open ----------------------------------------------------------------------------


class OpenCanvas:
    """A map opened in a scene and a shown view; ``close()`` drops both."""

    def __init__(self, path: Path) -> None:
        from PySide6.QtGui import QUndoStack

        from cxmapper.ui.canvas.scene import JourneyScene
        from cxmapper.ui.canvas.view import JourneyView

        qapp = app()
        start = time.perf_counter()
        self.doc = load_file(path)
        loaded = time.perf_counter()
        self.editor = Editor(self.doc)
        self.stack = QUndoStack()
        self.scene = JourneyScene(self.editor, self.stack)
        built = time.perf_counter()
        self.view = JourneyView(self.scene)
        self.view.resize(*VIEW_SIZE)
        self.view.show()
        qapp.processEvents()
        painted = time.perf_counter()
        self.parts = {
            "load_ms": (loaded - start) * 1000,
            "scene_ms": (built - loaded) * 1000,
            "first_paint_ms": (painted - built) * 1000,
        }
        self.seconds = painted - start

    def close(self) -> None:
        self.view.hide()
        self.view.setScene(None)
        self.scene.detach()
        self.view.deleteLater()
        self.scene.deleteLater()
        app().processEvents()


def bare_scene(doc) -> float:
    """Seconds to build, show and paint the baseline scene for ``doc``'s cards."""
    from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView

    from cxmapper.model.layout import MapLayout

    layout = MapLayout(doc, lambda card, width: 48.0)  # fixed heights: no text measuring
    qapp = app()
    start = time.perf_counter()
    scene = QGraphicsScene()
    for card in doc.cards:
        if not layout.has_card(card.id):
            continue
        r = layout.card_rect(card.id)
        rect = QGraphicsRectItem(0, 0, r.w, r.h)
        rect.setPos(r.x, r.y)
        QGraphicsSimpleTextItem(card.title, rect).setPos(6, 4)
        scene.addItem(rect)
    view = QGraphicsView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    qapp.processEvents()
    seconds = time.perf_counter() - start
    view.hide()
    view.setScene(None)
    view.deleteLater()
    scene.deleteLater()
    qapp.processEvents()
    return seconds


def measure_open(path: Path, cards: int, repeat: int) -> list[Result]:
    missing = canvas_available()
    if missing:
        return [Result("open", f"open {cards:,} cards in the canvas", None, note=missing, size=cards)]
    figures, baselines, parts = [], [], []
    doc = load_file(path)
    for _ in range(repeat):
        opened = OpenCanvas(path)
        figures.append(opened.seconds)
        parts.append(opened.parts)
        opened.close()
        gc.collect()  # the pause between two opens (see measure_open_window), untimed
        baselines.append(bare_scene(doc))
        gc.collect()
    best = min(range(repeat), key=lambda i: figures[i])
    figure, baseline = figures[best], min(baselines)
    ratio = figure / baseline
    results = [
        Result(
            "open", f"open {cards:,} cards (load+scene+paint)", figure * 1000, baseline=baseline * 1000,
            baseline_name="bare QGraphicsScene, rect+text items", target=f"≤ {OPEN_TARGET:g}×",
            passed=ratio <= OPEN_TARGET, how=f"min of {repeat}, interleaved", size=cards,
            extra={
                **{k: round(v, 1) for k, v in parts[best].items()},
                "ratio_without_load": round((figure * 1000 - parts[best]["load_ms"]) / (baseline * 1000), 2),
            },
        )
    ]
    if window_available() is None:
        results.append(measure_open_window(path, cards, repeat, baseline))
    return results


def measure_open_window(path: Path, cards: int, repeat: int, baseline: float) -> Result:
    """``MainWindow.open_path`` on a window already up, until the window has painted."""
    from cxmapper.ui.mainwindow import MainWindow

    qapp = app()
    times = []
    for _ in range(repeat):
        window = MainWindow()
        window.resize(*VIEW_SIZE)
        window.show()
        qapp.processEvents()
        start = time.perf_counter()
        window.open_path(path, ask=False)
        qapp.processEvents()
        times.append(time.perf_counter() - start)
        window.undo_stack.setClean()
        window.close()
        window.deleteLater()
        qapp.processEvents()
        # A closed window's Python side is freed by a full collection, which the app
        # runs in a pause (ui/collector); the opens here come faster than its pause, so
        # the windows piled up (17 after the 50- and 500-card rows) and slowed later
        # opens by ~120 ms at 5,000 cards. The pause is given here, outside the timing.
        gc.collect()
    figure = min(times)
    return Result(
        "open", f"open {cards:,} cards in the main window", figure * 1000, baseline=baseline * 1000,
        baseline_name="bare QGraphicsScene, rect+text items", target=f"≤ {OPEN_TARGET:g}×",
        passed=figure / baseline <= OPEN_TARGET, how=f"min of {repeat}", size=cards,
        note="window already shown; open_path + processEvents",
    )


# --- edits -----------------------------------------------------------------------------


def _visible_cards(opened: OpenCanvas) -> list[str]:
    view, layout = opened.view, opened.scene.layout
    area = view.mapToScene(view.viewport().rect()).boundingRect()
    visible = []
    for card in opened.doc.cards:
        if layout.has_card(card.id):
            r = layout.card_rect(card.id)
            if area.contains(r.x, r.y) and area.contains(r.x + r.w + layout.style.column_width, r.y):
                visible.append(card.id)
    return visible


def edit_timings(path: Path, edits: int, seed: int = 7) -> dict[str, list[float]]:
    """Seconds per retitle, move, undo and redo, ``edits`` of each, on one open map."""
    from cxmapper.ui.commands import push_edit

    qapp = app()
    opened = OpenCanvas(path)
    editor, stack = opened.editor, opened.stack
    steps = [s.id for s in opened.doc.steps()]
    rng = random.Random(seed)
    candidates = _visible_cards(opened) or [c.id for c in opened.doc.cards]
    times: dict[str, list[float]] = {k: [] for k in ("retitle", "move", "undo", "redo", "row", "drag")}

    def timed(kind: str, action) -> None:
        start = time.perf_counter()
        action()
        qapp.processEvents()
        times[kind].append(time.perf_counter() - start)

    for i in range(edits):
        card = editor.card(rng.choice(candidates))
        title = f"{card.title[:40]}（改 {i}）"
        timed("retitle", lambda: push_edit(stack, editor, UpdateCard(card.id, {"title": title}), "Retitle"))
        timed("undo", stack.undo)
        timed("redo", stack.redo)
        step = steps[(steps.index(card.step) + 1) % len(steps)]
        timed("move", lambda: push_edit(stack, editor, MoveCard(card.id, card.lane, step), "Move"))
        timed("undo", stack.undo)
        timed("redo", stack.redo)
    drag_timings(opened, candidates[: max(1, edits // 8)], times)
    # The expensive kind of move: the last card out of its row's fullest cell, so the
    # row shrinks and every row below it moves (then undone: the row grows back).
    layout = opened.scene.layout
    for lane in layout.lanes[:-1]:
        count, step_id = max((len(layout.card_ids(lane.id, s.id)), s.id) for s in layout.steps)
        if count < 2:
            continue
        card_id = layout.card_ids(lane.id, step_id)[-1]
        target = steps[(steps.index(step_id) + 1) % len(steps)]
        timed("row", lambda: push_edit(stack, editor, MoveCard(card_id, lane.id, target), "Move"))
        timed("row", stack.undo)
    opened.close()
    return times


def drag_timings(opened: OpenCanvas, card_ids: list[str], times: dict[str, list[float]], moves: int = 24) -> None:
    """Seconds per mouse move while dragging a card with the mouse (real events on the
    view's viewport: the ghost follows, the target cell and drop line are shown, the
    view repaints), ``moves`` per card, across its neighbouring cells; then cancelled
    with Escape (nothing moves), so the map stays as it was."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    qapp = app()
    view, scene = opened.view, opened.scene
    viewport = view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    pushed = opened.stack.count()
    for card_id in card_ids:
        item = scene.card_item(card_id)
        start = view.mapFromScene(item.scene_rect().center())
        QTest.mousePress(viewport, left, none, start)
        qapp.processEvents()
        for i in range(1, moves + 1):  # a zigzag over about two cells each way
            point = start + QPoint(round(12 * i * (1 if i % 8 < 4 else -1)), round(6 * (i % 5)))
            began = time.perf_counter()
            QTest.mouseMove(viewport, point)
            qapp.processEvents()
            if i > 1:  # the first move starts the drag (ghost made): not a frame of it
                times["drag"].append(time.perf_counter() - began)
        scene.cancel_interaction()  # Escape's way: nothing is pushed
        QTest.mouseRelease(viewport, left, none, start)
        qapp.processEvents()
    if opened.stack.count() != pushed:
        raise RuntimeError("the benchmark's drags changed the map")


def measure_edits(small: tuple[Path, int], large: tuple[Path, int], edits: int) -> list[Result]:
    missing = canvas_available()
    if missing:
        return [Result("edit", "one edit through the undo stack", None, note=missing)]
    (small_path, small_n), (large_path, large_n) = small, large
    small_t = edit_timings(small_path, edits)
    large_t = edit_timings(large_path, edits)
    results = []
    for kind, label in (("retitle", "retitle a card"), ("move", "move a card to another cell"),
                        ("row", "move resizing a row (rows below move)"),
                        ("drag", "one mouse move of a card drag (frame)"),
                        ("undo", "undo (retitle/move)"), ("redo", "redo (retitle/move)")):
        figure, baseline = median(large_t[kind]) * 1000, median(small_t[kind]) * 1000
        ratio = figure / baseline
        worst = max(large_t[kind]) * 1000
        # A drag's frame is not an edit (nothing is pushed until the drop, which is the
        # move above): the issue asks it to stay at 60 frames per second.
        frame = kind == "drag"
        results.append(
            Result(
                "undo" if kind in ("undo", "redo") else "edit",
                f"{label} at {large_n:,} cards", figure, baseline=baseline,
                baseline_name=f"same at {small_n:,} cards",
                target=f"< {EDIT_MS_TARGET:g} ms" if frame else f"≤ {EDIT_RATIO_TARGET:g}× and < {EDIT_MS_TARGET:g} ms",
                passed=figure < EDIT_MS_TARGET and (frame or ratio <= EDIT_RATIO_TARGET),
                how=f"median of {len(large_t[kind])}, scene updated + repaint", size=large_n,
                extra={"worst_ms": round(worst, 2), "samples": len(large_t[kind]),
                       "p90_ms": round(sorted(large_t[kind])[int(len(large_t[kind]) * 0.9)] * 1000, 2)},
            )
        )
    return results


# --- scrolling and zooming -----------------------------------------------------------


def frame_timings(opened: OpenCanvas) -> dict[float, list[float]]:
    """Milliseconds to scroll to each position and repaint the whole viewport, per zoom."""
    view = opened.view
    frames: dict[float, list[float]] = {}
    for zoom in ZOOMS:
        view.set_zoom(zoom)
        app().processEvents()
        times = []
        for fx, fy in zip(SCROLL_FRACTIONS, SCROLL_FRACTIONS[::-1] if zoom > 0.3 else SCROLL_FRACTIONS):
            h, v = view.horizontalScrollBar(), view.verticalScrollBar()
            start = time.perf_counter()  # the scroll is timed too: the view may switch cards then
            h.setValue(round(h.maximum() * fx))
            v.setValue(round(v.maximum() * fy))
            view.viewport().grab()
            times.append((time.perf_counter() - start) * 1000)
        frames[zoom] = times
    view.set_zoom(1.0)
    return frames


def step_timings(opened: OpenCanvas) -> dict[str, list[float]]:
    """Milliseconds per user step, as painted by the shown view (``processEvents``).

    "scroll at zoom z": 12 steps of 120 px (one wheel notch) right and down from the
    middle of the map (none when the whole map fits); Qt scrolls the pixels already painted and repaints the exposed
    strip. "zoom": 8 steps out (÷1.25) and 8 back in, around the view's centre, each a
    full repaint at the new scale.
    """
    from PySide6.QtWidgets import QGraphicsView

    qapp, view = app(), opened.view
    steps: dict[str, list[float]] = {}
    for zoom in (1.0, 0.25):
        view.set_zoom(zoom)
        h, v = view.horizontalScrollBar(), view.verticalScrollBar()
        h.setValue(h.maximum() // 2)
        v.setValue(v.maximum() // 2)
        qapp.processEvents()
        times = []
        if h.maximum() == 0 and v.maximum() == 0:
            continue  # the whole map fits: nothing to scroll
        for i in range(12):
            bar = h if i % 2 == 0 else v
            start = time.perf_counter()
            bar.setValue(bar.value() + 120)
            qapp.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        steps[f"scroll at zoom {zoom:g}"] = times
    view.set_zoom(1.0)
    qapp.processEvents()
    times = []
    center = QGraphicsView.ViewportAnchor.AnchorViewCenter
    for factor in [1 / 1.25] * 8 + [1.25] * 8:
        start = time.perf_counter()
        view.set_zoom(view.zoom() * factor, center)
        qapp.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    steps["zoom"] = times
    return steps


def measure_frames(path: Path, cards: int, small: tuple[Path, int] | None) -> list[Result]:
    missing = canvas_available()
    if missing:
        return [Result("scroll", f"scroll/zoom {cards:,} cards", None, note=missing, size=cards)]
    opened = OpenCanvas(path)
    opened_seconds = opened.seconds
    large = frame_timings(opened)
    large_steps = step_timings(opened)
    opened.close()
    small_frames: dict[float, list[float]] = {}
    small_steps: dict[str, list[float]] = {}
    if small is not None:
        small_open = OpenCanvas(small[0])
        small_frames = frame_timings(small_open)
        small_steps = step_timings(small_open)
        small_open.close()
    results = [
        Result("scroll", f"{cards:,} cards open at all", opened_seconds * 1000, how="one run",
               size=cards, note="load + scene + first paint")
    ]
    for zoom, times in large.items():
        results.append(_worst(f"frame at zoom {zoom:g}, {cards:,} cards (worst)", times, small_frames.get(zoom), small,
                              cards, f"max of {len(times)} scroll positions, viewport().grab()"))
    for name, times in large_steps.items():
        results.append(_worst(f"{name} step, {cards:,} cards (worst)", times, small_steps.get(name), small,
                              cards, f"max of {len(times)} steps, shown view, processEvents"))
    # The same far jumps on a map opened afresh and left alone until the scene's idle
    # preparation is done (as a person reading the map for a few seconds leaves it):
    # what a jump costs once the canvas has had its idle time, never a second visit.
    opened = OpenCanvas(path)
    waited = wait_until_prepared(opened.scene)
    prepared = frame_timings(opened)
    prepared_steps = step_timings(opened)
    opened.close()
    for zoom, times in prepared.items():
        results.append(_worst(f"frame at zoom {zoom:g}, {cards:,} cards, after idle preparation (worst)", times,
                              small_frames.get(zoom), small, cards,
                              f"max of {len(times)} scroll positions; fresh open, {waited:.1f} s idle first"))
    times = prepared_steps["zoom"]
    results.append(_worst(f"zoom step, {cards:,} cards, after idle preparation (worst)", times,
                          small_steps.get("zoom"), small, cards,
                          f"max of {len(times)} steps, after the frames above; fresh open, {waited:.1f} s idle first"))
    return results


def wait_until_prepared(scene, timeout: float = 60.0) -> float:
    """Process events until ``scene`` has done its idle work (row overviews, then the
    cards' and links' preparation); the seconds it took. A scene without that work
    (an older branch) returns at once."""
    qapp = app()
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        qapp.processEvents()
        if not hasattr(scene, "prepared") or (scene.prepared and scene.stats["prepared"]):
            break
        time.sleep(0.002)
    return time.perf_counter() - start


def _worst(name: str, times: list[float], small_times: list[float] | None, small: tuple[Path, int] | None,
           cards: int, how: str) -> Result:
    """A frame-time row: the worst of ``times`` against the worst at the small size."""
    worst = max(times)
    return Result(
        "scroll", name, worst, baseline=max(small_times) if small_times else None,
        baseline_name=f"worst at {small[1]:,} cards" if small else "",
        target=f"< {FRAME_MS_TARGET:g} ms", passed=worst < FRAME_MS_TARGET, how=how, size=cards,
        extra={"median_ms": round(median(times), 1), "times_ms": [round(t, 1) for t in times]},
    )
