"""Ranking pain points: the documented formula, its order, and readable reasons."""

import pytest

from cxmapper.model.document import (
    KanoAnswer,
    KanoCategory,
    KanoResponse,
    KanoSurvey,
    Lane,
    LaneKind,
    Link,
    LinkKind,
    MapDocument,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.priority import priority_score, rank_pain_points

M, O, A, I = (
    KanoCategory.MUST_BE,
    KanoCategory.ONE_DIMENSIONAL,
    KanoCategory.ATTRACTIVE,
    KanoCategory.INDIFFERENT,
)


def test_formula_by_hand():
    # 100 × 1.0 × (0.5 + 0.8) × (4 × 5) / 25 = 104
    assert priority_score(M, -0.8, 4, 5) == pytest.approx(104.0)
    # no survey: factor 1.0; unrated severity and frequency count as 3: 100 × 0.9 × 9/25 = 32.4
    assert priority_score(O, None, None, None) == pytest.approx(32.4)
    # bounds of the documented range
    assert priority_score(M, -1.0, 5, 5) == 150.0
    assert priority_score(KanoCategory.REVERSE, 0.0, 1, 1) == pytest.approx(0.6)


def _survey(functional, dysfunctional, n):
    return KanoSurvey(responses=[KanoResponse(functional=functional, dysfunctional=dysfunctional)] * n)


@pytest.fixture
def doc():
    stages = [
        Stage(id="st1", name="到店", steps=[Step(id="s1", name="取号"), Step(id="s2", name="排队")]),
        Stage(id="st2", name="办理", steps=[Step(id="s3", name="签字")]),
    ]
    lanes = [Lane(id="tp", kind=LaneKind.TOUCHPOINTS), Lane(id="pain", kind=LaneKind.PAIN_POINTS)]
    cards = [
        make_card("touchpoint", id="t1", lane="tp", step="s1", title="取号机"),
        make_card("touchpoint", id="t2", lane="tp", step="s3", title="电子签名板"),
        make_card("pain_point", id="gift", lane="pain", step="s1", title="开户礼品用不上",
                  kano=I, severity=5, frequency=5),
        make_card("pain_point", id="queue", lane="pain", step="s2", title="排队等候 40 分钟",
                  kano=M, severity=4, frequency=5, kano_computed=True,
                  kano_survey=_survey(KanoAnswer.MUST_BE, KanoAnswer.DISLIKE, 10)),
        make_card("pain_point", id="sign", lane="pain", step="s3", title="签名多达 7 处",
                  kano=O, severity=3, frequency=4),
        make_card("pain_point", id="new", lane="pain", step="s3", title="没分类的痛点"),
    ]
    links = [Link(kind=LinkKind.CAUSES, source="t1", target="queue")]
    return MapDocument(stages=stages, lanes=lanes, cards=cards, links=links)


def test_must_be_and_one_dimensional_first(doc):
    ranked = rank_pain_points(doc)
    assert [(r.rank, r.card.id) for r in ranked] == [(1, "queue"), (2, "sign"), (3, "gift"), (4, "new")]
    queue, sign, gift, new = ranked
    # queue: 100 × 1.0 × (0.5 + 1.0) × 20/25 = 120
    assert queue.score == pytest.approx(120.0) and queue.worse == pytest.approx(-1.0)
    # sign: 100 × 0.9 × 1.0 × 12/25 = 43.2; gift: 100 × 0.3 × 25/25 = 30; new: 0.6 × 9/25 = 21.6
    assert (sign.score, gift.score, new.score) == pytest.approx((43.2, 30.0, 21.6))


def test_ranked_rows_carry_stage_step_and_touchpoints(doc):
    queue, sign, gift, _ = rank_pain_points(doc)
    assert (queue.stage.name, queue.step.name) == ("到店", "排队")
    assert [t.id for t in queue.touchpoints] == ["t1"]  # linked, though in another step
    assert [t.id for t in sign.touchpoints] == ["t2"]  # same step
    assert [t.id for t in gift.touchpoints] == ["t1"]


def test_reasons_explain_the_score(doc):
    queue, sign, _, new = rank_pain_points(doc)
    text = "\n".join(queue.reasons)
    assert "must-be (M)" in text and "weight 1.0" in text
    assert "Worse -1.00: 10 of 10 respondents with a clear answer" in text
    assert "severity 4 × frequency 5 = 20 of 25" in text and "score 120" in text
    assert "Worse: no survey answers" in "\n".join(sign.reasons)
    assert "severity 3 (not rated) × frequency 3 (not rated)" in "\n".join(new.reasons)
    assert "no Kano category yet" in "\n".join(new.reasons)


def test_hand_set_category_that_disagrees_with_answers_is_noted(doc):
    card = doc.card("sign").model_copy(update={"kano_survey": _survey(KanoAnswer.LIKE, KanoAnswer.NEUTRAL, 4)})
    doc.cards[[c.id for c in doc.cards].index("sign")] = card
    sign = next(r for r in rank_pain_points(doc) if r.card.id == "sign")
    assert sign.worse == 0.0
    assert any("point to attractive" in reason for reason in sign.reasons)


def test_ties_fall_back_to_category_then_map_order():
    stages = [Stage(id="st", steps=[Step(id="s")])]
    cards = [
        make_card("pain_point", id="x", lane="l", step="s", kano=A, severity=5, frequency=5),
        make_card("pain_point", id="y", lane="l", step="s", kano=KanoCategory.QUESTIONABLE, severity=5, frequency=5),
        make_card("pain_point", id="z", lane="l", step="s", kano=A, severity=5, frequency=5),
    ]
    doc = MapDocument(stages=stages, cards=cards)
    assert [r.card.id for r in rank_pain_points(doc)] == ["x", "z", "y"]  # A before Q, then order
