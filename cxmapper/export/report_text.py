"""Every word the PDF report prints, in English or Chinese (plain Python, no Qt).

The report speaks the map's language: ``meta.locale`` starting with ``zh`` gives
Chinese, anything else English; ``--lang en|zh`` overrides (``report_language``).
``pdf.py``, ``pdf_blueprint.py`` and ``charts.py`` take a :class:`ReportText` and pass
every string through it: ``text("Report date {date}", date=...)``. The English
template *is* the key, so the English report needs no table and a missing Chinese
entry shows up as English (``tests/export/test_report_language.py`` renders a Chinese
report and looks for English headings).

Trap: a template is formatted with ``str.format``; literal braces must be doubled, and
the Chinese template must use the same field names as the English one.
"""

from __future__ import annotations

from cxmapper.model.document import BlueprintLine, CardKind, KanoCategory, LaneKind
from cxmapper.model.priority import Reason, english_reason

LANGUAGES = ("en", "zh")


def report_language(locale: str | None, override: str | None = None) -> str:
    """"zh" for a Chinese map (or ``override="zh"``), else "en"."""
    if override:
        if override not in LANGUAGES:
            raise ValueError(f"unknown report language {override!r}: use en or zh")
        return override
    return "zh" if (locale or "").lower().replace("-", "_").startswith("zh") else "en"


KANO_EN = {
    KanoCategory.MUST_BE: "Must-be",
    KanoCategory.ONE_DIMENSIONAL: "One-dimensional",
    KanoCategory.ATTRACTIVE: "Attractive",
    KanoCategory.INDIFFERENT: "Indifferent",
    KanoCategory.REVERSE: "Reverse",
    KanoCategory.QUESTIONABLE: "Questionable",
    None: "Not categorised",
}
KANO_ZH = {
    KanoCategory.MUST_BE: "基本型",
    KanoCategory.ONE_DIMENSIONAL: "期望型",
    KanoCategory.ATTRACTIVE: "兴奋型",
    KanoCategory.INDIFFERENT: "无差异型",
    KanoCategory.REVERSE: "反向型",
    KanoCategory.QUESTIONABLE: "可疑型",
    None: "未分类",
}
KIND_EN = {
    CardKind.TOUCHPOINT: "Touchpoint",
    CardKind.ACTION: "Action",
    CardKind.EVIDENCE: "Evidence",
    CardKind.PROCESS: "Process",
    CardKind.PAIN_POINT: "Pain point",
    CardKind.OPPORTUNITY: "Opportunity",
    CardKind.THOUGHT: "Thought",
    CardKind.NOTE: "Note",
}
KIND_ZH = {
    CardKind.TOUCHPOINT: "触点",
    CardKind.ACTION: "行为",
    CardKind.EVIDENCE: "有形展示",
    CardKind.PROCESS: "流程",
    CardKind.PAIN_POINT: "痛点",
    CardKind.OPPORTUNITY: "机会点",
    CardKind.THOUGHT: "想法",
    CardKind.NOTE: "备注",
}
LINE_EN = {
    BlueprintLine.INTERACTION: "Line of interaction",
    BlueprintLine.VISIBILITY: "Line of visibility",
    BlueprintLine.INTERNAL_INTERACTION: "Line of internal interaction",
}
LINE_ZH = {
    BlueprintLine.INTERACTION: "互动分界线",
    BlueprintLine.VISIBILITY: "可视分界线",
    BlueprintLine.INTERNAL_INTERACTION: "内部互动分界线",
}
LANE_KIND_ZH = {
    LaneKind.CUSTOMER_ACTIONS: "顾客行为",
    LaneKind.TOUCHPOINTS: "触点",
    LaneKind.THOUGHTS: "想法",
    LaneKind.EMOTIONS: "情绪",
    LaneKind.PAIN_POINTS: "痛点",
    LaneKind.OPPORTUNITIES: "机会点",
    LaneKind.CHANNELS: "渠道",
    LaneKind.METRICS: "指标",
    LaneKind.NOTES: "备注",
    LaneKind.PHYSICAL_EVIDENCE: "有形展示",
    LaneKind.FRONTSTAGE: "前台",
    LaneKind.BACKSTAGE: "后台",
    LaneKind.SUPPORT_PROCESSES: "支持流程",
}
KANO_REASON_ZH = {
    KanoCategory.MUST_BE: "基本型（M）：顾客视为理所当然，做不好就会不满",
    KanoCategory.ONE_DIMENSIONAL: "期望型（O）：做得越好越满意，做得越差越不满",
    KanoCategory.ATTRACTIVE: "兴奋型（A）：解决了会带来惊喜，不解决也很少引起不满",
    KanoCategory.INDIFFERENT: "无差异型（I）：顾客认为影响不大",
    KanoCategory.REVERSE: "反向型（R）：部分顾客更希望没有它",
    KanoCategory.QUESTIONABLE: "可疑型（Q）：回答自相矛盾，请检查问题",
    None: "尚无 Kano 类别",
}
REASON_ZH = {
    "kano": "Kano：{kano_reason}，权重 {weight:.1f}",
    "hand_set": "注：问卷结果指向{survey}，但类别是手工设定的",
    "no_worse": "Worse：无问卷回答，系数 1.0",
    "worse": "Worse {worse:.2f}：{clear} 位明确作答（A/O/M/I）的受访者中有 {dissatisfied} 位在未解决时会不满，系数 {factor:.2f}",
    "impact": "严重度 {severity} × 频率 {frequency} = {impact}（满分 25）",
    "score": "得分 {score:g} = 100 × 权重 × Worse 系数 × {impact}/25",
}

#: Chinese for every English template the report prints (the key is the English text).
ZH: dict[str, str] = {
    # structure, bookmarks, metadata, footer
    "Cover": "封面",
    "Blueprint": "服务蓝图",
    "Emotion curves": "情绪曲线",
    "Pain points ranked": "痛点优先级排序",
    "Metrics per stage": "各阶段指标",
    "Kano analysis": "Kano 分析",
    "Appendix: full card text": "附录：卡片全文",
    "Customer journey map and service blueprint: {title}": "顾客旅程地图与服务蓝图：{title}",
    "CX Mapper · {date} · page {page}": "CX Mapper · {date} · 第 {page} 页",
    # cover
    "Untitled map": "未命名地图",
    "Report date {date}": "报告日期 {date}",
    "By {authors}": "作者 {authors}",
    "map last modified {date}": "地图最后修改于 {date}",
    "stages": "个阶段",
    "steps": "个步骤",
    "cards": "张卡片",
    "pain points": "个痛点",
    "NPS": "NPS 净推荐值",
    "CSAT % (4–5 of 5)": "CSAT %（5 分制 4–5 分）",
    "CSAT (mean of 1–5)": "CSAT（1–5 均值）",
    "CES (mean of 1–7)": "CES（1–7 均值）",
    "CES % (5–7 of 7)": "CES %（7 分制 5–7 分）",
    "Pain points by Kano category": "按 Kano 类别划分的痛点",
    "The map has no pain points.": "地图中没有痛点。",
    "Personas": "用户画像",
    "The map has no personas.": "地图中没有用户画像。",
    "no emotion points": "没有情绪打分",
    "{share} of steps positive ({positive} of {scored})": "{share} 的步骤情绪为正（{scored} 步中 {positive} 步）",
    "; lowest: ": "；最低点：",
    "(unnamed persona)": "（未命名画像）",
    "Emotion scale {min} … {max}; a step counts as positive when the as-is score is above {neutral}.":
        "情绪量表 {min} … {max}；现状得分高于 {neutral} 的步骤记为正面。",
    "Note: {note}": "注：{note}",
    # blueprint
    "The map has no stages yet: there is no grid to draw.": "地图还没有阶段，无法绘制网格。",
    "The map has no lanes yet: there is no grid to draw.": "地图还没有泳道，无法绘制网格。",
    "The map has no visible lanes yet: there is no grid to draw.": "地图还没有可见泳道，无法绘制网格。",
    "Blueprint — page {number} of {of}": "服务蓝图 — 第 {number} / {of} 页",
    " · steps {first}–{last} of {total}": " · 步骤 {first}–{last}（共 {total} 步）",
    " · lanes {first}–{last} of {total}": " · 泳道 {first}–{last}（共 {total} 条）",
    " · scaled to {scale}": " · 缩放至 {scale}",
    "Stage {number}": "阶段 {number}",
    " (continued)": "（续）",
    "Persona": "画像",
    "Wait": "等待",
    "Wait {value} d": "等待 {value} 天",
    "Wait {value} h": "等待 {value} 小时",
    "Wait {value} min": "等待 {value} 分钟",
    "✕ Fail": "✕ 失败点",
    "◇ Decision": "◇ 决策点",
    "Cards:": "卡片：",
    "Border:": "边框：",
    "observed": "已观察",
    "assumed": "假设",
    "proposed": "建议",
    "Marks:": "标记：",
    "Kano:": "Kano：",
    "S/F severity/frequency 1–5 · A1 = full text in the appendix": "S/F 严重度/频率 1–5 · A1 = 全文见附录",
    " · emotion: solid as-is, dashed to-be": " · 情绪：实线为现状，虚线为未来",
    "--fit: one page would need a scale of {scale}, which puts card text below {size} pt; the blueprint is split across pages instead":
        "--fit：缩到一页需要 {scale} 的比例，卡片文字将小于 {size} pt，因此蓝图改为分页",
    "--fit: to stay readable on one page, cards show {lines} description lines; the full text is in the appendix":
        "--fit：为在一页内保持可读，卡片只显示 {lines} 行说明，全文见附录",
    "--fit: to stay readable on one page, cards show their titles only; descriptions are in the appendix":
        "--fit：为在一页内保持可读，卡片只显示标题，说明见附录",
    "poster: the map is larger than the biggest PDF page (200 in a side); it is scaled to {scale}":
        "海报：地图大于 PDF 允许的最大页面（每边 200 英寸），已缩放至 {scale}",
    "{count} blueprint pages scaled down (to {scale} at the smallest): a lane row is taller than a page":
        "{count} 页蓝图被缩小（最小 {scale}）：某条泳道比一页还高",
    # emotion curves
    "No persona has an emotion curve.": "没有画像带有情绪曲线。",
    "Solid lines: the journey as it is today; dashed lines: the journey as planned (to-be). Grey line: neutral ({neutral}). A gap means no score was recorded for that step.":
        "实线：当前旅程（现状）；虚线：规划中的旅程（未来）。灰线：中性（{neutral}）。断开处表示该步骤没有记录得分。",
    "emotion": "情绪",
    " (to-be)": "（未来）",
    "Stage › step": "阶段 › 步骤",
    "Score": "得分",
    "Why (as recorded)": "原因（记录）",
    "Moments of pain: each persona's lowest points below neutral": "痛苦时刻：每个画像低于中性的最低点",
    "Fix first": "优先解决",
    "The {shown} of {total} pain points with the highest priority; the whole ranking, "
    "with its reasons, is in “Pain points ranked”.": "{total} 个痛点中优先级最高的 {shown} 个；完整排序及理由见“痛点优先级排序”。",
    "Emotion curves at a glance": "情绪曲线一览",
    # pain points
    "Pain points ranked: what to fix first": "痛点优先级排序：先解决什么",
    "Pain point": "痛点",
    "Kano": "Kano 类别",
    "Severity": "严重度",
    "Frequency": "频率",
    "Priority": "优先级",
    "Touchpoint": "触点",
    "(untitled)": "（无标题）",
    "Worse {worse}": "Worse {worse}",
    "Priority score = 100 × Kano weight × Worse factor × severity × frequency / 25 (an unrated severity or frequency counts as 3; the Worse factor comes from the card's Kano survey answers, 1.0 without). Touchpoint: those in the same step or linked to the pain point.":
        "优先级得分 = 100 × Kano 权重 × Worse 系数 × 严重度 × 频率 / 25（未评的严重度或频率按 3 计；Worse 系数来自卡片的 Kano 问卷回答，没有时为 1.0）。触点：同一步骤中或与该痛点相连的触点。",
    # metrics
    "No card in the map carries NPS, CSAT or CES.": "地图中没有卡片带有 NPS、CSAT 或 CES。",
    "Stage": "阶段",
    "Cards measured": "有数据的卡片",
    "(unnamed stage)": "（未命名阶段）",
    "n={n}": "n={n}",
    " +{count} without n": " +{count} 个无样本量",
    "NPS: % promoters (9–10) − % detractors (0–6), −100 … +100": "NPS：推荐者（9–10）% − 贬损者（0–6）%，−100 … +100",
    "CSAT: % of 4–5 answers on 1–5": "CSAT：1–5 分中 4–5 分的比例",
    "CSAT: mean answer on 1–5": "CSAT：1–5 分的平均值",
    "CES: mean answer on 1–7": "CES：1–7 分的平均值",
    "CES: % agreeing (5–7) on 1–7": "CES：1–7 分中同意（5–7）的比例",
    "{nps}. {csat}. {ces}. A stage's value pools its cards' answers: each value weighted by its sample size (a value entered without one counts once; n says how many answers).":
        "{nps}。{csat}。{ces}。阶段数值汇总其卡片的回答：按样本量加权（未填样本量的数值计一次；n 为回答数）。",
    "Left out: {title}: {reason}": "未计入：{title}：{reason}",
    # Kano
    "Kano analysis: what customers expect": "Kano 分析：顾客期望什么",
    "Better / Worse (Timko, in Berger et al. 1993)": "Better / Worse 系数图（Timko，见 Berger 等 1993）",
    "{unlabelled} of {drawn} points carry no number: there was no room for it without "
    "covering another. The table lists every feature.": "{drawn} 个点中有 {unlabelled} 个未标编号：标上会遮住其他编号。下表列出全部功能。",
    "|Worse|: dissatisfaction when absent": "|Worse|：缺少时的不满程度",
    "Better: satisfaction when present": "Better：具备时的满意程度",
    "Feature": "功能",
    "Survey category": "问卷类别",
    "Map category": "地图类别",
    "Better": "Better",
    "Worse": "Worse",
    "Top two differ?": "差异显著？",
    "standard": "标准评价表",
    "pouliot": "Pouliot 评价表",
    "mode": "众数",
    "aom": "A+O+M 对 I+R+Q",
    "yes": "是",
    "no (Fong)": "否（Fong）",
    "Evaluation table: {table} (Berger et al. 1993{pouliot}). Category rule: {rule}. Better = (A + O) / (A + O + M + I); Worse = −(O + M) / (A + O + M + I). Top two differ: Fong's test on the two most frequent categories.":
        "评价表：{table}（Berger 等 1993{pouliot}）。归类规则：{rule}。Better = (A + O) / (A + O + M + I)；Worse = −(O + M) / (A + O + M + I)。前两类差异显著：对出现最多的两个类别做 Fong 检验。",
    "; Pouliot: Must-be/Must-be and Live-with/Live-with count as Q": "；Pouliot：“理应如此/理应如此”与“能忍受/能忍受”计为 Q",
    # appendix
    "Appendix: full text of cards cut short on the blueprint": "附录：蓝图上被截断的卡片全文",
    "owner: {owner}": "负责人：{owner}",
    "tags: {tags}": "标签：{tags}",
}


class ReportText:
    """The report's words in one language: ``text(template, **fields)`` and helpers."""

    def __init__(self, lang: str = "en"):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown report language {lang!r}: use en or zh")
        self.lang = lang
        self._table = ZH if lang == "zh" else {}

    def __call__(self, template: str, **fields) -> str:
        return self._table.get(template, template).format(**fields)

    @property
    def list_separator(self) -> str:
        return "、" if self.lang == "zh" else ", "

    def kano(self, category: KanoCategory | None) -> str:
        return (KANO_ZH if self.lang == "zh" else KANO_EN)[category]

    def kind(self, kind: CardKind) -> str:
        return (KIND_ZH if self.lang == "zh" else KIND_EN)[kind]

    def line(self, line: BlueprintLine) -> str:
        return (LINE_ZH if self.lang == "zh" else LINE_EN)[line]

    def lane_kind(self, kind: LaneKind) -> str:
        return LANE_KIND_ZH[kind] if self.lang == "zh" else kind.value.replace("_", " ")

    def wait(self, minutes: float | None) -> str:
        if minutes is None:
            return self("Wait")
        if minutes >= 2 * 24 * 60:
            return self("Wait {value} d", value=f"{minutes / 1440:.3g}")
        if minutes >= 120:
            return self("Wait {value} h", value=f"{minutes / 60:.3g}")
        return self("Wait {value} min", value=f"{minutes:g}")

    def reason(self, reason: Reason) -> str:
        """One ranking reason of ``cxmapper.model.priority`` in this language."""
        if self.lang != "zh":
            return english_reason(reason)
        values = dict(reason.values)
        if reason.key == "kano":
            values["kano_reason"] = KANO_REASON_ZH[values["category"]]
        elif reason.key == "hand_set":
            values["survey"] = KANO_ZH[values["survey"]]
        elif reason.key == "impact":
            for name in ("severity", "frequency"):
                if values[name] is None:
                    values[name] = "3（未评）"
        return REASON_ZH[reason.key].format(**values)


def report_text(locale: str | None, override: str | None = None) -> ReportText:
    return ReportText(report_language(locale, override))
