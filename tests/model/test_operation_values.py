"""Operations are frozen values: equal by class and fields, hashable, shown with their fields.

``editor._Frozen`` writes ``__eq__``/``__hash__``/``__repr__`` once for every operation
instead of ``@dataclass`` generating them per class; these are the dataclass semantics.
"""

from __future__ import annotations

import dataclasses

import pytest

from cxmapper.model import editor as ops


def test_equal_by_class_and_fields():
    assert ops.MoveLane("l1", 2) == ops.MoveLane("l1", 2)
    assert ops.MoveLane("l1", 2) != ops.MoveLane("l1", 3)
    assert ops.MoveLane("l1", 2) != ops.MovePersona("l1", 2)  # same fields, another class
    assert ops.MoveLane("l1", 2) != ("l1", 2)
    assert ops.UpdateLane("l1", {"name": "A"}) == ops.UpdateLane("l1", {"name": "A"})


def test_hash_follows_the_fields_and_unhashable_fields_refuse():
    assert hash(ops.MoveLane("l1", 2)) == hash(ops.MoveLane("l1", 2))
    assert len({ops.MoveLane("l1", 2), ops.MoveLane("l1", 2), ops.MoveLane("l2", 2)}) == 2
    with pytest.raises(TypeError):
        hash(ops.UpdateLane("l1", {"name": "A"}))  # a dict field, as with @dataclass


def test_frozen_and_shown_with_fields():
    op = ops.MoveLane("l1", 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        op.index = 3  # type: ignore[misc]
    assert repr(op) == "MoveLane(lane_id='l1', index=2)"
    assert repr(ops.Batch((op,), "Move")).startswith("Batch(") and "MoveLane(lane_id='l1', index=2)" in repr(
        ops.Batch((op,), "Move")
    )
    assert [f.name for f in dataclasses.fields(op)] == ["lane_id", "index"]
