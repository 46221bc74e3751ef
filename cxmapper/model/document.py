"""The .cxmap document: pydantic models for a journey map / service blueprint.

This module owns the *shape* of a map and the rules that a single object can check
by itself (types, ranges, lengths). Rules that need the whole map (an id used twice,
a card in a lane that does not exist) live in ``validation.py``; version checks and
migrations live in ``fileformat.py`` (never in a validator: an error raised inside a
validator comes back wrapped in a ``ValidationError``).

Every object except ``MapDocument`` is frozen. The editor replaces objects instead of
mutating them, so an undo record can hold the old object itself without copying it.
``MapDocument``'s top-level lists are mutated only by ``editor.py`` (and its operations,
``model/operations/``).

Card order: ``MapDocument.cards`` is one flat list; the order of the cards in a cell
(lane, step) is the order in which they appear in that list.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

FORMAT_NAME = "cxmapper"
SCHEMA_VERSION = 2

# Limits: generous for real maps, small enough that a hostile file cannot make the
# program allocate without bound. fileformat.py adds a limit on the file size.
MAX_NAME = 500
MAX_TEXT = 20_000
MAX_TAGS = 50
MAX_ITEMS = 100_000
MAX_EXTENSION_KEYS = 200


def new_id() -> str:
    """A fresh stable id: uuid4 as 32 lowercase hex digits."""
    return uuid.uuid4().hex


# Ids are uuid4 hex when the program makes them; a person editing the file by hand
# may write a readable id ("card-login"), so any short token of safe characters is
# accepted.
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
Name = Annotated[str, StringConstraints(max_length=MAX_NAME)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
#: A locale tag as a map's metadata stores it ("en", "zh_CN", "pt-BR").
LOCALE_PATTERN = r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$"
Extensions = Annotated[dict[str, Any], Field(max_length=MAX_EXTENSION_KEYS)]


# ``defer_build``: a model's validator (its core schema, with the discriminated union
# of card kinds the largest part) is built the first time it validates, not when this
# module is imported. The first window shows a map the program made from a template
# (``templates.new_map``, built with ``model_construct``), so start-up builds none.
_CONFIG = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)


class _Frozen(BaseModel):
    model_config = ConfigDict(_CONFIG, frozen=True)


class LaneKind(StrEnum):
    # journey lanes
    CUSTOMER_ACTIONS = "customer_actions"
    TOUCHPOINTS = "touchpoints"
    THOUGHTS = "thoughts"
    EMOTIONS = "emotions"
    PAIN_POINTS = "pain_points"
    OPPORTUNITIES = "opportunities"
    CHANNELS = "channels"
    METRICS = "metrics"
    NOTES = "notes"
    # service-blueprint lanes (customer_actions above is shared)
    PHYSICAL_EVIDENCE = "physical_evidence"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT_PROCESSES = "support_processes"


#: The canonical top-to-bottom order of the blueprint lanes.
BLUEPRINT_ORDER: tuple[LaneKind, ...] = (
    LaneKind.PHYSICAL_EVIDENCE,
    LaneKind.CUSTOMER_ACTIONS,
    LaneKind.FRONTSTAGE,
    LaneKind.BACKSTAGE,
    LaneKind.SUPPORT_PROCESSES,
)


class BlueprintLine(StrEnum):
    """The three lines a blueprint draws, each between the two lane kinds named."""

    INTERACTION = "interaction"  # customer actions | frontstage
    VISIBILITY = "visibility"  # frontstage | backstage
    INTERNAL_INTERACTION = "internal_interaction"  # backstage | support processes


BLUEPRINT_LINES: dict[BlueprintLine, tuple[LaneKind, LaneKind]] = {
    BlueprintLine.INTERACTION: (LaneKind.CUSTOMER_ACTIONS, LaneKind.FRONTSTAGE),
    BlueprintLine.VISIBILITY: (LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE),
    BlueprintLine.INTERNAL_INTERACTION: (LaneKind.BACKSTAGE, LaneKind.SUPPORT_PROCESSES),
}


class CardKind(StrEnum):
    TOUCHPOINT = "touchpoint"
    ACTION = "action"
    EVIDENCE = "evidence"
    PROCESS = "process"
    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"
    THOUGHT = "thought"
    NOTE = "note"


class Channel(StrEnum):
    WEB = "web"
    APP = "app"
    STORE = "store"
    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    SOCIAL = "social"
    OTHER = "other"


class Evidence(StrEnum):
    """How a card is known: from research, a guess, or a proposal for the future."""

    OBSERVED = "observed"
    ASSUMED = "assumed"
    PROPOSED = "proposed"


class KanoCategory(StrEnum):
    MUST_BE = "must_be"
    ONE_DIMENSIONAL = "one_dimensional"
    ATTRACTIVE = "attractive"
    INDIFFERENT = "indifferent"
    REVERSE = "reverse"
    QUESTIONABLE = "questionable"

    @property
    def code(self) -> str:
        return _KANO_CODES[self]

    @classmethod
    def from_code(cls, code: str) -> KanoCategory:
        return _KANO_BY_CODE[code.upper()]


_KANO_CODES = {
    KanoCategory.MUST_BE: "M",
    KanoCategory.ONE_DIMENSIONAL: "O",
    KanoCategory.ATTRACTIVE: "A",
    KanoCategory.INDIFFERENT: "I",
    KanoCategory.REVERSE: "R",
    KanoCategory.QUESTIONABLE: "Q",
}
_KANO_BY_CODE = {v: k for k, v in _KANO_CODES.items()}


class KanoAnswer(StrEnum):
    """The five answers to a Kano question, in questionnaire order (codes 1–5)."""

    LIKE = "like"
    MUST_BE = "must_be"
    NEUTRAL = "neutral"
    LIVE_WITH = "live_with"
    DISLIKE = "dislike"


class KanoTable(StrEnum):
    """Which evaluation table turns an answer pair into a category."""

    STANDARD = "standard"  # Berger et al. 1993
    POULIOT = "pouliot"  # Must-be/Must-be and Live-with/Live-with count as Q


class KanoRule(StrEnum):
    """How a feature's category is chosen from its A/O/M/I/R/Q counts."""

    MODE = "mode"  # the most frequent; ties M > O > A > I > R > Q
    AOM = "aom"  # A+O+M against I+R+Q, then the largest within the winning side


class CsatConvention(StrEnum):
    TOP2_PERCENT = "top2_percent"  # share of 4 and 5 answers on 1–5, in percent
    MEAN = "mean"  # mean answer on 1–5


class CesConvention(StrEnum):
    MEAN = "mean"  # mean answer on the 1–7 "made it easy" scale
    AGREE_PERCENT = "agree_percent"  # share of 5–7 answers, in percent


class LinkKind(StrEnum):
    FLOW = "flow"  # this happens, then that
    SUPPORTS = "supports"  # backstage/support work that enables a card
    CAUSES = "causes"  # source causes the target pain point
    ADDRESSES = "addresses"  # an opportunity that addresses a pain point


class Curve(StrEnum):
    AS_IS = "as_is"
    TO_BE = "to_be"


# --- map structure --------------------------------------------------------------


class MapMeta(_Frozen):
    title: Name = "Untitled map"
    description: Text = ""
    authors: Annotated[list[Name], Field(max_length=100)] = []
    locale: Annotated[str, StringConstraints(pattern=LOCALE_PATTERN)] = "en"
    created: datetime | None = None
    modified: datetime | None = None


class EmotionScale(_Frozen):
    """The map's integer emotion scale, e.g. -2 … +2 (Smaply) or 1 … 5."""

    min: Annotated[int, Field(ge=-100, le=100)] = -2
    max: Annotated[int, Field(ge=-100, le=100)] = 2

    @model_validator(mode="after")
    def _ordered(self) -> EmotionScale:
        if self.min >= self.max:
            raise ValueError(f"the scale's min ({self.min}) must be below its max ({self.max})")
        return self

    @property
    def neutral(self) -> float:
        """The middle of the scale: a score above it counts as a positive emotion."""
        return (self.min + self.max) / 2

    def contains(self, score: int) -> bool:
        return self.min <= score <= self.max


class AnalysisSettings(_Frozen):
    """How this map's Kano answers and CX metrics are evaluated; printed on every report."""

    kano_table: KanoTable = KanoTable.STANDARD
    kano_rule: KanoRule = KanoRule.MODE
    csat: CsatConvention = CsatConvention.TOP2_PERCENT
    ces: CesConvention = CesConvention.MEAN


#: ``AnalysisSettings()`` without building its validator (for defaults used at import
#: and at start-up; equal to ``AnalysisSettings()``).
DEFAULT_ANALYSIS = AnalysisSettings.model_construct()


class Step(_Frozen):
    id: Id = Field(default_factory=new_id)
    name: Name = ""
    description: Text = ""


class Stage(_Frozen):
    id: Id = Field(default_factory=new_id)
    name: Name = ""
    description: Text = ""
    color: Color | None = None
    steps: Annotated[list[Step], Field(min_length=1, max_length=1000)]


class Lane(_Frozen):
    id: Id = Field(default_factory=new_id)
    name: Name = ""
    kind: LaneKind
    description: Text = ""


# --- cards ------------------------------------------------------------------------


AnswerCount = Annotated[int, Field(ge=0, le=100_000_000)]


def _distribution(length: int, scale: str):
    return Annotated[
        list[AnswerCount],
        Field(
            min_length=length,
            max_length=length,
            description=f"answer counts on the {scale} scale, lowest answer first",
        ),
    ]


class Metrics(_Frozen):
    """CX measures for a touchpoint or step.

    ``csat`` and ``ces`` are read in the map's conventions
    (``MapDocument.analysis``): by default ``csat`` is the share of satisfied answers
    (4 and 5 on 1–5) in percent and ``ces`` the mean on the 1–7 "made it easy" scale;
    ``metrics.py`` checks that an entered value fits the convention.

    The ``*_answers`` lists are raw answer distributions (counts per answer, lowest
    answer first: NPS 0–10 has 11 counts, CSAT 1–5 has 5, CES 1–7 has 7). When a
    distribution is present it is the source of truth: the metric and its sample size
    are computed from it and the entered value is ignored.
    """

    nps: Annotated[float, Field(ge=-100, le=100)] | None = None
    csat: Annotated[float, Field(ge=0, le=100)] | None = None
    ces: Annotated[float, Field(ge=0, le=100)] | None = None
    sample_size: Annotated[int, Field(ge=1, le=100_000_000)] | None = None
    nps_answers: _distribution(11, "0–10") | None = None
    csat_answers: _distribution(5, "1–5") | None = None
    ces_answers: _distribution(7, "1–7") | None = None

    @model_validator(mode="after")
    def _answered(self) -> Metrics:
        for name in ("nps_answers", "csat_answers", "ces_answers"):
            counts = getattr(self, name)
            if counts is not None and sum(counts) == 0:
                raise ValueError(f"{name} has no answers (all counts are 0)")
        return self

    @property
    def empty(self) -> bool:
        return (
            self.nps is None
            and self.csat is None
            and self.ces is None
            and self.nps_answers is None
            and self.csat_answers is None
            and self.ces_answers is None
        )


Rating = Annotated[int, Field(ge=1, le=5)]


class KanoResponse(_Frozen):
    """One respondent's answers to one feature's functional/dysfunctional question pair."""

    functional: KanoAnswer
    dysfunctional: KanoAnswer
    importance: Annotated[float, Field(ge=0, le=1000)] | None = None
    respondent: Annotated[str, StringConstraints(max_length=200)] | None = None


#: Rows and columns of ``KanoSurvey.pairs``: the answers in questionnaire order.
KANO_ANSWER_ORDER: tuple[KanoAnswer, ...] = tuple(KanoAnswer)


class KanoSurvey(_Frozen):
    """The Kano questionnaire answers behind a card's category, kept for audit.

    Either per respondent (``responses``: answers, optional self-stated importance
    and respondent id, as imported) or, when only a tally is known, ``pairs``: a 5×5
    matrix of answer-pair counts, rows the functional answer and columns the
    dysfunctional answer, both in ``KANO_ANSWER_ORDER``. Both may be given; the
    analysis adds them up. Pairs (not A/O/M/I/R/Q counts) are stored so that the
    analysis can be redone with either evaluation table.
    """

    responses: Annotated[list[KanoResponse], Field(max_length=MAX_ITEMS)] = []
    pairs: (
        Annotated[
            list[Annotated[list[AnswerCount], Field(min_length=5, max_length=5)]],
            Field(min_length=5, max_length=5),
        ]
        | None
    ) = None
    source: Name = ""  # where the answers came from, e.g. the imported file's name


class _CardBase(_Frozen):
    id: Id = Field(default_factory=new_id)
    # Declared here so that every card writes its kind right after its id; each card
    # class narrows it to one literal (a redefined field keeps its place).
    kind: CardKind
    lane: Id
    step: Id
    title: Name = ""
    description: Text = ""
    owner: Name = ""
    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS)] = []
    color: Color | None = None
    evidence: Evidence = Evidence.ASSUMED
    fail_point: bool = False
    decision_point: bool = False
    wait_point: bool = False
    wait_minutes: Annotated[float, Field(ge=0, le=10_000_000)] | None = None
    metrics: Metrics | None = None
    extensions: Extensions = {}

    @model_validator(mode="after")
    def _wait(self):
        if self.wait_minutes is not None and not self.wait_point:
            raise ValueError("wait_minutes is set but wait_point is false")
        return self


class TouchpointCard(_CardBase):
    kind: Literal[CardKind.TOUCHPOINT] = CardKind.TOUCHPOINT
    channel: Channel = Channel.OTHER


class ActionCard(_CardBase):
    kind: Literal[CardKind.ACTION] = CardKind.ACTION


class EvidenceCard(_CardBase):
    kind: Literal[CardKind.EVIDENCE] = CardKind.EVIDENCE


class ProcessCard(_CardBase):
    kind: Literal[CardKind.PROCESS] = CardKind.PROCESS


class PainPointCard(_CardBase):
    kind: Literal[CardKind.PAIN_POINT] = CardKind.PAIN_POINT
    kano: KanoCategory | None = None
    severity: Rating | None = None
    frequency: Rating | None = None
    # True when ``kano`` was computed from ``kano_survey`` (kano.apply_analysis), false
    # when a person set it: a re-analysis never overwrites a category set by hand.
    kano_computed: bool = False
    kano_survey: KanoSurvey | None = None


class OpportunityCard(_CardBase):
    kind: Literal[CardKind.OPPORTUNITY] = CardKind.OPPORTUNITY
    kano: KanoCategory | None = None
    severity: Rating | None = None
    frequency: Rating | None = None
    # True when ``kano`` was computed from ``kano_survey`` (kano.apply_analysis), false
    # when a person set it: a re-analysis never overwrites a category set by hand.
    kano_computed: bool = False
    kano_survey: KanoSurvey | None = None


class ThoughtCard(_CardBase):
    kind: Literal[CardKind.THOUGHT] = CardKind.THOUGHT


class NoteCard(_CardBase):
    kind: Literal[CardKind.NOTE] = CardKind.NOTE


Card = Annotated[
    Union[
        TouchpointCard,
        ActionCard,
        EvidenceCard,
        ProcessCard,
        PainPointCard,
        OpportunityCard,
        ThoughtCard,
        NoteCard,
    ],
    Field(discriminator="kind"),
]

CARD_CLASSES: dict[CardKind, type[_CardBase]] = {
    CardKind.TOUCHPOINT: TouchpointCard,
    CardKind.ACTION: ActionCard,
    CardKind.EVIDENCE: EvidenceCard,
    CardKind.PROCESS: ProcessCard,
    CardKind.PAIN_POINT: PainPointCard,
    CardKind.OPPORTUNITY: OpportunityCard,
    CardKind.THOUGHT: ThoughtCard,
    CardKind.NOTE: NoteCard,
}

#: Card kinds that carry a Kano category, severity and frequency.
KANO_KINDS = frozenset({CardKind.PAIN_POINT, CardKind.OPPORTUNITY})

#: The card kind a new card gets by default in a lane of each kind.
DEFAULT_CARD_KIND: dict[LaneKind, CardKind] = {
    LaneKind.CUSTOMER_ACTIONS: CardKind.ACTION,
    LaneKind.TOUCHPOINTS: CardKind.TOUCHPOINT,
    LaneKind.THOUGHTS: CardKind.THOUGHT,
    LaneKind.EMOTIONS: CardKind.NOTE,
    LaneKind.PAIN_POINTS: CardKind.PAIN_POINT,
    LaneKind.OPPORTUNITIES: CardKind.OPPORTUNITY,
    LaneKind.CHANNELS: CardKind.TOUCHPOINT,
    LaneKind.METRICS: CardKind.NOTE,
    LaneKind.NOTES: CardKind.NOTE,
    LaneKind.PHYSICAL_EVIDENCE: CardKind.EVIDENCE,
    LaneKind.FRONTSTAGE: CardKind.PROCESS,
    LaneKind.BACKSTAGE: CardKind.PROCESS,
    LaneKind.SUPPORT_PROCESSES: CardKind.PROCESS,
}


def make_card(kind: CardKind | str, **fields: Any) -> Card:
    """Build and validate a card of the given kind."""
    kind = CardKind(kind)
    return CARD_CLASSES[kind].model_validate({**fields, "kind": kind})


# --- personas, emotions, links -------------------------------------------------------


class EmotionPoint(_Frozen):
    step: Id
    score: int
    reason: Text = ""


class Persona(_Frozen):
    """Who travels the journey, with an emotion curve (as-is, optional to-be).

    A curve lists at most one point per step, in the order of the steps; a step
    without a point is a gap in the curve.
    """

    id: Id = Field(default_factory=new_id)
    name: Name = ""
    description: Text = ""
    color: Color | None = None
    as_is: Annotated[list[EmotionPoint], Field(max_length=MAX_ITEMS)] = []
    to_be: Annotated[list[EmotionPoint], Field(max_length=MAX_ITEMS)] | None = None

    def curve(self, which: Curve | str) -> list[EmotionPoint] | None:
        return self.as_is if Curve(which) is Curve.AS_IS else self.to_be


class Link(_Frozen):
    id: Id = Field(default_factory=new_id)
    kind: LinkKind
    source: Id
    target: Id
    label: Name = ""


class Comment(_Frozen):
    """One comment of a thread on a card, a step or a stage (``target`` None: the map).

    A thread is its first comment (``thread`` None) and the replies naming it in
    ``thread``, in list order; a reply has its thread's target, and only a thread's
    first comment carries ``resolved`` (schema version 2; see docs/COLLAB.md).
    """

    id: Id = Field(default_factory=new_id)
    target: Id | None = None
    thread: Id | None = None
    author: Name = ""
    created: datetime | None = None
    edited: datetime | None = None
    text: Text = ""
    resolved: bool = False


# --- the document ----------------------------------------------------------------


class MapDocument(BaseModel):
    """One .cxmap file. Top-level lists are mutated only through ``Editor``.

    The defaults of ``meta``, ``scale`` and ``analysis`` are made with
    ``model_construct`` (the same objects ``MapMeta()`` etc. give: all defaults) so
    that importing this module builds no validator.
    """

    model_config = ConfigDict(_CONFIG, validate_assignment=False)

    format: Literal["cxmapper"] = FORMAT_NAME
    schema_version: Literal[2] = SCHEMA_VERSION
    meta: MapMeta = MapMeta.model_construct()
    scale: EmotionScale = EmotionScale.model_construct()
    personas: Annotated[list[Persona], Field(max_length=1000)] = []
    stages: Annotated[list[Stage], Field(max_length=10_000)] = []
    lanes: Annotated[list[Lane], Field(max_length=1000)] = []
    cards: Annotated[list[Card], Field(max_length=MAX_ITEMS)] = []
    links: Annotated[list[Link], Field(max_length=MAX_ITEMS)] = []
    comments: Annotated[list[Comment], Field(max_length=MAX_ITEMS)] = []
    analysis: AnalysisSettings = DEFAULT_ANALYSIS
    extensions: Extensions = {}

    # -- read helpers (cheap enough for small lists; the editor keeps indexes) --

    def steps(self) -> list[Step]:
        """All steps, left to right: the columns of the canvas."""
        return [step for stage in self.stages for step in stage.steps]

    def stage_of_step(self) -> dict[str, Stage]:
        return {step.id: stage for stage in self.stages for step in stage.steps}

    def card(self, card_id: str) -> Card:
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def cards_in(self, lane_id: str, step_id: str) -> list[Card]:
        return [c for c in self.cards if c.lane == lane_id and c.step == step_id]
