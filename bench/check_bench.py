"""``python -m bench.check_bench``: ``cxmapper check`` on maps built to be its worst case.

Issue 16 measured ``check`` at 16–27 s (50 MB printed) on 2,000 pain points behind
long causal chains, and 22 min (4 GB) at 50,000. The map here is that shape: one
backstage chain of ``n`` processes linked by ``flow``, a flow loop through a third of
them, and ``n`` pain points, the i-th caused by the i-th process, so the full chain
behind the pain points is n·(n+1)/2 cards. The figure is the whole command in
process (load excluded): ``findings`` and the text it prints, at ``n`` and ``10·n``;
linear means the ratio is about 10, quadratic 100.

Options: ``--sizes 2000,20000`` (default), ``--old`` also times ``findings(names=None)``
(every card named, as before the summary: quadratic by construction, so only at the
smallest size), ``--repeat 5`` (the fastest run of each size counts; sizes are
interleaved so that a machine busy with other work slows them alike).
"""

from __future__ import annotations

import argparse
import gc
import time

from cxmapper.model.document import (
    Lane,
    LaneKind,
    Link,
    LinkKind,
    MapDocument,
    MapMeta,
    Stage,
    Step,
    make_card,
)


def chain_map(n: int, steps: int = 50) -> MapDocument:
    """``n`` backstage processes in one flow chain, ``n`` pain points caused along it."""
    doc = MapDocument(meta=MapMeta(title=f"check worst case, {n} pain points"))
    doc.stages.append(Stage(id="st", name="Stage", steps=[Step(id=f"s{i}", name=f"Step {i}") for i in range(steps)]))
    doc.lanes += [
        Lane(id="front", kind=LaneKind.FRONTSTAGE, name="Frontstage"),
        Lane(id="back", kind=LaneKind.BACKSTAGE, name="Backstage"),
        Lane(id="pain", kind=LaneKind.PAIN_POINTS, name="Pain points"),
    ]
    for i in range(n):
        step = f"s{i * steps // n}"
        doc.cards.append(make_card("process", id=f"p{i}", lane="back", step=step, title=f"后台处理 {i}", owner=f"team {i % 3}"))
        doc.cards.append(make_card("pain_point", id=f"x{i}", lane="pain", step=step, title=f"Pain {i}"))
        if i:
            doc.links.append(Link(id=f"f{i}", kind=LinkKind.FLOW, source=f"p{i - 1}", target=f"p{i}"))
        doc.links.append(Link(id=f"c{i}", kind=LinkKind.CAUSES, source=f"p{i}", target=f"x{i}"))
    if n > 3:  # one long loop back: the flow-cycle finding names a third of the chain
        doc.links.append(Link(id="loop", kind=LinkKind.FLOW, source=f"p{n // 3}", target="p0"))
    return doc


def time_check(doc: MapDocument, *, everything: bool = False) -> tuple[float, int]:
    """Seconds and characters of ``check``'s analyses and text (no load, no printing)."""
    from cxmapper.cli.check import check_data, check_lines
    from cxmapper.model.graph import findings

    start = time.perf_counter()
    found = findings(doc, names=None) if everything else findings(doc)
    text = "\n".join(check_lines(check_data(None, found, everything=everything)))
    return time.perf_counter() - start, len(text)


def measure_check(small: int = 2000, big: int = 20000, repeat: int = 5):
    """The ``check`` group of ``python -m bench.run``: ``big`` against ``small`` pain
    points in the same run; linear passes at most 2× the size ratio (quadratic is 10×)."""
    from bench.timing import Result

    docs = {n: chain_map(n) for n in (small, big)}
    runs: dict[int, list[float]] = {small: [], big: []}
    for _ in range(repeat):
        for n in (small, big):
            gc.collect()
            runs[n].append(time_check(docs[n])[0])
    figure, baseline = min(runs[big]) * 1000, min(runs[small]) * 1000
    limit = 2 * big / small
    return Result(
        "check", f"check {big:,} pain points behind one chain", figure, baseline=baseline,
        baseline_name=f"{small:,} pain points", target=f"≤ {limit:.0f}×", passed=figure / baseline <= limit,
        how=f"min of {repeat}, interleaved", size=big,
        note=f"{big // small}× the size; quadratic would be {(big // small) ** 2}×",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.check_bench")
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--repeat", type=int, default=5, help="runs per size; the fastest counts")
    parser.add_argument("--old", action="store_true", help="also time naming every card (quadratic) at the smallest size")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    docs = {n: chain_map(n) for n in sizes}
    runs: dict[int, list[tuple[float, int]]] = {n: [] for n in sizes}
    for _ in range(args.repeat):  # interleaved: a busy machine slows every size alike
        for n in sizes:
            gc.collect()
            runs[n].append(time_check(docs[n]))
    results = {}
    for n in sizes:
        seconds, chars = min(runs[n])
        results[n] = seconds
        print(f"check, {n:>6} pain points behind one chain: {seconds * 1000:8.1f} ms, {chars / 1e3:8.1f} kB of text")
    for small, big in zip(sizes, sizes[1:]):
        print(f"  {big}/{small} = {big / small:.0f}× the size: {results[big] / results[small]:.1f}× the time")
    if args.old:
        n = sizes[0]
        seconds, chars = time_check(chain_map(n), everything=True)
        print(f"check --all (every card named), {n} pain points: {seconds:.1f} s, {chars / 1e6:.1f} MB of text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
