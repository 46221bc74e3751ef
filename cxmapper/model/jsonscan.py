"""A bounded look at a JSON text's shape before anything is built from it.

Parsing a hostile file is cheap; building it is not: a 44 MB file of 10⁶ tiny cards
made pydantic allocate ~2 GB (≈55× the file) and took 6–11 s before the list-length
limits of the model could say no. ``scan`` counts, in one vectorised pass over the
bytes (numpy, no Python object per value), what the file would build: the nesting
depth, the members of every object and array, the objects and arrays in all, the
values in all and the longest string, and stops at the first limit passed with the
byte offset of the container (or string) that passed it. The caller turns the offset
into a JSON path and a line (``fileformat``).

The scan trusts nothing: on text that is not JSON (an odd number of quotes, brackets
that do not balance) it returns ``None`` and the real parser gives the message. It
over-counts by one the members of an empty container (``[]`` counts as 1), which no
limit is near.

Memory: a few arrays of 1–4 bytes per byte of the file (measured in bench/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Containers inside containers; a map nests 6 deep, plus MAX_EXTENSION_DEPTH (32).
MAX_DEPTH = 48
#: Members of one object or array: the model's largest list (cards, links) holds 100,000.
MAX_MEMBERS = 100_000
#: Objects and arrays in the whole file: a 5,000-card map has 27,000, a 20,000-card one 108,000.
MAX_CONTAINERS = 400_000
#: Values (members) in the whole file: a 5,000-card map has 160,000, a 20,000-card one 650,000.
MAX_VALUES = 2_000_000
#: The longest string, in bytes of the file (the longest text field holds 20,000 characters).
MAX_STRING_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Excess:
    """A limit passed: what, by how much, and the byte offset where it shows."""

    what: str  # "depth", "members", "containers", "values", "string"
    found: int
    limit: int
    offset: int  # in bytes
    path: tuple[str | int, ...] = ()

    def message(self) -> str:
        if self.what == "depth":
            return f"nested more than {self.limit} levels deep; a map nests far less"
        if self.what == "members":
            return (
                f"holds {self.found:,} items; CX Mapper reads at most {self.limit:,} in one list "
                "or object (a map of 5,000 cards is far below)"
            )
        if self.what == "containers":
            return (
                f"the file holds more than {self.limit:,} objects and lists; CX Mapper stops "
                "here (a map of 20,000 cards holds about 108,000)"
            )
        if self.what == "values":
            return (
                f"the file holds more than {self.limit:,} values; CX Mapper stops here "
                "(a map of 20,000 cards holds about 650,000)"
            )
        return (
            f"a text of {self.found:,} bytes; CX Mapper reads texts up to "
            f"{self.limit // 1024:,} KiB"
        )


def within_totals(data: bytes) -> bool:
    """Whether ``data`` surely builds fewer containers and values than the limits:
    counted with ``bytes.count`` (brackets and commas inside strings counted too, so an
    upper bound), ~1 ms per MB. Within them, what the file builds is bounded whatever its
    shape (the model's own list limits then speak, after a bounded build)."""
    containers = data.count(b"{") + data.count(b"[")
    return containers <= MAX_CONTAINERS and containers + data.count(b",") <= MAX_VALUES


def scan(data: bytes) -> Excess | None:
    """The first limit ``data`` passes, with its JSON path, or None (within every
    limit, or not JSON)."""
    import numpy as np

    found = _scan(np, data)
    if found is None:
        return None
    excess, structural, depth = found
    try:
        path = _path_of(np, data, structural, depth, excess.offset)
    except (IndexError, ValueError):  # a text that is not JSON after all: no path
        path = ()
    return Excess(excess.what, excess.found, excess.limit, excess.offset, path)


_KEY_BEFORE = re.compile(rb'"((?:[^"\\]|\\.){0,500})"\s*:\s*\Z', re.DOTALL)


def _path_of(np, data: bytes, structural, depth, offset: int) -> tuple[str | int, ...]:
    """The JSON path of the value at byte ``offset`` (a container's opening or a string)."""
    kinds = np.frombuffer(data, dtype=np.uint8)[structural]
    here = int(np.searchsorted(structural, offset, side="right")) - 1  # the last structural at or before
    if here < 0:
        return ()
    is_open = kinds[here] in (0x7B, 0x5B) and structural[here] == offset
    level = int(depth[here]) - (1 if is_open else 0)  # the level of the enclosing container
    opens = np.flatnonzero((kinds == 0x7B) | (kinds == 0x5B))
    commas = np.flatnonzero(kinds == 0x2C)
    parts: list[str | int] = []
    child_at, child_index = offset, here  # the value whose place in its parent is wanted
    for parent_level in range(level, 0, -1):
        at_level = opens[depth[opens] == parent_level]
        parent = int(at_level[np.searchsorted(at_level, child_index, side="right") - 1])
        if kinds[parent] == 0x7B:
            window = data[max(0, child_at - 600) : child_at]
            match = _KEY_BEFORE.search(window)
            parts.append(match.group(1).decode("utf-8", "replace") if match else "?")
        else:
            level_commas = commas[depth[commas] == parent_level]
            parts.append(int(np.searchsorted(level_commas, child_index, side="right") - np.searchsorted(level_commas, parent)))
        child_at, child_index = int(structural[parent]), parent
    return tuple(reversed(parts))


def _scan(np, data: bytes):
    raw = np.frombuffer(data, dtype=np.uint8)
    structural = depth = None
    if raw.size == 0:
        return None
    index = np.int32 if raw.size < 2**31 - 1 else np.int64  # positions: half the memory
    quotes = np.flatnonzero(raw == 0x22).astype(index)
    if quotes.size:
        quotes = quotes[_unescaped(raw, quotes)]
    if quotes.size % 2:
        return None  # not JSON: the parser says where
    if quotes.size:
        lengths = quotes[1::2] - quotes[0::2] - 1
        longest = int(np.argmax(lengths))
        if lengths[longest] > MAX_STRING_BYTES:
            string_excess = Excess("string", int(lengths[longest]), MAX_STRING_BYTES, int(quotes[2 * longest]))
        else:
            string_excess = None
    else:
        string_excess = None

    candidate = raw == 0x7B
    for byte in (0x5B, 0x7D, 0x5D, 0x2C):  # in place: one temporary at a time
        candidate |= raw == byte
    if quotes.size:
        # Outside strings: an even number of (unescaped) quotes up to the position.
        inside = np.zeros(raw.size, dtype=np.uint8)
        inside[quotes] = 1
        np.bitwise_xor.accumulate(inside, out=inside)
        candidate &= inside == 0
        del inside
    structural = np.flatnonzero(candidate).astype(index)
    del candidate
    if structural.size == 0:
        return None
    kinds = raw[structural]
    opens = (kinds == 0x7B) | (kinds == 0x5B)
    closes = (kinds == 0x7D) | (kinds == 0x5D)
    step = opens.astype(np.int32) - closes.astype(np.int32)
    depth = np.cumsum(step, dtype=np.int32)  # the depth after each structural character
    if depth.min() < 0 or depth[-1] != 0:
        return None  # unbalanced: not JSON

    def found(excess: Excess):
        return excess, structural, depth

    if string_excess is not None:
        return found(string_excess)

    deepest = int(np.argmax(depth))
    if depth[deepest] > MAX_DEPTH:
        first = int(np.flatnonzero(depth > MAX_DEPTH)[0])
        return found(Excess("depth", int(depth[deepest]), MAX_DEPTH, int(structural[first])))

    open_at = np.flatnonzero(opens)
    comma_at = np.flatnonzero(kinds == 0x2C)
    if open_at.size > MAX_CONTAINERS:
        return found(Excess("containers", int(open_at.size), MAX_CONTAINERS, int(structural[open_at[MAX_CONTAINERS]])))
    values = int(comma_at.size) + int(open_at.size)
    if values > MAX_VALUES:
        return found(Excess("values", values, MAX_VALUES, int(structural[comma_at[min(comma_at.size, MAX_VALUES) - 1]])))
    if comma_at.size >= MAX_MEMBERS:
        # Each comma belongs to the last container opened before it at its own depth:
        # sort the openings by (depth, position) and look every comma up in that order.
        total = np.int64(structural.size + 1)
        open_keys = depth[open_at].astype(np.int64) * total + open_at
        order = np.argsort(open_keys, kind="stable")
        open_keys = open_keys[order]
        comma_keys = depth[comma_at].astype(np.int64) * total + comma_at
        owner = np.searchsorted(open_keys, comma_keys, side="right") - 1
        members = np.bincount(owner[owner >= 0], minlength=open_keys.size) + 1
        biggest = int(np.argmax(members))
        if members[biggest] > MAX_MEMBERS:
            return found(Excess("members", int(members[biggest]), MAX_MEMBERS, int(structural[open_at[order[biggest]]])))
    return None


def _unescaped(raw, quotes):
    """A mask of the quotes that are not escaped (an even run of backslashes before them)."""
    import numpy as np

    mask = np.ones(quotes.size, dtype=bool)
    before = quotes[quotes > 0] - 1
    candidates = np.flatnonzero(raw[before] == 0x5C) + (quotes.size - before.size)
    if candidates.size == 0:
        return mask
    # The length of the run of backslashes that ends just before each candidate quote.
    backslash = np.flatnonzero(raw == 0x5C)
    ends = quotes[candidates] - 1  # the last backslash of the run
    # Runs: where consecutive backslash positions are not adjacent, a new run starts.
    starts_of_runs = np.flatnonzero(np.diff(backslash, prepend=-2) != 1)
    run_index = np.searchsorted(backslash, ends)
    run_start = backslash[starts_of_runs[np.searchsorted(starts_of_runs, run_index, side="right") - 1]]
    run_length = ends - run_start + 1
    mask[candidates[run_length % 2 == 1]] = False
    return mask
