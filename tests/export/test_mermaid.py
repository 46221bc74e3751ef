"""Mermaid journey: export, import, and export→import keeps stages, tasks and scores."""

from __future__ import annotations

import pytest

from cxmapper.export.mermaid import MermaidError, from_mermaid, journey_tasks, map_score, to_mermaid
from cxmapper.model.document import EmotionScale


def test_export_maps_sections_tasks_scores_and_actors(sample_map):
    text = to_mermaid(sample_map)
    lines = [line.strip() for line in text.splitlines()]
    assert "journey" in lines and "title 网购旅程 Online shopping" in lines
    assert [line for line in lines if line.startswith("section ")] == [
        "section 认知 Awareness", "section 考虑", "section 决策 Purchase", "section 使用"
    ]
    # the login step has a touchpoint: the task is the touchpoint, -2 on -2…2 maps to 1
    assert "App 登录页: 1: 李女士" in lines
    # no touchpoint, a customer action: scores 1 and 0 average to 0.5, i.e. 3.5 → 4
    assert "看到广告并扫码: 4: 李女士, Tom" in lines
    # a step with neither touchpoint nor action is named after the step
    assert "收货: 5: 李女士" in lines


def test_export_then_import_keeps_stages_tasks_and_scores(sample_map):
    exported = journey_tasks(sample_map)
    doc = from_mermaid(to_mermaid(sample_map))
    assert (doc.scale.min, doc.scale.max) == (1, 5)
    assert [s.name for s in doc.stages] == [s.name for s in sample_map.stages]
    again = journey_tasks(doc)
    assert [(t.section, t.name, t.score, t.actors) for t in again] == [
        (t.section, t.name, t.score, t.actors) for t in exported
    ]
    assert {p.name for p in doc.personas} == {"李女士", "Tom"}


@pytest.mark.parametrize(
    ("score", "scale", "mapped"),
    [(-2, (-2, 2), 1), (0, (-2, 2), 3), (2, (-2, 2), 5), (1, (1, 5), 1), (4, (1, 5), 4),
     (-3, (-3, 3), 1), (1, (-3, 3), 4), (3, (-3, 3), 5), (0, (0, 10), 1), (10, (0, 10), 5)],
)
def test_score_mapping(score, scale, mapped):
    assert map_score(score, EmotionScale(min=scale[0], max=scale[1])) == mapped


def test_reserved_characters_are_written_as_entity_codes(sample_map):
    sample_map.meta = sample_map.meta.model_copy(update={"title": "a: b # c; d\nnext"})
    text = to_mermaid(sample_map)
    # Mermaid turns #35; into "#" when it draws; a title may hold ":" as it is
    assert "title a: b #35; c#59; d next" in text
    assert from_mermaid(text).meta.title == "a: b # c; d next"


def test_import_without_actors_and_sections():
    doc = from_mermaid("journey\n  title T\n  Wake up: 2\n  section 上班\n    坐地铁: 4: 我\n")
    assert [s.name for s in doc.stages] == ["", "上班"]
    assert {p.name: [e.score for e in p.as_is] for p in doc.personas} == {"Customer": [2], "我": [4]}
    assert [c.title for c in doc.cards] == ["Wake up", "坐地铁"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "no 'journey'"),
        ("graph TD\n", 1, "expected 'journey'"),
        ("%% c\njourney\n  section A\n    just words\n", 4, "needs ': score'"),
        ("journey\n  section A\n    task: 5; other: 3\n", 3, "cannot read ';'"),
        ("journey\n  section A: 5\n", 2, "has no task name"),
    ],
)
def test_parse_errors_name_the_line(text, line, words):
    with pytest.raises(MermaidError) as info:
        from_mermaid(text, "j.mmd")
    assert info.value.line == line
    assert words in str(info.value) and str(info.value).startswith(f"j.mmd:{line}:")


def test_a_journey_without_tasks_is_an_empty_map():
    doc = from_mermaid("journey\n  title 空的旅程\n  section A\n")
    assert doc.meta.title == "空的旅程" and doc.stages == [] and doc.personas == []
