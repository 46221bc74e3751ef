"""Grid edits on the canvas (group ``edit``): a step added, a step with its cards
removed and put back (undo), a lane added, a stage moved, through the undo stack and
the edit channel into a shown scene, then ``processEvents`` (indexing and repaint).

Alone: ``python -m bench.grid_bench [--edits N] [--sizes 50,5000]``; prints one line
per row and the scene's rebuild count, so the same file run on an older branch (whose
scene rebuilds for every grid change) gives the "before" figures.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from bench.timing import Result, median

KINDS = (
    ("step_add", "add a step (Ctrl+Shift+T's edit) in the middle of the map"),
    ("step_remove", "remove a step with its cards"),
    ("step_restore", "undo of that removal (the step and its cards back)"),
    ("lane_add", "add a lane in the middle of the rows"),
    ("stage_move", "move a stage one place to the left"),
)
#: What a grid edit may cost at 5,000 cards: two frames at 60 fps (a rebuild took
#: 300-450 ms; the edit moves every card right of the change, O(those cards)).
GRID_MS_TARGET = 33.0


def grid_timings(path: Path, edits: int, seed: int = 5) -> tuple[dict[str, list[float]], int]:
    """Seconds per grid edit of each kind (``edits`` of each), and the rebuilds seen."""
    from cxmapper.model.document import Lane, LaneKind, Step
    from cxmapper.model.editor import AddLane, AddStep, MoveStage, RemoveStep
    from bench.qt_bench import OpenCanvas, app
    from cxmapper.ui.commands import push_edit

    qapp = app()
    opened = OpenCanvas(path)
    editor, stack, scene = opened.editor, opened.stack, opened.scene
    rng = random.Random(seed)
    times: dict[str, list[float]] = {kind: [] for kind, _ in KINDS}
    rebuilds = scene.stats["rebuilds"]

    def timed(kind: str, action) -> None:
        start = time.perf_counter()
        action()
        qapp.processEvents()
        times[kind].append(time.perf_counter() - start)

    def push(op) -> None:
        if not push_edit(stack, editor, op, "grid"):
            raise RuntimeError(f"refused: {op}")

    for i in range(edits):
        stages = editor.doc.stages
        middle = stages[len(stages) // 2]
        timed("step_add", lambda: push(AddStep(middle.id, Step(name=f"新步骤 {i}"), 1)))
        stack.undo()
        qapp.processEvents()
        busy = [s.id for stage in stages if len(stage.steps) > 1 for s in stage.steps]
        step_id = rng.choice(busy[len(busy) // 4: 3 * len(busy) // 4] or busy)
        timed("step_remove", lambda: push(RemoveStep(step_id)))
        timed("step_restore", stack.undo)
        lanes = editor.doc.lanes
        timed("lane_add", lambda: push(AddLane(Lane(name=f"泳道 {i}", kind=LaneKind.NOTES), len(lanes) // 2)))
        stack.undo()
        qapp.processEvents()
        stage_id = stages[1 + rng.randrange(len(stages) - 1)].id
        index = [s.id for s in stages].index(stage_id)
        timed("stage_move", lambda: push(MoveStage(stage_id, index - 1)))
        stack.undo()
        qapp.processEvents()
    rebuilt = scene.stats["rebuilds"] - rebuilds
    opened.close()
    return times, rebuilt


def measure(small: tuple[Path, int], large: tuple[Path, int], edits: int) -> list[Result]:
    from bench.qt_bench import canvas_available

    missing = canvas_available()
    if missing:
        return [Result("edit", "grid edits on the canvas", None, note=missing)]
    (small_path, small_n), (large_path, large_n) = small, large
    small_t, _ = grid_timings(small_path, edits)
    large_t, rebuilt = grid_timings(large_path, edits)
    results = []
    for kind, label in KINDS:
        figure, baseline = median(large_t[kind]) * 1000, median(small_t[kind]) * 1000
        results.append(
            Result(
                "undo" if kind == "step_restore" else "edit",
                f"{label} at {large_n:,} cards", figure, baseline=baseline,
                baseline_name=f"same at {small_n:,} cards",
                target=f"< {GRID_MS_TARGET:g} ms", passed=figure < GRID_MS_TARGET,
                how=f"median of {len(large_t[kind])}, scene updated + repaint; scene rebuilds during the run: {rebuilt}",
                size=large_n,
                extra={"worst_ms": round(max(large_t[kind]) * 1000, 2), "rebuilds": rebuilt},
            )
        )
    return results


def main() -> None:
    from bench.generate import map_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--sizes", default="50,5000")
    args = parser.parse_args()
    small, large = (int(s) for s in args.sizes.split(","))
    for result in measure((map_file(small), small), (map_file(large), large), args.edits):
        print(f"{result.name}: {result.figure:.1f} ms (baseline {result.baseline:.1f} ms; "
              f"worst {result.extra['worst_ms']} ms; rebuilds {result.extra['rebuilds']})", flush=True)


if __name__ == "__main__":
    main()
