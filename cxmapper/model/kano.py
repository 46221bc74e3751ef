"""Kano analysis: answers → categories → coefficients, for one feature or a whole map.

This module owns the maths of the Kano method as given in
``shared/reference/kano-and-metrics.md`` and ``docs/KANO.md``: the evaluation tables
(standard and Pouliot's), answer parsing (words in English and Chinese, codes 1–5),
the A/O/M/I/R/Q tally, the category rules (plain mode, and A+O+M against I+R+Q),
category and total strength (Lee & Newcomb 1997), the Fong (1996) test, Better and
Worse (Timko), and DuMouchel's continuous scores. Plain Python: no Qt, no matplotlib.

``apply_analysis`` computes categories for a document's cards and returns the changes
as plain data (old card, new card); it never mutates the document. ``analysis_edit``
turns them into one editor ``Batch`` (one undo step in the window); the command line
builds a new document with ``replace_cards``.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cxmapper.model.document import (
    KANO_ANSWER_ORDER,
    KANO_KINDS,
    AnalysisSettings,
    KanoAnswer,
    KanoCategory,
    KanoResponse,
    KanoRule,
    KanoSurvey,
    KanoTable,
    MapDocument,
    OpportunityCard,
    PainPointCard,
)
from cxmapper.model.editor import Batch, UpdateCard

A, O, M, I, R, Q = (
    KanoCategory.ATTRACTIVE,
    KanoCategory.ONE_DIMENSIONAL,
    KanoCategory.MUST_BE,
    KanoCategory.INDIFFERENT,
    KanoCategory.REVERSE,
    KanoCategory.QUESTIONABLE,
)

#: The order in which counts are reported (the usual A O M I R Q).
CATEGORY_ORDER: tuple[KanoCategory, ...] = (A, O, M, I, R, Q)

#: Tie-breaking for the plain mode: Matzler et al. 1996 give M > O > A > I; reverse
#: and questionable come last (a tie with them says the data need a second look).
MODE_TIE_ORDER: tuple[KanoCategory, ...] = (M, O, A, I, R, Q)

# Rows: functional answer; columns: dysfunctional answer (Like, Must-be, Neutral,
# Live-with, Dislike). Berger et al. 1993, Center for Quality Management Journal 2(4).
_STANDARD_ROWS = "QAAAO RIIIM RIIIM RIIIM RRRRQ"
# Pouliot's modification (given in Berger et al. 1993): Must-be/Must-be and
# Live-with/Live-with are questionable instead of indifferent.
_POULIOT_ROWS = "QAAAO RQIIM RIIIM RIIQM RRRRQ"


def _table(rows: str) -> dict[tuple[KanoAnswer, KanoAnswer], KanoCategory]:
    table = {}
    for functional, row in zip(KANO_ANSWER_ORDER, rows.split(), strict=True):
        for dysfunctional, code in zip(KANO_ANSWER_ORDER, row, strict=True):
            table[functional, dysfunctional] = KanoCategory.from_code(code)
    return table


EVALUATION_TABLES: dict[KanoTable, dict[tuple[KanoAnswer, KanoAnswer], KanoCategory]] = {
    KanoTable.STANDARD: _table(_STANDARD_ROWS),
    KanoTable.POULIOT: _table(_POULIOT_ROWS),
}

TABLE_NAMES = {
    KanoTable.STANDARD: "standard evaluation table (Berger et al. 1993)",
    KanoTable.POULIOT: "Pouliot's modified evaluation table (in Berger et al. 1993)",
}
RULE_NAMES = {
    KanoRule.MODE: "most frequent category, ties M > O > A > I",
    KanoRule.AOM: "A+O+M against I+R+Q, then the largest of that side",
}

#: DuMouchel's scores (in Berger et al. 1993): functional and dysfunctional answers.
FUNCTIONAL_SCORE = {
    KanoAnswer.LIKE: 4.0,
    KanoAnswer.MUST_BE: 2.0,
    KanoAnswer.NEUTRAL: 0.0,
    KanoAnswer.LIVE_WITH: -1.0,
    KanoAnswer.DISLIKE: -2.0,
}
DYSFUNCTIONAL_SCORE = {
    KanoAnswer.LIKE: -2.0,
    KanoAnswer.MUST_BE: -1.0,
    KanoAnswer.NEUTRAL: 0.0,
    KanoAnswer.LIVE_WITH: 2.0,
    KanoAnswer.DISLIKE: 4.0,
}


def evaluate(
    functional: KanoAnswer, dysfunctional: KanoAnswer, table: KanoTable = KanoTable.STANDARD
) -> KanoCategory:
    """The category of one answer pair under the given evaluation table."""
    return EVALUATION_TABLES[KanoTable(table)][KanoAnswer(functional), KanoAnswer(dysfunctional)]


# --- answer parsing ------------------------------------------------------------------

# Keys are normalised (see _normalise): NFKC, case-folded, without spaces or
# punctuation, so "I like it", "i LIKE it!" and "ilikeit" are one key. Exact matches
# only: "不喜欢" contains "喜欢", so a substring search would misread it.
_WORDINGS: dict[KanoAnswer, tuple[str, ...]] = {
    KanoAnswer.LIKE: (
        "like", "l", "ilike", "ilikeit", "likeit", "ilikeitthatway", "iwouldlikeit",
        "delighted", "itwouldbeveryhelpfultome", "veryhelpful", "thiswouldbeveryhelpfultome",
        "喜欢", "我喜欢", "很喜欢", "非常喜欢", "喜欢这样", "我很喜欢", "满意", "非常满意", "很满意",
    ),
    KanoAnswer.MUST_BE: (
        "mustbe", "m", "expect", "iexpect", "iexpectit", "expectit", "itmustbethatway",
        "itmustbe", "mustbethatway", "musthave", "basic", "itsabasicrequirement",
        "thisisabasicrequirementforme", "basicrequirement", "itshouldbethatway", "takenforgranted",
        "理所当然", "应该的", "应该", "应该这样", "本应如此", "必须的", "必须", "必须这样",
        "必备", "理应如此", "当然", "应当的", "必需",
    ),
    KanoAnswer.NEUTRAL: (
        "neutral", "n", "iamneutral", "imneutral", "idontcare", "indifferent",
        "noopinion", "itdoesntmatter", "doesntmatter", "nofeeling", "thiswouldnotaffectme",
        "wouldnotaffectme", "无所谓", "中立", "一般", "没感觉", "没有感觉", "都行", "都可以",
        "不在乎", "无感", "无差别", "中性",
    ),
    KanoAnswer.LIVE_WITH: (
        "livewith", "lw", "icanlivewithit", "canlivewithit", "icanlivewithitthatway",
        "livewithit", "tolerate", "icantolerateit", "cantolerateit", "tolerable", "acceptable",
        "thiswouldbeaminorinconvenience", "minorinconvenience",
        "能忍受", "可以忍受", "能容忍", "可以容忍", "勉强接受", "能接受", "可以接受", "忍受",
        "还能忍受", "勉强可以", "凑合",
    ),
    KanoAnswer.DISLIKE: (
        "dislike", "d", "idislike", "idislikeit", "dislikeit", "idislikeitthatway",
        "idontlikeit", "dontlikeit", "idonotlikeit", "hate", "thiswouldbeamajorproblemforme",
        "majorproblem", "不喜欢", "很不喜欢", "非常不喜欢", "讨厌", "不满意", "很不满意",
        "我不喜欢", "不能接受", "无法接受", "不能忍受", "无法忍受",
    ),
}
_ANSWER_BY_WORD: dict[str, KanoAnswer] = {
    word: answer for answer, words in _WORDINGS.items() for word in words
}
for _code, _answer in enumerate(KANO_ANSWER_ORDER, start=1):
    _ANSWER_BY_WORD[str(_code)] = _answer
    _ANSWER_BY_WORD[_answer.value.replace("_", "")] = _answer


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'")
    # Excel exports codes as floats ("3.0"): keep the integer part.
    if re.fullmatch(r"\s*[1-5]\.0*\s*", text):
        return text.strip().split(".")[0]
    return "".join(ch for ch in text if ch.isalnum())


@functools.lru_cache(maxsize=4096)
def _answer_for_text(text: str) -> KanoAnswer | None:
    # An answers file repeats a handful of wordings thousands of times: normalise once.
    return _ANSWER_BY_WORD.get(_normalise(text))


def parse_answer(value: object) -> KanoAnswer:
    """A questionnaire answer from a word, a Chinese wording or a code 1–5.

    Raises ``ValueError`` naming the text when it is not one of the known wordings.
    """
    if isinstance(value, KanoAnswer):
        return value
    if isinstance(value, bool):  # bool is an int: refuse before the int branch
        raise ValueError(f"unreadable Kano answer {value!r}")
    if isinstance(value, (int, float)) and float(value).is_integer():
        value = str(int(value))
    text = "" if value is None else str(value)
    answer = _answer_for_text(text)
    if answer is None:
        shown = text.strip() or "(empty)"
        raise ValueError(
            f"unreadable Kano answer {shown!r}: expected like / must-be / neutral / "
            "live-with / dislike, 喜欢 / 理所当然 / 无所谓 / 能忍受 / 不喜欢, or a code 1–5"
        )
    return answer


# --- counting and categories -------------------------------------------------------------


@dataclass(frozen=True)
class KanoCounts:
    """How many respondents' answer pairs fell into each category."""

    a: int = 0
    o: int = 0
    m: int = 0
    i: int = 0
    r: int = 0
    q: int = 0

    @property
    def n(self) -> int:
        return self.a + self.o + self.m + self.i + self.r + self.q

    def of(self, category: KanoCategory) -> int:
        return getattr(self, category.code.lower())

    def as_dict(self) -> dict[KanoCategory, int]:
        return {c: self.of(c) for c in CATEGORY_ORDER}

    def percent(self, category: KanoCategory) -> float:
        return 100.0 * self.of(category) / self.n if self.n else 0.0

    @classmethod
    def from_dict(cls, counts: dict[KanoCategory, int]) -> KanoCounts:
        return cls(**{c.code.lower(): int(counts.get(c, 0)) for c in CATEGORY_ORDER})


def survey_pairs(survey: KanoSurvey) -> list[list[int]]:
    """The survey as one 5×5 matrix of answer-pair counts (responses + stored pairs)."""
    index = {answer: k for k, answer in enumerate(KANO_ANSWER_ORDER)}
    pairs = [list(row) for row in survey.pairs] if survey.pairs else [[0] * 5 for _ in range(5)]
    for response in survey.responses:
        pairs[index[response.functional]][index[response.dysfunctional]] += 1
    return pairs


def count_pairs(pairs: Sequence[Sequence[int]], table: KanoTable = KanoTable.STANDARD) -> KanoCounts:
    """Tally a 5×5 answer-pair matrix into A/O/M/I/R/Q under an evaluation table."""
    lookup = EVALUATION_TABLES[KanoTable(table)]
    tally = dict.fromkeys(CATEGORY_ORDER, 0)
    for f, row in zip(KANO_ANSWER_ORDER, pairs, strict=True):
        for d, count in zip(KANO_ANSWER_ORDER, row, strict=True):
            if count:
                tally[lookup[f, d]] += count
    return KanoCounts.from_dict(tally)


def count_responses(
    responses: Iterable[KanoResponse], table: KanoTable = KanoTable.STANDARD
) -> KanoCounts:
    return count_pairs(survey_pairs(KanoSurvey(responses=list(responses))), table)


def _largest(counts: KanoCounts, candidates: Sequence[KanoCategory]) -> KanoCategory:
    # max() keeps the first of equal keys, so the candidates' order is the tie-break.
    return max(candidates, key=counts.of)


def categorize(counts: KanoCounts, rule: KanoRule = KanoRule.MODE) -> KanoCategory | None:
    """The feature's category under the rule; None when nobody answered.

    ``mode``: the most frequent category, ties M > O > A > I (then R, Q).
    ``aom``: if A+O+M > I+R+Q the largest of M, O, A (ties in that order), otherwise
    the largest of I, R, Q (ties in that order); an even split goes to I/R/Q.
    """
    if counts.n == 0:
        return None
    if KanoRule(rule) is KanoRule.MODE:
        return _largest(counts, MODE_TIE_ORDER)
    if counts.a + counts.o + counts.m > counts.i + counts.r + counts.q:
        return _largest(counts, (M, O, A))
    return _largest(counts, (I, R, Q))


def category_strength(counts: KanoCounts) -> float:
    """% of the most frequent category minus % of the second (Lee & Newcomb 1997)."""
    if counts.n == 0:
        return 0.0
    top, second = sorted(counts.as_dict().values(), reverse=True)[:2]
    return 100.0 * (top - second) / counts.n


def total_strength(counts: KanoCounts) -> float:
    """% A + % O + % M (Lee & Newcomb 1997): how many care either way."""
    return 100.0 * (counts.a + counts.o + counts.m) / counts.n if counts.n else 0.0


@dataclass(frozen=True)
class FongTest:
    """Fong (1996): do the two most frequent categories differ significantly?"""

    first: KanoCategory
    second: KanoCategory
    difference: int  # |m1 - m2|
    threshold: float  # 1.65 · sqrt((m1 + m2)(2n − m1 − m2) / (2n))

    @property
    def significant(self) -> bool:
        return self.difference >= self.threshold


def fong_test(counts: KanoCounts) -> FongTest | None:
    """The Fong test on the top two categories (ties ordered as in the mode rule)."""
    if counts.n == 0:
        return None
    ranked = sorted(MODE_TIE_ORDER, key=counts.of, reverse=True)  # stable: keeps tie order
    first, second = ranked[:2]
    m1, m2, n = counts.of(first), counts.of(second), counts.n
    threshold = 1.65 * math.sqrt((m1 + m2) * (2 * n - m1 - m2) / (2 * n))
    return FongTest(first, second, abs(m1 - m2), threshold)


def better_worse(counts: KanoCounts) -> tuple[float | None, float | None]:
    """Timko's coefficients: Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I).

    None, None when no answer fell into A, O, M or I (R and Q are left out).
    """
    base = counts.a + counts.o + counts.m + counts.i
    if base == 0:
        return None, None
    better = (counts.a + counts.o) / base
    worse = -(counts.o + counts.m) / base
    return better, (worse if worse != 0 else 0.0)  # no "-0.0" in reports


@dataclass(frozen=True)
class ContinuousScores:
    """DuMouchel's continuous analysis of one feature (in Berger et al. 1993)."""

    functional: float  # mean functional score, −2 … 4
    dysfunctional: float  # mean dysfunctional score, −2 … 4
    n: int
    importance: float | None = None  # mean self-stated importance of those who gave one
    weighted_functional: float | None = None  # weighted by each respondent's importance
    weighted_dysfunctional: float | None = None


def continuous_scores(survey: KanoSurvey, pairs: Sequence[Sequence[int]] | None = None) -> ContinuousScores | None:
    """Mean functional and dysfunctional scores; importance-weighted when given.

    Every answer counts, questionable ones included, as in Berger et al. The weighted
    means use only the respondents who stated an importance (weight = importance);
    the plain means use everyone. ``pairs``: ``survey_pairs(survey)`` when the caller
    already has it.
    """
    pairs = survey_pairs(survey) if pairs is None else pairs
    n = sum(map(sum, pairs))
    if n == 0:
        return None
    f_total = d_total = 0.0
    for f, row in zip(KANO_ANSWER_ORDER, pairs):
        for d, count in zip(KANO_ANSWER_ORDER, row):
            f_total += count * FUNCTIONAL_SCORE[f]
            d_total += count * DYSFUNCTIONAL_SCORE[d]
    weighted = [r for r in survey.responses if r.importance is not None]
    weight = sum(r.importance for r in weighted)
    importance = weighted_f = weighted_d = None
    if weighted:
        importance = weight / len(weighted)
    if weight > 0:
        weighted_f = sum(r.importance * FUNCTIONAL_SCORE[r.functional] for r in weighted) / weight
        weighted_d = sum(r.importance * DYSFUNCTIONAL_SCORE[r.dysfunctional] for r in weighted) / weight
    return ContinuousScores(f_total / n, d_total / n, n, importance, weighted_f, weighted_d)


# --- one feature, whole map ------------------------------------------------------------


@dataclass(frozen=True)
class FeatureAnalysis:
    """Everything the method says about one feature, with the method used."""

    counts: KanoCounts
    category: KanoCategory | None
    category_strength: float  # percentage points
    total_strength: float  # percent
    fong: FongTest | None
    better: float | None
    worse: float | None
    continuous: ContinuousScores | None
    table: KanoTable
    rule: KanoRule


def analyse_counts(
    counts: KanoCounts,
    rule: KanoRule = KanoRule.MODE,
    table: KanoTable = KanoTable.STANDARD,
    continuous: ContinuousScores | None = None,
) -> FeatureAnalysis:
    """The analysis from an A/O/M/I/R/Q tally (e.g. a published table of counts)."""
    better, worse = better_worse(counts)
    return FeatureAnalysis(
        counts=counts,
        category=categorize(counts, rule),
        category_strength=category_strength(counts),
        total_strength=total_strength(counts),
        fong=fong_test(counts),
        better=better,
        worse=worse,
        continuous=continuous,
        table=KanoTable(table),
        rule=KanoRule(rule),
    )


def analyse_survey(
    survey: KanoSurvey, table: KanoTable = KanoTable.STANDARD, rule: KanoRule = KanoRule.MODE
) -> FeatureAnalysis:
    """The full analysis of one feature's answers."""
    pairs = survey_pairs(survey)
    return analyse_counts(count_pairs(pairs, table), rule, table, continuous_scores(survey, pairs))


KanoCard = PainPointCard | OpportunityCard


@dataclass(frozen=True)
class CardAnalysis:
    card: KanoCard
    analysis: FeatureAnalysis


#: What ``analyse_document`` keeps between calls: card id -> (survey, table, rule, analysis).
AnalysisCache = dict[str, tuple[KanoSurvey, KanoTable, KanoRule, FeatureAnalysis]]


def analyse_document(
    doc: MapDocument, settings: AnalysisSettings | None = None, cache: AnalysisCache | None = None
) -> list[CardAnalysis]:
    """Analyse every pain point/opportunity with survey answers, in map order.

    With ``cache`` (a dict the caller keeps), a card whose survey object, table and
    rule are those of the last call keeps its analysis (surveys are immutable, and an
    edit replaces them): a panel that follows every edit of a map with hundreds of
    surveyed features analyses only what changed (all of them took ~40 ms at 5,000
    cards, on every new pain point). The cache is left holding the current cards only.
    """
    settings = settings or doc.analysis
    table, rule = settings.kano_table, settings.kano_rule
    out: list[CardAnalysis] = []
    kept: AnalysisCache = {}
    for card in doc.cards:
        survey = card.kano_survey if card.kind in KANO_KINDS else None
        if survey is None:
            continue
        old = cache.get(card.id) if cache is not None else None
        if old is not None and old[0] is survey and old[1] is table and old[2] is rule:
            analysis = old[3]
        else:
            analysis = analyse_survey(survey, table, rule)
        kept[card.id] = (survey, table, rule, analysis)
        out.append(CardAnalysis(card, analysis))
    if cache is not None:
        cache.clear()
        cache.update(kept)
    return out


@dataclass(frozen=True)
class KanoChange:
    """One card whose category the analysis sets: replace ``before`` by ``after``."""

    before: KanoCard
    after: KanoCard
    analysis: FeatureAnalysis

    @property
    def card_id(self) -> str:
        return self.before.id

    def operation(self) -> UpdateCard:
        """The editor operation that makes this change (undoable)."""
        return UpdateCard(self.card_id, {"kano": self.after.kano, "kano_computed": True})


def analysis_edit(changes: Sequence[KanoChange], label: str = "Compute Kano categories") -> Batch:
    """All the changes as one editor ``Batch``: one undo step in the window."""
    return Batch(tuple(change.operation() for change in changes), label=label)


def apply_analysis(
    doc: MapDocument, settings: AnalysisSettings | None = None, *, override_manual: bool = False
) -> list[KanoChange]:
    """The cards whose computed category differs from what they carry now.

    A category set by hand (``kano`` set and ``kano_computed`` false) is kept unless
    ``override_manual``. A card whose survey has no answers is left alone. The
    document is not changed: the caller replaces ``before`` by ``after`` (one undo
    step in the window, ``replace_cards`` on the command line).
    """
    changes = []
    for item in analyse_document(doc, settings):
        card, category = item.card, item.analysis.category
        if category is None:
            continue
        if card.kano is not None and not card.kano_computed and not override_manual:
            continue
        if card.kano == category and card.kano_computed:
            continue
        after = card.model_copy(update={"kano": category, "kano_computed": True})
        changes.append(KanoChange(card, after, item.analysis))
    return changes


def replace_cards(doc: MapDocument, replacements: Iterable[KanoCard]) -> MapDocument:
    """A new document with the cards of the same ids replaced (order kept).

    For the command line, which has no undo stack; the window goes through the editor.
    """
    by_id = {card.id: card for card in replacements}
    cards = [by_id.get(card.id, card) for card in doc.cards]
    return doc.model_copy(update={"cards": cards})
