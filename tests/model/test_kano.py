"""Kano maths: evaluation tables, parsing, counts, rules, coefficients, applying to a map."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxmapper.model.document import (
    AnalysisSettings,
    KanoAnswer,
    KanoCategory,
    KanoResponse,
    KanoRule,
    KanoSurvey,
    KanoTable,
    MapDocument,
    make_card,
)
from cxmapper.model.kano import (
    KanoCounts,
    analyse_counts,
    analyse_survey,
    apply_analysis,
    better_worse,
    categorize,
    category_strength,
    continuous_scores,
    count_pairs,
    evaluate,
    fong_test,
    parse_answer,
    replace_cards,
    total_strength,
)

L, MB, N, LW, D = (
    KanoAnswer.LIKE,
    KanoAnswer.MUST_BE,
    KanoAnswer.NEUTRAL,
    KanoAnswer.LIVE_WITH,
    KanoAnswer.DISLIKE,
)
ANSWERS = [L, MB, N, LW, D]

# Written out by hand from the reference file (Berger et al. 1993), not from the code.
STANDARD = [
    # dysfunctional: Like Must-be Neutral Live-with Dislike
    ["Q", "A", "A", "A", "O"],  # functional Like
    ["R", "I", "I", "I", "M"],  # functional Must-be
    ["R", "I", "I", "I", "M"],  # functional Neutral
    ["R", "I", "I", "I", "M"],  # functional Live-with
    ["R", "R", "R", "R", "Q"],  # functional Dislike
]
POULIOT = [
    ["Q", "A", "A", "A", "O"],
    ["R", "Q", "I", "I", "M"],  # Must-be/Must-be is questionable
    ["R", "I", "I", "I", "M"],
    ["R", "I", "I", "Q", "M"],  # Live-with/Live-with is questionable
    ["R", "R", "R", "R", "Q"],
]


@pytest.mark.parametrize("table, expected", [(KanoTable.STANDARD, STANDARD), (KanoTable.POULIOT, POULIOT)])
@pytest.mark.parametrize("row", range(5))
@pytest.mark.parametrize("column", range(5))
def test_every_cell_of_both_evaluation_tables(table, expected, row, column):
    got = evaluate(ANSWERS[row], ANSWERS[column], table)
    assert got.code == expected[row][column]


def test_the_two_tables_differ_in_exactly_two_cells():
    differ = [
        (f, d) for f in ANSWERS for d in ANSWERS
        if evaluate(f, d, KanoTable.STANDARD) != evaluate(f, d, KanoTable.POULIOT)
    ]
    assert differ == [(MB, MB), (LW, LW)]


# --- parsing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, answer",
    [
        ("like", L), ("I like it", L), ("I LIKE IT!", L), ("喜欢", L), ("我喜欢", L), (1, L), ("1", L),
        ("must-be", MB), ("Must be", MB), ("I expect it", MB), ("理所当然", MB), ("应该的", MB),
        ("必须的", MB), ("2.0", MB), (2.0, MB),
        ("neutral", N), ("I am neutral", N), ("I don't care", N), ("无所谓", N), ("3", N),
        ("live-with", LW), ("I can live with it", LW), ("I can tolerate it", LW), ("能忍受", LW),
        ("可以忍受", LW), ("4", LW),
        ("dislike", D), ("I dislike it", D), ("I don’t like it", D), ("不喜欢", D), ("讨厌", D), (5, D),
        ("  ＬＩＫＥ  ", L),  # full-width letters from a Chinese input method
    ],
)
def test_answers_in_words_chinese_and_codes(text, answer):
    assert parse_answer(text) is answer


@pytest.mark.parametrize("text", ["", "maybe", "6", "0", "喜", "好的", True, 2.5])
def test_unreadable_answers_are_refused_with_the_text(text):
    with pytest.raises(ValueError, match="unreadable Kano answer"):
        parse_answer(text)


# --- counts and rules --------------------------------------------------------------------


def _counts(a=0, o=0, m=0, i=0, r=0, q=0):
    return KanoCounts(a=a, o=o, m=m, i=i, r=r, q=q)


def test_counting_pairs_under_each_table():
    pairs = [[0] * 5 for _ in range(5)]
    pairs[0][4] = 7  # like / dislike: O
    pairs[1][1] = 3  # must-be / must-be: I standard, Q Pouliot
    pairs[3][3] = 2  # live-with / live-with: I standard, Q Pouliot
    pairs[1][4] = 4  # must-be / dislike: M
    assert count_pairs(pairs, KanoTable.STANDARD) == _counts(o=7, m=4, i=5)
    assert count_pairs(pairs, KanoTable.POULIOT) == _counts(o=7, m=4, q=5)


@pytest.mark.parametrize(
    "counts, expected",
    [
        (_counts(a=5, o=5, m=5, i=5), KanoCategory.MUST_BE),  # all tie: M first
        (_counts(a=5, o=5, m=1, i=5), KanoCategory.ONE_DIMENSIONAL),  # O before A and I
        (_counts(a=5, o=1, m=1, i=5), KanoCategory.ATTRACTIVE),  # A before I
        (_counts(a=1, i=4, r=4, q=4), KanoCategory.INDIFFERENT),  # I before R, Q
        (_counts(r=3, q=3), KanoCategory.REVERSE),
        (_counts(a=6, o=5, m=5, i=5), KanoCategory.ATTRACTIVE),  # no tie: the mode
    ],
)
def test_mode_rule_breaks_ties_m_o_a_i(counts, expected):
    assert categorize(counts, KanoRule.MODE) is expected


def test_no_answers_no_category():
    assert categorize(_counts(), KanoRule.MODE) is None
    assert categorize(_counts(), KanoRule.AOM) is None


@pytest.mark.parametrize(
    "counts, mode, aom",
    [
        # A+O+M = 7 > I+R+Q = 5: the largest of M, O, A, though I is the mode
        (_counts(a=4, o=3, i=5), KanoCategory.INDIFFERENT, KanoCategory.ATTRACTIVE),
        # A+O+M = 6 == I+R+Q = 6: the I/R/Q side wins an even split
        (_counts(m=6, i=2, r=2, q=2), KanoCategory.MUST_BE, KanoCategory.INDIFFERENT),
        # A+O+M = 9 < 10: the largest of I, R, Q even though M is the single largest
        (_counts(m=9, i=4, r=4, q=2), KanoCategory.MUST_BE, KanoCategory.INDIFFERENT),
        # ties within the A/O/M side: M, then O, then A
        (_counts(a=3, o=3, m=3, i=8), KanoCategory.INDIFFERENT, KanoCategory.MUST_BE),
        (_counts(a=4, o=4, m=1, i=8), KanoCategory.INDIFFERENT, KanoCategory.ONE_DIMENSIONAL),
        # ties within the I/R/Q side: I, then R, then Q
        (_counts(a=1, r=3, q=3), KanoCategory.REVERSE, KanoCategory.REVERSE),
        (_counts(a=1, i=2, r=2, q=2), KanoCategory.INDIFFERENT, KanoCategory.INDIFFERENT),
    ],
)
def test_aom_rule_against_mode(counts, mode, aom):
    assert categorize(counts, KanoRule.MODE) is mode
    assert categorize(counts, KanoRule.AOM) is aom


def test_better_worse_by_hand():
    # A 10, O 20, M 15, I 5 (R 3, Q 2 left out): base 50
    better, worse = better_worse(_counts(a=10, o=20, m=15, i=5, r=3, q=2))
    assert better == pytest.approx(30 / 50) == pytest.approx(0.6)
    assert worse == pytest.approx(-35 / 50) == pytest.approx(-0.7)
    assert better_worse(_counts(r=4, q=1)) == (None, None)
    # all attractive: Worse is exactly 0, never -0.0
    better, worse = better_worse(_counts(a=3))
    assert (better, worse) == (1.0, 0.0) and math.copysign(1, worse) == 1


def test_strengths_by_hand():
    counts = _counts(a=10, o=20, m=15, i=5, r=3, q=2)  # n = 55
    assert category_strength(counts) == pytest.approx(100 * (20 - 15) / 55)  # 9.09
    assert total_strength(counts) == pytest.approx(100 * 45 / 55)  # 81.8


def test_fong_not_significant_by_hand():
    # m1 = 20 (O), m2 = 15 (M), n = 55:
    # 1.65 · sqrt(35 · (110 − 35) / 110) = 1.65 · sqrt(23.8636) = 1.65 · 4.8850 = 8.060
    fong = fong_test(_counts(a=10, o=20, m=15, i=5, r=3, q=2))
    assert (fong.first, fong.second) == (KanoCategory.ONE_DIMENSIONAL, KanoCategory.MUST_BE)
    assert fong.difference == 5
    assert fong.threshold == pytest.approx(8.060, abs=1e-3)
    assert not fong.significant


def test_fong_significant_by_hand():
    # m1 = 30 (A), m2 = 10 (I), n = 50: 1.65 · sqrt(40 · 60 / 100) = 1.65 · 4.8990 = 8.083
    fong = fong_test(_counts(a=30, i=10, o=6, m=4))
    assert fong.threshold == pytest.approx(8.083, abs=1e-3)
    assert fong.difference == 20 and fong.significant


def test_fong_on_a_tie_uses_the_tie_order():
    fong = fong_test(_counts(a=5, o=5, m=5))
    assert (fong.first, fong.second) == (KanoCategory.MUST_BE, KanoCategory.ONE_DIMENSIONAL)
    assert fong.difference == 0 and not fong.significant


def test_continuous_scores_plain_and_importance_weighted():
    survey = KanoSurvey(
        responses=[
            KanoResponse(functional=L, dysfunctional=D, importance=1),  # f 4, d 4
            KanoResponse(functional=L, dysfunctional=N, importance=1),  # f 4, d 0
            KanoResponse(functional=MB, dysfunctional=D, importance=2),  # f 2, d 4
            KanoResponse(functional=LW, dysfunctional=L),  # f -1, d -2, no importance
        ]
    )
    scores = continuous_scores(survey)
    assert scores.n == 4
    assert scores.functional == pytest.approx((4 + 4 + 2 - 1) / 4)
    assert scores.dysfunctional == pytest.approx((4 + 0 + 4 - 2) / 4)
    assert scores.importance == pytest.approx(4 / 3)
    # weights 1, 1, 2 over the three who gave an importance
    assert scores.weighted_functional == pytest.approx((4 + 4 + 2 * 2) / 4)
    assert scores.weighted_dysfunctional == pytest.approx((4 + 0 + 2 * 4) / 4)


def test_continuous_scores_from_pairs_only_have_no_weights():
    pairs = [[0] * 5 for _ in range(5)]
    pairs[0][4] = 2  # like/dislike: f 4, d 4
    pairs[2][2] = 2  # neutral/neutral: f 0, d 0
    scores = continuous_scores(KanoSurvey(pairs=pairs))
    assert (scores.functional, scores.dysfunctional, scores.importance) == (2.0, 2.0, None)
    assert scores.weighted_functional is None


def test_analyse_survey_combines_responses_and_pairs_and_records_the_method():
    pairs = [[0] * 5 for _ in range(5)]
    pairs[1][1] = 4  # must-be/must-be
    survey = KanoSurvey(
        responses=[KanoResponse(functional=L, dysfunctional=D) for _ in range(3)], pairs=pairs
    )
    standard = analyse_survey(survey, KanoTable.STANDARD, KanoRule.MODE)
    pouliot = analyse_survey(survey, KanoTable.POULIOT, KanoRule.MODE)
    assert standard.counts == _counts(o=3, i=4) and standard.category is KanoCategory.INDIFFERENT
    assert pouliot.counts == _counts(o=3, q=4) and pouliot.category is KanoCategory.QUESTIONABLE
    assert (pouliot.table, pouliot.rule) == (KanoTable.POULIOT, KanoRule.MODE)


# --- applying to a document ------------------------------------------------------------------


def _map_with_surveys():
    survey_m = KanoSurvey(responses=[KanoResponse(functional=MB, dysfunctional=D)] * 3)
    survey_a = KanoSurvey(responses=[KanoResponse(functional=L, dysfunctional=N)] * 2)
    cards = [
        make_card("pain_point", id="p1", lane="pain", step="s1", title="排队太久", kano_survey=survey_m),
        make_card(
            "pain_point", id="p2", lane="pain", step="s1", title="手机银行闪退",
            kano=KanoCategory.INDIFFERENT, kano_survey=survey_m,
        ),  # set by hand
        make_card("opportunity", id="o1", lane="opp", step="s1", title="视频面签", kano_survey=survey_a),
        make_card("pain_point", id="p3", lane="pain", step="s1", title="无问卷"),
        make_card("pain_point", id="p4", lane="pain", step="s1", title="空问卷", kano_survey=KanoSurvey()),
    ]
    return MapDocument(cards=cards)


def test_apply_analysis_sets_computed_categories_and_keeps_hand_set_ones():
    doc = _map_with_surveys()
    before = doc.model_dump()
    changes = apply_analysis(doc)
    assert [(c.card_id, c.after.kano) for c in changes] == [
        ("p1", KanoCategory.MUST_BE),
        ("o1", KanoCategory.ATTRACTIVE),
    ]
    assert all(c.after.kano_computed for c in changes)
    assert doc.model_dump() == before  # the document itself is untouched

    updated = replace_cards(doc, [c.after for c in changes])
    assert [c.id for c in updated.cards] == [c.id for c in doc.cards]
    assert apply_analysis(updated) == []  # nothing left to change


def test_apply_analysis_override_manual_and_settings():
    doc = _map_with_surveys()
    changes = apply_analysis(doc, override_manual=True)
    assert {c.card_id: c.after.kano for c in changes}["p2"] is KanoCategory.MUST_BE
    # a computed category follows a change of method
    computed = replace_cards(doc, [c.after for c in apply_analysis(doc)])
    aom = AnalysisSettings(kano_rule=KanoRule.AOM)
    assert apply_analysis(computed, aom) == []  # same answer under aom for these cards


def test_analyse_counts_from_a_tally():
    result = analyse_counts(_counts(a=2, o=10, m=6, i=2))
    assert result.category is KanoCategory.ONE_DIMENSIONAL
    assert result.better == pytest.approx(0.6) and result.worse == pytest.approx(-0.8)
    assert result.continuous is None


def test_analysis_edit_is_one_undoable_batch():
    from cxmapper.model.editor import Editor
    from cxmapper.model.kano import analysis_edit

    doc = _map_with_surveys()
    before = doc.model_dump()
    editor = Editor(doc)
    inverse = editor.apply(analysis_edit(apply_analysis(doc)))
    assert (editor.card("p1").kano, editor.card("p1").kano_computed) == (KanoCategory.MUST_BE, True)
    assert editor.card("p2").kano is KanoCategory.INDIFFERENT  # set by hand: kept
    editor.apply(inverse)
    assert editor.doc.model_dump() == before


# --- properties over any tally -----------------------------------------------------------------

pair_matrices = st.lists(st.lists(st.integers(0, 40), min_size=5, max_size=5), min_size=5, max_size=5)


@given(pair_matrices, st.sampled_from(list(KanoTable)))
def test_any_tally_keeps_every_answer_and_stays_in_range(pairs, table):
    counts = count_pairs(pairs, table)
    assert counts.n == sum(map(sum, pairs))
    result = analyse_counts(counts)
    if counts.n == 0:
        assert result.category is None and result.fong is None
        return
    assert 0 <= result.category_strength <= 100 and 0 <= result.total_strength <= 100
    assert counts.of(result.category) == max(counts.as_dict().values())  # the mode is a mode
    if result.better is not None:
        assert 0 <= result.better <= 1 and -1 <= result.worse <= 0
    aom = categorize(counts, KanoRule.AOM)
    aom_side = (KanoCategory.ATTRACTIVE, KanoCategory.ONE_DIMENSIONAL, KanoCategory.MUST_BE)
    assert (aom in aom_side) == (counts.a + counts.o + counts.m > counts.i + counts.r + counts.q)
    scores = continuous_scores(KanoSurvey(pairs=pairs))
    assert -2 <= scores.functional <= 4 and -2 <= scores.dysfunctional <= 4


def test_analyse_document_with_a_cache_analyses_only_what_changed():
    from cxmapper.model.kano import analyse_document

    pairs_m = [[0, 0, 0, 0, 2], [0, 0, 0, 0, 6], [0] * 5, [0] * 5, [0] * 5]
    pairs_a = [[0, 0, 5, 0, 0], [0] * 5, [0] * 5, [0] * 5, [0] * 5]
    doc = MapDocument.model_validate({
        "stages": [{"id": "s", "name": "S", "steps": [{"id": "t", "name": "T"}]}],
        "lanes": [{"id": "l", "name": "痛点", "kind": "pain_points"}],
    })
    doc.cards = [
        make_card("pain_point", id=f"p{i}", lane="l", step="t", title=f"{i}",
                  kano_survey=KanoSurvey(pairs=pairs_m if i % 2 else pairs_a))
        for i in range(6)
    ] + [make_card("pain_point", id="plain", lane="l", step="t", title="no answers")]
    cache: dict = {}
    first = analyse_document(doc, cache=cache)
    assert [(c.card.id, c.analysis) for c in first] == [(c.card.id, c.analysis) for c in analyse_document(doc)]
    assert set(cache) == {f"p{i}" for i in range(6)}
    # a retitle keeps the survey object: the same analysis, not made again
    doc.cards[0] = doc.cards[0].model_copy(update={"title": "renamed"})
    second = analyse_document(doc, cache=cache)
    assert all(a.analysis is b.analysis for a, b in zip(first, second))
    # new answers, or another table, are analysed again; a removed card leaves the cache
    doc.cards[1] = doc.cards[1].model_copy(update={"kano_survey": KanoSurvey(pairs=pairs_a)})
    del doc.cards[5]
    third = analyse_document(doc, cache=cache)
    assert third[1].analysis is not second[1].analysis
    assert third[1].analysis == analyse_survey(KanoSurvey(pairs=pairs_a))
    assert set(cache) == {f"p{i}" for i in range(5)}
    other = AnalysisSettings(kano_table=KanoTable.POULIOT)
    fourth = analyse_document(doc, other, cache=cache)
    assert all(a.analysis is not b.analysis for a, b in zip(third, fourth))
    assert [c.analysis for c in fourth] == [c.analysis for c in analyse_document(doc, other)]
