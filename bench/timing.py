"""Timing helpers and the record of one measurement, shared by every benchmark module.

Policy (printed with each figure as ``how``): throughput figures (load, save, open,
PDF) take the *minimum* of several runs, because on a shared machine noise only ever
adds time; the figure and its baseline are run *interleaved* (figure, baseline,
figure, …) so that both see the same load. Per-edit figures take the *median* of many
edits, because they differ by card and a single lucky edit says little.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Result:
    """One row of the table: a figure, its baseline in the same run, and the target."""

    group: str  # "load", "save", "open", "edit", …
    name: str  # what exactly was measured, e.g. "load 5,000 cards"
    figure: float | None  # in ``unit``; None when it could not be measured
    unit: str = "ms"
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""  # e.g. "≤ 4×" or "< 16 ms"
    passed: bool | None = None  # None: no target, or not measured
    how: str = ""  # e.g. "min of 5, interleaved"
    size: int | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.figure is None or not self.baseline:
            return None
        return self.figure / self.baseline

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def seconds(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved_min(figure: Callable[[], Any], baseline: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(min time of ``figure``, min time of ``baseline``) over ``repeat`` alternating runs.

    A full garbage collection before each run keeps one run's garbage from being
    collected on the next run's clock.
    """
    figures, baselines = [], []
    for _ in range(repeat):
        gc.collect()
        figures.append(seconds(figure))
        gc.collect()
        baselines.append(seconds(baseline))
    return min(figures), min(baselines)


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine_info() -> dict[str, Any]:
    """What a later run needs to know to compare fairly."""
    info: dict[str, Any] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": _load_average(),
    }
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as f:
            info["memory_mb"] = round(int(f.readline().split()[1]) / 1024)
    except OSError:
        pass
    for package in ("pydantic", "pydantic_core", "PySide6", "reportlab"):
        try:
            module = __import__(package)
            info[package] = getattr(module, "__version__", "?")
        except ImportError:
            info[package] = None
    return info


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None
