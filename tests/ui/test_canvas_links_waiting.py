"""``WaitingLinks`` (issue 6): the links waiting for their route, found by the columns
a view shows (the scene's use of it: tests/ui/test_canvas_rows.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cxmapper.ui.canvas.waiting import WaitingLinks


@settings(max_examples=80)
@given(st.lists(st.tuples(st.sampled_from("add discard pop".split()), st.integers(0, 30),
                          st.integers(0, 12), st.integers(0, 6)), max_size=60),
       st.floats(-3, 15), st.floats(0, 20))
def test_waiting_links_find_by_column_what_a_plain_scan_finds(ops, first, width):
    waiting, model = WaitingLinks(), {}
    for op, n, lo, span in ops:
        link_id = f"k{n}"
        if op == "add":
            waiting.add(link_id, lo, lo + span)
            model[link_id] = (lo, lo + span)
        elif op == "discard":
            waiting.discard(link_id)
            model.pop(link_id, None)
        elif model:
            model.pop(waiting.pop())
    assert len(waiting) == len(model) and set(waiting) == set(model)
    assert all((k in waiting) for k in model) and "other" not in waiting
    last = first + width
    expected = {k for k, (lo, hi) in model.items() if hi >= first and lo <= last}
    found = waiting.in_columns(first, last)
    assert expected <= found  # never misses one; may add a neighbour column's
    assert all(lo <= int(last) + 1 and hi >= int(first) for lo, hi in (model[k] for k in found))
