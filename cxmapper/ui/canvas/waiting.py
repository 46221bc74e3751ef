"""Links waiting to be routed, found by the columns they span.

The scene leaves a link's route for later when a row's new height stretched it and it
is out of every view (``JourneyScene``). A scroll, a zoom or a larger view must route
the waiting links it brings into view before it paints; looking at each waiting link
for that cost ~3 us a link on every scroll step (~20 ms with 5,800 waiting). Here each
waiting link is filed under every column (step index) it spans, so a view asks only
for the columns it shows.
"""

from __future__ import annotations

from collections.abc import Iterator


class WaitingLinks:
    """A set of link ids, each with the span of columns (first, last) it covers."""

    __slots__ = ("_spans", "_columns")

    def __init__(self) -> None:
        self._spans: dict[str, tuple[int, int]] = {}
        self._columns: dict[int, set[str]] = {}

    def add(self, link_id: str, first: int, last: int) -> None:
        """File ``link_id`` under columns ``first`` .. ``last`` (again if it was)."""
        if self._spans.get(link_id) == (first, last):
            return  # still filed there: each row-resizing edit meets most of them again
        self.discard(link_id)
        self._spans[link_id] = (first, last)
        for column in range(first, last + 1):
            self._columns.setdefault(column, set()).add(link_id)

    def discard(self, link_id: str) -> None:
        span = self._spans.pop(link_id, None)
        if span is None:
            return
        for column in range(span[0], span[1] + 1):
            ids = self._columns[column]
            ids.discard(link_id)
            if not ids:
                del self._columns[column]

    def pop(self) -> str:
        """Some waiting link, no longer waiting (KeyError when none)."""
        link_id = next(iter(self._spans))
        self.discard(link_id)
        return link_id

    def in_columns(self, first: float, last: float) -> set[str]:
        """The waiting links that reach into columns ``first`` .. ``last``."""
        found: set[str] = set()
        columns = self._columns
        low, high = int(first), int(last) + 1
        if high - low > len(columns):  # a view wider than the columns in use
            for column, ids in columns.items():
                if low <= column <= high:
                    found |= ids
        else:
            for column in range(low, high + 1):
                found.update(columns.get(column, ()))
        return found

    def clear(self) -> None:
        self._spans.clear()
        self._columns.clear()

    def __len__(self) -> int:
        return len(self._spans)

    def __bool__(self) -> bool:
        return bool(self._spans)

    def __contains__(self, link_id: object) -> bool:
        return link_id in self._spans

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._spans))
