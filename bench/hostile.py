"""The large hostile cases of issue 16 and the paths that were quadratic, measured.

``python -m bench.hostile`` (a few minutes; files go to ``bench/results/hostile/``):

- refusal of huge maps (10⁶ minimal cards, 10⁶ links, 4·10⁶ steps): wall and CPU
  time, and the peak memory of a fresh process (``VmHWM``) over its memory before the
  load, against the file's size and against ``json.loads`` of the same bytes;
- a 1 GB single-cell XLSX zip bomb and a sheet declaring 10⁶ rows: time to refusal;
- ``kano import`` of a survey naming every pain point (n features on a map of 6n
  cards) at n and 10n, and the flat JSON and CSV exports at 2,000 and 20,000 cards:
  the ratio of the times, which a linear path keeps near 10 (a quadratic one, 100).

Every figure is the minimum of the runs (noise only adds time). The figures of the
last run are written into bench/README.md by hand, with the date.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "results" / "hostile"

_PROBE = r"""
import json, resource, sys, time
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
data = open(sys.argv[1], "rb").read()
from cxmapper.model.fileformat import MapFileError, loads
import numpy  # imported by the scan; counted before, as a module every big load pays once
before = hwm()
wall, cpu = time.perf_counter(), time.process_time()
try:
    loads(data, sys.argv[1])
    outcome = "loaded"
except MapFileError as exc:
    outcome = str(exc).splitlines()[0]
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
after = hwm()
start = time.process_time()
json.loads(data)
json_cpu = time.process_time() - start
print(json.dumps({"wall": wall, "cpu": cpu, "json_cpu": json_cpu, "peak_mb": after - before, "outcome": outcome}))
"""


def _flood(kind: str, count: int) -> bytes:
    from tests.hostile.corpus import bank_map

    raw = json.loads(bank_map(1).model_dump_json(exclude_defaults=True))
    raw.update(format="cxmapper", schema_version=1)
    if kind == "cards":
        items = ",".join('{"id":"c%d","kind":"pain_point","lane":"pain","step":"s1"}' % i for i in range(count))
        raw["cards"] = "@@"
    elif kind == "links":
        items = ",".join('{"id":"l%d","source":"p0","target":"p0"}' % i for i in range(count))
        raw["links"] = "@@"
    else:
        per_stage = 1000
        items = ",".join(
            '{"id":"t%d","name":"s","steps":[%s]}'
            % (k, ",".join('{"id":"s%d_%d","name":""}' % (k, i) for i in range(per_stage)))
            for k in range(count // per_stage)
        )
        raw["stages"] = "@@"
    text = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
    return text.replace('"@@"', "[" + items + "]").encode()


def huge_maps() -> list[dict]:
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for kind, count in (("cards", 1_000_000), ("links", 1_000_000), ("steps", 4_000_000)):
        path = OUT / f"{kind}-{count}.cxmap"
        if not path.exists():
            path.write_bytes(_flood(kind, count))
        env = dict(os.environ, PYTHONPATH=str(HERE.parent))
        best = None
        for _ in range(2):
            result = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, env=env, timeout=600)
            figures = json.loads(result.stdout)
            if best is None or figures["cpu"] < best["cpu"]:
                best = figures
        best.update(case=f"{count:,} {kind}", size_mb=path.stat().st_size / 1_048_576)
        rows.append(best)
    return rows


def surveys() -> list[dict]:
    from cxmapper.model.kano_import import KanoImportError, read_answers
    from tests.hostile.corpus import bank_map, many_rows_xlsx, zip_bomb_xlsx

    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    bomb = OUT / "bomb-1GB.xlsx"
    if not bomb.exists():
        zip_bomb_xlsx(bomb, 1 << 30)
    big = OUT / "rows-1M.xlsx"
    if not big.exists():
        many_rows_xlsx(big, 1_000_000)
    for name, path in (("1 GB single-cell zip bomb", bomb), ("sheet declaring 10^6 rows", big)):
        start = time.perf_counter()
        try:
            read_answers(path, bank_map())
            outcome = "read"
        except KanoImportError as exc:
            outcome = str(exc)
        rows.append({"case": name, "file_mb": path.stat().st_size / 1_048_576,
                     "seconds": time.perf_counter() - start, "outcome": outcome})
    return rows


def _best(func, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def scaling() -> list[dict]:
    from bench.generate import generate_map
    from cxmapper.export.flat import flat_json
    from cxmapper.export.tabular import card_rows
    from cxmapper.model.kano_import import read_answers, surveys_for
    from tests.hostile.corpus import answers_csv, bank_map

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        times = []
        for features in (333, 3_332):
            doc = bank_map(features * 6)
            answers = Path(folder) / f"answers-{features}.csv"
            answers.write_bytes(answers_csv([f"p{i}" for i in range(0, features * 6, 6)], respondents=3))

            def run():
                surveys_for(doc, read_answers(answers, doc))

            times.append(_best(run))
        rows.append({"case": "kano import: n features on 6n cards, n = 333 → 3,332",
                     "small": times[0], "large": times[1], "ratio": times[1] / times[0]})
    small, large = generate_map(2_000), generate_map(20_000)
    for name, func in (("flat JSON export", flat_json), ("CSV card rows", card_rows)):
        a, b = _best(lambda: func(small)), _best(lambda: func(large))
        rows.append({"case": f"{name}: 2,000 → 20,000 cards", "small": a, "large": b, "ratio": b / a})
    return rows


def main() -> int:
    print("huge maps (fresh process each; peak = VmHWM after − before the load):")
    for row in huge_maps():
        print(
            f"  {row['case']:>18}: {row['size_mb']:6.1f} MB file, refused in {row['wall']:.2f} s wall, "
            f"{row['cpu']:.2f} s CPU (json.loads alone {row['json_cpu']:.2f} s), peak +{row['peak_mb']:.0f} MB "
            f"({row['peak_mb'] / row['size_mb']:.1f}× the file)\n      {row['outcome'][:150]}"
        )
    print("surveys:")
    for row in surveys():
        print(f"  {row['case']}: {row['file_mb']:.1f} MB file, {row['seconds']:.2f} s\n      {row['outcome'][:150]}")
    print("scaling (×10 the size):")
    for row in scaling():
        print(f"  {row['case']}: {row['small'] * 1000:.0f} ms → {row['large'] * 1000:.0f} ms, ×{row['ratio']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
