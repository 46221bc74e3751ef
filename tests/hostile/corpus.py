"""Generators of hostile input: maps, surveys and workbooks that once broke CX Mapper.

Small on purpose: the limits they pass are lowered by the tests (``monkeypatch``), so
each case runs in milliseconds; the full-size ones (10⁶ cards, a 1 GB zip bomb) are
built by ``bench/hostile.py`` from the same functions.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from cxmapper.model.document import Lane, LaneKind, MapDocument, MapMeta, Stage, Step, make_card
from cxmapper.model.fileformat import dumps


def bank_map(cards: int = 3) -> MapDocument:
    """A small valid map with pain points (Kano features) and Chinese text."""
    return MapDocument(
        meta=MapMeta(title="银行开户", locale="zh-CN"),
        stages=[Stage(id="st1", name="到店", steps=[Step(id="s1", name="取号"), Step(id="s2", name="排队")])],
        lanes=[Lane(id="pain", kind=LaneKind.PAIN_POINTS), Lane(id="tp", kind=LaneKind.TOUCHPOINTS)],
        cards=[
            make_card("pain_point", id=f"p{i}", lane="pain", step="s1" if i % 2 else "s2", title=f"排队太久 {i}")
            for i in range(cards)
        ],
    )


def bank_bytes(cards: int = 3) -> bytes:
    return dumps(bank_map(cards))


def with_extension(value_json: str, *, key: str = "k") -> bytes:
    """The small map with ``{"key": VALUE}`` as its extensions, VALUE written as given."""
    raw = json.loads(bank_bytes())
    raw["extensions"] = {"__placeholder__": 0}
    text = json.dumps(raw, ensure_ascii=False, indent=2)
    return text.replace('"__placeholder__": 0', f'"{key}": {value_json}').encode("utf-8")


def minimal_card_flood(cards: int) -> bytes:
    """A map of ``cards`` minimal cards, written compactly (the issue's 44 MB / 10⁶ file)."""
    raw = json.loads(bank_map(1).model_dump_json(exclude_defaults=True))
    raw.update(format="cxmapper", schema_version=1)
    head = json.dumps({k: v for k, v in raw.items() if k != "cards"}, ensure_ascii=False, separators=(",", ":"))
    card = '{"id":"c%d","kind":"pain_point","lane":"pain","step":"s1"}'
    body = ",".join(card % i for i in range(cards))
    return (head[:-1] + ',"cards":[' + body + "]}").encode("utf-8")


def deep_extension(levels: int) -> bytes:
    return with_extension("[" * levels + "]" * levels)


def answers_csv(features: list[str], respondents: int = 3) -> bytes:
    lines = ["feature,functional,dysfunctional,respondent"]
    for r in range(respondents):
        for feature in features:
            lines.append(f"{feature},like,dislike,r{r}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def long_cell_csv(cell_chars: int) -> bytes:
    return b"feature,functional,dysfunctional\np0,like," + b"x" * cell_chars + b"\n"


def unclosed_quote_csv(body_chars: int) -> bytes:
    """A quote that is never closed: the rest of the file is one cell."""
    return b'feature,functional,dysfunctional\np0,"like,dislike\n' + b"y" * body_chars + b"\n"


def zip_bomb_xlsx(path: Path, unpacked_bytes: int) -> Path:
    """An .xlsx whose one sheet declares ``unpacked_bytes`` of XML, streamed into the
    zip (deflate packs repeated bytes ~1000:1, so a 1 GB bomb is a ~1 MB file)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    )
    tail = b"</t></is></c></row></sheetData></worksheet>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        _workbook_parts(archive)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head)
            chunk = b"A" * (1 << 20)
            left = max(0, unpacked_bytes - len(head) - len(tail))
            while left > 0:
                sheet.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            sheet.write(tail)
    return path


def many_rows_xlsx(path: Path, rows: int, *, declare: bool = True) -> Path:
    """An .xlsx of ``rows`` answer rows (written as XML, far faster than openpyxl)."""
    out = io.BytesIO()
    out.write(
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main">'
    )
    if declare:
        out.write(f'<dimension ref="A1:C{rows + 1}"/>'.encode())
    out.write(b"<sheetData>")
    out.write(_row(1, "feature", "functional", "dysfunctional"))
    for n in range(2, rows + 2):
        out.write(_row(n, "p0", "like", "dislike"))
    out.write(b"</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _workbook_parts(archive)
        archive.writestr("xl/worksheets/sheet1.xml", out.getvalue())
    return path


def _row(n: int, *cells: str) -> bytes:
    inner = "".join(
        f'<c r="{"ABC"[i]}{n}" t="inlineStr"><is><t>{cell}</t></is></c>' for i, cell in enumerate(cells)
    )
    return f'<row r="{n}">{inner}</row>'.encode()


def _workbook_parts(archive: zipfile.ZipFile) -> None:
    archive.writestr(
        "[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
        'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    )
    archive.writestr(
        "_rels/.rels",
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    )
    archive.writestr(
        "xl/workbook.xml",
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="answers" sheetId="1" r:id="rId1"/></sheets></workbook>',
    )
    archive.writestr(
        "xl/_rels/workbook.xml.rels",
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    )
