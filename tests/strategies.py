"""Hypothesis strategies for valid, realistic .cxmap documents.

Shared by the file-format, editor and benchmark tests: ``from tests.strategies import
documents`` works from the repository root (``tests`` is a namespace package; pytest's
``pythonpath = ["."]`` puts the root on ``sys.path``).

Every generated document passes ``MapDocument`` validation *and*
``validate_references``: ids are unique, every card sits in an existing lane and step,
links join two different cards, and emotion curves have at most one point per step,
in step order, on the map's scale. Text mixes workshop phrases in Chinese and English
with arbitrary Unicode (emoji included, lone surrogates excluded: they cannot be
written as UTF-8).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from cxmapper.model.document import (
    CARD_CLASSES,
    KANO_KINDS,
    CardKind,
    Channel,
    EmotionPoint,
    EmotionScale,
    Evidence,
    KanoCategory,
    Lane,
    LaneKind,
    Link,
    LinkKind,
    MapDocument,
    MapMeta,
    Metrics,
    Persona,
    Stage,
    Step,
)

PHRASES = [
    "认知", "考虑", "办理", "使用", "忠诚", "看到广告", "到网点排队", "填写开户申请表",
    "柜员核对身份证", "系统审核", "短信通知开户成功", "排队太久，等了40分钟", "表格太复杂",
    "不知道需要带什么材料", "提供线上预约", "App 一键开户 📱", "客户经理", "风控系统",
    "Awareness", "Consideration", "Purchase", "Return", "Loyalty", "Browse the catalogue",
    "Add to basket", "Checkout fails on the last step", "Refund takes two weeks 😞",
    "Offer a prepaid return label", "Warehouse scans the parcel", "Customer service agent",
    "“Why is this so slow?”", "Mix 中文 and English ✨", "",
]

_ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
texts = st.one_of(st.sampled_from(PHRASES), _ANY_TEXT)
short_texts = st.one_of(st.sampled_from(PHRASES), st.text(st.characters(exclude_categories=("Cs",)), max_size=12))
colors = st.none() | st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True)
tags = st.lists(st.sampled_from(["高优先级", "quick win", "线上", "offline", "研究", "🔥"]), max_size=3, unique=True)
datetimes = st.none() | st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))]),
)
extensions = st.one_of(
    st.just({}),
    st.fixed_dictionaries({"miro": st.fixed_dictionaries({"widget": st.text("0123456789", min_size=1, max_size=12)})}),
    st.dictionaries(st.sampled_from(["source", "来源", "score"]), st.one_of(st.integers(-9, 99), short_texts, st.booleans(), st.none())),
)


def _floats(low: float, high: float):
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


metrics = st.none() | st.builds(
    Metrics,
    nps=st.none() | _floats(-100, 100),
    csat=st.none() | _floats(0, 100),
    ces=st.none() | _floats(1, 7),
    sample_size=st.none() | st.integers(1, 5000),
)


class _Ids:
    """Unique uuid4-hex-shaped ids for one document: a random prefix and a counter."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix[:24]
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count:08x}"


@st.composite
def _card(draw, ids: _Ids, lanes: list[Lane], steps: list[Step]):
    kind = draw(st.sampled_from(list(CardKind)))
    wait_point = draw(st.booleans())
    fields = dict(
        id=ids(),
        lane=draw(st.sampled_from(lanes)).id,
        step=draw(st.sampled_from(steps)).id,
        title=draw(texts),
        description=draw(st.one_of(st.just(""), texts)),
        owner=draw(st.sampled_from(["", "柜员", "客户经理", "Warehouse", "IT"])),
        tags=draw(tags),
        color=draw(colors),
        evidence=draw(st.sampled_from(list(Evidence))),
        fail_point=draw(st.booleans()),
        decision_point=draw(st.booleans()),
        wait_point=wait_point,
        wait_minutes=draw(st.none() | _floats(0, 600)) if wait_point else None,
        metrics=draw(metrics),
        extensions=draw(extensions),
    )
    if kind is CardKind.TOUCHPOINT:
        fields["channel"] = draw(st.sampled_from(list(Channel)))
    if kind in KANO_KINDS:
        fields["kano"] = draw(st.none() | st.sampled_from(list(KanoCategory)))
        fields["severity"] = draw(st.none() | st.integers(1, 5))
        fields["frequency"] = draw(st.none() | st.integers(1, 5))
    return CARD_CLASSES[kind](**fields)


@st.composite
def _curve(draw, steps: list[Step], scale: EmotionScale):
    """At most one point per step, in step order, each on the scale."""
    chosen = draw(st.lists(st.booleans(), min_size=len(steps), max_size=len(steps)))
    return [
        EmotionPoint(
            step=step.id,
            score=draw(st.integers(scale.min, scale.max)),
            reason=draw(st.one_of(st.just(""), texts)),
        )
        for step, keep in zip(steps, chosen)
        if keep
    ]


@st.composite
def documents(draw, max_stages: int = 5, max_cards: int = 20, max_personas: int = 3) -> MapDocument:
    """A valid map: stages with steps, lanes of any kind, cards of every kind, links, personas."""
    ids = _Ids(draw(st.uuids(version=4)).hex)
    scale = draw(
        st.sampled_from([EmotionScale(), EmotionScale(min=1, max=5), EmotionScale(min=-3, max=3)])
    )
    stages = [
        Stage(
            id=ids(),
            name=draw(short_texts),
            description=draw(st.one_of(st.just(""), texts)),
            color=draw(colors),
            steps=[Step(id=ids(), name=draw(short_texts), description=draw(st.one_of(st.just(""), texts)))
                   for _ in range(draw(st.integers(1, 4)))],
        )
        for _ in range(draw(st.integers(0, max_stages)))
    ]
    steps = [step for stage in stages for step in stage.steps]
    lanes = [
        Lane(id=ids(), name=draw(short_texts), kind=kind)
        for kind in draw(st.lists(st.sampled_from(list(LaneKind)), max_size=7))
    ]
    cards = []
    if steps and lanes:
        cards = [draw(_card(ids, lanes, steps)) for _ in range(draw(st.integers(0, max_cards)))]
    links = []
    if len(cards) >= 2:
        for _ in range(draw(st.integers(0, len(cards)))):
            source, target = draw(st.lists(st.sampled_from(cards), min_size=2, max_size=2, unique_by=lambda c: c.id))
            links.append(Link(id=ids(), kind=draw(st.sampled_from(list(LinkKind))),
                              source=source.id, target=target.id, label=draw(st.one_of(st.just(""), short_texts))))
    personas = [
        Persona(
            id=ids(),
            name=draw(st.sampled_from(["小王", "李阿姨", "Sam, first-time buyer", "Priya"])),
            description=draw(st.one_of(st.just(""), texts)),
            color=draw(colors),
            as_is=draw(_curve(steps, scale)),
            to_be=draw(st.none() | _curve(steps, scale)),
        )
        for _ in range(draw(st.integers(0, max_personas)))
    ]
    meta = MapMeta(
        title=draw(texts),
        description=draw(st.one_of(st.just(""), texts)),
        authors=draw(st.lists(st.sampled_from(["张伟", "Alex Kim", "王芳"]), max_size=2)),
        locale=draw(st.sampled_from(["zh-CN", "en", "en-GB", "zh_Hant_TW"])),
        created=draw(datetimes),
        modified=draw(datetimes),
    )
    return MapDocument(meta=meta, scale=scale, personas=personas, stages=stages, lanes=lanes,
                       cards=cards, links=links, extensions=draw(extensions))


def small_bank_map() -> MapDocument:
    """A small fixed map (readable ids, Chinese text) for tests that need one known map.

    Two stages (认知: 看到广告; 办理: 排队, 填表), two lanes, four cards, two links and
    one persona with both curves.
    """
    from cxmapper.model.document import make_card

    stages = [
        Stage(id="stage-aware", name="认知", steps=[Step(id="step-ad", name="看到广告")]),
        Stage(id="stage-apply", name="办理", steps=[Step(id="step-queue", name="排队"), Step(id="step-form", name="填表")]),
    ]
    lanes = [
        Lane(id="lane-actions", name="客户行为", kind=LaneKind.CUSTOMER_ACTIONS),
        Lane(id="lane-pain", name="痛点", kind=LaneKind.PAIN_POINTS),
    ]
    cards = [
        make_card("action", id="card-ad", lane="lane-actions", step="step-ad", title="在地铁看到开户广告"),
        make_card("action", id="card-queue", lane="lane-actions", step="step-queue", title="到网点取号排队"),
        make_card("pain_point", id="card-wait", lane="lane-pain", step="step-queue", title="排队太久，等了40分钟",
                  kano="must_be", severity=4, frequency=5, wait_point=True, wait_minutes=40),
        make_card("opportunity", id="card-book", lane="lane-pain", step="step-form", title="线上预约 📱", kano="attractive"),
    ]
    links = [
        Link(id="link-flow", kind=LinkKind.FLOW, source="card-ad", target="card-queue"),
        Link(id="link-fix", kind=LinkKind.ADDRESSES, source="card-book", target="card-wait", label="减少等待"),
    ]
    persona = Persona(
        id="persona-wang",
        name="小王",
        as_is=[EmotionPoint(step="step-ad", score=1), EmotionPoint(step="step-queue", score=-2, reason="人太多")],
        to_be=[EmotionPoint(step="step-queue", score=1)],
    )
    return MapDocument(meta=MapMeta(title="银行开户", locale="zh-CN"), personas=[persona], stages=stages,
                       lanes=lanes, cards=cards, links=links)
