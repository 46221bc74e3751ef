#!/usr/bin/env python3
"""Build the bundled example maps in ``resources/examples/`` from their source here.

The committed ``.cxmap`` files are the product (the README's run command opens one,
the tests and benchmarks load them, screenshots and the PDF report show them); this
script is how they are regenerated. It is deterministic: every id is a uuid5 of a
fixed namespace and a readable key (``bank-account-opening/card/ac_queue``), the dates
are fixed, and list order is the order written here, so running it twice gives the
same bytes and changing one card changes a few lines of the file.

One function per map (``build_bank_account_opening``, ``build_online_order_and_return``);
``MapBuilder`` holds the helpers that turn readable keys into ids. To add something to
a map (questionnaire answers, say), add it inside that map's function and re-run::

    python scripts/build_examples.py            # rewrite resources/examples/*.cxmap
    python scripts/build_examples.py --check    # exit 1 if a committed file is stale
    python scripts/build_examples.py --out DIR  # write into DIR instead

The trap: keys are the identity. Renaming a key changes that object's id (and every
link to it) in the committed file; change the title instead.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a plain script from a checkout
    sys.path.insert(0, str(ROOT))

from cxmapper.model.editor import Editor  # noqa: E402
from cxmapper.model.kano_import import import_edit, read_answers  # noqa: E402
from cxmapper.model.document import (  # noqa: E402
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
from cxmapper.model.fileformat import dumps, save_file  # noqa: E402
from cxmapper.model.metrics import ces_from_counts, csat_from_counts, nps_from_counts  # noqa: E402
from cxmapper.model.validation import validate_references  # noqa: E402

EXAMPLES_DIR = ROOT / "resources" / "examples"

#: Fixed namespace for the examples' ids. Never change it: every id would change.
NAMESPACE = uuid.UUID("6f1c3a52-9d0e-4b7a-8c21-5e4f0b9a7d13")

M = KanoCategory.MUST_BE
O = KanoCategory.ONE_DIMENSIONAL  # noqa: E741 (the Kano code letter)
A = KanoCategory.ATTRACTIVE
I = KanoCategory.INDIFFERENT  # noqa: E741
R = KanoCategory.REVERSE

OBSERVED = Evidence.OBSERVED
ASSUMED = Evidence.ASSUMED
PROPOSED = Evidence.PROPOSED


def metrics(*, nps: float | None = None, csat: float | None = None, ces: float | None = None,
            n: int | None = None) -> Metrics:
    """Touchpoint metrics: NPS −100…100, CSAT in % of 4–5 answers, CES mean on 1–7."""
    return Metrics(nps=nps, csat=csat, ces=ces, sample_size=n)


def surveyed(*, nps: list[int] | None = None, csat: list[int] | None = None,
             ces: list[int] | None = None) -> Metrics:
    """Touchpoint metrics from raw answer counts, lowest answer first (NPS 0–10, CSAT
    1–5, CES 1–7), in the map's default conventions.

    The counts are the source of truth for the program; the values written beside them
    are computed here from the same counts, so the file never disagrees with itself.
    Every question must have the same number of answers: there is one sample size.
    """
    sizes = {sum(counts) for counts in (nps, csat, ces) if counts is not None}
    if len(sizes) != 1:
        raise ValueError(f"answer counts must share one sample size, got {sorted(sizes)}")
    return Metrics(
        nps=None if nps is None else round(nps_from_counts(nps), 1),
        csat=None if csat is None else round(csat_from_counts(csat), 1),
        ces=None if ces is None else round(ces_from_counts(ces), 2),
        sample_size=sizes.pop(),
        nps_answers=nps, csat_answers=csat, ces_answers=ces,
    )


class MapBuilder:
    """Collects one map's parts under readable keys and turns keys into stable ids.

    Each lane kind appears once per example map, so cards name their lane by kind.
    Keys are unique per map and per sort (stage, step, lane, card, persona); a key used
    twice, or a link or emotion point naming an unknown key, raises at once.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self.stages: list[Stage] = []
        self.lanes: list[Lane] = []
        self.cards: list[Any] = []
        self.links: list[Link] = []
        self.personas: list[Persona] = []
        self._step_ids: dict[str, str] = {}
        self._lane_ids: dict[LaneKind, str] = {}
        self._card_ids: dict[str, str] = {}

    def id(self, sort: str, key: str) -> str:
        return uuid.uuid5(NAMESPACE, f"{self.key}/{sort}/{key}").hex

    # -- structure --

    def lane(self, kind: LaneKind, name: str, description: str = "") -> None:
        if kind in self._lane_ids:
            raise ValueError(f"{self.key}: a second {kind.value} lane")
        lane = Lane(id=self.id("lane", kind.value), kind=kind, name=name, description=description)
        self._lane_ids[kind] = lane.id
        self.lanes.append(lane)

    def stage(self, key: str, name: str, steps: Sequence[tuple[str, str, str]], *,
              description: str = "", color: str | None = None) -> None:
        """``steps`` are (key, name, description) in order."""
        built = []
        for step_key, step_name, step_description in steps:
            if step_key in self._step_ids:
                raise ValueError(f"{self.key}: step key {step_key!r} used twice")
            step = Step(id=self.id("step", step_key), name=step_name, description=step_description)
            self._step_ids[step_key] = step.id
            built.append(step)
        self.stages.append(Stage(id=self.id("stage", key), name=name, description=description,
                                 color=color, steps=built))

    # -- cards --

    def card(self, kind: CardKind, lane: LaneKind, step: str, key: str, title: str, *,
             fail: bool = False, decision: bool = False, wait: float | None = None,
             evidence: Evidence = OBSERVED, **fields: Any) -> str:
        """Add a card; ``wait`` (minutes) sets the wait marker. Returns the key, for links."""
        if key in self._card_ids:
            raise ValueError(f"{self.key}: card key {key!r} used twice")
        card = make_card(
            kind,
            id=self.id("card", key),
            lane=self._lane_ids[lane],
            step=self._step_ids[step],
            title=title,
            evidence=evidence,
            fail_point=fail,
            decision_point=decision,
            wait_point=wait is not None,
            wait_minutes=wait,
            **fields,
        )
        self._card_ids[key] = card.id
        self.cards.append(card)
        return key

    def touchpoint(self, step: str, key: str, title: str, channel: Channel, **f: Any) -> str:
        return self.card(CardKind.TOUCHPOINT, LaneKind.TOUCHPOINTS, step, key, title,
                         channel=channel, **f)

    def thought(self, step: str, key: str, quote: str, *, who: str, source: str, **f: Any) -> str:
        """A customer's words: tagged with the persona's short name, the source described."""
        return self.card(CardKind.THOUGHT, LaneKind.THOUGHTS, step, key, quote, tags=[who],
                         description=source, **f)

    def note(self, lane: LaneKind, step: str, key: str, title: str, **f: Any) -> str:
        return self.card(CardKind.NOTE, lane, step, key, title, **f)

    def evidence(self, step: str, key: str, title: str, **f: Any) -> str:
        return self.card(CardKind.EVIDENCE, LaneKind.PHYSICAL_EVIDENCE, step, key, title, **f)

    def action(self, step: str, key: str, title: str, **f: Any) -> str:
        return self.card(CardKind.ACTION, LaneKind.CUSTOMER_ACTIONS, step, key, title, **f)

    def frontstage(self, step: str, key: str, title: str, **f: Any) -> str:
        return self.card(CardKind.PROCESS, LaneKind.FRONTSTAGE, step, key, title, **f)

    def backstage(self, step: str, key: str, title: str, **f: Any) -> str:
        return self.card(CardKind.PROCESS, LaneKind.BACKSTAGE, step, key, title, **f)

    def support(self, step: str, key: str, title: str, **f: Any) -> str:
        return self.card(CardKind.PROCESS, LaneKind.SUPPORT_PROCESSES, step, key, title, **f)

    def pain(self, step: str, key: str, title: str, kano: KanoCategory, severity: int,
             frequency: int, **f: Any) -> str:
        return self.card(CardKind.PAIN_POINT, LaneKind.PAIN_POINTS, step, key, title,
                         kano=kano, severity=severity, frequency=frequency, **f)

    def opportunity(self, step: str, key: str, title: str, kano: KanoCategory, *,
                    evidence: Evidence = PROPOSED, **f: Any) -> str:
        return self.card(CardKind.OPPORTUNITY, LaneKind.OPPORTUNITIES, step, key, title,
                         kano=kano, evidence=evidence, **f)

    # -- links and personas --

    def link(self, kind: LinkKind, source: str, target: str, label: str = "") -> None:
        for end in (source, target):
            if end not in self._card_ids:
                raise KeyError(f"{self.key}: {kind.value} link names unknown card {end!r}")
        self.links.append(Link(id=self.id("link", f"{kind.value}/{source}/{target}"), kind=kind,
                               source=self._card_ids[source], target=self._card_ids[target],
                               label=label))

    def flow(self, *chain: str, label: str = "") -> None:
        """Flow links along a chain of cards: a → b → c."""
        for source, target in zip(chain, chain[1:]):
            self.link(LinkKind.FLOW, source, target, label)

    def supports(self, source: str, *targets: str) -> None:
        for target in targets:
            self.link(LinkKind.SUPPORTS, source, target)

    def causes(self, pain: str, *sources: str) -> None:
        for source in sources:
            self.link(LinkKind.CAUSES, source, pain)

    def addresses(self, opportunity: str, *pains: str) -> None:
        for pain in pains:
            self.link(LinkKind.ADDRESSES, opportunity, pain)

    def curve(self, points: dict[str, tuple[int, str]]) -> list[EmotionPoint]:
        """Emotion points from {step key: (score, reason)}, in the order of the steps."""
        unknown = set(points) - set(self._step_ids)
        if unknown:
            raise KeyError(f"{self.key}: emotion points on unknown steps {sorted(unknown)}")
        return [EmotionPoint(step=self._step_ids[key], score=points[key][0], reason=points[key][1])
                for key in self._step_ids if key in points]

    def persona(self, key: str, name: str, description: str, color: str,
                as_is: dict[str, tuple[int, str]],
                to_be: dict[str, tuple[int, str]] | None = None) -> None:
        self.personas.append(Persona(
            id=self.id("persona", key), name=name, description=description, color=color,
            as_is=self.curve(as_is), to_be=None if to_be is None else self.curve(to_be),
        ))

    def document(self, meta: MapMeta) -> MapDocument:
        return MapDocument(meta=meta, personas=self.personas, stages=self.stages,
                           lanes=self.lanes, cards=self.cards, links=self.links)


# --- 1. 银行开户服务蓝图 (zh_CN) -----------------------------------------------------


def build_bank_account_opening() -> MapDocument:
    """江南银行城东支行：个人借记卡开户的服务蓝图，两位画像，现状与目标情绪曲线。

    Deliberate gaps a facilitator should see flagged by ``cxmapper check``: the
    customer's feedback in the app gets no frontstage response (``ac_feedback``), and
    the monthly NPS report it feeds supports nothing (``bs_nps_report``); the archive
    scanning support process supports nothing either (``sp_archive``, the only reason
    for the paper form). The second visit after the risk review loops the flow back to
    the queue: a rework loop, drawn at a marked decision point, which ``check`` notes.
    """
    b = MapBuilder("bank-account-opening")
    L = LaneKind

    b.lane(L.TOUCHPOINTS, "触点", "顾客与银行接触的渠道与界面")
    b.lane(L.THOUGHTS, "顾客想法", "访谈与陪同观察中记录的原话")
    b.lane(L.EMOTIONS, "情绪", "两位画像的情绪曲线（−2 … +2）及注释")
    b.lane(L.PHYSICAL_EVIDENCE, "有形展示", "顾客看得见、拿得到的东西")
    b.lane(L.CUSTOMER_ACTIONS, "顾客行为")
    b.lane(L.FRONTSTAGE, "前台", "顾客看得见的员工与系统行为")
    b.lane(L.BACKSTAGE, "后台", "顾客看不见的员工与系统行为")
    b.lane(L.SUPPORT_PROCESSES, "支持流程", "支撑前后台的系统、部门与制度")
    b.lane(L.PAIN_POINTS, "痛点")
    b.lane(L.OPPORTUNITIES, "机会点")

    b.stage("awareness", "认知", [
        ("aw_hear", "得知需要开户", "单位通知办工资卡 / 邻居推荐存款活动"),
        ("aw_learn", "了解开户条件", "查询需要带什么材料、要不要预约"),
    ], description="顾客意识到需要一张新的借记卡", color="#4C78A8")
    b.stage("consideration", "考虑", [
        ("co_compare", "比较卡种与费用", "一类户 / 二类户、年费、小额账户管理费"),
        ("co_book", "选择渠道并预约", "手机银行预约到店，或直接去网点"),
    ], description="决定在哪里、以什么方式办理", color="#72B7B2")
    b.stage("application", "办理", [
        ("ap_queue", "到网点取号等候", "工作日上午，城东支行"),
        ("ap_verify", "身份核验与填单", "身份证识别、人脸比对、开户用途问询、签字"),
        ("ap_review", "风控审核与领卡", "涉诈风险审核、制卡、设置密码"),
    ], description="在网点完成开户（工作坊重点）", color="#F58518")
    b.stage("usage", "使用", [
        ("us_activate", "激活手机银行", "下载 APP、注册、绑定设备"),
        ("us_first", "首次转账与绑定支付", "转房租、绑定微信 / 支付宝"),
        ("us_help", "遇到问题求助", "拨打客服热线"),
    ], description="开户后的前两周", color="#54A24B")
    b.stage("loyalty", "忠诚", [
        ("lo_salary", "工资到账与产品推荐", "代发工资 / 养老金到账，客户经理回访"),
        ("lo_feedback", "提交意见反馈", "APP 满意度调研后写下意见"),
        ("lo_refer", "向亲友推荐", "推荐给同事、邻居，或者劝退"),
    ], description="是否把这张卡当作主卡、是否推荐给别人", color="#B279A2")

    # 认知 · 得知需要开户
    b.touchpoint("aw_hear", "tp_poster", "网点海报：新开户存款送好礼", Channel.STORE,
                 owner="市场部", tags=["营销"])
    b.touchpoint("aw_hear", "tp_wechat", "公众号推文：工资卡开户指南", Channel.SOCIAL,
                 owner="市场部", evidence=ASSUMED, tags=["营销", "数字化"])
    b.thought("aw_hear", "th_must", "“公司指定这家银行发工资，不办不行。”", who="小林", source="小林 · 访谈 #07")
    b.evidence("aw_hear", "ev_notice", "单位人事发的《工资卡办理通知》",
               description="只写了“请于入职两周内办理”，没有写需要带什么材料。")
    b.action("aw_hear", "ac_hear", "得知需要开一张新卡")
    b.frontstage("aw_hear", "fs_promo", "客户经理进企业做代发宣讲", owner="客户经理",
                 description="每季度一次，新员工常常错过。", evidence=ASSUMED)
    b.backstage("aw_hear", "bs_payroll_list", "整理代发企业新员工名单", owner="客户经理")
    b.support("aw_hear", "sp_crm", "CRM 客户关系管理系统", owner="IT 运维")

    # 认知 · 了解开户条件
    b.touchpoint("aw_learn", "tp_web_faq", "官网“个人开户须知”页面", Channel.WEB,
                 owner="数字银行部", metrics=metrics(ces=3.4, n=120), tags=["数字化"])
    b.touchpoint("aw_learn", "tp_branch_phone", "网点座机咨询", Channel.PHONE, owner="大堂经理",
                 description="王阿姨的首选渠道；午间常常无人接听。")
    b.thought("aw_learn", "th_docs", "“到底要不要带工作证明？网上说法都不一样。”",
              who="小林", source="小林 · 访谈 #07")
    b.action("aw_learn", "ac_learn", "查询开户要带的材料")
    b.frontstage("aw_learn", "fs_faq", "官网 / APP 展示开户须知", owner="数字银行部",
                 description="2019 年的版本，没有反映“断卡行动”后的新要求。")
    b.pain("aw_learn", "pp_unclear", "开户材料说明不清，各网点要求不一", M, 3, 4,
           description="12 位陪同对象中 5 位因材料不全多跑了一趟。", tags=["反诈", "合规"])
    b.opportunity("aw_learn", "op_checklist", "按身份生成个性化材料清单（外地户籍 / 退休 / 学生）", O,
                  owner="数字银行部", tags=["快赢", "数字化"])

    # 考虑 · 比较卡种与费用
    b.touchpoint("co_compare", "tp_app_cards", "手机银行“卡种介绍”页", Channel.APP,
                 owner="数字银行部", metrics=metrics(csat=61, n=180))
    b.evidence("co_compare", "ev_fee_table", "营业厅收费标准公示牌")
    b.thought("co_compare", "th_fee", "“会不会扣小额账户管理费？”", who="王阿姨", source="王阿姨 · 访谈 #02")
    b.action("co_compare", "ac_compare", "比较一类户、二类户和各项费用")
    b.frontstage("co_compare", "fs_explain_fee", "大堂经理讲解卡种与费用", owner="大堂经理")
    b.pain("co_compare", "pp_jargon", "“一类户 / 二类户”术语难懂", O, 2, 3, evidence=ASSUMED)

    # 考虑 · 选择渠道并预约
    b.touchpoint("co_book", "tp_app_book", "手机银行“网点预约”", Channel.APP, owner="数字银行部",
                 metrics=metrics(csat=62, ces=4.1, n=340), tags=["数字化"])
    b.action("co_book", "ac_book", "决定预约到店，还是直接去网点", decision=True,
             description="年轻客户多用 APP 预约；老年客户几乎都直接到店。")
    b.frontstage("co_book", "fs_book_confirm", "发送预约成功短信（含时段与材料）", owner="数字银行部")
    b.backstage("co_book", "bs_slots", "网点排班与预约号源管理", owner="网点运营主管")
    b.support("co_book", "sp_queue_sys", "预约排队叫号系统", owner="IT 运维")
    b.pain("co_book", "pp_elder_booking", "老人不会用手机银行预约，只能直接到店碰运气", M, 2, 4,
           tags=["老年客户"])

    # 办理 · 到网点取号等候
    b.touchpoint("ap_queue", "tp_branch", "城东支行营业大堂", Channel.STORE, owner="网点运营主管",
                 # 10 月网点出口问卷：原始答案分布
                 metrics=surveyed(nps=[3, 2, 4, 6, 9, 20, 32, 50, 46, 22, 16],
                                  csat=[14, 30, 44, 80, 42],
                                  ces=[30, 48, 54, 38, 22, 12, 6]),
                 tags=["排队"])
    b.evidence("ap_queue", "ev_ticket", "排队小票：“您前面还有 23 位客户”")
    b.evidence("ap_queue", "ev_screen", "叫号屏与等候座椅（上午座位不够）")
    b.thought("ap_queue", "th_leave", "“请了半天假，还要等多久？”", who="小林", source="小林 · 访谈 #07")
    b.action("ap_queue", "ac_queue", "取号后等候叫号", wait=40,
             description="工作日上午的中位数，来自叫号系统 10 月数据。", tags=["排队"])
    b.frontstage("ap_queue", "fs_lobby", "大堂经理分流、指导预填单", owner="大堂经理")
    b.backstage("ap_queue", "bs_windows", "对私窗口只开 2 个（午间轮休）", owner="网点运营主管",
                tags=["排队"])
    b.pain("ap_queue", "pp_queue", "排队等候 40 分钟", O, 4, 5, tags=["排队"])
    b.opportunity("ap_queue", "op_prefill", "线上预填资料，到店只做核验和签字", O,
                  owner="数字银行部", tags=["快赢"])
    b.opportunity("ap_queue", "op_video_kyc", "视频远程开户，免到店", A, owner="数字银行部",
                  description="需监管许可，先在代发企业试点。", tags=["数字化"])

    # 办理 · 身份核验与填单
    b.touchpoint("ap_verify", "tp_counter", "对私柜台窗口", Channel.STORE, owner="柜员",
                 metrics=metrics(csat=66, ces=3.6, n=210))
    b.touchpoint("ap_verify", "tp_stm", "智能柜台 STM", Channel.STORE, owner="网点运营主管",
                 metrics=metrics(csat=55, ces=3.1, n=95),
                 description="可办一类户，但识别失败率高，老人多被劝回柜台。")
    b.evidence("ap_verify", "ev_idcard", "第二代居民身份证")
    b.evidence("ap_verify", "ev_form", "《个人开户申请书》：3 页，7 处签名")
    b.thought("ap_verify", "th_signs", "“签这么多名，我都不知道签的是什么。”", who="王阿姨", source="王阿姨 · 访谈 #02")
    b.action("ap_verify", "ac_show_id", "出示身份证、刷脸")
    b.action("ap_verify", "ac_fill_form", "填写申请书、说明开户用途")
    b.frontstage("ap_verify", "fs_ocr", "柜员读取身份证并做人脸比对", owner="柜员", fail=True,
                 description="旧证件磨损、反光时 OCR 常失败，改为手工录入。")
    b.frontstage("ap_verify", "fs_purpose", "柜员问询开户用途，要求工作证明", owner="柜员",
                 decision=True, tags=["反诈", "合规"],
                 description="外地户籍、非代发客户须提供工作或居住证明。")
    b.backstage("ap_verify", "bs_id_check", "联网核查公民身份信息", owner="运营中心")
    b.support("ap_verify", "sp_ocr", "身份证 OCR 与人脸识别服务", owner="IT 运维", fail=True)
    b.support("ap_verify", "sp_police_net", "公民身份信息联网核查系统", owner="运营中心")
    b.pain("ap_verify", "pp_ocr_fail", "身份证 OCR 识别失败，只能手工录入", M, 3, 3,
           description="陪同观察：12 次中 4 次识别失败，每次多花 6–8 分钟。")
    b.pain("ap_verify", "pp_proof", "没带工作证明，被告知改天再来", M, 5, 2, tags=["反诈"])
    b.pain("ap_verify", "pp_signatures", "签名多达 7 处，老人手抖写不清", O, 3, 4,
           tags=["老年客户"])
    b.opportunity("ap_verify", "op_nfc", "OCR 失败时自动改读身份证芯片（NFC）", M, owner="IT 运维",
                  tags=["快赢"])
    b.opportunity("ap_verify", "op_esign", "电子签名板，一次签署全部文件", O, owner="运营中心")

    # 办理 · 风控审核与领卡
    b.evidence("ap_review", "ev_card", "借记卡与密码函")
    b.evidence("ap_review", "ev_review_sms", "短信：“您的开户申请正在审核中”")
    b.thought("ap_review", "th_again", "“明天还得再请一次假？”", who="小林", source="小林 · 访谈 #07")
    b.note(L.EMOTIONS, "ap_verify", "nt_low", "小林的最低谷在柜台（补材料、识别失败）；王阿姨最难受的是排队和手机银行",
           owner="主持人")
    b.action("ap_review", "ac_wait_review", "等待审核结果（外地户籍次日再来领卡）", wait=1440,
             decision=True, description="审核通过当场领卡；转人工复核的，次日再来排队。")
    b.action("ap_review", "ac_collect", "领卡、设置密码")
    b.frontstage("ap_review", "fs_review_notice", "柜员告知需转风控审核，请次日再来",
                 owner="柜员")
    b.frontstage("ap_review", "fs_issue_card", "柜员制卡、指导设置密码", owner="柜员")
    b.backstage("ap_review", "bs_risk_review", "风控人工复核开户合理性", owner="风控部",
                wait=1440, decision=True, tags=["反诈"],
                description="系统评分中高风险的申请转人工，平均 1 个工作日。")
    b.backstage("ap_review", "bs_set_limit", "对新开账户设置非柜面交易限额", owner="风控部",
                tags=["反诈"])
    b.support("ap_review", "sp_risk_model", "反欺诈风险评分模型", owner="风控部")
    b.support("ap_review", "sp_archive", "开户资料影像扫描归档", owner="运营中心",
              description="纸质申请书的唯一用途是归档，可结合电子签名重新设计。")
    b.pain("ap_review", "pp_review_day", "风控审核要 1 个工作日，需要二次到店", M, 4, 3,
           tags=["反诈"])
    b.pain("ap_review", "pp_no_progress", "审核进度查不到，只能干等", A, 2, 3, evidence=ASSUMED)
    b.pain("ap_review", "pp_gift", "开户礼品是一把伞，用不上", I, 1, 2, evidence=ASSUMED)
    b.opportunity("ap_review", "op_prereview", "预约时在线完成风控预审，到店当场领卡", O,
                  owner="风控部")
    b.opportunity("ap_review", "op_progress", "APP 与短信推送审核进度", A, owner="数字银行部",
                  tags=["快赢"])
    b.opportunity("ap_review", "op_gift", "开户礼品换成可选的话费 / 视频会员", A, owner="市场部")

    # 使用 · 激活手机银行
    b.touchpoint("us_activate", "tp_app", "手机银行 APP 注册激活", Channel.APP, owner="数字银行部",
                 metrics=metrics(nps=12, csat=71, ces=4.6, n=480), tags=["数字化"])
    b.evidence("us_activate", "ev_sms_code", "短信验证码与安全提示")
    b.thought("us_activate", "th_passwords", "“登录密码、交易密码、取款密码，我怎么记得住？”",
              who="王阿姨", source="王阿姨 · 访谈 #02")
    b.action("us_activate", "ac_activate", "下载 APP、绑卡、设置登录密码")
    b.frontstage("us_activate", "fs_app_guide", "APP 引导注册与人脸认证", owner="数字银行部")
    b.backstage("us_activate", "bs_device_bind", "设备绑定与安全校验", owner="数字银行部")
    b.support("us_activate", "sp_app_platform", "手机银行平台与短信网关", owner="IT 运维")
    b.pain("us_activate", "pp_elder_app", "老人不会用手机银行：字小、步骤多、密码多", M, 4, 4,
           tags=["老年客户", "数字化"])
    b.opportunity("us_activate", "op_elder_mode", "手机银行长辈版（大字、语音、少步骤）", O,
                  owner="数字银行部", tags=["老年客户"])
    b.opportunity("us_activate", "op_silver_class", "网点“银发课堂”一对一代激活", A,
                  owner="大堂经理", tags=["老年客户", "快赢"])

    # 使用 · 首次转账与绑定支付
    b.touchpoint("us_first", "tp_wallet", "微信 / 支付宝绑卡", Channel.APP, owner="数字银行部",
                 evidence=ASSUMED)
    b.action("us_first", "ac_transfer", "首次转账付房租、绑定第三方支付")
    b.frontstage("us_first", "fs_limit_msg", "APP 提示“超出非柜面交易限额”", owner="数字银行部",
                 fail=True)
    b.backstage("us_first", "bs_limit_check", "限额规则实时校验", owner="风控部")
    b.pain("us_first", "pp_limit", "新户每日非柜面限额 5000 元，房租转不出去", M, 4, 2,
           description="开户时没有人说明限额，也不知道怎样提额。", tags=["反诈"])
    b.opportunity("us_first", "op_limit", "开户时说明限额，APP 内提供线上提额通道", O,
                  owner="风控部", tags=["快赢"])

    # 使用 · 遇到问题求助
    b.touchpoint("us_help", "tp_hotline", "客服热线 955XX", Channel.PHONE, owner="客服中心",
                 metrics=metrics(csat=54, ces=2.9, n=260))
    b.thought("us_help", "th_menu", "“按了五次键，还是没听到人工。”", who="王阿姨", source="王阿姨 · 访谈 #02")
    b.action("us_help", "ac_call", "打电话问为什么转不出钱")
    b.frontstage("us_help", "fs_ivr", "五层语音菜单，排队转人工", owner="客服中心", wait=12)
    b.backstage("us_help", "bs_ticket", "客服工单转网点处理", owner="客服中心")
    b.support("us_help", "sp_kb", "客服知识库（限额与提额口径）", owner="客服中心", evidence=ASSUMED)
    b.pain("us_help", "pp_ivr", "转人工难，语音菜单层级太深", O, 3, 3, tags=["老年客户"])
    b.opportunity("us_help", "op_elder_line", "60 岁以上来电直转人工", A, owner="客服中心",
                  tags=["老年客户"])

    # 忠诚 · 工资到账与产品推荐
    b.touchpoint("lo_salary", "tp_rm_call", "客户经理电话回访", Channel.PHONE, owner="客户经理",
                 metrics=metrics(nps=5, n=150))
    b.thought("lo_salary", "th_pushy", "“我只是办张工资卡，怎么天天打电话推理财？”",
              who="小林", source="小林 · 访谈 #07")
    b.action("lo_salary", "ac_salary", "工资 / 养老金按月到账，开始日常使用")
    b.frontstage("lo_salary", "fs_rm_offer", "客户经理推荐理财与信用卡", owner="客户经理")
    b.backstage("lo_salary", "bs_segment", "客户分层并生成营销名单", owner="零售业务部")
    b.pain("lo_salary", "pp_pushy", "营销电话太多，感觉被打扰", R, 2, 3)

    # 忠诚 · 提交意见反馈
    b.touchpoint("lo_feedback", "tp_survey", "APP 内满意度调研", Channel.APP, owner="数字银行部",
                 metrics=surveyed(nps=[12, 8, 14, 22, 30, 84, 170, 210, 269, 251, 190],
                                  csat=[40, 113, 250, 520, 337]))
    b.action("lo_feedback", "ac_feedback", "在 APP 提交意见反馈（限额、排队）")
    b.backstage("lo_feedback", "bs_nps_report", "月度 NPS 报表汇总", owner="零售业务部",
                description="只统计分数；文字意见没有人读，也不回到网点。")
    b.pain("lo_feedback", "pp_no_reply", "意见提交后石沉大海", O, 3, 3, evidence=ASSUMED)
    b.opportunity("lo_feedback", "op_close_loop", "差评 48 小时内由网点回电闭环", O,
                  owner="零售业务部")

    # 忠诚 · 向亲友推荐
    b.note(L.EMOTIONS, "lo_refer", "nt_split",
           "王阿姨的曲线在忠诚阶段回升：柜员的耐心赢回了她；小林只是“没有更差”", owner="主持人")
    b.thought("lo_refer", "th_patient", "“这里的柜员有耐心，我让老姐妹也来这儿办。”",
              who="王阿姨", source="王阿姨 · 回访 #02")
    b.action("lo_refer", "ac_refer", "向同事 / 老姐妹推荐（或劝退）")
    b.frontstage("lo_refer", "fs_referral", "APP“推荐有礼”分享页", owner="市场部",
                 evidence=ASSUMED)

    # Flow: the customer's path, then each action's frontstage response.
    b.flow("ac_hear", "ac_learn", "ac_compare", "ac_book", "ac_queue", "ac_show_id",
           "ac_fill_form", "ac_wait_review", "ac_collect", "ac_activate", "ac_transfer",
           "ac_call", "ac_salary", "ac_feedback", "ac_refer")
    b.flow("ac_wait_review", "ac_queue", label="次日再次到店排队")
    b.flow("fs_promo", "ac_hear")
    b.flow("ac_learn", "fs_faq")
    b.flow("ac_compare", "fs_explain_fee")
    b.flow("ac_book", "fs_book_confirm")
    b.flow("ac_queue", "fs_lobby")
    b.flow("ac_show_id", "fs_ocr")
    b.flow("ac_fill_form", "fs_purpose")
    b.flow("fs_purpose", "bs_risk_review", label="提交风控")
    b.flow("bs_risk_review", "bs_set_limit")
    b.flow("bs_risk_review", "fs_issue_card", label="审核通过")
    b.flow("ac_collect", "fs_issue_card")
    b.flow("ac_activate", "fs_app_guide")
    b.flow("ac_transfer", "fs_limit_msg")
    b.flow("ac_call", "fs_ivr")
    b.flow("fs_ivr", "bs_ticket")
    b.flow("fs_rm_offer", "ac_salary")
    b.flow("fs_review_notice", "ac_wait_review")
    b.flow("ac_refer", "fs_referral")
    b.flow("tp_survey", "ac_feedback")
    b.flow("tp_survey", "bs_nps_report")

    # Supports: backstage and support work behind the frontstage.
    b.supports("bs_payroll_list", "fs_promo")
    b.supports("sp_crm", "bs_payroll_list", "bs_segment")
    b.supports("bs_segment", "fs_rm_offer")
    b.supports("bs_slots", "fs_book_confirm", "fs_lobby")
    b.supports("sp_queue_sys", "fs_book_confirm", "bs_slots")
    b.supports("bs_windows", "fs_lobby")
    b.supports("bs_id_check", "fs_ocr")
    b.supports("sp_ocr", "fs_ocr")
    b.supports("sp_police_net", "bs_id_check")
    b.supports("sp_risk_model", "bs_risk_review", "bs_limit_check")
    b.supports("bs_set_limit", "bs_limit_check")
    b.supports("bs_limit_check", "fs_limit_msg")
    b.supports("bs_device_bind", "fs_app_guide")
    b.supports("sp_app_platform", "fs_app_guide", "bs_device_bind", "fs_limit_msg")
    b.supports("sp_kb", "fs_ivr")
    b.supports("bs_ticket", "fs_ivr")

    # Causes: where each pain point comes from.
    b.causes("pp_unclear", "fs_faq", "ev_notice")
    b.causes("pp_jargon", "fs_explain_fee", "tp_app_cards")
    b.causes("pp_elder_booking", "tp_app_book", "tp_branch_phone")
    b.causes("pp_queue", "bs_windows", "ac_queue")
    b.causes("pp_ocr_fail", "sp_ocr", "fs_ocr", "tp_stm")
    b.causes("pp_proof", "fs_purpose", "pp_unclear")
    b.causes("pp_signatures", "ev_form")
    b.causes("pp_review_day", "bs_risk_review")
    b.causes("pp_no_progress", "bs_risk_review")
    b.causes("pp_gift", "tp_poster")
    b.causes("pp_elder_app", "fs_app_guide")
    b.causes("pp_limit", "bs_set_limit", "fs_limit_msg")
    b.causes("pp_ivr", "fs_ivr", "tp_hotline")
    b.causes("pp_pushy", "fs_rm_offer", "bs_segment")
    b.causes("pp_no_reply", "ac_feedback")

    # Addresses: which opportunity answers which pain point.
    b.addresses("op_checklist", "pp_unclear", "pp_proof")
    b.addresses("op_prefill", "pp_queue", "pp_signatures")
    b.addresses("op_video_kyc", "pp_queue", "pp_review_day")
    b.addresses("op_nfc", "pp_ocr_fail")
    b.addresses("op_esign", "pp_signatures")
    b.addresses("op_prereview", "pp_review_day", "pp_proof")
    b.addresses("op_progress", "pp_no_progress")
    b.addresses("op_elder_mode", "pp_elder_app", "pp_elder_booking")
    b.addresses("op_silver_class", "pp_elder_app")
    b.addresses("op_limit", "pp_limit")
    b.addresses("op_elder_line", "pp_ivr")
    b.addresses("op_close_loop", "pp_no_reply")
    b.addresses("op_gift", "pp_gift")

    b.persona(
        "young_professional", "小林 · 年轻白领",
        "28 岁，外地户籍，刚入职一家互联网公司做运营；公司指定在江南银行办工资卡。"
        "习惯用手机解决一切，最怕请假跑网点。",
        "#1F77B4",
        as_is={
            "aw_hear": (0, "公司要求的，谈不上喜欢不喜欢"),
            "aw_learn": (-1, "官网材料说明含糊，网上说法不一"),
            "co_compare": (0, "卡种差不多，选了默认的一类户"),
            "co_book": (1, "APP 预约很方便，还收到了短信"),
            "ap_queue": (-1, "预约了还是等了 20 分钟"),
            "ap_verify": (-2, "被要求工作证明，身份证还识别失败"),
            "ap_review": (-2, "审核要一天，第二天又请假来领卡"),
            "us_activate": (1, "APP 激活很顺畅"),
            "us_first": (-1, "房租转不出去，才知道有限额"),
            "us_help": (-1, "热线绕了半天才转到人工"),
            "lo_salary": (0, "工资按时到，但推销电话有点烦"),
            "lo_feedback": (-1, "在 APP 里反映了限额的问题，没人回复"),
            "lo_refer": (0, "不会劝别人来，也不会推荐"),
        },
        to_be={
            "aw_hear": (0, "公司要求的"),
            "aw_learn": (1, "按身份生成的材料清单一目了然"),
            "co_compare": (1, "卡种说明用大白话"),
            "co_book": (2, "线上预填资料、预审一次完成"),
            "ap_queue": (1, "到店直接办，不用等"),
            "ap_verify": (1, "读芯片一次通过，电子签名一次签完"),
            "ap_review": (1, "预审已通过，当场领卡"),
            "us_activate": (2, "激活顺畅，还提示了限额"),
            "us_first": (1, "在 APP 里提额后顺利转账"),
            "us_help": (0, "基本不需要求助"),
            "lo_salary": (1, "推荐更少但更对路"),
            "lo_feedback": (1, "提完意见第二天网点就回了电话"),
            "lo_refer": (1, "愿意推荐给新同事"),
        },
    )
    b.persona(
        "retiree", "王阿姨 · 退休老人",
        "67 岁，退休教师，为了领养老金和存定期来开户。只用手机打电话和看微信，"
        "相信柜台，不放心“在手机上办钱的事”。",
        "#D62728",
        as_is={
            "aw_hear": (1, "邻居说存款送礼品，挺想去看看"),
            "aw_learn": (0, "打网点电话问，午间没人接"),
            "co_compare": (0, "大堂经理讲得挺耐心"),
            "co_book": (-1, "不会在手机上预约，只能早点去"),
            "ap_queue": (-2, "排了 40 分钟，座位不够站着等"),
            "ap_verify": (-1, "签了七次名，身份证还读不出来"),
            "ap_review": (1, "当场拿到卡，柜员帮忙设好了密码"),
            "us_activate": (-2, "手机银行看不懂，字太小"),
            "us_first": (-1, "让孙子帮忙绑的微信"),
            "us_help": (-2, "热线的语音菜单听不懂"),
            "lo_salary": (1, "养老金按时到账，客户经理很热情"),
            "lo_feedback": (0, "不会在 APP 上写意见，有事直接去网点说"),
            "lo_refer": (1, "会跟老姐妹说这里柜员耐心"),
        },
    )

    tz = timezone(timedelta(hours=8))
    doc = b.document(MapMeta(
        title="江南银行 · 个人借记卡开户服务蓝图",
        description=(
            "城东支行个人借记卡开户的现状服务蓝图与改进机会。2026 年 11 月体验共创工作坊产出，"
            "依据 12 次网点陪同观察、36 份客户访谈、叫号系统 10 月数据与 APP 满意度调研；"
            "标为“假设”的卡片待下一轮调研验证，标为“提议”的是工作坊提出的改进。"
        ),
        authors=["体验设计组 陈晓", "城东支行 网点运营主管 李强", "风控部 周敏"],
        locale="zh_CN",
        created=datetime(2026, 11, 12, 9, 30, tzinfo=tz),
        modified=datetime(2026, 11, 19, 17, 45, tzinfo=tz),
    ))
    return with_kano_answers(doc, EXAMPLES_DIR / "kano-answers.zh.csv")


def with_kano_answers(doc: MapDocument, answers: Path) -> MapDocument:
    """``doc`` with the questionnaire answers in ``answers`` imported as the window and
    ``cxmapper kano import`` do (``kano_import``): every row must be accepted, so a
    renamed card cannot silently drop its answers from the example."""
    imported = read_answers(answers, doc)
    if imported.problems:
        raise ValueError(f"{answers.name}: " + "; ".join(str(p) for p in imported.problems))
    batch, _ = import_edit(doc, imported)
    editor = Editor(doc)
    editor.apply(batch)
    return editor.doc



# --- 2. Online order and return (en) ---------------------------------------------------


def build_online_order_and_return() -> MapDocument:
    """Fernway, an online clothing shop: order a cardigan, return one size, stay or leave.

    Deliberate gaps a facilitator should see flagged by ``cxmapper check``: nobody
    from Fernway is present when the customer tries the clothes on (``ac_try`` has no
    frontstage response, though fit drives the returns), the weekly returns-reason
    report supports nothing (``sp_return_reasons``: the data that could fix the size
    guide goes nowhere), and the loyalty-points idea addresses no pain point
    (``op_points``).
    """
    b = MapBuilder("online-order-and-return")
    L = LaneKind

    b.lane(L.TOUCHPOINTS, "Touchpoints", "Where the customer meets Fernway and its partners")
    b.lane(L.THOUGHTS, "Customer thoughts", "Quotes from the diary study and interviews")
    b.lane(L.EMOTIONS, "Emotions", "Both personas' curves (−2 … +2) and notes on them")
    b.lane(L.PHYSICAL_EVIDENCE, "Physical evidence", "What the customer sees, holds or prints")
    b.lane(L.CUSTOMER_ACTIONS, "Customer actions")
    b.lane(L.FRONTSTAGE, "Frontstage", "What the customer sees staff, partners or systems do")
    b.lane(L.BACKSTAGE, "Backstage", "Work the customer does not see")
    b.lane(L.SUPPORT_PROCESSES, "Support processes", "Systems, teams and partners behind it")
    b.lane(L.PAIN_POINTS, "Pain points")
    b.lane(L.OPPORTUNITIES, "Opportunities")

    b.stage("discover", "Discover", [
        ("d_see", "Sees an ad", "Instagram or the newsletter"),
        ("d_browse", "Browses", "App on the phone, website on the desktop"),
    ], color="#4C78A8")
    b.stage("choose", "Choose", [
        ("c_fit", "Checks size and fit", "Size guide, reviews about fit"),
        ("c_terms", "Checks delivery and returns", "Cost, speed, return policy"),
    ], color="#72B7B2")
    b.stage("buy", "Buy", [
        ("b_checkout", "Checks out", "Address, delivery option, account"),
        ("b_pay", "Pays", "Card with 3-D Secure, Apple Pay"),
        ("b_confirm", "Gets the confirmation", "Email with a delivery estimate"),
    ], color="#F58518")
    b.stage("receive", "Receive", [
        ("r_track", "Tracks the parcel", "Carrier tracking page"),
        ("r_deliver", "Takes delivery", "At the door, or from the depot"),
        ("r_try", "Tries it on", "At home, usually two sizes"),
    ], color="#54A24B")
    b.stage("return", "Return", [
        ("rt_start", "Starts a return", "Returns portal, reason, label"),
        ("rt_drop", "Sends it back", "Post office or drop-off shop"),
        ("rt_refund", "Waits for the refund", "Transit, inspection, refund"),
    ], description="The focus of the workshop: 31% of orders have a return", color="#E45756")
    b.stage("loyal", "Stay loyal", [
        ("l_next", "Gets the next offer", "Promotional emails"),
        ("l_review", "Reviews and recommends", "Review request, relationship NPS survey"),
    ], color="#B279A2")

    # Discover · sees an ad
    b.touchpoint("d_see", "tp_insta", "Instagram ad: autumn knitwear", Channel.SOCIAL,
                 owner="Marketing")
    b.touchpoint("d_see", "tp_newsletter", "Weekly newsletter", Channel.EMAIL, owner="CRM team",
                 evidence=ASSUMED)
    b.thought("d_see", "th_school_run", "“That cardigan would be perfect for the school run.”",
              who="Priya", source="Priya, diary, day 1")
    b.action("d_see", "ac_see", "Notices a cardigan and taps through")
    b.frontstage("d_see", "fs_ad", "Shows a targeted ad carousel", owner="Marketing")
    b.backstage("d_see", "bs_audience", "Builds lookalike audiences from past buyers",
                owner="Marketing")
    b.support("d_see", "sp_cdp", "Customer data platform", owner="Data team")

    # Discover · browses
    b.touchpoint("d_browse", "tp_app", "Mobile app: category pages", Channel.APP,
                 owner="E-commerce team", metrics=metrics(csat=78, ces=5.6, n=540))
    b.touchpoint("d_browse", "tp_web", "Website on a desktop", Channel.WEB, owner="E-commerce team",
                 metrics=metrics(csat=72, ces=5.1, n=310))
    b.action("d_browse", "ac_browse", "Browses knitwear and filters by size")
    b.frontstage("d_browse", "fs_listing", "Lists products with a size filter",
                 owner="E-commerce team")
    b.backstage("d_browse", "bs_stock_sync", "Syncs stock from the warehouse every 15 minutes",
                owner="Supply chain")
    b.pain("d_browse", "pp_stock", "Size shows in stock, then “sold out” in the basket", O, 3, 2,
           evidence=ASSUMED)
    b.opportunity("d_browse", "op_live_stock", "Live stock on product pages", O,
                  owner="Supply chain")

    # Choose · checks size and fit
    b.touchpoint("c_fit", "tp_pdp", "Product page with size guide", Channel.APP,
                 owner="E-commerce team", metrics=metrics(csat=63, ces=4.2, n=410))
    b.evidence("c_fit", "ev_size_chart", "Size chart in centimetres, the same for every brand")
    b.thought("c_fit", "th_two_sizes", "“Am I a 12 or a 14 in this brand? I'll order both.”",
              who="Priya", source="Priya, diary, day 1")
    b.action("c_fit", "ac_check_size", "Reads the size guide and fit reviews; orders two sizes",
             decision=True, tags=["sizing"])
    b.frontstage("c_fit", "fs_size_guide", "Shows one generic size guide for all brands",
                 owner="Merchandising", tags=["sizing"])
    b.support("c_fit", "sp_product_data", "Supplier product data (garment measurements)",
              owner="Merchandising", description="Half the suppliers send no measurements.")
    b.pain("c_fit", "pp_sizing", "The size guide does not match the garment: fit is a guess",
           O, 4, 5, description="38% of returns give “too small” or “too large” as the reason.",
           tags=["sizing", "returns"])
    b.opportunity("c_fit", "op_fit_advisor", "Fit advisor from past purchases and return reasons",
                  A, owner="Data team", tags=["sizing", "data"])

    # Choose · checks delivery and returns
    b.touchpoint("c_terms", "tp_terms_page", "Delivery & returns page", Channel.WEB,
                 owner="Customer service", metrics=metrics(ces=4.8, n=200))
    b.thought("c_terms", "th_free", "“Free returns? Then ordering two sizes is fine.”",
              who="Priya", source="Priya, interview P3")
    b.action("c_terms", "ac_check_terms", "Checks delivery cost and whether returns are free")
    b.frontstage("c_terms", "fs_terms", "Shows delivery options on the product page",
                 owner="E-commerce team")
    b.pain("c_terms", "pp_hidden_fee", "The £2.95 return fee is only in the small print", M, 3, 3,
           evidence=ASSUMED, tags=["returns"])
    b.opportunity("c_terms", "op_clear_fees", "Show the return fee beside the delivery cost", M,
                  owner="E-commerce team", tags=["quick win"])

    # Buy · checks out
    b.touchpoint("b_checkout", "tp_checkout", "Checkout", Channel.WEB, owner="E-commerce team",
                 metrics=metrics(csat=64, ces=4.0, n=620))
    b.action("b_checkout", "ac_checkout", "Enters the address and picks standard delivery")
    b.frontstage("b_checkout", "fs_account_wall", "Checkout requires creating an account",
                 owner="E-commerce team", decision=True,
                 description="Analytics: 21% of sessions end at this screen.")
    b.backstage("b_checkout", "bs_address", "Validates the address", owner="E-commerce team")
    b.support("b_checkout", "sp_postcode", "Postcode lookup service", owner="IT operations")
    b.pain("b_checkout", "pp_account", "Forced to create an account before paying", O, 3, 4)
    b.opportunity("b_checkout", "op_guest", "Guest checkout; offer an account after paying", O,
                  owner="E-commerce team", tags=["quick win"])

    # Buy · pays
    b.touchpoint("b_pay", "tp_payment", "Payment page (card, Apple Pay)", Channel.WEB,
                 owner="Payments", metrics=metrics(csat=70, ces=4.9, n=620))
    b.evidence("b_pay", "ev_3ds", "The bank's 3-D Secure screen")
    b.thought("b_pay", "th_charged", "“Did it take the money or not?”",
              who="Graham", source="Graham, interview G1")
    b.action("b_pay", "ac_pay", "Pays by card, approves in the banking app")
    b.frontstage("b_pay", "fs_3ds", "Runs the 3-D Secure challenge", owner="Payments", fail=True,
                 description="On desktop, approving on the phone times out after 5 minutes.")
    b.backstage("b_pay", "bs_fraud", "Screens the order for fraud", owner="Payments")
    b.support("b_pay", "sp_psp", "Payment service provider", owner="Payments")
    b.pain("b_pay", "pp_3ds", "Payment fails when switching to the bank app and back", M, 5, 2,
           tags=["payments", "accessibility"])
    b.opportunity("b_pay", "op_wallets", "Offer PayPal, keep the basket after a failed payment", O,
                  owner="Payments")

    # Buy · gets the confirmation
    b.touchpoint("b_confirm", "tp_conf_email", "Order confirmation email", Channel.EMAIL,
                 owner="CRM team")
    b.evidence("b_confirm", "ev_conf_email", "Confirmation: “arrives in 3–5 working days”")
    b.thought("b_confirm", "th_which_day", "“3–5 working days… but which day?”",
              who="Priya", source="Priya, diary, day 2")
    b.action("b_confirm", "ac_read_conf", "Reads the confirmation")
    b.frontstage("b_confirm", "fs_conf", "Sends the confirmation with a delivery estimate",
                 owner="CRM team")
    b.backstage("b_confirm", "bs_pick", "Picks and packs the order", owner="Warehouse", wait=1440)
    b.support("b_confirm", "sp_wms", "Warehouse management system", owner="IT operations")

    # Receive · tracks the parcel
    b.touchpoint("r_track", "tp_tracking", "Carrier tracking page", Channel.WEB,
                 owner="Carrier (partner)", metrics=metrics(csat=60, ces=4.4, n=300))
    b.action("r_track", "ac_track", "Checks tracking: “in transit” for two days")
    b.frontstage("r_track", "fs_tracking", "Shows tracking and a delivery day",
                 owner="Carrier (partner)")
    b.backstage("r_track", "bs_handover", "Hands the parcel to the carrier", owner="Warehouse")
    b.pain("r_track", "pp_window", "The delivery window is “between 7 am and 9 pm”", O, 3, 3,
           tags=["delivery"])
    b.opportunity("r_track", "op_slot", "One-hour slot and a live courier map", A,
                  owner="Carrier (partner)", tags=["delivery"])

    # Receive · takes delivery
    b.touchpoint("r_deliver", "tp_courier", "Courier at the door", Channel.OTHER,
                 owner="Carrier (partner)")
    b.evidence("r_deliver", "ev_missed_card", "“Sorry we missed you” card")
    b.evidence("r_deliver", "ev_bag", "Parcel in an oversized plastic bag")
    b.action("r_deliver", "ac_receive", "Is out; collects the parcel from the depot", wait=45,
             description="Travel and queue; 4 of 9 diary participants missed the courier.")
    b.frontstage("r_deliver", "fs_courier", "Courier tries once, then leaves a card",
                 owner="Carrier (partner)", fail=True)
    b.backstage("r_deliver", "bs_route", "Plans the courier's route", owner="Carrier (partner)")
    b.pain("r_deliver", "pp_missed", "A missed delivery means a trip to the depot", O, 4, 2,
           tags=["delivery"])
    b.opportunity("r_deliver", "op_locker", "Deliver to a parcel locker or a safe place", O,
                  owner="Carrier (partner)", tags=["delivery"])

    # Receive · tries it on
    b.evidence("r_try", "ev_slip", "Packing slip with a returns section in small type")
    b.thought("r_try", "th_neither", "“Neither fits quite right. Now I have to send one back.”",
              who="Priya", source="Priya, diary, day 5")
    b.note(L.EMOTIONS, "r_try", "nt_fit",
           "Priya's dip here is about fit, not service: the size data drives the whole Return "
           "stage", owner="Facilitator")
    b.action("r_try", "ac_try", "Tries on both sizes and keeps one", tags=["sizing"])
    b.pain("r_try", "pp_no_fit_question", "Nobody asks how it fits, only whether to return it",
           A, 2, 5, evidence=ASSUMED, tags=["sizing", "data"],
           description="The only thing in the box is a returns form.")
    b.opportunity("r_try", "op_fit_prompt",
                  "Ask “How does it fit?” in the app two days after delivery",
                  O, owner="CRM team", tags=["sizing", "data"])

    # Return · starts a return
    b.touchpoint("rt_start", "tp_portal", "Online returns portal", Channel.WEB,
                 owner="Customer service", metrics=metrics(csat=69, ces=4.5, n=380))
    b.evidence("rt_start", "ev_label", "A PDF return label to print")
    b.thought("rt_start", "th_printer", "“Print it? I haven't had a printer since 2015.”",
              who="Graham", source="Graham, interview G1")
    b.action("rt_start", "ac_start_return", "Starts a return and picks a reason", tags=["returns"])
    b.frontstage("rt_start", "fs_portal", "Asks for order number and email, makes a label",
                 owner="Customer service")
    b.backstage("rt_start", "bs_rma", "Creates the return authorisation", owner="Customer service")
    b.support("rt_start", "sp_oms", "Order management system", owner="IT operations")
    b.pain("rt_start", "pp_printer", "The return label must be printed; no printer at home",
           M, 4, 3,
           tags=["returns", "accessibility"])
    b.opportunity("rt_start", "op_qr", "QR code at the drop-off point, no printing", O,
                  owner="Carrier (partner)", tags=["returns", "quick win"])

    # Return · sends it back
    b.touchpoint("rt_drop", "tp_post_office", "Post office / drop-off shop", Channel.STORE,
                 owner="Carrier (partner)", metrics=metrics(csat=74, ces=5.2, n=150))
    b.evidence("rt_drop", "ev_receipt", "Drop-off receipt (the only proof of return)")
    b.action("rt_drop", "ac_drop", "Drops the parcel at a post office", wait=20)
    b.frontstage("rt_drop", "fs_scan", "Clerk scans the label and prints a receipt",
                 owner="Carrier (partner)")
    b.backstage("rt_drop", "bs_transit", "Carries the parcel to the returns centre (3–5 days)",
                owner="Carrier (partner)")
    b.pain("rt_drop", "pp_po_queue", "Lunchtime queue at the post office", I, 2, 3,
           evidence=ASSUMED)
    b.opportunity("rt_drop", "op_pickup", "Free courier pick-up from home", A,
                  owner="Carrier (partner)", tags=["returns"])

    # Return · waits for the refund
    b.touchpoint("rt_refund", "tp_chatbot", "Help-centre chatbot", Channel.CHAT,
                 owner="Customer service",
                 # the post-chat survey's raw answers, Q3
                 metrics=surveyed(nps=[20, 14, 18, 22, 25, 28, 32, 48, 43, 25, 15],
                                  csat=[60, 52, 68, 70, 40],
                                  ces=[85, 70, 55, 40, 20, 12, 8]))
    b.touchpoint("rt_refund", "tp_refund_email", "Refund confirmation email", Channel.EMAIL,
                 owner="Finance")
    b.thought("rt_refund", "th_ten_days", "“It's been ten days. Did they even get it?”",
              who="Priya", source="Priya, diary, day 17")
    b.action("rt_refund", "ac_wait_refund", "Waits for the refund", wait=20160, tags=["returns"],
             description="Median 14 days from drop-off to refund (returns data, Q3).")
    b.action("rt_refund", "ac_chase", "Asks the chatbot where the refund is")
    b.frontstage("rt_refund", "fs_bot", "Chatbot replies with the returns policy and loops",
                 owner="Customer service", fail=True)
    b.frontstage("rt_refund", "fs_refund_notice", "Sends the refund confirmation", owner="Finance")
    b.backstage("rt_refund", "bs_inspect", "Inspects and grades the returned item",
                owner="Returns centre", wait=10080, decision=True,
                description="A seven-day backlog since the summer sale.")
    b.backstage("rt_refund", "bs_refund", "Issues the refund after inspection", owner="Finance")
    b.support("rt_refund", "sp_grading", "Returns grading standard", owner="Returns centre")
    b.support("rt_refund", "sp_bot_content", "Chatbot answers (last updated in spring)",
              owner="Customer service", evidence=ASSUMED)
    b.support("rt_refund", "sp_return_reasons", "Weekly returns-reason report", owner="Data team",
              description="Read by the returns team only; never reaches merchandising.",
              tags=["data"])
    b.pain("rt_refund", "pp_refund_slow", "The refund arrives 14 days after drop-off", M, 5, 4,
           tags=["returns"])
    b.pain("rt_refund", "pp_no_status", "No news between drop-off and refund", O, 3, 5,
           tags=["returns"])
    b.pain("rt_refund", "pp_bot_loop", "The chatbot cannot answer and there is no way to a person",
           O, 4, 3)
    b.opportunity("rt_refund", "op_instant_refund",
                  "Refund at the first carrier scan for trusted customers",
                  A, owner="Finance", tags=["returns"])
    b.opportunity("rt_refund", "op_return_status",
                  "Return status: received, inspected, refunded", O,
                  owner="Customer service", tags=["returns", "quick win"])
    b.opportunity("rt_refund", "op_human", "Hand over to a person after two failed bot answers", O,
                  owner="Customer service")

    # Stay loyal · gets the next offer
    b.touchpoint("l_next", "tp_promo_email", "Promotional emails, four a week", Channel.EMAIL,
                 owner="CRM team", metrics=metrics(csat=49, n=220))
    b.action("l_next", "ac_next", "Buys again, or unsubscribes", decision=True)
    b.frontstage("l_next", "fs_promo", "Sends promotions and “you may also like”", owner="CRM team")
    b.backstage("l_next", "bs_segments", "Segments customers by purchases", owner="CRM team")
    b.pain("l_next", "pp_spam", "Too many promotional emails", R, 2, 4)
    b.opportunity("l_next", "op_preferences", "Let customers choose topics and frequency", O,
                  owner="CRM team", tags=["quick win"])
    b.opportunity("l_next", "op_points", "Loyalty points on every order", I, owner="Marketing",
                  evidence=ASSUMED)

    # Stay loyal · reviews and recommends
    b.touchpoint("l_review", "tp_nps_survey", "Review request and NPS survey", Channel.EMAIL,
                 owner="CRM team",
                 metrics=surveyed(nps=[15, 10, 18, 25, 35, 90, 160, 260, 307, 310, 250],
                                  csat=[45, 124, 260, 600, 451]))
    b.thought("l_review", "th_recommend",
              "“Lovely clothes, painful returns. I'd tell a friend to order a size up.”",
              who="Priya", source="Priya, interview P3")
    b.note(L.EMOTIONS, "l_review", "nt_nps",
           "Promoters name the clothes; detractors name the refund wait", owner="Facilitator")
    b.action("l_review", "ac_review", "Writes a review, tells a friend")
    b.frontstage("l_review", "fs_reviews", "Publishes reviews on the product page",
                 owner="E-commerce team")
    b.backstage("l_review", "bs_moderation", "Moderates reviews", owner="Customer service")

    # Flow: the customer's path, then each action's frontstage partner.
    b.flow("ac_see", "ac_browse", "ac_check_size", "ac_check_terms", "ac_checkout", "ac_pay",
           "ac_read_conf", "ac_track", "ac_receive", "ac_try", "ac_start_return", "ac_drop",
           "ac_wait_refund", "ac_chase", "ac_next", "ac_review")
    b.flow("ac_try", "ac_next", label="keeps both")
    b.flow("fs_ad", "ac_see")
    b.flow("ac_browse", "fs_listing")
    b.flow("ac_check_size", "fs_size_guide")
    b.flow("ac_check_terms", "fs_terms")
    b.flow("ac_checkout", "fs_account_wall")
    b.flow("ac_pay", "fs_3ds")
    b.flow("fs_3ds", "bs_fraud", label="approved")
    b.flow("bs_fraud", "fs_conf")
    b.flow("fs_conf", "ac_read_conf")
    b.flow("bs_fraud", "bs_pick", "bs_handover")
    b.flow("ac_track", "fs_tracking")
    b.flow("bs_route", "fs_courier")
    b.flow("fs_courier", "ac_receive")
    b.flow("ac_start_return", "fs_portal")
    b.flow("fs_portal", "bs_rma")
    b.flow("ac_drop", "fs_scan")
    b.flow("fs_scan", "bs_transit", "bs_inspect", "bs_refund", "fs_refund_notice")
    b.flow("ac_wait_refund", "fs_refund_notice")
    b.flow("ac_chase", "fs_bot")
    b.flow("fs_promo", "ac_next")
    b.flow("ac_review", "fs_reviews")

    # Supports
    b.supports("bs_audience", "fs_ad")
    b.supports("sp_cdp", "bs_audience", "bs_segments")
    b.supports("bs_stock_sync", "fs_listing")
    b.supports("sp_wms", "bs_stock_sync", "bs_pick")
    b.supports("sp_product_data", "fs_size_guide")
    b.supports("bs_address", "fs_account_wall")
    b.supports("sp_postcode", "bs_address")
    b.supports("sp_psp", "fs_3ds", "bs_fraud")
    b.supports("bs_handover", "fs_tracking")
    b.supports("sp_oms", "fs_portal", "bs_rma", "fs_bot")
    b.supports("bs_rma", "fs_scan")
    b.supports("sp_grading", "bs_inspect")
    b.supports("sp_bot_content", "fs_bot")
    b.supports("bs_segments", "fs_promo")
    b.supports("bs_moderation", "fs_reviews")

    # Causes
    b.causes("pp_stock", "bs_stock_sync")
    b.causes("pp_sizing", "fs_size_guide", "sp_product_data", "ev_size_chart")
    b.causes("pp_hidden_fee", "fs_terms", "tp_terms_page")
    b.causes("pp_account", "fs_account_wall")
    b.causes("pp_3ds", "fs_3ds", "ev_3ds")
    b.causes("pp_window", "bs_route")
    b.causes("pp_missed", "fs_courier", "pp_window")
    b.causes("pp_printer", "ev_label", "fs_portal")
    b.causes("pp_po_queue", "ac_drop")
    b.causes("pp_no_fit_question", "ev_slip")
    b.causes("pp_refund_slow", "bs_inspect", "bs_transit")
    b.causes("pp_no_status", "fs_portal")
    b.causes("pp_bot_loop", "fs_bot", "sp_bot_content")
    b.causes("pp_spam", "fs_promo", "bs_segments")

    # Addresses
    b.addresses("op_live_stock", "pp_stock")
    b.addresses("op_fit_advisor", "pp_sizing")
    b.addresses("op_fit_prompt", "pp_sizing", "pp_no_fit_question")
    b.addresses("op_clear_fees", "pp_hidden_fee")
    b.addresses("op_guest", "pp_account")
    b.addresses("op_wallets", "pp_3ds")
    b.addresses("op_slot", "pp_window", "pp_missed")
    b.addresses("op_locker", "pp_missed")
    b.addresses("op_qr", "pp_printer")
    b.addresses("op_pickup", "pp_printer", "pp_po_queue")
    b.addresses("op_instant_refund", "pp_refund_slow")
    b.addresses("op_return_status", "pp_no_status", "pp_bot_loop")
    b.addresses("op_human", "pp_bot_loop")
    b.addresses("op_preferences", "pp_spam")

    b.persona(
        "priya", "Priya, busy parent",
        "34, product manager, two children. Shops on her phone after bedtime, orders two "
        "sizes and returns one. Has a printer at work, no time for the post office.",
        "#1F77B4",
        as_is={
            "d_see": (1, "The ad showed exactly what she needed"),
            "d_browse": (1, "The app is quick to filter"),
            "c_fit": (-1, "The size guide doesn't help; orders two sizes"),
            "c_terms": (1, "Free delivery over £40"),
            "b_checkout": (-1, "Had to create yet another account"),
            "b_pay": (1, "Apple Pay, done in seconds"),
            "b_confirm": (0, "“3–5 working days” is vague"),
            "r_track": (-1, "A 7 am–9 pm window on a work day"),
            "r_deliver": (-2, "Missed it; a Saturday trip to the depot"),
            "r_try": (-1, "Neither size fits quite right"),
            "rt_start": (1, "The portal is easy; printed the label at work"),
            "rt_drop": (0, "A detour on the way home"),
            "rt_refund": (-2, "14 days, and the chatbot just loops"),
            "l_next": (-1, "Four emails a week"),
            "l_review": (0, "Likes the clothes, warns friends about returns"),
        },
    )
    b.persona(
        "graham", "Graham, cautious online shopper",
        "68, retired engineer. Shops on a desktop, approves payments on his phone, has no "
        "printer. Careful with money: wants to know exactly when it comes back.",
        "#D62728",
        as_is={
            "d_see": (0, "The newsletter is fine, nothing special"),
            "d_browse": (1, "The website is clear on a big screen"),
            "c_fit": (0, "Trusts the size he always wears"),
            "c_terms": (-1, "Found the return fee only in the small print"),
            "b_checkout": (-1, "Another account and password to remember"),
            "b_pay": (-2, "Payment failed twice switching to the bank app"),
            "b_confirm": (1, "The email reassured him the order went through"),
            "r_track": (0, "Checks tracking every morning"),
            "r_deliver": (1, "At home all day; the courier came"),
            "r_try": (-1, "Too tight across the shoulders"),
            "rt_start": (-2, "Has to print a label and has no printer"),
            "rt_drop": (-1, "Queued at the post office"),
            "rt_refund": (-2, "Can't tell whether they received it; no person to ask"),
            "l_next": (0, "Deletes the emails unread"),
            "l_review": (-1, "Would not recommend it to his friends"),
        },
        to_be={
            "d_see": (0, "The newsletter is fine"),
            "d_browse": (1, "The website is clear on a big screen"),
            "c_fit": (1, "The fit advisor suggests a size up"),
            "c_terms": (1, "Return fee shown beside the delivery cost"),
            "b_checkout": (1, "Guest checkout, no new password"),
            "b_pay": (1, "Pays with PayPal; the basket survives a failure"),
            "b_confirm": (1, "A delivery day, not a range"),
            "r_track": (1, "A one-hour slot"),
            "r_deliver": (1, "At home; the courier came on time"),
            "r_try": (0, "Fits, mostly"),
            "rt_start": (1, "A QR code, nothing to print"),
            "rt_drop": (1, "The courier picks it up from home"),
            "rt_refund": (1, "Refunded at the first scan, with updates"),
            "l_next": (0, "One email a month, about knitwear"),
            "l_review": (1, "Would recommend it to his friends"),
        },
    )

    tz = timezone(timedelta(hours=1))
    return b.document(MapMeta(
        title="Fernway: online order and return journey",
        description=(
            "The as-is journey of ordering clothes online from Fernway and returning part of "
            "the order, with the service blueprint behind it. From the October 2026 returns "
            "workshop: a 9-person diary study, 14 interviews, Q3 returns data and the "
            "relationship NPS survey. Cards marked “assumed” need research; “proposed” cards "
            "are the workshop's ideas."
        ),
        authors=["Hannah Okafor (CX research)", "Tom Reyes (returns operations)",
                 "Mei Chen (service design)"],
        locale="en",
        created=datetime(2026, 10, 6, 9, 0, tzinfo=tz),
        modified=datetime(2026, 10, 20, 16, 30, tzinfo=tz),
    ))


# --- writing -----------------------------------------------------------------------

#: File name → builder. Add a map here and it is written, checked and tested.
EXAMPLES: dict[str, Callable[[], MapDocument]] = {
    "bank-account-opening.zh.cxmap": build_bank_account_opening,
    "online-order-and-return.en.cxmap": build_online_order_and_return,
}


def build(name: str) -> MapDocument:
    """The example map ``name``, checked as the loader would check it."""
    doc = EXAMPLES[name]()
    problems = validate_references(doc)
    if problems:
        raise ValueError(f"{name}: " + "; ".join(str(p) for p in problems))
    return doc


def write_examples(out_dir: Path) -> list[Path]:
    """Write every example into ``out_dir`` with the program's own (atomic) save."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXAMPLES:
        path = out_dir / name
        # No backup: a .bak beside the bundled examples would be shipped with them.
        save_file(build(name), path, backup=False)
        written.append(path)
    return written


def stale_examples(out_dir: Path) -> list[str]:
    """Names of the example files in ``out_dir`` that differ from what the script builds."""
    return [name for name in EXAMPLES
            if not (out_dir / name).is_file() or (out_dir / name).read_bytes() != dumps(build(name))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=EXAMPLES_DIR,
                        help=f"directory to write into (default: {EXAMPLES_DIR.relative_to(ROOT)})")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a file in --out differs from the script")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_examples(args.out)
        for name in stale:
            print(f"{args.out / name}: stale, re-run scripts/build_examples.py", file=sys.stderr)
        return 1 if stale else 0
    for path in write_examples(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
