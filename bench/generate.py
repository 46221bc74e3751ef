"""Seeded generator of realistic maps for benchmarks and scale tests.

``generate_map(cards, seed)`` builds a map with about ``cards`` cards: stages and steps
growing with the size (a 5,000-card map has 25 stages of 4 steps), all thirteen lane
kinds, cards of every kind with Chinese and English text of workshop-like lengths,
links of every kind (mostly between nearby steps), three personas with as-is and to-be curves, metrics on
touchpoints (entered values, and on some raw answer counts for NPS, CSAT and CES), and
Kano questionnaire answers on pain points and opportunities (per respondent on some,
a 5×5 tally of answer pairs on others). The same (cards, seed) always gives the same
map, ids included.

The answers and answer counts come from a second random stream, so adding them left
every id, title and position of the earlier generator unchanged.

Run ``python -m bench.generate 5000 out.cxmap`` to write one.
"""

from __future__ import annotations

import hashlib
import random
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path

from cxmapper.model.document import (
    DEFAULT_CARD_KIND,
    KANO_ANSWER_ORDER,
    KANO_KINDS,
    CardKind,
    Channel,
    EmotionPoint,
    Evidence,
    KanoAnswer,
    KanoCategory,
    KanoResponse,
    KanoSurvey,
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


def _answer_counts(rng: random.Random, length: int, peak: int) -> list[int]:
    """A plausible answer distribution: counts that thin out away from ``peak``."""
    counts = [max(0, round(rng.gauss(60, 20) / (1 + abs(i - peak)))) for i in range(length)]
    counts[peak] += 1  # never all zero
    return counts


def _metrics(rng: random.Random, answers: random.Random) -> Metrics:
    fields: dict = {
        "nps": rng.randint(-60, 80),
        "csat": round(rng.uniform(40, 95), 1),
        "ces": round(rng.uniform(2, 6.5), 1),
        "sample_size": rng.randint(20, 2000),
    }
    if answers.random() < 0.4:
        fields["nps_answers"] = _answer_counts(answers, 11, answers.randint(5, 10))
        fields["csat_answers"] = _answer_counts(answers, 5, answers.randint(2, 4))
        fields["ces_answers"] = _answer_counts(answers, 7, answers.randint(3, 6))
    return Metrics(**fields)


# Answer pairs a real panel gives most often for a pain point: (functional, dysfunctional).
_TYPICAL_PAIRS = (
    (KanoAnswer.LIKE, KanoAnswer.DISLIKE),  # one-dimensional
    (KanoAnswer.NEUTRAL, KanoAnswer.DISLIKE),  # must-be
    (KanoAnswer.MUST_BE, KanoAnswer.DISLIKE),  # must-be
    (KanoAnswer.LIKE, KanoAnswer.NEUTRAL),  # attractive
    (KanoAnswer.NEUTRAL, KanoAnswer.NEUTRAL),  # indifferent
)


def _kano_survey(answers: random.Random) -> KanoSurvey | None:
    """None for most cards; else per-respondent answers (60 %) or a tally of pairs."""
    roll = answers.random()
    if roll >= 0.4:
        return None
    if roll < 0.24:
        favourite = answers.choice(_TYPICAL_PAIRS)
        responses = []
        for n in range(answers.randint(12, 60)):
            if answers.random() < 0.55:
                functional, dysfunctional = favourite
            else:
                functional, dysfunctional = answers.choice(KANO_ANSWER_ORDER), answers.choice(KANO_ANSWER_ORDER)
            responses.append(
                KanoResponse(
                    functional=functional,
                    dysfunctional=dysfunctional,
                    importance=answers.choice((None, 1.0, 3.0, 5.0, 7.0, 9.0)),
                    respondent=answers.choice(("R", "受访者", "P")) + f"{n + 1:03d}",
                )
            )
        return KanoSurvey(responses=responses, source=answers.choice(("kano-2026-q1.csv", "问卷星导出.xlsx")))
    pairs = [[0] * 5 for _ in range(5)]
    for _ in range(answers.randint(30, 300)):
        row, col = answers.randrange(5), answers.randrange(5)
        pairs[row][col] += 1
    return KanoSurvey(pairs=pairs, source="tally")


def generate_map(cards: int, seed: int = 1) -> MapDocument:
    rng = random.Random(seed * 1_000_003 + cards)
    # A second stream for what was added later (answers, answer counts), so the first
    # stream, and with it every id and position, stays as it was.
    answers = random.Random(seed * 7_000_003 + cards)
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
                fields["metrics"] = _metrics(rng, answers)
        if kind in KANO_KINDS:
            fields["kano"] = rng.choice([*KanoCategory, None])
            fields["severity"] = rng.randint(1, 5)
            fields["frequency"] = rng.randint(1, 5)
            survey = _kano_survey(answers)
            if survey is not None:
                fields["kano_survey"] = survey
        doc_cards.append(make_card(kind, **fields))

    # Links join nearby cards, as on a real map (a flow to the next steps, a process
    # causing a pain point in the same stage); one in twenty reaches anywhere.
    column = {step.id: i for i, step in enumerate(all_steps)}
    by_kind: dict[CardKind, list] = {}
    by_kind_column: dict[tuple[CardKind, int], list] = {}
    for card in doc_cards:
        by_kind.setdefault(card.kind, []).append(card)
        by_kind_column.setdefault((card.kind, column[card.step]), []).append(card)
    links = []

    def pick(kind: CardKind, near=None):
        if near is not None and rng.random() < 0.95:
            at = column[near.step]
            pool = [c for i in range(at - 1, at + 3) for c in by_kind_column.get((kind, i), ())]
        else:
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
        source = pick(source_kind)
        target = None if source is None else pick(target_kind, near=source)
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


#: Where ``map_file`` keeps generated maps (git-ignored, like every result).
CACHE = Path(__file__).resolve().parent / "results" / "maps"


def map_file(cards: int, seed: int = 1, folder: Path = CACHE) -> Path:
    """The path of a saved ``generate_map(cards, seed)``, written on first use.

    A 20,000-card map takes seconds to generate; benchmark runs and the processes they
    start share one file. The name holds a hash of this module's source, so a changed
    generator never serves a stale map.
    """
    from cxmapper.model.fileformat import save_file

    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]
    path = folder / f"generated-{cards}-{seed}-{digest}.cxmap"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        save_file(generate_map(cards, seed), path, backup=False)
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.generate CARDS OUT.cxmap", file=sys.stderr)
        return 2
    from cxmapper.model.fileformat import save_file

    save_file(generate_map(int(argv[0])), argv[1], backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
