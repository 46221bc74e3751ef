"""Hand-built maps for the export tests: Chinese and Latin text, a blueprint, hostile text."""

from __future__ import annotations

import pytest

from cxmapper.model.document import (
    EmotionPoint,
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
    make_card,
)


def build_sample_map() -> MapDocument:
    stages = [
        Stage(id="s-aware", name="认知 Awareness", steps=[Step(id="st-ad", name="看到广告"), Step(id="st-search", name="Search")]),
        Stage(id="s-consider", name="考虑", steps=[Step(id="st-compare", name="比较价格")]),
        Stage(id="s-buy", name="决策 Purchase", steps=[Step(id="st-login", name="登录"), Step(id="st-pay", name="支付")]),
        Stage(id="s-use", name="使用", steps=[Step(id="st-deliver", name="收货")]),
    ]
    lanes = [
        Lane(id="l-evidence", name="有形展示", kind=LaneKind.PHYSICAL_EVIDENCE),
        Lane(id="l-actions", name="客户行为", kind=LaneKind.CUSTOMER_ACTIONS),
        Lane(id="l-front", name="前台", kind=LaneKind.FRONTSTAGE),
        Lane(id="l-back", name="后台", kind=LaneKind.BACKSTAGE),
        Lane(id="l-support", name="支持过程", kind=LaneKind.SUPPORT_PROCESSES),
        Lane(id="l-touch", name="触点", kind=LaneKind.TOUCHPOINTS),
        Lane(id="l-emotion", name="情绪", kind=LaneKind.EMOTIONS),
        Lane(id="l-pain", name="痛点", kind=LaneKind.PAIN_POINTS),
    ]
    cards = [
        make_card("evidence", id="c-poster", lane="l-evidence", step="st-ad", title="地铁海报", evidence="observed"),
        make_card("action", id="c-see", lane="l-actions", step="st-ad", title="看到广告并扫码"),
        make_card("action", id="c-search", lane="l-actions", step="st-search", title="Searches for reviews online"),
        make_card("action", id="c-login", lane="l-actions", step="st-login", title="输入手机号登录",
                  description="用户需要等待验证码短信，平均 40 秒。", wait_point=True, wait_minutes=1),
        make_card("process", id="c-sms", lane="l-back", step="st-login", title="发送验证码", fail_point=True),
        make_card("process", id="c-pay", lane="l-front", step="st-pay", title="收银台展示支付方式", decision_point=True),
        make_card("process", id="c-risk", lane="l-support", step="st-pay", title="风控系统审核"),
        make_card("touchpoint", id="c-app", lane="l-touch", step="st-login", title="App 登录页", channel="app",
                  metrics=Metrics(nps=-20, csat=55, ces=4.5, sample_size=120)),
        make_card("touchpoint", id="c-site", lane="l-touch", step="st-compare", title="比价网站", channel="web",
                  metrics=Metrics(nps=10, csat=70, sample_size=80)),
        make_card("pain_point", id="c-pain-sms", lane="l-pain", step="st-login", title="验证码收不到",
                  kano="must_be", severity=5, frequency=4, evidence="observed"),
        make_card("pain_point", id="c-pain-price", lane="l-pain", step="st-compare", title="价格不透明",
                  kano="one_dimensional", severity=3, frequency=3),
        make_card("pain_point", id="c-pain-slow", lane="l-pain", step="st-deliver", title="配送太慢",
                  kano="attractive", severity=2, frequency=2),
        make_card("opportunity", id="c-opp", lane="l-pain", step="st-pay", title="一键支付", kano="attractive",
                  evidence="proposed"),
    ]
    personas = [
        Persona(id="p-li", name="李女士", color="#d62728",
                as_is=[EmotionPoint(step="st-ad", score=1), EmotionPoint(step="st-search", score=0),
                       EmotionPoint(step="st-compare", score=-1), EmotionPoint(step="st-login", score=-2),
                       EmotionPoint(step="st-pay", score=1), EmotionPoint(step="st-deliver", score=2)],
                to_be=[EmotionPoint(step="st-login", score=1), EmotionPoint(step="st-pay", score=2)]),
        Persona(id="p-tom", name="Tom", as_is=[EmotionPoint(step="st-ad", score=0), EmotionPoint(step="st-pay", score=-1)]),
    ]
    links = [
        Link(id="k1", kind=LinkKind.CAUSES, source="c-app", target="c-pain-sms"),
        Link(id="k2", kind=LinkKind.SUPPORTS, source="c-sms", target="c-login"),
        Link(id="k3", kind=LinkKind.FLOW, source="c-see", target="c-search", label="then"),
    ]
    return MapDocument(
        meta=MapMeta(title="网购旅程 Online shopping", description="从看到广告到收货的客户旅程。",
                     authors=["体验设计组"]),
        stages=stages, lanes=lanes, cards=cards, personas=personas, links=links,
    )


HOSTILE_TITLE = 'A <b>bold</b> & "quoted" \'it\' 😀🎉 <unclosed'
LONG_WORD = "Supercalifragilisticexpialidocious" * 6


def build_hostile_map() -> MapDocument:
    doc = build_sample_map()
    doc.meta = MapMeta(title="<title> & 😀", description="")
    doc.cards = [
        *doc.cards,
        make_card("action", id="c-hostile", lane="l-actions", step="st-pay", title=HOSTILE_TITLE,
                  description="&amp; <br/> <para> ]]> \x00"[:-1] + " " + LONG_WORD),
        make_card("action", id="c-empty", lane="l-actions", step="st-deliver", title=""),
        make_card("note", id="c-long", lane="l-actions", step="st-compare", title=LONG_WORD,
                  description="很长的描述。" * 300),
    ]
    return doc


@pytest.fixture
def sample_map() -> MapDocument:
    return build_sample_map()


@pytest.fixture
def hostile_map() -> MapDocument:
    return build_hostile_map()
