"""Cross-reference checks and pydantic errors: each problem names the place and the reason."""

import pytest
from hypothesis import given
from pydantic import ValidationError

from cxmapper.model.document import EmotionPoint, Link, LinkKind, MapDocument, make_card
from cxmapper.model.validation import (
    Problem,
    format_path,
    parse_path,
    pydantic_problems,
    validate_references,
)
from tests.strategies import documents, small_bank_map


def only_problem(doc) -> Problem:
    problems = validate_references(doc)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_sample_map_is_valid():
    assert validate_references(small_bank_map()) == []


@given(documents())
def test_generated_documents_are_valid(doc):
    assert validate_references(doc) == []


# --- ids --------------------------------------------------------------------------


def test_a_card_reusing_a_lane_id_names_both_owners():
    doc = small_bank_map()
    doc.cards[1] = doc.cards[1].model_copy(update={"id": "lane-pain"})
    doc.links[0] = doc.links[0].model_copy(update={"target": "lane-pain"})
    problems = validate_references(doc)
    duplicate = problems[0]
    assert duplicate.path == "$.cards[1].id"
    assert "action '到网点取号排队'" in duplicate.message
    assert "id 'lane-pain' is already used by lane '痛点' at $.lanes[1].id" in duplicate.message


def test_a_step_id_used_twice_across_stages():
    doc = small_bank_map()
    stage = doc.stages[1]
    doc.stages[1] = stage.model_copy(update={"steps": [stage.steps[0], stage.steps[1].model_copy(update={"id": "step-ad"})]})
    doc.cards = [c for c in doc.cards if c.step != "step-form"]
    doc.links = [link for link in doc.links if link.id != "link-fix"]
    problem = only_problem(doc)
    assert problem.path == "$.stages[1].steps[1].id"
    assert "step '填表': id 'step-ad' is already used by step '看到广告' at $.stages[0].steps[0].id" == problem.message


def test_a_link_and_a_persona_sharing_an_id():
    doc = small_bank_map()
    doc.personas[0] = doc.personas[0].model_copy(update={"id": "link-flow"})
    problem = only_problem(doc)
    assert problem.path == "$.personas[0].id"
    assert "persona '小王'" in problem.message and "flow link id 'link-flow'" in problem.message


# --- cards ------------------------------------------------------------------------


def test_a_card_in_a_missing_lane():
    doc = small_bank_map()
    doc.cards[2] = doc.cards[2].model_copy(update={"lane": "lane-gone"})
    problem = only_problem(doc)
    assert problem == Problem("$.cards[2].lane", "pain point '排队太久，等了40分钟': no lane with id 'lane-gone'")


def test_a_card_on_a_missing_step_without_a_title_is_named_by_id():
    doc = small_bank_map()
    doc.cards.append(make_card("note", id="card-note", lane="lane-pain", step="step-nowhere"))
    problem = only_problem(doc)
    assert problem.path == "$.cards[4].step"
    assert problem.message == "note id 'card-note': no step with id 'step-nowhere'"


# --- links ------------------------------------------------------------------------


def test_a_link_to_a_missing_card():
    doc = small_bank_map()
    doc.links.append(Link(id="link-x", kind=LinkKind.CAUSES, source="card-ad", target="card-deleted", label="导致"))
    problem = only_problem(doc)
    assert problem.path == "$.links[2].target"
    assert problem.message == "causes link '导致': its target is not a card: no card with id 'card-deleted'"


def test_a_link_from_a_step_is_not_a_link_from_a_card():
    doc = small_bank_map()
    doc.links.append(Link(id="link-x", kind=LinkKind.FLOW, source="step-ad", target="card-ad"))
    problem = only_problem(doc)
    assert problem.path == "$.links[2].source"
    assert "no card with id 'step-ad'" in problem.message


def test_a_link_from_a_card_to_itself():
    doc = small_bank_map()
    doc.links.append(Link(id="link-loop", kind=LinkKind.FLOW, source="card-queue", target="card-queue"))
    problem = only_problem(doc)
    assert problem.path == "$.links[2].target"
    assert problem.message == "flow link id 'link-loop': links action '到网点取号排队' to itself"


# --- emotion curves -------------------------------------------------------------------


def test_an_emotion_point_outside_the_scale():
    doc = small_bank_map()
    persona = doc.personas[0]
    doc.personas[0] = persona.model_copy(update={"as_is": [persona.as_is[0], EmotionPoint(step="step-queue", score=-3)]})
    problem = only_problem(doc)
    assert problem.path == "$.personas[0].as_is[1].score"
    assert problem.message == "persona '小王', as-is curve: score -3 is outside the map's scale -2 … 2"


def test_a_to_be_point_on_a_missing_step():
    doc = small_bank_map()
    doc.personas[0] = doc.personas[0].model_copy(update={"to_be": [EmotionPoint(step="step-gone", score=2)]})
    problem = only_problem(doc)
    assert problem.path == "$.personas[0].to_be[0].step"
    assert problem.message == "persona '小王', to-be curve: no step with id 'step-gone'"


def test_two_points_on_one_step():
    doc = small_bank_map()
    persona = doc.personas[0]
    doc.personas[0] = persona.model_copy(update={"as_is": persona.as_is + [EmotionPoint(step="step-ad", score=0)]})
    problem = only_problem(doc)
    assert problem.path == "$.personas[0].as_is[2].step"
    assert "a second point on step '看到广告' (the first is at $.personas[0].as_is[0])" in problem.message


def test_the_scale_decides_what_is_outside():
    doc = small_bank_map()
    doc.scale = doc.scale.model_copy(update={"min": 1, "max": 5})
    problems = validate_references(doc)
    # The curves were written for -2 … 2: 1 fits, -2 does not, on both curves' points.
    assert [p.path for p in problems] == ["$.personas[0].as_is[1].score"]
    assert "outside the map's scale 1 … 5" in problems[0].message


def test_problems_of_every_kind_are_all_reported():
    doc = small_bank_map()
    doc.cards[0] = doc.cards[0].model_copy(update={"lane": "x"})
    doc.links[1] = doc.links[1].model_copy(update={"source": "y"})
    doc.personas[0] = doc.personas[0].model_copy(update={"to_be": [EmotionPoint(step="step-ad", score=9)]})
    assert [p.path for p in validate_references(doc)] == [
        "$.cards[0].lane",
        "$.links[1].source",
        "$.personas[0].to_be[0].score",
    ]


# --- paths and pydantic errors ----------------------------------------------------------


@pytest.mark.parametrize(
    "parts, text",
    [
        ((), "$"),
        (("cards", 3, "lane"), "$.cards[3].lane"),
        (("extensions", "来源 key", 0), '$.extensions["来源 key"][0]'),
        (("extensions", 'say "hi"'), '$.extensions["say \\"hi\\""]'),
    ],
)
def test_paths_format_and_parse_back(parts, text):
    assert format_path(parts) == text
    assert parse_path(text) == parts


def test_text_that_is_not_a_path_parses_to_none():
    assert parse_path("cards[3]") is None
    assert parse_path("$.cards[x]") is None


def errors_of(data) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        MapDocument.model_validate(data)
    return pydantic_problems(info.value, data)


def test_a_card_field_error_drops_the_discriminator_tag_and_names_the_card():
    data = small_bank_map().model_dump(mode="json")
    data["cards"][2]["severity"] = 7
    [problem] = errors_of(data)
    assert problem.path == "$.cards[2].severity"
    assert problem.message == "pain point '排队太久，等了40分钟': input should be less than or equal to 5, got 7"


def test_the_evidence_card_kind_is_not_confused_with_the_evidence_field():
    data = small_bank_map().model_dump(mode="json")
    data["cards"][0].update(kind="evidence", evidence="rumour")
    [problem] = errors_of(data)
    assert problem.path == "$.cards[0].evidence"
    assert "evidence '在地铁看到开户广告'" in problem.message and "'rumour'" in problem.message


def test_an_unknown_key_points_at_extensions():
    data = small_bank_map().model_dump(mode="json")
    data["cards"][1]["colour"] = "#ff0000"
    [problem] = errors_of(data)
    assert problem.path == "$.cards[1].colour"
    assert "unknown key 'colour'" in problem.message and '"extensions"' in problem.message


def test_an_unknown_card_kind_and_a_missing_kind():
    data = small_bank_map().model_dump(mode="json")
    data["cards"][0]["kind"] = "sticky"
    del data["cards"][1]["kind"]
    first, second = errors_of(data)
    assert first.path == "$.cards[0]" and first.message.startswith("card '在地铁看到开户广告': unknown card kind 'sticky'")
    assert "pain_point" in first.message
    assert second.path == "$.cards[1]" and 'needs a "kind"' in second.message


def test_a_missing_field_and_a_model_rule():
    data = small_bank_map().model_dump(mode="json")
    del data["lanes"][0]["kind"]
    data["cards"][3]["wait_minutes"] = 5
    data["scale"] = {"min": 3, "max": 1}
    problems = {p.path: p.message for p in errors_of(data)}
    assert problems["$.lanes[0].kind"] == "lane '客户行为': required, but missing"
    assert problems["$.cards[3]"] == "opportunity '线上预约 📱': wait_minutes is set but wait_point is false"
    assert problems["$.scale"] == "the scale's min (3) must be below its max (1)"


def test_a_link_error_names_the_link_by_its_kind_when_valid_and_its_label():
    data = small_bank_map().model_dump(mode="json")
    data["links"][1]["kind"] = "blocks"
    data["links"][0]["source"] = 12
    problems = {p.path: p.message for p in errors_of(data)}
    assert problems["$.links[1].kind"] == (
        "link '减少等待': input should be 'flow', 'supports', 'causes' or 'addresses', got 'blocks'"
    )
    assert problems["$.links[0].source"].startswith("flow link id 'link-flow': input should be a valid string")


def test_without_raw_data_the_message_is_the_reason_alone():
    with pytest.raises(ValidationError) as info:
        MapDocument.model_validate({"stages": [{"name": "认知", "steps": []}]})
    [problem] = pydantic_problems(info.value)
    assert problem.path == "$.stages[0].steps"
    assert problem.message.startswith("list should have at least 1 item")


def test_problem_text_reads_path_line_reason():
    assert str(Problem("$.cards[3].lane", "no lane with id 'x'", 120)) == "$.cards[3].lane (line 120): no lane with id 'x'"
    assert str(Problem("", "not valid JSON", 3)) == "line 3: not valid JSON"
    assert str(Problem("$.meta", "bad")) == "$.meta: bad"
