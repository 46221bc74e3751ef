"""Seeded generator of realistic maps for benchmarks and scale tests.

``generate_map(cards, seed)`` builds a map with about ``cards`` cards: stages and steps
growing with the size (a 5,000-card map has 25 stages of 4 steps), all thirteen lane
kinds, cards of every kind with Chinese and English text of workshop-like lengths,
links of every kind, three personas with as-is and to-be curves, and metrics on
touchpoints. The same (cards, seed) always gives the same map, ids included.

Run ``python -m bench.generate 5000 out.cxmap`` to write one.
"""

from __future__ import annotations

import random
import sys
import uuid
from datetime import datetime, timezone

from cxmapper.model.document import (
    DEFAULT_CARD_KIND,
    KANO_KINDS,
    CardKind,
    Channel,
    EmotionPoint,
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
    make_card,
)

SIZES = (50, 500, 5_000, 20_000)

_ZH_WORDS = (
    "客户 柜台 排队 等候 手机银行 身份证 审核 风控 短信 验证码 开户 填写 表格 签字 "
    "经理 推荐 理财 转账 密码 重置 投诉 热线 客服 网点 预约 取号 叫号 材料 复印 上传 "
    "人脸识别 失败 重试 到账 通知 满意 失望 焦虑 方便 快捷 麻烦 复杂 老人 年轻人"
).split()
_EN_WORDS = (
    "customer order checkout payment delivery courier parcel return refund label "
    "support chat email tracking page basket voucher size guide review rating "
    "warehouse picking packing invoice account password login app store "
    "confusing slow quick easy delayed missing damaged helpful friendly"
).split()
_STAGE_NAMES = ("认知", "考虑", "办理", "使用", "忠诚", "Discover", "Choose", "Buy", "Receive", "Return")


def _uid(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _phrase(rng: random.Random, lo: int, hi: int) -> str:
    """A Chinese or English phrase of lo…hi words (Chinese words join without spaces)."""
    n = rng.randint(lo, hi)
    if rng.random() < 0.5:
        return "".join(rng.choice(_ZH_WORDS) for _ in range(n))
    text = " ".join(rng.choice(_EN_WORDS) for _ in range(n))
    return text[:1].upper() + text[1:]


def _lanes(rng: random.Random) -> list[Lane]:
    kinds = [
        LaneKind.PHYSICAL_EVIDENCE,
        LaneKind.CUSTOMER_ACTIONS,
        LaneKind.FRONTSTAGE,
        LaneKind.BACKSTAGE,
        LaneKind.SUPPORT_PROCESSES,
        LaneKind.TOUCHPOINTS,
        LaneKind.CHANNELS,
        LaneKind.THOUGHTS,
        LaneKind.EMOTIONS,
        LaneKind.PAIN_POINTS,
        LaneKind.OPPORTUNITIES,
        LaneKind.METRICS,
        LaneKind.NOTES,
    ]
    return [Lane(id=_uid(rng), name=kind.value.replace("_", " ").title(), kind=kind) for kind in kinds]


def generate_map(cards: int, seed: int = 1) -> MapDocument:
    rng = random.Random(seed * 1_000_003 + cards)
    n_steps = max(10, min(200, round(cards / 50)))
    steps_per_stage = 2 if n_steps <= 10 else 4
    n_stages = max(1, n_steps // steps_per_stage)
    stages = []
    for i in range(n_stages):
        steps = [
            Step(id=_uid(rng), name=_phrase(rng, 1, 3), description=_phrase(rng, 0, 8))
            for _ in range(steps_per_stage)
        ]
        name = f"{_STAGE_NAMES[i % len(_STAGE_NAMES)]} {i // len(_STAGE_NAMES) + 1}"
        stages.append(Stage(id=_uid(rng), name=name, steps=steps))
    all_steps = [step for stage in stages for step in stage.steps]
    lanes = _lanes(rng)
    card_lanes = [lane for lane in lanes if lane.kind is not LaneKind.EMOTIONS]

    doc_cards = []
    for i in range(cards):
        lane = card_lanes[i % len(card_lanes)]
        step = rng.choice(all_steps)
        kind = DEFAULT_CARD_KIND[lane.kind]
        fields: dict = {
            "id": _uid(rng),
            "lane": lane.id,
            "step": step.id,
            "title": _phrase(rng, 1, 6),
            "description": _phrase(rng, 0, 30) if rng.random() < 0.6 else "",
            "owner": rng.choice(("", "柜员", "客户经理", "风控部", "IT 运维", "Support team", "Warehouse")),
            "tags": rng.sample(("vip", "线上", "线下", "urgent", "法规", "quick-win"), rng.randint(0, 2)),
            "evidence": rng.choice(list(Evidence)),
            "fail_point": rng.random() < 0.05,
            "decision_point": rng.random() < 0.05,
        }
        if rng.random() < 0.05:
            fields["wait_point"] = True
            fields["wait_minutes"] = rng.choice((5, 15, 40, 1440))
        if kind is CardKind.TOUCHPOINT:
            fields["channel"] = rng.choice(list(Channel))
            if rng.random() < 0.5:
                fields["metrics"] = Metrics(
                    nps=rng.randint(-60, 80),
                    csat=round(rng.uniform(40, 95), 1),
                    ces=round(rng.uniform(2, 6.5), 1),
                    sample_size=rng.randint(20, 2000),
                )
        if kind in KANO_KINDS:
            fields["kano"] = rng.choice([*KanoCategory, None])
            fields["severity"] = rng.randint(1, 5)
            fields["frequency"] = rng.randint(1, 5)
        doc_cards.append(make_card(kind, **fields))

    by_kind: dict[CardKind, list] = {}
    for card in doc_cards:
        by_kind.setdefault(card.kind, []).append(card)
    links = []

    def pick(kind: CardKind):
        pool = by_kind.get(kind)
        return rng.choice(pool) if pool else None

    for _ in range(cards // 3):
        kind = rng.choice(list(LinkKind))
        source_kind, target_kind = {
            LinkKind.FLOW: (CardKind.ACTION, CardKind.ACTION),
            LinkKind.SUPPORTS: (CardKind.PROCESS, CardKind.TOUCHPOINT),
            LinkKind.CAUSES: (CardKind.PROCESS, CardKind.PAIN_POINT),
            LinkKind.ADDRESSES: (CardKind.OPPORTUNITY, CardKind.PAIN_POINT),
        }[kind]
        source, target = pick(source_kind), pick(target_kind)
        if source is None or target is None or source.id == target.id:
            continue
        links.append(Link(id=_uid(rng), kind=kind, source=source.id, target=target.id))

    personas = []
    for name, color in (("年轻白领", "#1f77b4"), ("Retired customer", "#d62728"), ("小微企业主", "#2ca02c")):
        as_is = [
            EmotionPoint(step=s.id, score=rng.randint(-2, 2), reason=_phrase(rng, 0, 6))
            for s in all_steps
            if rng.random() < 0.9
        ]
        to_be = [EmotionPoint(step=p.step, score=min(2, p.score + 1)) for p in as_is]
        personas.append(Persona(id=_uid(rng), name=name, color=color, as_is=as_is, to_be=to_be))

    stamp = datetime(2026, 1, 1, tzinfo=timezone.utc)
    meta = MapMeta(
        title=f"Generated map · {cards} cards · 生成的地图",
        description=_phrase(rng, 10, 40),
        authors=["bench"],
        locale="zh_CN",
        created=stamp,
        modified=stamp,
    )
    return MapDocument(meta=meta, personas=personas, stages=stages, lanes=lanes, cards=doc_cards, links=links)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.generate CARDS OUT.cxmap", file=sys.stderr)
        return 2
    doc = generate_map(int(argv[0]))
    with open(argv[1], "w", encoding="utf-8", newline="\n") as f:
        f.write(doc.model_dump_json(indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
