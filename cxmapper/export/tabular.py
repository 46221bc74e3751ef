"""CSV exports for spreadsheets: one file of cards, one of ranked pain points.

This module owns the CSV columns (documented in ``docs/EXPORTS.md``; :data:`CARD_COLUMNS`
and :data:`PAIN_POINT_COLUMNS` are the single source) and two spreadsheet traps:

- Encoding: the files are UTF-8 *with* a byte-order mark, or Excel opens Chinese as
  mojibake. Read them back with ``encoding="utf-8-sig"``.
- Formula injection: a text cell that starts with ``= + - @`` (after spaces, and in
  their full-width forms ``＝ ＋ － ＠``), a tab or a carriage return is run as a formula by Excel/LibreOffice ("=HYPERLINK(…)"). Such cells get a
  leading apostrophe (:func:`guard`); :func:`unguard` removes exactly that apostrophe,
  so user text round-trips. Numbers we write (an NPS of -20) are not text and are not
  guarded.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

from cxmapper.model.atomic import write_atomic
from cxmapper.export.flat import flat_dict
from cxmapper.model.document import MapDocument

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_SIGNS = frozenset("=+-@")


def _could_run(value: str) -> bool:
    """Whether a spreadsheet may read ``value`` (past any apostrophes) as a formula.

    Spreadsheets skip leading spaces (`` =1+1``) and read full-width and small signs
    (``＝``, ``＋``, ``－``, ``＠``, ``﹦``) and the minus sign ``−`` as their ASCII
    selves, so the first character after spaces and control characters is compared
    after NFKC normalisation.
    """
    import unicodedata

    text = value.lstrip("'")
    if text.startswith(_DANGEROUS):
        return True
    for ch in text:
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs"):
            continue
        return ch == "\u2212" or unicodedata.normalize("NFKC", ch)[:1] in _FORMULA_SIGNS
    return False

CARD_COLUMNS: tuple[str, ...] = (
    "id", "kind", "title", "description",
    "stage_id", "stage_name", "step_id", "step_name", "step_index",
    "lane_id", "lane_name", "lane_kind", "position_in_cell",
    "owner", "tags", "color", "evidence", "channel",
    "fail_point", "decision_point", "wait_point", "wait_minutes",
    "kano", "kano_code", "severity", "frequency", "priority_rank", "priority_score",
    "nps", "csat", "ces", "sample_size",
)
PAIN_POINT_COLUMNS: tuple[str, ...] = (
    "rank", "id", "title", "kano", "kano_code", "severity", "frequency", "priority_score",
    "stage_name", "step_name", "lane_name", "touchpoints", "description", "reasons",
)
#: How list cells (tags, touchpoints) are joined: a separator unlikely inside a tag.
LIST_SEPARATOR = " | "


def guard(value: str) -> str:
    """``value`` safe for a spreadsheet cell: a leading apostrophe when it could run."""
    if _could_run(value):
        return "'" + value
    return value


def unguard(value: str) -> str:
    """The inverse of :func:`guard` (for readers of these files)."""
    if value.startswith("'") and _could_run(value[1:]):
        return value[1:]
    return value


def _cell(value: Any) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    return guard(str(value))


def _csv_bytes(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8-sig")


def card_rows(doc: MapDocument, flat: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    flat = flat or flat_dict(doc)
    rows = []
    for card in flat["cards"]:
        row = dict(card)
        row["tags"] = LIST_SEPARATOR.join(card["tags"])
        row.update(card["metrics"] or {})
        rows.append(row)
    return rows


def pain_point_rows(doc: MapDocument, flat: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    from cxmapper.model.priority import rank_pain_points

    flat = flat or flat_dict(doc)
    by_id = {c["id"]: c for c in flat["cards"]}
    rows = []
    for ranked in rank_pain_points(doc):
        card = by_id[ranked.card.id]
        rows.append({
            "rank": ranked.rank,
            "id": card["id"],
            "title": card["title"],
            "kano": card["kano"],
            "kano_code": card["kano_code"],
            "severity": card["severity"],
            "frequency": card["frequency"],
            "priority_score": ranked.score,
            "stage_name": card["stage_name"],
            "step_name": card["step_name"],
            "lane_name": card["lane_name"],
            "touchpoints": LIST_SEPARATOR.join(t.title for t in ranked.touchpoints),
            "description": card["description"],
            "reasons": LIST_SEPARATOR.join(ranked.reasons),
        })
    return rows


def export_csv(doc: MapDocument, directory: str | os.PathLike) -> list[Path]:
    """Write ``cards.csv`` and ``pain_points.csv`` into ``directory`` (created if needed)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    flat = flat_dict(doc)
    return [
        write_atomic(directory / "cards.csv", _csv_bytes(CARD_COLUMNS, card_rows(doc, flat))),
        write_atomic(directory / "pain_points.csv", _csv_bytes(PAIN_POINT_COLUMNS, pain_point_rows(doc, flat))),
    ]
