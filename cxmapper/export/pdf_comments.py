"""The PDF report's "Open comments" section: every unresolved thread, on what, by whom.

``comments_section(report)`` gives the flowables (none when no thread is open), for
``pdf._Report.story``; the section is in the report's language (English or Chinese).
"""

from __future__ import annotations

from reportlab.platypus import PageBreak, Table, TableStyle

from cxmapper.model.comments import open_threads
from cxmapper.model.document import Comment, MapDocument

_ZH = {
    "Open comments": "未解决的评论",
    "{n} open thread(s), oldest first as they were written; resolved threads are not listed.":
        "共 {n} 个未解决的讨论，按写下的顺序排列；已解决的不列出。",
    "On": "对象",
    "Comment": "评论",
    "the map": "整张地图",
    "card": "卡片",
    "step": "步骤",
    "stage": "阶段",
    "(untitled)": "（无标题）",
}


def _words(report):
    zh = getattr(report.t, "lang", "en") == "zh"

    def t(text: str, **fields) -> str:
        return (_ZH.get(text, text) if zh else text).format(**fields)

    return t


def target_name(doc: MapDocument, target: str | None, t=lambda s, **f: s.format(**f)) -> str:
    """What a thread is on, for a reader: "card 'Queue'", "step 'Form'", "the map"."""
    if target is None:
        return t("the map")
    for stage in doc.stages:
        if stage.id == target:
            return f"{t('stage')} “{stage.name or t('(untitled)')}”"
        for step in stage.steps:
            if step.id == target:
                return f"{t('step')} “{step.name or t('(untitled)')}”"
    for card in doc.cards:
        if card.id == target:
            return f"{t('card')} “{card.title or t('(untitled)')}”"
    return target


def _stamp(comment: Comment) -> str:
    when = comment.created.strftime("%Y-%m-%d %H:%M") if comment.created else ""
    return " · ".join(part for part in (comment.author, when) if part)


def comments_section(report) -> list:
    """The section's flowables; an empty list when the map has no open thread."""
    doc, s = report.doc, report.s
    threads = open_threads(doc)
    if not threads:
        return []
    t = _words(report)
    from cxmapper.export.pdf import ACCENT, RULE, SectionMark

    rows = [[report.p(t("On"), s.cell_head), report.p(t("Comment"), s.cell_head)]]
    for thread in threads:
        cell = []
        for comment in thread:
            cell.append(report.block(s.cell, comment.text or " ", (_stamp(comment), 7, "#6b7280")))
        rows.append([report.p(target_name(doc, thread[0].target, t), s.cell), cell])
    first = min(170.0, report.frame_w * 0.3)
    table = Table(rows, colWidths=[first, report.frame_w - first], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]))
    return [
        PageBreak(),
        SectionMark("sec-comments", t("Open comments")),
        report.p(t("Open comments"), s.h1),
        report.p(t("{n} open thread(s), oldest first as they were written; resolved threads are not listed.", n=len(threads)), s.small),
        table,
    ]
