"""Import Kano questionnaire answers from CSV or XLSX into a map's cards.

This module owns reading an answers table (one row per respondent and feature:
feature, functional answer, dysfunctional answer, optional importance, optional
respondent id), matching each feature to a pain point or opportunity by card id or
title, and turning the good rows into ``KanoSurvey`` records.

The contract: every data row is either counted or reported with its line number and
reason (unknown feature, unreadable answer, missing value); good rows count even when
others are bad. A problem with the whole file (unreadable encoding, no header with
the needed columns) raises ``KanoImportError`` and imports nothing. ``read_answers``
never changes the document; ``surveys_for`` builds the new cards; the caller decides
whether to save (``--dry-run`` does not).

Encodings: UTF-8 with or without BOM, then GB18030 (what Excel on a Chinese Windows
writes as "CSV"). Delimiter: sniffed among , ; tab | (default comma).
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cxmapper.model.document import KANO_KINDS, AnalysisSettings, KanoResponse, KanoSurvey, MapDocument
from cxmapper.model.editor import Batch, UpdateCard
from cxmapper.model.kano import KanoCard, KanoChange, apply_analysis, parse_answer, replace_cards

# Header names, normalised like answers (NFKC, case-folded, letters and digits only).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "feature": (
        "feature", "featureid", "card", "cardid", "cardtitle", "id", "title", "attribute",
        "requirement", "item", "question", "功能", "特性", "需求", "属性", "卡片", "卡片id",
        "卡片标题", "标题", "功能点", "项目", "题目", "痛点", "机会点",
    ),
    "functional": (
        "functional", "functionalanswer", "positive", "func", "f", "ifpresent", "present",
        "正向", "正向问题", "正向回答", "功能性", "功能性问题", "具备", "具备时", "提供时",
        "有此功能", "如果有",
    ),
    "dysfunctional": (
        "dysfunctional", "dysfunctionalanswer", "negative", "dysf", "dys", "ifabsent", "absent",
        "反向", "反向问题", "反向回答", "负向", "负向问题", "功能缺失", "不具备", "不具备时",
        "不提供时", "没有此功能", "如果没有",
    ),
    "importance": (
        "importance", "selfstatedimportance", "weight", "重要性", "重要程度", "重要度", "权重",
    ),
    "respondent": (
        "respondent", "respondentid", "respondentno", "person", "participant", "user", "userid",
        "受访者", "受访者id", "答卷人", "答卷编号", "编号", "用户", "用户id", "问卷编号", "样本编号",
    ),
}
REQUIRED_COLUMNS = ("feature", "functional", "dysfunctional")
_COLUMN_BY_NAME = {name: key for key, names in COLUMN_NAMES.items() for name in names}


#: The largest answers file read (a survey of 10,000 people × 100 features is ~30 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Rows read from a table (2,000 people × 100 features = 200,000); more is not a survey.
MAX_ROWS = 250_000
#: Columns looked at in a row (the roles are found in the first ones).
MAX_COLUMNS = 1_000
#: The longest cell (csv's own limit is 128 KiB; an answer is a few words).
MAX_CELL_CHARS = 128 * 1024
#: The most an XLSX may unpack to, all its parts together (the zip's declared sizes).
MAX_XLSX_UNPACKED = 256 * 1024 * 1024


class KanoImportError(ValueError):
    """The file as a whole cannot be read: nothing was imported."""


@dataclass(frozen=True)
class RowProblem:
    line: int  # 1-based line in the CSV file, row number in the sheet
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class AnswersImport:
    """What ``read_answers`` found: accepted answers per card, and the rejected rows."""

    source: str
    columns: dict[str, str]  # role -> header as written in the file
    responses: dict[str, list[KanoResponse]] = field(default_factory=dict)  # card id -> answers
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0  # non-blank data rows

    @property
    def rows_accepted(self) -> int:
        return sum(len(answers) for answers in self.responses.values())

    def summary(self) -> str:
        return (
            f"{self.rows_accepted} of {self.rows_read} rows imported for "
            f"{len(self.responses)} card(s); {len(self.problems)} row(s) not imported"
        )


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _title_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# --- reading rows -------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise KanoImportError(f"{name}: not UTF-8 or GB18030 text; save it as CSV UTF-8")


def _csv_rows(text: str, name: str = "the file") -> Iterator[tuple[int, list[str]]]:
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    next_line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise KanoImportError(
                    f"{name}: line {next_line}: a cell is longer than {MAX_CELL_CHARS // 1024} KiB "
                    "(an unclosed quote makes the rest of the file one cell?)"
                ) from None
            raise KanoImportError(f"{name}: line {next_line}: not readable as CSV: {exc}") from None
        _check_row(name, next_line)
        # A quoted field may span lines: report the line where the record starts.
        yield next_line, row[:MAX_COLUMNS]
        next_line = reader.line_num + 1


def _check_row(name: str, line: int, unit: str = "line") -> None:
    if line > MAX_ROWS:
        raise KanoImportError(f"{name}: {unit} {line}: more than {MAX_ROWS:,} rows; split the survey")


def _check_zip(path: Path) -> None:
    """Refuse a workbook whose parts unpack to more than ``MAX_XLSX_UNPACKED`` (a zip
    bomb: 1 GB of one repeated cell packs into 1 MB) before anything is unpacked."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise KanoImportError(f"{path.name}: cannot read the workbook: not a zip file ({exc})") from None
    total = sum(member.file_size for member in members)
    if total > MAX_XLSX_UNPACKED or len(members) > 10_000:
        raise KanoImportError(
            f"{path.name}: the workbook unpacks to {total / 1_048_576:,.0f} MB in {len(members):,} parts; "
            f"CX Mapper reads workbooks up to {MAX_XLSX_UNPACKED // 1_048_576} MB unpacked"
        )


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    import openpyxl  # a dependency of the project; imported here to keep start-up light

    _check_zip(path)
    try:
        # Read-only: rows are parsed as they are asked for, not the whole sheet first.
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise KanoImportError(f"{path.name}: cannot read the workbook: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        declared = sheet.max_row  # from the sheet's <dimension>, when it states one
        if declared is not None and declared > MAX_ROWS:
            raise KanoImportError(
                f"{path.name}: the sheet has {declared:,} rows; CX Mapper reads up to {MAX_ROWS:,}; split the survey"
            )
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        for number, row in enumerate(rows, start=1):
            _check_row(path.name, number, "row")
            cells = ["" if v is None else _cell_text(v) for v in row]
            for column, cell in enumerate(cells, start=1):
                if len(cell) > MAX_CELL_CHARS:
                    raise KanoImportError(
                        f"{path.name}: row {number}, column {column}: a cell is longer than "
                        f"{MAX_CELL_CHARS // 1024} KiB; not a Kano answer"
                    )
            yield number, cells
    except KanoImportError:
        raise
    except Exception as exc:  # a damaged sheet fails while it is read
        raise KanoImportError(f"{path.name}: cannot read the workbook: {exc}") from exc
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table_rows(path: str | Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every row of a CSV or the first sheet of an XLSX."""
    path = Path(path)
    _check_regular(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(path)
        return
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise KanoImportError(f"{path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise KanoImportError(f"{path.name}: larger than {MAX_FILE_BYTES // 1_048_576} MB; not a survey table")
    yield from _csv_rows(_decode(data, path.name), path.name)


def _check_regular(path: Path) -> None:
    """Only regular files are opened: a FIFO or a device would wait (or read) forever."""
    import stat

    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise KanoImportError(f"{path}: no such file") from None
    except (OSError, ValueError) as exc:
        raise KanoImportError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise KanoImportError(f"{path}: this is a folder, not a CSV or XLSX file")
    if not stat.S_ISREG(info.st_mode):
        raise KanoImportError(f"{path}: not a regular file (a pipe or a device); give a CSV or XLSX file")
    if info.st_size > MAX_FILE_BYTES and path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise KanoImportError(
            f"{path.name}: the file is {info.st_size / 1_048_576:,.0f} MB; CX Mapper reads answer "
            f"tables up to {MAX_FILE_BYTES // 1_048_576} MB"
        )


# --- matching -----------------------------------------------------------------------------


def _header(line: int, cells: list[str], name: str) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        role = _COLUMN_BY_NAME.get(_normalise(cell))
        if role and role not in roles:
            roles[role] = index
    missing = [role for role in REQUIRED_COLUMNS if role not in roles]
    if missing:
        raise KanoImportError(
            f"{name}: line {line}: the header has no {' / '.join(missing)} column "
            f"(found: {', '.join(c for c in cells if c.strip()) or 'nothing'}); expected e.g. "
            "feature,functional,dysfunctional,importance,respondent or "
            "功能,正向,反向,重要性,受访者"
        )
    return roles


class _CardIndex:
    """Finds the card a feature names: its id first, then its title (case-folded)."""

    def __init__(self, doc: MapDocument) -> None:
        self.by_id = {card.id: card for card in doc.cards}
        self.by_title: dict[str, list[KanoCard]] = {}
        for card in doc.cards:
            if card.kind in KANO_KINDS and card.title.strip():
                self.by_title.setdefault(_title_key(card.title), []).append(card)

    def find(self, feature: str) -> KanoCard:
        card = self.by_id.get(feature.strip())
        if card is not None:
            if card.kind not in KANO_KINDS:
                raise LookupError(
                    f"card {feature.strip()!r} is a {card.kind.value.replace('_', ' ')}; only pain "
                    "points and opportunities carry a Kano category"
                )
            return card
        matches = self.by_title.get(_title_key(feature), [])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise LookupError(
                f"feature {feature.strip()!r} matches {len(matches)} cards by title; use the card id"
            )
        raise LookupError(
            f"unknown feature {feature.strip()!r}: no pain point or opportunity has this id or title"
        )


def read_answers(path: str | Path, doc: MapDocument) -> AnswersImport:
    """Read an answers file against a document; see the module docstring for the contract."""
    path = Path(path)
    rows = table_rows(path)
    roles: dict[str, int] | None = None
    result: AnswersImport | None = None
    index = _CardIndex(doc)
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if roles is None:
            roles = _header(line, cells, path.name)
            result = AnswersImport(path.name, {role: cells[i].strip() for role, i in roles.items()})
            continue
        result.rows_read += 1
        try:
            card_id, response = _row(cells, roles, index, result.columns)
        except (LookupError, ValueError) as exc:
            result.problems.append(RowProblem(line, str(exc)))
            continue
        result.responses.setdefault(card_id, []).append(response)
    if result is None:
        raise KanoImportError(f"{path.name}: the file is empty")
    return result


def _row(cells: list[str], roles: dict[str, int], index: _CardIndex, columns: dict[str, str]):
    value = {
        role: cells[position].strip() if position < len(cells) else ""
        for role, position in roles.items()
    }
    for role in REQUIRED_COLUMNS:
        if not value[role]:
            raise ValueError(f"missing {role} value (column {columns[role]!r})")
    card = index.find(value["feature"])
    functional = _answer(value["functional"], "functional")
    dysfunctional = _answer(value["dysfunctional"], "dysfunctional")
    importance = None
    if value.get("importance"):
        try:
            importance = float(value["importance"].replace(",", "."))
        except ValueError:
            raise ValueError(f"importance {value['importance']!r} is not a number") from None
        if not 0 <= importance <= 1000:  # also refuses nan
            raise ValueError(f"importance {value['importance']} is outside 0 … 1000")
    respondent = value.get("respondent", "")[:200] or None
    return card.id, KanoResponse(
        functional=functional,
        dysfunctional=dysfunctional,
        importance=importance,
        respondent=respondent,
    )


def _answer(text: str, role: str):
    try:
        return parse_answer(text)
    except ValueError as exc:
        raise ValueError(f"{role} answer: {exc}") from None


# --- into the document -----------------------------------------------------------------------


def surveys_for(doc: MapDocument, imported: AnswersImport) -> list[KanoCard]:
    """New versions of the cards that received answers, each with its new survey.

    The file's answers *replace* a card's earlier survey (importing the same file
    twice must not count everyone twice). Cards not named in the file keep theirs.
    """
    updated = []
    by_id = {card.id: card for card in doc.cards}  # doc.card is a scan: quadratic over a survey
    for card_id, responses in imported.responses.items():
        card = by_id[card_id]
        survey = KanoSurvey(responses=responses, source=imported.source)
        updated.append(card.model_copy(update={"kano_survey": survey}))
    return updated


def import_edit(
    doc: MapDocument,
    imported: AnswersImport,
    settings: AnalysisSettings | None = None,
    *,
    override_manual: bool = False,
) -> tuple[Batch, list[KanoChange]]:
    """The import as one editor ``Batch`` (surveys, then computed categories).

    For the window: one undo step takes back both the answers and the categories.
    Also returns the category changes, for the message the window shows.
    """
    with_surveys = surveys_for(doc, imported)
    changes = apply_analysis(replace_cards(doc, with_surveys), settings, override_manual=override_manual)
    ops = [UpdateCard(card.id, {"kano_survey": card.kano_survey}) for card in with_surveys]
    ops += [change.operation() for change in changes]
    return Batch(tuple(ops), label="Import Kano answers"), changes
