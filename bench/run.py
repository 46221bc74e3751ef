"""``python -m bench.run``: every measurement of the benchmark, one table, one JSON file.

Each figure is printed beside its baseline, measured in the same run (interleaved), the
ratio, the target from the issue and PASS/MISS. The results (and the machine they were
measured on) go to ``bench/results/latest.json`` (``--out``); ``--compare OLD.json``
prints the change of every figure and ratio against an earlier run.

Options: ``--sizes 50,500,5000,20000`` (maps to load/save/open; the edit compares the
largest size up to 5,000 with the smallest; frames use the largest), ``--quick``
(50 and 5,000 cards, fewer repeats, PDF up to 500 cards), ``--only GROUP,…`` (load,
save, open, edit, pdf, startup, memory, scroll, mermaid, collab, html, check,
autosave, frozen).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from bench.generate import SIZES, map_file  # noqa: E402
from bench.timing import Result, machine_info, median  # noqa: E402

ROOT = Path(__file__).absolute().parent.parent
DEFAULT_OUT = ROOT / "bench" / "results" / "latest.json"
GROUPS = ("load", "save", "open", "edit", "pdf", "startup", "memory", "scroll", "mermaid", "collab", "html", "check", "autosave", "frozen")
STARTUP_TARGET = 2.0
MEMORY_TARGET_MB = 400.0
#: Packages the first window must not have imported (they load on first use).
LAZY_PACKAGES = ("matplotlib", "reportlab")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cxmapper-bench-") as home:
        # The main window measured in this process keeps settings, recent files and
        # autosaves: keep them out of the user's own.
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            os.environ[name] = f"{home}/{name.lower()}"
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    sizes = sorted({int(s) for s in args.sizes.split(",")}) if args.sizes else ([50, 5000] if args.quick else list(SIZES))
    groups = args.only.split(",") if args.only else list(GROUPS)
    unknown = set(groups) - set(GROUPS)
    if unknown:
        print(f"unknown group(s) {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}", file=sys.stderr)
        return 2
    repeat = 2 if args.quick else 5
    pdf_max = 500 if args.quick else 5000
    started = time.time()
    results: list[Result] = []

    def emit(new: list[Result]) -> None:
        for result in new:
            results.append(result)
            print(format_row(result), flush=True)

    print(f"CX Mapper benchmark · sizes {', '.join(f'{s:,}' for s in sizes)} · {'quick' if args.quick else 'full'}")
    print(HEADER)
    paths = {n: map_file(n) for n in sizes}
    docs: dict[int, Any] = {}
    if {"load", "save", "pdf"} & set(groups):
        from bench.model_bench import measure_load, measure_pdf, measure_save
        from cxmapper.model.fileformat import loads

        for n in sizes:
            data = paths[n].read_bytes()
            docs[n] = loads(data)
            r = repeat if n <= 5000 else max(2, repeat // 2)
            if "load" in groups:
                emit([measure_load(data, n, r)])
            if "save" in groups:
                emit([measure_save(docs[n], n, r)])
        if "pdf" in groups:
            for n in (s for s in sizes if s <= pdf_max):
                emit(measure_pdf(docs[n], n, 3 if n <= 500 else 2))
    if "html" in groups:
        from bench.html_bench import measure_html
        from cxmapper.model.fileformat import loads

        with tempfile.TemporaryDirectory(prefix="cxmapper-html-") as folder:
            for n in (s for s in sizes if s <= 5000):
                emit(measure_html(docs.get(n) or loads(paths[n].read_bytes()), n, 3 if n <= 500 else 2 if args.quick else 3, Path(folder)))
    if {"open", "edit", "scroll"} & set(groups):
        from bench import qt_bench

        if "open" in groups:
            for n in sizes:
                # The minimum of more runs: on this shared machine a bare scene of 500
                # cards took 21-32 ms within minutes; five to seven runs find its floor.
                emit(qt_bench.measure_open(paths[n], n, 7 if n <= 500 else 5 if n <= 5000 else 1))
        if "edit" in groups:
            small = min(sizes)
            large = max((s for s in sizes if s <= 5000), default=small)
            emit(qt_bench.measure_edits((paths[small], small), (paths[large], large), 15 if args.quick else 40))
            from bench import grid_bench

            emit(grid_bench.measure((paths[small], small), (paths[large], large), 5 if args.quick else 10))
        if "scroll" in groups:
            big = max(sizes)
            emit(qt_bench.measure_frames(paths[big], big, (paths[min(sizes)], min(sizes)) if big != min(sizes) else None))
    if "mermaid" in groups:
        from bench import mermaid_bench

        emit(mermaid_bench.measure(2 if args.quick else 3))
    if "autosave" in groups:
        from bench.autosave_bench import measure_autosave

        emit(measure_autosave(paths[max((s for s in sizes if s <= 5000), default=min(sizes))], max((s for s in sizes if s <= 5000), default=min(sizes))))
    if "frozen" in groups:
        from bench.frozen_bench import measure_frozen

        largest = max((s for s in sizes if s <= 5000), default=min(sizes))
        emit(measure_frozen(paths[largest], largest))
    if "startup" in groups:
        emit(measure_startup(3 if args.quick else 7))
    if "memory" in groups:
        emit(measure_memory(map_file(5000)))
    if "collab" in groups:
        from bench.collab_bench import measure_collab

        emit(measure_collab(map_file(5000), repeat_join=2 if args.quick else 3))
        from bench.collab_window_bench import measure_window_join

        emit(measure_window_join(map_file(5000), repeat=2 if args.quick else 3))
    if "check" in groups:
        from bench.check_bench import measure_check

        emit([measure_check(repeat=3 if args.quick else 5)])

    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(time.time() - started, 1),
        "options": {"sizes": sizes, "quick": args.quick, "groups": groups},
        "machine": machine_info(),
        "results": [r.as_json() for r in results],
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    missed = [r for r in results if r.passed is False]
    print(f"\n{sum(r.passed is True for r in results)} PASS, {len(missed)} MISS, "
          f"{sum(r.figure is None for r in results)} not measured · {report['seconds']} s · results in {out}")
    if args.compare:
        print()
        print(compare(json.loads(Path(args.compare).read_text(encoding="utf-8")), report))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="card counts, comma-separated (default 50,500,5000,20000)")
    parser.add_argument("--quick", action="store_true", help="50 and 5,000 cards, fewer repeats")
    parser.add_argument("--only", help=f"run only these groups: {','.join(GROUPS)}")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="where to write the JSON results")
    parser.add_argument("--compare", metavar="OLD.json", help="print the change against an earlier run")
    return parser


# --- the table ---------------------------------------------------------------------

HEADER = f"{'measurement':<48} {'figure':>12} {'baseline':>12} {'ratio':>8}  {'target':<22} result  (baseline; how)"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if not unit:
        return f"{value:g}"
    if unit == "ms" and value >= 10_000:
        return f"{value / 1000:,.1f} s"
    return f"{value:,.1f} {unit}" if value < 1000 else f"{value:,.0f} {unit}"


def format_row(r: Result) -> str:
    ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×"
    verdict = {True: "PASS", False: "MISS", None: "info" if r.figure is not None else "n/a"}[r.passed]
    tail = "; ".join(x for x in (r.baseline_name, r.how, r.note) if x)
    return (f"{r.name:<48} {_fmt(r.figure, r.unit):>12} {_fmt(r.baseline, r.unit):>12} {ratio:>8}  "
            f"{r.target:<22} {verdict:<6}  ({tail})")


def compare(old: dict[str, Any], new: dict[str, Any]) -> str:
    """The change of each figure and ratio present in both runs (matched by name)."""
    before = {r["name"]: r for r in old.get("results", [])}
    lines = [f"Compared with the run of {old.get('when', '?')} "
             f"(load average then {old.get('machine', {}).get('load_average')}, now {new['machine'].get('load_average')}):",
             f"{'measurement':<48} {'figure then → now':>28} {'ratio then → now':>20}"]
    for r in new["results"]:
        o = before.get(r["name"])
        if o is None or o["figure"] is None or r["figure"] is None:
            continue
        change = (r["figure"] - o["figure"]) / o["figure"] * 100 if o["figure"] else 0.0
        ratios = "—"
        if o.get("ratio") and r.get("ratio"):
            ratios = f"{o['ratio']:.2f}× → {r['ratio']:.2f}×"
        unit = r["unit"]
        lines.append(f"{r['name']:<48} {_fmt(o['figure'], unit):>11} → {_fmt(r['figure'], unit):<11} "
                     f"{change:+5.0f}% {ratios:>20}")
    return "\n".join(lines)


# --- fresh processes -----------------------------------------------------------------


def _clean_env(home: str) -> dict[str, str]:
    """An environment whose settings and autosaves live in ``home``.

    Caches (fontconfig's, matplotlib's) stay where they are: a cold font cache would
    measure the first start after installation, not every start.
    """
    env = dict(os.environ)
    # Bytecode is cached as after an install (pip compiles it); a sandbox that forbids
    # writing it would time the compilation of every cxmapper module at each start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        PYTHONPYCACHEPREFIX=f"{home}/pycache",
        HOME=home,
        XDG_CACHE_HOME=os.environ.get("XDG_CACHE_HOME", str(Path.home() / ".cache")),
        MPLCONFIGDIR=os.environ.get("MPLCONFIGDIR", str(Path.home() / ".config" / "matplotlib")),
        XDG_CONFIG_HOME=f"{home}/config",
        XDG_DATA_HOME=f"{home}/data",
        XDG_STATE_HOME=f"{home}/state",
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )
    env.pop("CXMAPPER_TEST_HOOK", None)
    return env


def _run_json(command: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any] | None, str]:
    """Run a probe; its wall time, its JSON report (or None) and its error output.

    When the report carries ``painted_at`` (the wall clock when its first window had
    painted), the report gains ``to_paint``: seconds from just before the process was
    spawned to that moment, the start-up a user waits for, without the process's exit.
    """
    spawned = time.time()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - start
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            report = json.loads(line)
            if "painted_at" in report:
                report["to_paint"] = report["painted_at"] - spawned
            return wall, report, done.stderr
    return wall, None, (done.stderr or done.stdout)[-2000:]


def measure_startup(runs: int) -> list[Result]:
    """Wall time from process start to the first window painted, app vs bare window.

    Both in fresh processes, interleaved, median of ``runs`` after one untimed first
    start each (which compiles and caches the bytecode). Each process reports the wall
    clock once its first window has painted, and the figure runs from just before the
    spawn to then: interpreter and imports included, as a user waits for them, and the
    process's exit (garbage collection at shut-down) left out. The whole process's wall
    time, exit included, is kept in the JSON.
    """
    with tempfile.TemporaryDirectory() as home:
        env = _clean_env(home)
        hook_env = dict(env, CXMAPPER_TEST_HOOK=str(ROOT / "bench" / "startup_hook.py"))
        app_cmd = [sys.executable, "-m", "cxmapper"]
        bare_cmd = [sys.executable, "-m", "bench.probe", "bare-window"]
        floor_cmd = [sys.executable, "-m", "bench.probe", "floor-window"]
        app_times, bare_times, app_walls, bare_walls, info, problem = [], [], [], [], None, ""
        floor_times = []
        # First starts: bytecode compiled and cached, caches warmed; reported, not counted.
        cold_app, _, _ = _run_json(app_cmd, hook_env)
        cold_bare, _, _ = _run_json(bare_cmd, env)
        _run_json(floor_cmd, env)
        for _ in range(runs):
            wall, data, err = _run_json(app_cmd, hook_env)
            bare_wall, bare, bare_err = _run_json(bare_cmd, env)
            _, floor, _ = _run_json(floor_cmd, env)
            if data is None or bare is None:
                err = err if data is None else bare_err
                problem = err.strip().splitlines()[-1] if err.strip() else "no report from the app"
                break
            app_times.append(data["to_paint"])
            bare_times.append(bare["to_paint"])
            if floor is not None:
                floor_times.append(floor["to_paint"])
            app_walls.append(wall)
            bare_walls.append(bare_wall)
            info = data
        if info is None:
            return [Result("startup", "start-up to first window", None, note=f"the app did not start: {problem}")]
        figure, baseline = median(app_times), median(bare_times)
        results = [
            Result(
                "startup", "start-up to first window", figure * 1000, baseline=baseline * 1000,
                baseline_name="bare QApplication + empty QMainWindow", target=f"≤ {STARTUP_TARGET:g}×",
                passed=figure / baseline <= STARTUP_TARGET, how=f"median of {runs} fresh processes, interleaved",
                extra={"window": info.get("window"), "rss_mb": info.get("hwm_mb"),
                       "first_start_ms": round(cold_app * 1000), "first_bare_ms": round(cold_bare * 1000),
                       "whole_process_ms": round(median(app_walls) * 1000),
                       "whole_bare_process_ms": round(median(bare_walls) * 1000)},
            )
        ]
        if floor_times:
            floor_ms = median(floor_times) * 1000
            results.append(
                Result(
                    "startup", "start-up floor: bare window + pydantic import + Qt's enums", floor_ms,
                    baseline=baseline * 1000, baseline_name="bare QApplication + empty QMainWindow",
                    how=f"median of {len(floor_times)} fresh processes, interleaved",
                    note="what a first window showing a map pays before any of the app's own code",
                    extra={"app_over_floor": round(figure * 1000 / floor_ms, 2)},
                )
            )
        lazy = [m for m in info["modules"] if m in LAZY_PACKAGES]
        note = "not imported" if not lazy else "imported at start-up: " + "; ".join(_import_chains(app_cmd, hook_env, lazy))
        results.append(
            Result("startup", "matplotlib/reportlab imported at start-up", float(len(lazy)), unit="",
                   target="not imported", passed=not lazy, how="sys.modules in the first window",
                   note=note, extra={"watched_modules_loaded": info["modules"]})
        )
        return results


def _import_chains(command: list[str], env: dict[str, str], packages: list[str]) -> list[str]:
    """For each package, the chain of modules that imported it (``python -X importtime``)."""
    done = subprocess.run([command[0], "-X", "importtime", *command[1:]], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    # Lines: "import time: self | cumulative | <indent>name"; a child is printed before
    # its parent, indented two spaces more.
    entries = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+\d+ \|( *)(\S+)", line)
        if match:
            entries.append((len(match.group(1)), match.group(2)))
    chains = []
    for package in packages:
        for i, (depth, name) in enumerate(entries):
            if name == package or name.startswith(package + "."):
                chain, level = [name], depth
                for parent_depth, parent in entries[i + 1:]:
                    if parent_depth < level:
                        chain.append(parent)
                        level = parent_depth
                chains.append(" ← ".join(chain))
                break
    return chains


def measure_memory(path: Path) -> list[Result]:
    """Peak RSS of a fresh process with the 5,000-card map open and painted."""
    with tempfile.TemporaryDirectory() as home:
        env = _clean_env(home)
        _, opened, err = _run_json([sys.executable, "-m", "bench.probe", "memory", str(path)], env)
        _, bare, _ = _run_json([sys.executable, "-m", "bench.probe", "memory-bare"], env)
    if opened is None or "error" in opened:
        why = opened["error"] if opened else err.strip()[-300:]
        return [Result("memory", "peak RSS, 5,000 cards open", None, unit="MB", note=why)]
    peak = opened.get("hwm_mb", opened["ru_maxrss_mb"])
    return [
        Result(
            "memory", "peak RSS, 5,000 cards open", peak, unit="MB",
            baseline=None if bare is None else bare.get("hwm_mb", bare["ru_maxrss_mb"]),
            baseline_name="bare QApplication + QMainWindow", target=f"< {MEMORY_TARGET_MB:g} MB",
            passed=peak < MEMORY_TARGET_MB, how=f"VmHWM of a fresh process; {opened['how']}", size=5000,
        )
    ]


if __name__ == "__main__":
    sys.exit(main())
