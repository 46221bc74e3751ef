"""The self-contained web page: one HTML file that shows the whole map offline.

This module owns what goes into the page: the map's geometry from the shared layout
(``cxmapper.model.layout``, as the canvas and the PDF draw it), every card's text and
markers, the emotion curves, the links, the ranked pain points, metrics per stage and
the Kano table (the model's analyses and the report's words, ``report_text``), all as
one JSON document embedded in the page. The page's code and style are package files
(``cxmapper/export/html/page.js``, ``page.css``) read at export time; the script builds
the page from the JSON with ``textContent`` and DOM calls only, never from markup, so
user text can never run as code.

Security model (docs/EXPORTS.md): a Content-Security-Policy meta allows nothing but
the file's own inline script and style, named by their SHA-256 hashes
(``default-src 'none'``, no ``unsafe-inline``, no ``unsafe-eval``), so even markup that
got through would find no script allowed and no network. The JSON sits in a
``<script type="application/json">`` block (data, never run) with ``<``, ``>``, ``&``,
U+2028 and U+2029 written as ``\\uXXXX``, so no title can close the block.

Trap: the page sets positions through the CSSOM (``el.style.left = …``), which the CSP
allows; a ``style="…"`` attribute in markup would be refused by the same CSP.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from cxmapper.model.atomic import write_atomic
from cxmapper.export.charts import persona_colors
from cxmapper.export.facts import headline
from cxmapper.export.report_facts import (
    KANO_COLOR,
    KANO_COUNT_ORDER,
    KIND_FILL,
    TILE_LABEL,
    card_badges,
    kano_badge_text,
    metric_text,
    stage_metric_cells,
)
from cxmapper.export.report_text import ReportText, report_text
from cxmapper.model.comments import threads
from cxmapper.model.document import (
    BLUEPRINT_LINES,
    KANO_KINDS,
    Card,
    CardKind,
    Evidence,
    KanoCategory,
    MapDocument,
)
from cxmapper.model.fileformat import collector_paused
from cxmapper.model.kano import analyse_document
from cxmapper.model.layout import LayoutStyle, MapLayout
from cxmapper.model.metrics import card_metrics, convention_labels, map_metrics
from cxmapper.model.priority import rank_pain_points
from cxmapper.textwidth import char_width

#: The canvas's grid (``JourneyScene`` uses ``LayoutStyle()`` at zoom 1).
STYLE = LayoutStyle()

# Card text metrics in CSS pixels; page.css sets the same sizes (--title-lh etc.).
CARD_PAD = 6.0  # top, right and bottom; the left adds the colour strip
STRIP = 4.0
BORDER = 1.5  # page.css: .card { border: 1.5px …; padding: 6px 6px 6px 10px }
TITLE_LH, MAX_TITLE_LINES = 16.0, 4
DESC_LH, MAX_DESC_LINES = 14.0, 2
ROW_H = 18.0  # the badge row and the metrics row
TITLE_PX, DESC_PX = 6.6, 5.9  # width of one half-width column at 13 px and 11.5 px sans

#: UI words of the page that the PDF report does not print (the report's are reused).
UI_ZH: dict[str, str] = {
    "Map": "地图",
    "Report": "报告",
    "Search cards": "搜索卡片",
    "{count} found": "找到 {count} 张",
    "Lanes": "泳道",
    "Evidence": "证据状态",
    "Filters": "筛选",
    "Show all": "全部显示",
    "Zoom in": "放大",
    "Zoom out": "缩小",
    "Fit": "适应窗口",
    "Close": "关闭",
    "Description": "描述",
    "Owner": "负责人",
    "Tags": "标签",
    "Lane": "泳道",
    "Step": "步骤",
    "Channel": "渠道",
    "Markers": "标记",
    "Metrics": "指标",
    "Links": "连线",
    "Comments": "评论",
    "No comments.": "没有评论。",
    "Comments on the map": "对整张地图的评论",
    "resolved": "已解决",
    "Priority rank {rank} of {of}, score {score}": "优先级第 {rank} 位（共 {of} 个），得分 {score}",
    "Why": "原因",
    "flow": "流程",
    "supports": "支持",
    "causes": "导致",
    "addresses": "解决",
    "to": "到",
    "from": "来自",
    "Drag to pan, wheel to scroll, Ctrl + wheel or +/− to zoom, click a card for its details.":
        "拖动平移，滚轮滚动，Ctrl + 滚轮或 +/− 缩放，点击卡片查看详情。",
    "Emotion: solid as-is, dashed to-be": "情绪：实线为现状，虚线为未来",
    "Exported from CX Mapper": "由 CX Mapper 导出",
    "not categorised": "未分类",
    "web": "网站",
    "app": "应用",
    "store": "门店",
    "phone": "电话",
    "email": "邮件",
    "chat": "在线客服",
    "social": "社交媒体",
    "other": "其他",
}

#: Every word the page's script shows, looked up by the English text.
PAGE_WORDS = (
    "Map", "Report", "Search cards", "{count} found", "Lanes", "Personas", "Kano", "Evidence",
    "Filters", "Show all", "Zoom in", "Zoom out", "Fit", "Close", "Description", "Owner", "Tags",
    "Lane", "Stage", "Step", "Stage › step", "Channel", "Markers", "Metrics", "Links", "Comments", "No comments.",
    "Comments on the map",
    "resolved", "Priority rank {rank} of {of}, score {score}", "Why", "flow", "supports", "causes",
    "addresses", "to", "from", "observed", "assumed", "proposed", "(untitled)", "Cards:",
    "Border:", "Marks:", "Kano:", "Pain points ranked: what to fix first", "Metrics per stage",
    "Kano analysis: what customers expect", "The map has no pain points.",
    "No card in the map carries NPS, CSAT or CES.", "Exported from CX Mapper",
    "Drag to pan, wheel to scroll, Ctrl + wheel or +/− to zoom, click a card for its details.",
    "Emotion: solid as-is, dashed to-be", "not categorised", "Persona", "Pain points by Kano category",
)


class PageText:
    """The page's words: the report's catalogue first, then the page's own."""

    def __init__(self, text: ReportText):
        self.report = text
        self.lang = text.lang

    def __call__(self, template: str, **fields) -> str:
        return self.template(template).format(**fields)

    def template(self, template: str) -> str:
        """The template in this language, its ``{fields}`` left for the page to fill."""
        if self.lang != "zh":
            return template
        return UI_ZH.get(template) or self.report._table.get(template, template)


# -- card geometry ------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # a map repeats few distinct characters
def _columns(char: str) -> int:
    """Columns a character takes on the page: ``char_width``, and 2 for punctuation and
    symbols of East Asian width "ambiguous" (“ ” ‘ ’ … · — °), which a CJK font draws
    full width: the stack's first font present on most machines here is a CJK one
    (WenQuanYi, YaHei, PingFang). Counted narrow, the bank example's “…” titles wrapped
    to a line the card had no room for. Letters (Greek, Cyrillic) stay narrow."""
    if unicodedata.east_asian_width(char) == "A" and unicodedata.category(char)[0] in "PS":
        return 2
    return char_width(char)


def _wrapped_lines(text: str, width: float, px: float, limit: int = 1_000_000) -> int:
    """How many lines ``text`` takes at ``width`` px: greedy, breaking after spaces and
    anywhere between wide (CJK) characters, as the browser's line breaker does. Counting
    stops past ``limit`` lines (a card shows at most a few; a description may be 20,000
    characters)."""
    if not text:
        return 0
    lines, used, since_break = 1, 0.0, 0.0
    for char in text:
        if lines > limit:
            break
        if char == "\n":
            lines, used, since_break = lines + 1, 0.0, 0.0
            continue
        cols = _columns(char)
        w = cols * px
        if used + w > width and used > 0:
            lines += 1
            # a word that does not fit moves whole to the next line (unless it fills it)
            used = since_break if since_break + w <= width else 0.0
            since_break = used
        used += w
        since_break = 0.0 if char == " " or cols == 2 else since_break + w
    return lines


def _badges(card: Card, t: PageText) -> list[tuple[str, str, str]]:
    """(text, fill, ink) of the card's badges, as the PDF and the deck show them."""
    return [(b.text, b.fill, b.ink) for b in card_badges(card, t.report)]


class _CardMeasure:
    """The ``Measure`` for ``MapLayout``: a card's height in the page's CSS pixels."""

    def __init__(self, doc: MapDocument, t: PageText, commented: frozenset[str] | set[str] = frozenset()):
        self.doc, self.t = doc, t
        self.commented = commented  # card ids with comment threads: a mark in the badge row
        self.metrics: dict[str, list[list[str]]] = {}

    def __call__(self, card: Card, width: float) -> float:
        inner = width - 2 * CARD_PAD - STRIP - 2 * BORDER
        title = min(max(_wrapped_lines(card.title, inner, TITLE_PX, MAX_TITLE_LINES), 1), MAX_TITLE_LINES)
        desc = min(_wrapped_lines(card.description, inner, DESC_PX, MAX_DESC_LINES), MAX_DESC_LINES)
        height = 2 * (CARD_PAD + BORDER) + title * TITLE_LH + desc * DESC_LH
        if _badges(card, self.t) or card.kind is CardKind.TOUCHPOINT or card.id in self.commented:
            height += ROW_H
        if self.metric_rows(card):
            height += ROW_H
        return height

    def metric_rows(self, card: Card) -> list[list[str]]:
        """[label, value, "n=…"] per measure the card carries (cached by id)."""
        rows = self.metrics.get(card.id)
        if rows is None:
            rows = []
            if card.metrics is not None and not card.metrics.empty:
                settings = self.doc.analysis
                try:
                    found = card_metrics(card.metrics, settings)
                except ValueError as exc:  # outside the map's convention: say so
                    found = None
                    rows.append(["!", str(exc), ""])
                for name in ("nps", "csat", "ces") if found else ():
                    measure = getattr(found, name)
                    if measure is not None:
                        n = self.t("n={n}", n=measure.samples) if measure.samples else ""
                        rows.append([name.upper(), metric_text(name, measure.value, settings), n])
            self.metrics[card.id] = rows
        return rows


# -- the payload --------------------------------------------------------------------------


def _stamp(when: datetime | None) -> str:
    """A comment's time as the page shows it: minutes, and UTC said when it is UTC."""
    if when is None:
        return ""
    if when.tzinfo is not None and when.utcoffset() == timedelta(0):
        return f"{when:%Y-%m-%d %H:%M} UTC"
    return f"{when:%Y-%m-%d %H:%M}" + (f" {when:%z}" if when.tzinfo is not None else "")


def comment_threads(doc: MapDocument) -> list[dict[str, Any]]:
    """The map's comment threads (``model.comments.threads``: a first comment and its
    replies in order) as {target, resolved, messages: [{author, time, text}]}; a thread
    on the map itself has target "" (the report view lists those)."""
    return [
        {
            "target": thread[0].target or "",
            "resolved": thread[0].resolved,
            "messages": [{"author": c.author, "time": _stamp(c.created), "text": c.text} for c in thread],
        }
        for thread in threads(doc)
    ]


def build_payload(doc: MapDocument, lang: str | None = None) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data (geometry in CSS pixels)."""
    t = PageText(report_text(doc.meta.locale, lang))
    notes = comment_threads(doc)
    measure = _CardMeasure(doc, t, {thread["target"] for thread in notes})
    layout = MapLayout(doc, measure, STYLE)
    lane_index = {lane.id: k for k, lane in enumerate(layout.lanes)}
    step_index = {step.id: k for k, step in enumerate(layout.steps)}
    ranked = rank_pain_points(doc)
    rank_of = {item.card.id: item for item in ranked}
    cards = []
    for card in doc.cards:
        if not layout.has_card(card.id):
            continue  # a dangling lane or step: validation reports it, the grid cannot hold it
        rect = layout.card_rect(card.id)
        entry: dict[str, Any] = {
            "id": card.id, "t": card.title, "k": card.kind.value, "l": lane_index[card.lane],
            "s": step_index[card.step], "y": layout.card_offset(card.id)[1], "h": rect.h,
            "e": card.evidence.value,
        }
        optional = {
            "d": card.description, "o": card.owner, "g": list(card.tags), "c": card.color,
            "b": _badges(card, t), "m": measure.metric_rows(card),
            "ch": t(card.channel.value) if card.kind is CardKind.TOUCHPOINT else None,
            "q": card.kano.value if card.kind in KANO_KINDS and card.kano else None,
        }
        item = rank_of.get(card.id)
        if item is not None:
            optional["r"] = [item.rank, f"{item.score:g}", [t.report.reason(r) for r in item.reason_parts]]
        entry.update({k: v for k, v in optional.items() if v})
        cards.append(entry)
    known = {c["id"] for c in cards}
    colors = persona_colors(doc.personas)

    def curve(points):
        if points is None:
            return None
        return [[step_index[p.step], p.score, p.reason] for p in points if p.step in step_index]

    stages, stage_index = [], {}
    for k, stage in enumerate(doc.stages):
        rect = layout.stage_header(stage.id)
        if rect is not None:
            stage_index[stage.id] = len(stages)
            stages.append({
                "id": stage.id, "n": stage.name or t("Stage {number}", number=k + 1), "d": stage.description,
                "x": rect.x, "w": rect.w, "c": stage.color,
            })
    stage_of = doc.stage_of_step()
    return {
        "lang": t.lang,
        "title": doc.meta.title or t("Untitled map"),
        "description": doc.meta.description,
        "style": {
            "laneW": STYLE.lane_header_width, "stageH": STYLE.stage_header_height,
            "stepH": STYLE.step_header_height, "colW": STYLE.column_width, "pad": STYLE.cell_padding,
            "cardW": STYLE.card_width, "emoBandTop": STYLE.emotion_padding,
            "emoBandH": STYLE.emotion_lane_height - 2 * STYLE.emotion_padding + STYLE.cell_padding,
        },
        "stages": stages,
        "steps": [{"id": step.id, "n": step.name, "d": step.description} for step in layout.steps],
        "stepStage": [stage_index[stage_of[step.id].id] for step in layout.steps],
        "lanes": [
            {"id": lane.id, "n": lane.name, "k": lane.kind.value, "kl": t.report.lane_kind(lane.kind), "h": layout.row(lane.id).h}
            for lane in layout.lanes
        ],
        "lines": [
            {"up": upper.value, "down": lower.value, "n": t.report.line(line)}
            for line, (upper, lower) in BLUEPRINT_LINES.items()
        ],
        "cards": cards,
        "links": [
            {"s": link.source, "t": link.target, "k": link.kind.value, "n": link.label}
            for link in doc.links
            if link.source in known and link.target in known
        ],
        "scale": {"min": doc.scale.min, "max": doc.scale.max, "neutral": doc.scale.neutral},
        "personas": [
            {"id": p.id, "n": p.name or t("Persona"), "c": colors[p.id], "a": curve(p.as_is), "b": curve(p.to_be)}
            for p in doc.personas
        ],
        "kinds": {kind.value: [t.report.kind(kind), *KIND_FILL[kind]] for kind in CardKind},
        "kano": {k.value: [kano_badge_text(k, t.report), KANO_COLOR[k]] for k in KanoCategory},
        "evidence": {e.value: t(e.value) for e in Evidence},
        "comments": notes,
        "report": _report(doc, t, ranked),
        "words": {w: t.template(w) for w in PAGE_WORDS},
    }


def _report(doc: MapDocument, t: PageText, ranked) -> dict[str, Any]:
    """The second view's tables, every cell already formatted by the report's rules."""
    r = t.report
    pains = []
    for item in ranked:
        where = " › ".join(x.name for x in (item.stage, item.step) if x is not None and x.name)
        pains.append([
            str(item.rank), item.card.title or t("(untitled)"), r.kano(item.kano),
            item.kano.value if item.kano else "", str(item.severity or "–"), str(item.frequency or "–"),
            f"{item.score:g}", where or "–", r.list_separator.join(tp.title for tp in item.touchpoints) or "–",
            [r.reason(x) for x in item.reason_parts], item.card.id,
        ])
    result = map_metrics(doc)
    settings = result.settings
    stage_rows = []
    for stage, ms in result.stages:
        figures, sources = stage_metric_cells(ms, settings, t)
        cells = [stage.name or t("(unnamed stage)")]
        cells += ["–" if f is None else f"{f[0]} {f[1]}".strip() for f in figures]
        cells.append(str(sources))
        stage_rows.append(cells)
    labels = {name: t(label) for name, label in convention_labels(settings).items()}
    kano_rows = []
    for number, item in enumerate(analyse_document(doc), start=1):
        a = item.analysis
        fong = "–" if a.fong is None else (t("yes") if a.fong.significant else t("no (Fong)"))
        kano_rows.append([
            str(number), item.card.title or t("(untitled)"), r.kano(a.category), r.kano(item.card.kano),
            *(str(a.counts.of(k)) for k in KANO_COUNT_ORDER), str(a.counts.n),
            "–" if a.better is None else f"{a.better:.2f}", "–" if a.worse is None else f"{a.worse:.2f}", fong,
        ])
    head = headline(doc)
    total = head.metrics.total
    counts = {"stages": head.stage_count, "steps": head.step_count, "cards": head.card_count,
              "pain points": sum(head.pain_points_by_kano.values())}
    figures = [[str(value), t(word)] for word, value in counts.items()]
    figures += [
        [metric_text(name, m.value, settings), t(TILE_LABEL[name](settings))]
        for name, m in (("nps", total.nps), ("csat", total.csat), ("ces", total.ces)) if m is not None
    ]
    return {
        "figures": figures,
        "byKano": [[r.kano(k), count, KANO_COLOR.get(k, "#888888")] for k, count in head.pain_points_by_kano.items()],
        "pains": {
            "head": [t(h) for h in ("#", "Pain point", "Kano", "Severity", "Frequency", "Priority", "Stage › step", "Touchpoint")],
            "rows": pains,
            "note": t("Priority score = 100 × Kano weight × Worse factor × severity × frequency / 25 "
                      "(an unrated severity or frequency counts as 3; the Worse factor comes from the "
                      "card's Kano survey answers, 1.0 without). Touchpoint: those in the same step or "
                      "linked to the pain point."),
        },
        "metrics": {
            "head": [t(h) for h in ("Stage", "NPS", TILE_LABEL["csat"](settings), TILE_LABEL["ces"](settings), "Cards measured")],
            "rows": [] if all(ms.empty for _, ms in result.stages) else stage_rows,
            "note": t("{nps}. {csat}. {ces}. A stage's value pools its cards' answers: each value weighted "
                      "by its sample size (a value entered without one counts once; n says how many answers).", **labels),
            "problems": [t("Left out: {title}: {reason}", title=p.title or p.card_id, reason=p.reason) for p in result.problems],
        },
        "kano": {
            "head": [t(h) for h in ("#", "Feature", "Survey category", "Map category", "A", "O", "M", "I", "R", "Q", "n", "Better", "Worse", "Top two differ?")],
            "rows": kano_rows,
        },
    }


# -- the page -------------------------------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def embed_json(data: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">``: no ``<``, ``>``,
    ``&``, U+2028 or U+2029 left raw (each is a ``\\uXXXX`` escape JSON.parse reads back)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _asset(name: str) -> str:
    return resources.files("cxmapper.export").joinpath("html", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """Nothing but the page's own inline script and style (by hash), images from
    ``data:`` only (none today), no network, no forms, no base, no frames."""
    return (
        f"default-src 'none'; script-src {_sha256(script)}; style-src {_sha256(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def page_html(doc: MapDocument, lang: str | None = None) -> str:
    """The whole page as text."""
    with collector_paused():  # a 20,000-card page: 25 % of the build was collections
        payload = build_payload(doc, lang)
    script, style = _asset("page.js"), _asset("page.css")
    lang_tag = "zh-CN" if payload["lang"] == "zh" else "en"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang_tag}"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(script, style)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(payload['title'])}</title>\n"
        f"<style>{style}</style>\n</head><body>\n"
        f'<noscript>{html.escape(payload["title"])}: this page needs JavaScript to draw the map.</noscript>\n'
        f'<script type="application/json" id="cxm-data">{embed_json(payload)}</script>\n'
        f"<script>{script}</script>\n</body></html>\n"
    )


@dataclass(frozen=True)
class HtmlReport:
    path: Path
    size: int  # bytes
    cards: int


def export_html(doc: MapDocument, path: str | Path, *, lang: str | None = None) -> HtmlReport:
    """Write the page to ``path`` (beside, then replace: never a half-written file)."""
    data = page_html(doc, lang).encode("utf-8")
    written = write_atomic(path, data)
    return HtmlReport(written, len(data), len(doc.cards))
