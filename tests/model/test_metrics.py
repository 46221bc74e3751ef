"""CX metrics against hand-computed distributions; weighted aggregation; persona moods."""

import pytest

from cxmapper.model.document import (
    AnalysisSettings,
    CesConvention,
    CsatConvention,
    EmotionPoint,
    EmotionScale,
    Lane,
    LaneKind,
    MapDocument,
    Metrics,
    Persona,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.metrics import (
    Measure,
    card_metrics,
    ces_from_counts,
    csat_from_counts,
    map_metrics,
    nps_from_counts,
    persona_mood,
    persona_moods,
    weighted,
)


def test_nps_by_hand():
    # answers 0..10; 20 answers: detractors (0–6) 2+1+3 = 6, passives 4, promoters 4+6 = 10
    counts = [2, 0, 0, 1, 0, 0, 3, 2, 2, 4, 6]
    assert nps_from_counts(counts) == pytest.approx(100 * (10 - 6) / 20)  # +20
    assert nps_from_counts([0] * 10 + [5]) == 100
    assert nps_from_counts([5] + [0] * 10) == -100
    assert nps_from_counts([0] * 7 + [3, 3, 0, 0]) == 0  # all passives


def test_csat_both_conventions_by_hand():
    counts = [1, 2, 3, 8, 6]  # 20 answers on 1–5
    assert csat_from_counts(counts, CsatConvention.TOP2_PERCENT) == pytest.approx(70.0)  # 14/20
    # mean = (1 + 4 + 9 + 32 + 30) / 20 = 76 / 20
    assert csat_from_counts(counts, CsatConvention.MEAN) == pytest.approx(3.8)


def test_ces_both_conventions_by_hand():
    counts = [1, 1, 2, 2, 4, 6, 4]  # 20 answers on 1–7
    # mean = (1 + 2 + 6 + 8 + 20 + 36 + 28) / 20 = 101 / 20
    assert ces_from_counts(counts, CesConvention.MEAN) == pytest.approx(5.05)
    assert ces_from_counts(counts, CesConvention.AGREE_PERCENT) == pytest.approx(70.0)  # 14/20


@pytest.mark.parametrize(
    "function, counts",
    [(nps_from_counts, [0] * 11), (nps_from_counts, [1] * 10), (csat_from_counts, [1, -1, 0, 0, 1])],
)
def test_bad_distributions_are_refused(function, counts):
    with pytest.raises(ValueError):
        function(counts)


def test_weighted_mean_by_sample_size():
    # 40 % of 100 and 80 % of 300: (40·100 + 80·300) / 400 = 70
    combined = weighted([Measure(40.0, 100), Measure(80.0, 300), None])
    assert combined == Measure(70.0, 400, 0, 2)
    # a value without a sample size counts once and is flagged
    flagged = weighted([Measure(10.0, 0, unsized=1), Measure(20.0, 3)])
    assert flagged.value == pytest.approx((10 + 60) / 4) and flagged.unsized == 1
    assert weighted([None]) is None


def test_distribution_wins_over_the_entered_value_and_gives_the_sample_size():
    metrics = Metrics(nps=50, sample_size=999, nps_answers=[1] + [0] * 9 + [3])
    measures = card_metrics(metrics)
    assert measures.nps == Measure(50.0, 4)  # (3 − 1)/4 = 50 %, n from the answers


def test_entered_values_are_checked_against_the_convention():
    with pytest.raises(ValueError, match="CES 60 is outside 1 … 7"):
        card_metrics(Metrics(ces=60))
    agree = AnalysisSettings(ces=CesConvention.AGREE_PERCENT)
    assert card_metrics(Metrics(ces=60, sample_size=10), agree).ces == Measure(60.0, 10)
    with pytest.raises(ValueError, match="CSAT 70 is outside 1 … 5"):
        card_metrics(Metrics(csat=70), AnalysisSettings(csat=CsatConvention.MEAN))


def _journey():
    stages = [
        Stage(id="a", name="认知", steps=[Step(id="a1", name="看广告"), Step(id="a2", name="问朋友")]),
        Stage(id="b", name="开户", steps=[Step(id="b1", name="排队"), Step(id="b2", name="签字")]),
    ]
    lanes = [Lane(id="tp", kind=LaneKind.TOUCHPOINTS)]
    cards = [
        # step a1: NPS +20 from 20 answers, and an entered NPS of −10 with n = 80
        make_card("touchpoint", id="c1", lane="tp", step="a1", title="海报",
                  metrics=Metrics(nps_answers=[2, 0, 0, 1, 0, 0, 3, 2, 2, 4, 6])),
        make_card("touchpoint", id="c2", lane="tp", step="a1", title="朋友圈",
                  metrics=Metrics(nps=-10, sample_size=80)),
        # step b1: CSAT 70 % of 20, CES mean 5.05 of 20
        make_card("touchpoint", id="c3", lane="tp", step="b1", title="取号机",
                  metrics=Metrics(csat_answers=[1, 2, 3, 8, 6], ces_answers=[1, 1, 2, 2, 4, 6, 4])),
        # step b2: CSAT 40 % of 60, and a CES that does not fit the convention
        make_card("touchpoint", id="c4", lane="tp", step="b2", title="柜台",
                  metrics=Metrics(csat=40, sample_size=60)),
        make_card("touchpoint", id="c5", lane="tp", step="b2", title="签字板", metrics=Metrics(ces=55)),
    ]
    return MapDocument(stages=stages, lanes=lanes, cards=cards)


def test_per_step_stage_and_map_weighted_by_sample_size():
    result = map_metrics(_journey())
    steps = {step.id: s for _, step, s in result.steps}
    # a1: (20·20 + (−10)·80) / 100 = −4
    assert steps["a1"].nps.value == pytest.approx(-4.0) and steps["a1"].nps.samples == 100
    assert steps["a2"].empty
    stages = {stage.id: s for stage, s in result.stages}
    assert stages["a"].nps.value == pytest.approx(-4.0)
    # stage b CSAT: (70·20 + 40·60) / 80 = 47.5
    assert stages["b"].csat.value == pytest.approx(47.5) and stages["b"].csat.samples == 80
    assert stages["b"].ces.value == pytest.approx(5.05)  # the bad CES is left out
    assert result.total.csat.value == pytest.approx(47.5)
    assert result.total.nps.samples == 100
    assert [(p.card_id, "CES 55" in p.reason) for p in result.problems] == [("c5", True)]


def _persona(points):
    return Persona(id="p", name="王阿姨", as_is=[EmotionPoint(step=s, score=v, reason=r) for s, v, r in points])


def test_happiness_share_and_moments_of_pain():
    doc = _journey()
    persona = _persona([("a1", 1, ""), ("a2", -1, "朋友说很麻烦"), ("b1", -2, "排队 40 分钟"), ("b2", 2, "")])
    doc.personas.append(persona)
    mood = persona_mood(doc, persona)
    assert mood.scored_steps == 4 and mood.positive_steps == 2
    assert mood.happiness == 0.5
    assert [(m.step.id, m.score, m.reason) for m in mood.moments_of_pain] == [("b1", -2, "排队 40 分钟")]


def test_moments_of_pain_several_lows_lowest_first_and_neutral_excluded():
    doc = _journey()
    doc.scale = EmotionScale(min=1, max=5)  # neutral 3
    persona = _persona([("a1", 2, ""), ("a2", 4, ""), ("b1", 1, "等太久"), ("b2", 3, "")])
    doc.personas.append(persona)
    mood = persona_mood(doc, persona)
    assert mood.happiness == pytest.approx(1 / 4)  # only 4 is above 3; 3 itself is neutral
    assert [(m.step.id, m.score) for m in mood.moments_of_pain] == [("b1", 1), ("a1", 2)]


def test_every_step_of_a_low_plateau_is_listed_and_points_on_missing_steps_are_ignored():
    doc = _journey()
    persona = _persona([("a1", -1, ""), ("a2", -1, ""), ("b1", 0, ""), ("gone", -2, "")])
    doc.personas.append(persona)
    mood = persona_mood(doc, persona)
    assert mood.scored_steps == 3
    assert [m.step.id for m in mood.moments_of_pain] == ["a1", "a2"]


def test_a_low_plateau_is_not_crowded_out_by_a_milder_low():
    doc = _journey()
    persona = _persona([("a1", -1, "朋友说麻烦"), ("a2", 0, ""), ("b1", -2, "排队"), ("b2", -2, "再排队")])
    doc.personas.append(persona)
    mood = persona_mood(doc, persona, limit=2)
    # Counting the run once would give [b1, a1]: the second -2 pushed out by a -1.
    assert [(m.step.id, m.score) for m in mood.moments_of_pain] == [("b1", -2), ("b2", -2)]


def test_moods_cover_to_be_curves_and_empty_personas():
    doc = _journey()
    doc.personas.append(Persona(id="x", name="学生", to_be=[EmotionPoint(step="a1", score=2)]))
    moods = persona_moods(doc)
    assert [(m.curve.value, m.happiness) for m in moods] == [("as_is", None), ("to_be", 1.0)]
