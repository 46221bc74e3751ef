"""Fuzzing the loader: mutated .cxmap files load, or fail with ``MapFileError``.

Valid files (generated maps in Chinese and English, one with Kano answers and metric
answer counts) are mutated as bytes (bit flips, truncation, insertion, deletion, a
BOM or garbage in front) and as JSON structure (a key deleted, a value replaced by
one of another type, an id duplicated, an element duplicated, an unknown key, huge
numbers, very deep nesting). Whatever comes out, ``loads`` returns a ``MapDocument``
or raises ``MapFileError`` with a message; any other exception is a bug. A map that
loads must also save and load back to the same document.

Each example runs under a wall-clock guard (``SIGALRM``): a loader that hangs fails
the test with ``LoaderHang`` instead of stalling the suite. The guard is generous
(it is not a speed test) and restores any alarm pytest-timeout has set.
"""

from __future__ import annotations

import copy
import json
import signal
import time
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate_map
from cxmapper.model.document import MapDocument
from cxmapper.model.fileformat import MapFileError, dumps, loads

GUARD_SECONDS = 10.0

# Placeholders a structural mutation puts in the data; replaced in the text afterwards
# by what ``json.dumps`` cannot write (or would write differently).
_RAW_TOKENS = {
    "\u0000DEEP_LIST\u0000": "[" * 50_000 + "]" * 50_000,
    "\u0000DEEP_OBJECT\u0000": '{"a":' * 5_000 + "1" + "}" * 5_000,
    "\u0000HUGE_INT\u0000": "9" * 5_000,
    "\u0000HUGE_FLOAT\u0000": "1e999",
    "\u0000TINY_FLOAT\u0000": "-1e-999",
    "\u0000NAN\u0000": "NaN",
    "\u0000INFINITY\u0000": "-Infinity",
}
_REPLACEMENTS: list[Any] = [
    None, True, False, 0, -1, 1.5, 2**63, -(2**70), "", "文本 text", "#12345", [], {}, [1, "二"],
    {"未知": None}, "x" * 25_000, *_RAW_TOKENS,
]


class LoaderHang(Exception):
    pass


@contextmanager
def wall_clock_guard(seconds: float):
    """Raise ``LoaderHang`` in the body after ``seconds`` of wall time."""

    def on_alarm(signum, frame):
        raise LoaderHang(f"the loader ran for more than {seconds} s")

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay:  # someone else's alarm (pytest-timeout): put back what is left of it
            left = max(old_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)


def _base_maps() -> list[bytes]:
    small = generate_map(50, seed=11)
    # A map whose pain points carry Kano answers and touchpoints answer counts.
    with_answers = generate_map(50, seed=12)
    assert any(getattr(c, "kano_survey", None) for c in with_answers.cards + small.cards)
    tiny = MapDocument.model_validate(
        {"meta": {"title": "小地图"}, "lanes": small.model_dump()["lanes"][:2],
         "stages": small.model_dump()["stages"][:1]}
    )
    return [dumps(small), dumps(with_answers), dumps(tiny)]


BASES = _base_maps()
RAWS = [json.loads(data) for data in BASES]


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into ``value`` (the empty path is the whole document)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, prefix + (index,))
    return found


PATHS = [_paths(raw) for raw in RAWS]


def check_loader(data: bytes) -> None:
    """The property: a document (that saves and reloads the same) or ``MapFileError``."""
    with wall_clock_guard(GUARD_SECONDS):
        try:
            doc = loads(data, "fuzzed.cxmap")
        except MapFileError as exc:
            message = str(exc)
            assert message.startswith("fuzzed.cxmap: ") and len(message) > len("fuzzed.cxmap: ")
            return
        try:
            saved = dumps(doc)
        except MapFileError:
            return  # refused with a message: acceptable for a map that cannot be written
        assert loads(saved).model_dump() == doc.model_dump()


# --- bytes --------------------------------------------------------------------------


@st.composite
def byte_mutations(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "prefix"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip":
            if data:
                data[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40) | st.sampled_from(
                [b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"{", b"]", b'"', b"\\u", b"\xe4\xb8", b"NaN", b",,"]
            ))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 200))]
        else:
            data[:0] = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"  \n", b"\x00", b"//"]))
    return bytes(data)


@given(byte_mutations())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_mutated_bytes_load_or_give_the_clear_error(data):
    check_loader(data)


# --- JSON structure ------------------------------------------------------------------


def _get(raw: Any, path: tuple) -> Any:
    for part in path:
        raw = raw[part]
    return raw


def _objects_with_ids(raw: Any) -> list[dict]:
    found = []
    pending = [raw]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                found.append(node)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


@st.composite
def structure_mutations(draw) -> bytes:
    which = draw(st.integers(0, len(RAWS) - 1))
    raw = copy.deepcopy(RAWS[which])
    paths = PATHS[which]
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "replace", "duplicate_id", "duplicate", "unknown_key"]))
        path = draw(st.sampled_from(paths))
        try:
            parent, key = (_get(raw, path[:-1]), path[-1]) if path else (None, None)
            target = _get(raw, path)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
        if parent is not None and not isinstance(parent, (dict, list)):
            continue  # an earlier mutation put a string there: its characters are no path
        if kind == "delete" and parent is not None:
            del parent[key]
        elif kind == "replace":
            value = draw(st.sampled_from(_REPLACEMENTS))
            if parent is None:
                raw = value
            else:
                parent[key] = value
        elif kind == "duplicate_id":
            owners = _objects_with_ids(raw)
            if len(owners) >= 2:
                first, second = draw(st.sampled_from(owners)), draw(st.sampled_from(owners))
                second["id"] = first["id"]
        elif kind == "duplicate" and isinstance(target, list) and target:
            target.append(copy.deepcopy(target[draw(st.integers(0, len(target) - 1))]))
        elif kind == "unknown_key" and isinstance(target, dict):
            target[draw(st.sampled_from(["extra", "扩展", "id", "kind", "format"]))] = draw(st.sampled_from(_REPLACEMENTS))
    text = json.dumps(raw, ensure_ascii=False, indent=draw(st.sampled_from([None, 2])))
    for token, replacement in _RAW_TOKENS.items():
        text = text.replace(json.dumps(token, ensure_ascii=False), replacement)
    return text.encode("utf-8", "surrogatepass")


@given(structure_mutations())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_mutated_structure_loads_or_gives_the_clear_error(data):
    check_loader(data)


# --- known hard cases, always run -------------------------------------------------------


@pytest.mark.parametrize("token", list(_RAW_TOKENS.values()), ids=list(t.strip("\x00") for t in _RAW_TOKENS))
@pytest.mark.parametrize("where", ["extensions", "meta.title", "cards.0.extensions.x", "cards.0.metrics", "scale.min"])
def test_hostile_values_everywhere(token, where):
    raw = copy.deepcopy(RAWS[0])
    *parents, last = [int(p) if p.isdigit() else p for p in where.split(".")]
    holder = raw
    for part in parents:
        holder = holder[part]
    holder[last] = "\u0000PLACEHOLDER\u0000"
    text = json.dumps(raw, ensure_ascii=False).replace('"\\u0000PLACEHOLDER\\u0000"', token)
    check_loader(text.encode("utf-8"))


def test_the_guard_stops_a_hang():
    with pytest.raises(LoaderHang):
        with wall_clock_guard(0.05):
            while True:
                pass


def test_an_overflowing_number_in_extensions_is_refused_where_it_is():
    # Found by this fuzz test: 1e999 parsed as infinity, loaded, and was saved as null.
    raw = copy.deepcopy(RAWS[0])
    raw["cards"][3]["extensions"] = {"来源": {"分数": [1, "\u0000HUGE\u0000"]}}
    text = json.dumps(raw, ensure_ascii=False, indent=2).replace('"\\u0000HUGE\\u0000"', "1e999")
    with pytest.raises(MapFileError) as caught:
        loads(text.encode("utf-8"), "大.cxmap")
    message = str(caught.value)
    assert '$.cards[3].extensions["来源"]["分数"][1]' in message and "infinity" in message
    line = text.splitlines().index(next(l for l in text.splitlines() if "1e999" in l)) + 1
    assert f"line {line}" in message


def test_loading_leaves_the_garbage_collector_as_it_was():
    import gc

    was = gc.isenabled()  # off once a Qt test installed the app's collector
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            loads(BASES[0])
            assert gc.isenabled() is enabled
            with pytest.raises(MapFileError):
                loads(BASES[0][:-40])
            assert gc.isenabled() is enabled
        finally:
            (gc.enable if was else gc.disable)()
    gc.disable()
    try:
        loads(BASES[1])
        assert not gc.isenabled()  # someone else switched it off: left off
    finally:
        gc.enable()
