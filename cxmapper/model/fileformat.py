"""Reading and writing .cxmap files: the only code that touches a map's bytes.

Owns the format envelope (``"format": "cxmapper"`` and an integer ``schema_version``),
migrations of older versions, the limits that keep hostile input harmless, the
mapping of every problem to a line of the file, and the atomic save with a backup.

Loading, in order: size limit; UTF-8 (a BOM is tolerated); JSON (NaN/Infinity and
deep nesting refused); the envelope (a newer version is refused by name); migrations,
one version at a time on the raw dict, *before* any object is built; pydantic
validation; ``validate_references``. Every failure, whatever the input, is a
``MapFileError`` whose text names the file, the JSON path, the line and the reason.

The trap: the fast path (``model_validate_json``, parsing and validating in Rust) is
lenient where the slow path is strict: it accepts NaN inside ``extensions``, fills in
a missing ``format`` or ``schema_version`` from the defaults, takes ``true`` for
``schema_version: 1``, and reports errors in its own words. So the fast path only ever *accepts* a file after those gaps are
checked; any failure falls through to the slow path, which gives the message.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError
from pydantic_core import PydanticSerializationError

from cxmapper.model.document import FORMAT_NAME, SCHEMA_VERSION, MapDocument
from cxmapper.model.validation import (
    PathPart,
    Problem,
    format_path,
    parse_path,
    UNSAVABLE_REASON,
    printable,
    pydantic_problems,
    validate_references,
)

#: The largest file we read: far above any real map (a 5,000-card map is ~5 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: How deep data under ``extensions`` may nest; the rest of the format is shallow.
MAX_EXTENSION_DEPTH = 32
#: How many problems ``str(MapFileError)`` lists before summarising the rest.
MAX_PROBLEMS_SHOWN = 20
#: How many problems a ``MapFileError`` keeps; the rest are only counted.
MAX_PROBLEMS_KEPT = 1000
#: The previous version of ``NAME.cxmap`` is kept as ``NAME.cxmap.bak``.
BACKUP_SUFFIX = ".bak"

_BOM = b"\xef\xbb\xbf"

#: ``MIGRATIONS[n]`` turns the raw dict of a version-n file into version n + 1. It may
#: change the dict in place and must return it; the loader sets ``schema_version``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _from_1(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added comment threads (``comments``): a version-1 map has none."""
    raw.setdefault("comments", [])
    return raw


MIGRATIONS[1] = _from_1


class MapFileError(Exception):
    """A map that cannot be read or written; ``str()`` is the message for the user.

    ``source`` is the file name (or ``"<string>"``), ``problems`` the problems found,
    each with its JSON path and, where known, its line: all of them, up to
    ``MAX_PROBLEMS_KEPT``; ``omitted`` counts the ones beyond that.
    """

    def __init__(self, source: str, problems: list[Problem], *, omitted: int = 0) -> None:
        self.source = source
        self.problems = list(problems)
        self.omitted = omitted
        super().__init__(self.source, self.problems)

    def __str__(self) -> str:
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        source = printable(self.source)
        lines = [f"{source}: {problem}" for problem in shown]
        hidden = len(self.problems) - len(shown) + self.omitted
        if hidden:
            lines.append(f"{source}: … and {hidden} more problem{'s' if hidden > 1 else ''}")
        return "\n".join(lines)


class NewerVersionError(MapFileError):
    """The file was written by a newer CX Mapper than this one."""

    def __init__(self, source: str, version: int, newest: int, line: int | None = None) -> None:
        self.version = version
        self.newest = newest
        message = (
            f"this map uses schema version {version}, written by a newer CX Mapper; this "
            f"program reads schema versions up to {newest}. Update CX Mapper to open it"
        )
        super().__init__(source, [Problem("$.schema_version", message, line)])


def _fail(source: str, message: str, path: str = "", line: int | None = None) -> MapFileError:
    return MapFileError(source, [Problem(path, message, line)])


# --- loading ----------------------------------------------------------------------


def load_file(path: str | os.PathLike[str]) -> MapDocument:
    """Read and validate a .cxmap file. Raises only ``MapFileError``."""
    source = os.fspath(path) if isinstance(path, (str, os.PathLike)) else repr(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _fail(source, "this is a folder, not a .cxmap file")
        if not stat.S_ISREG(info.st_mode):
            # Opening a FIFO would wait for a writer forever.
            raise _fail(source, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise _fail(source, _too_big(info.st_size))
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _fail(source, "no such file") from None
    except PermissionError:
        raise _fail(source, "no permission to read this file") from None
    except IsADirectoryError:
        raise _fail(source, "this is a folder, not a .cxmap file") from None
    except OSError as exc:
        raise _fail(source, f"cannot read the file: {exc.strerror or exc}") from None
    except (ValueError, TypeError) as exc:  # a path with a NUL byte, or not a path at all
        raise _fail(source, f"not a usable file name: {exc}") from None
    return loads(data, source)


def _too_big(size: int) -> str:
    return (
        f"the file is {size / 1_048_576:.0f} MB; CX Mapper reads maps up to "
        f"{MAX_FILE_BYTES // 1_048_576} MB"
    )


def loads(data: bytes | str, source: str = "<string>") -> MapDocument:
    """Parse, migrate and validate a map from its bytes (or text). Raises only ``MapFileError``."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        if len(data) > MAX_FILE_BYTES:
            raise _fail(source, _too_big(len(data)))
        if data.startswith(_BOM):
            data = data[len(_BOM) :]
        _refuse_too_much(data, source)  # before the text is made: it doubles the memory
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise _fail(
                source,
                f"not UTF-8 text: byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
                "cannot be read; save the file as UTF-8",
                line=line,
            ) from None
        _refuse_lone_surrogates(text, source)
    elif isinstance(data, str):
        if len(data) > MAX_FILE_BYTES:
            raise _fail(source, _too_big(len(data)))
        text = data = data.removeprefix("\ufeff")
        _refuse_lone_surrogates(text, source, raw=True)
        _refuse_too_much(text.encode("utf-8"), source)
    else:
        raise _fail(source, f"expected the bytes or text of a map, got {type(data).__name__}")

    with collector_paused(lasting=True):  # a map opened lives as long as it is open
        doc = _load_fast(data)
    migrated = False
    if doc is None:
        raw = _parse_json(text, source)
        raw, migrated = _upgrade(raw, source, text)
        try:
            doc = MapDocument.model_validate(raw)
        except ValidationError as exc:
            problems = pydantic_problems(exc, raw, limit=MAX_PROBLEMS_KEPT)
            # After a migration the paths are those of the upgraded data, not of the text.
            raise _problems_error(source, problems, exc.error_count(), None if migrated else text) from None
    problems = validate_references(doc) + _extension_problems(doc, text)
    if problems:
        raise _problems_error(source, problems, len(problems), None if migrated else text)
    return doc


def _refuse_too_much(raw: bytes, source: str) -> None:
    """Count what the file would build (``jsonscan``) before building it; refuse it,
    with the limit, the JSON path and the line, past any limit. Files whose brackets
    and commas counted (an upper bound) are within the totals are not scanned:
    whatever their shape, what they build is bounded."""
    from cxmapper.model import jsonscan

    if jsonscan.within_totals(raw):
        return
    excess = jsonscan.scan(raw)
    if excess is None:
        return
    line = raw.count(b"\n", 0, excess.offset) + 1
    raise _fail(source, excess.message(), format_path(excess.path) if excess.path else "", line)


_SURROGATE_ESCAPE = re.compile(r"\\+u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _refuse_lone_surrogates(text: str, source: str, *, raw: bool = False) -> None:
    """Refuse text holding a lone surrogate, as a ``\\udxxx`` escape or (``raw``: text
    given as a string; decoded UTF-8 cannot hold one) as itself: it would open, and
    then no save of the map could succeed (UTF-8 cannot hold it)."""
    if raw:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise _fail(source, f"character {exc.start + 1} {UNSAVABLE_REASON}", line=_line_at(text, exc.start)) from None
    if "\\u" not in text:
        return
    pending: int | None = None  # offset of a high surrogate escape awaiting its pair
    lone: int | None = None
    for match in _SURROGATE_ESCAPE.finditer(text):
        if (len(match.group(0)) - 5) % 2 == 0:  # an escaped backslash, then plain letters
            continue
        at = match.end() - 6
        is_low = match.group(0)[-3].lower() in "cdef"
        if pending is not None:
            if is_low and at == pending + 6:
                pending = None
                continue
            lone = pending
            break
        if is_low:
            lone = at
            break
        pending = at
    else:
        lone = pending
    if lone is None:
        return
    path, value = _path_at(text, lone)
    what = f"the escape {text[lone : lone + 6]}"
    if value is not None:
        shown = printable(value)
        what = f'the text "{shown[:60]}{"…" if len(shown) > 60 else ""}"'
    raise _fail(source, f"{what} {UNSAVABLE_REASON}", path, _line_at(text, lone))


def _path_at(text: str, offset: int) -> tuple[str, str | None]:
    """The JSON path of the member holding ``offset`` and, when it is inside a string
    value, that string. Skips siblings with the C decoder, one at a time."""
    parts: list[PathPart] = []
    value: str | None = None
    try:
        pos = _SPACE.match(text).end()
        while text[pos] in "{[":  # a loop, not recursion: the nesting may be deep
            chosen = None
            for part, mark, start in _children(text, pos):
                if mark > offset:
                    break
                chosen = part, start
            if chosen is None:
                break
            parts.append(chosen[0])
            pos = chosen[1]
            if pos > offset:  # the offset is in the member's key
                break
        if text[pos] == '"' and pos <= offset:
            value = json.decoder.scanstring(text, pos + 1)[0]
    except (ValueError, IndexError, RecursionError):
        pass
    return format_path(parts), value


def _problems_error(source: str, problems: list[Problem], total: int, text: str | None) -> MapFileError:
    kept = problems[:MAX_PROBLEMS_KEPT]
    if text is not None:
        kept = locate_lines(kept, text)
    return MapFileError(source, kept, omitted=total - len(kept))


@contextmanager
def collector_paused(*, lasting: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a document (or its scene) is built.

    Building a 20,000-card map allocates millions of objects, and every few hundred
    allocations the collector runs; its older generations traverse the whole growing
    heap, so the collections cost more than the parsing (measured: ``bench.run`` load at
    20,000 cards). Nothing built here is cyclic garbage; reference counting still frees
    everything at once. The collector is restored even on failure, and left alone when
    someone else had switched it off.

    ``lasting``: what is built lives as long as the map (a joined room's document, its
    raw entries and view cache: ~84,000 objects at 5,000 cards). It goes straight to
    the oldest generation (``gc.freeze`` then ``gc.unfreeze``: two list splices), so
    the first young collection after the build does not traverse it (~11 ms at 5,000
    cards); the window does the same for a scene (``ui/collector.promote_all``).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if lasting:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _load_fast(data: bytes | str) -> MapDocument | None:
    """The document when the file is current and valid as parsed in Rust, else None."""
    # NaN/Infinity are refused by the slow path only; these tokens cannot hide elsewhere.
    non_finite = (b"NaN", b"Infinity") if isinstance(data, bytes) else ("NaN", "Infinity")
    if any(token in data for token in non_finite):
        return None
    try:
        # The document model fills in a missing envelope from its defaults and takes
        # ``true`` or ``1.0`` for ``Literal[1]``; the envelope model is exact. Parsing
        # twice in Rust still costs far less than one json.loads.
        _Envelope.model_validate_json(data)
        return MapDocument.model_validate_json(data)
    except ValidationError:
        return None


class _Envelope(BaseModel):
    """What every current file states at its top level, exactly."""

    model_config = ConfigDict(extra="ignore", defer_build=True)
    format: Literal["cxmapper"]
    schema_version: Annotated[StrictInt, Field(ge=SCHEMA_VERSION, le=SCHEMA_VERSION)]


class _NonFiniteNumber(ValueError):
    pass


def _refuse_non_finite(name: str) -> Any:
    raise _NonFiniteNumber(name)


def _parse_json(text: str, source: str) -> Any:
    if not text.strip():
        raise _fail(source, "the file is empty; a .cxmap file is a JSON object")
    try:
        return json.loads(text, parse_constant=_refuse_non_finite)
    except _NonFiniteNumber as exc:
        path, line = _find_non_finite(text)
        raise _fail(
            source, f"{exc} is not a number JSON allows; write a number or null", path, line
        ) from None
    except json.JSONDecodeError as exc:
        raise _fail(
            source, f"not valid JSON: {exc.msg} at column {exc.colno}", line=exc.lineno
        ) from None
    except RecursionError:
        raise _too_deep(text, source) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise _fail(source, f"not valid JSON: {exc}") from None


def _too_deep(text: str, source: str) -> MapFileError:
    """Nesting too deep for the parser: where it passes the limit, found by the scan."""
    from cxmapper.model import jsonscan

    raw = text.encode("utf-8", "surrogatepass")
    excess = jsonscan.scan(raw)
    if excess is None or excess.what != "depth":
        return _fail(source, "the JSON is nested too deeply to be a map")
    line = raw.count(b"\n", 0, excess.offset) + 1
    return _fail(source, excess.message(), format_path(excess.path), line)


def _short_json(value: Any) -> str:
    """A value from the file, as JSON, short; containers only named (they may be deep)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _upgrade(raw: Any, source: str, text: str) -> tuple[dict[str, Any], bool]:
    """Check the envelope and migrate an older version, one step at a time."""
    if not isinstance(raw, dict):
        found = {list: "a list", str: "a string", bool: "true/false", type(None): "null"}
        what = found.get(type(raw), "a number")
        raise _fail(source, f"a .cxmap file is a JSON object {{…}} at the top level, not {what}", "$", 1)

    def where(key: str) -> tuple[str, int | None]:
        return format_path((key,)), _line_of(text, (key,))

    if "format" not in raw:
        raise _fail(source, 'not a CX Mapper map: there is no "format": "cxmapper"', "$", 1)
    if raw["format"] != FORMAT_NAME:
        raise _fail(
            source, f'not a CX Mapper map: "format" is {_short_json(raw["format"])}, expected "cxmapper"',
            *where("format"),
        )
    if "schema_version" not in raw:
        raise _fail(source, 'there is no "schema_version" (a whole number, e.g. 1)', "$", 1)
    version = raw["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail(
            source,
            f"schema_version must be a whole number, got {_short_json(version)}",
            *where("schema_version"),
        )
    if version > SCHEMA_VERSION:
        raise NewerVersionError(source, version, SCHEMA_VERSION, where("schema_version")[1])
    oldest = min(MIGRATIONS, default=SCHEMA_VERSION)
    if version < oldest:
        raise _fail(
            source,
            f"schema version {version} is not one CX Mapper ever wrote (the oldest it reads is {oldest})",
            *where("schema_version"),
        )
    migrated = version < SCHEMA_VERSION
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise _fail(source, f"no upgrade from schema version {version} to {version + 1}", *where("schema_version"))
        try:
            raw = step(raw)
        except Exception as exc:  # a damaged old file can break a migration in any way
            raise _fail(
                source,
                f"could not upgrade this map from schema version {version} to {version + 1}: "
                f"{type(exc).__name__}: {exc}",
            ) from None
        if not isinstance(raw, dict):
            raise _fail(source, f"the upgrade from schema version {version} did not give a map")
        version += 1
        raw["schema_version"] = version
    return raw, migrated


def _extension_problems(doc: MapDocument, text: str | None = None) -> list[Problem]:
    """Free-form ``extensions`` data nested deeper than ``MAX_EXTENSION_DEPTH``, or
    holding a number too large for a float (``1e999`` parses as infinity, which would
    be saved as ``null``: the file would change without a word), or, given the text, a
    number with more digits than a float keeps (``0.1000000000000000055511`` would be
    saved as ``0.1``: extension data belongs to other tools and is kept exactly or refused)."""
    owners: list[tuple[tuple[PathPart, ...], Any]] = [(("extensions",), doc.extensions)]
    owners += [(("cards", i, "extensions"), c.extensions) for i, c in enumerate(doc.cards) if c.extensions]
    problems = []
    floats: list[tuple[tuple[PathPart, ...], float]] = []
    for parts, value in owners:
        if value:
            problems += _free_form_problems(parts, value, floats)
    if text is not None and floats and not problems:
        problems += _inexact_numbers(text, floats)
    return problems


def _free_form_problems(
    parts: tuple[PathPart, ...], value: Any, floats: list[tuple[tuple[PathPart, ...], float]]
) -> list[Problem]:
    pending = [(parts, value, 1)]
    while pending:  # no recursion: the data may be hostile
        path, node, level = pending.pop()
        if level > MAX_EXTENSION_DEPTH and isinstance(node, (dict, list)):
            return [Problem(format_path(parts), f"nested more than {MAX_EXTENSION_DEPTH} levels deep")]
        if isinstance(node, float):
            if not math.isfinite(node):
                return [Problem(format_path(path), "a number too large to store (it overflows to infinity)")]
            floats.append((path, node))
        if isinstance(node, dict):
            pending.extend((path + (key,), child, level + 1) for key, child in node.items())
        elif isinstance(node, list):
            pending.extend((path + (i,), child, level + 1) for i, child in enumerate(node))
    return []


_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _inexact_numbers(text: str, floats: list[tuple[tuple[PathPart, ...], float]]) -> list[Problem]:
    """Extension numbers whose value as written is not the value a float keeps."""
    from decimal import Decimal, InvalidOperation

    suspects = []
    offsets = _path_offsets(text, [path for path, _ in floats], values=True)
    for path, number in floats:
        offset = offsets.get(path)
        match = _NUMBER.match(text, offset) if offset is not None else None
        if match is None:
            continue
        literal = match.group(0)
        try:
            exact = Decimal(literal) == Decimal(repr(number))
        except InvalidOperation:
            exact = False
        if not exact:
            shown = literal if len(literal) <= 40 else literal[:39] + "…"
            suspects.append(Problem(
                format_path(path),
                f"the number {shown} has more digits than CX Mapper can keep (it would be saved as "
                f"{number!r}); write it as a string to keep it exactly",
                _line_at(text, offset),
            ))
    return suspects


# --- from JSON paths to lines --------------------------------------------------------
#
# A designer fixes a file in a text editor, so every problem gets a line. The walk
# follows only the paths asked for and skips everything else with the C JSON decoder,
# so finding the line of a card near the end of a 40 MB file takes about as long as
# one json.loads, not minutes.

_SPACE = re.compile(r"[ \t\n\r]*")
_LENIENT = json.JSONDecoder()  # accepts NaN: used on text that may hold one


def _children(text: str, start: int) -> Iterator[tuple[PathPart, int, int]]:
    """For the object or array at ``start``: (key or index, offset of the member, offset of its value).

    The member offset is the key's for an object, the value's for an array. Lazy: a
    value is skipped (decoded in C) only when the caller asks for the next child.
    """
    opening = text[start]
    closing = "}" if opening == "{" else "]"
    pos = _SPACE.match(text, start + 1).end()
    if text[pos] == closing:
        return
    index = 0
    while True:
        mark = pos
        part: PathPart
        if opening == "{":
            part, pos = json.decoder.scanstring(text, pos + 1)
            pos = _SPACE.match(text, pos).end() + 1  # past the colon
            pos = _SPACE.match(text, pos).end()
        else:
            part, index = index, index + 1
        yield part, mark, pos
        pos = _SPACE.match(text, _LENIENT.raw_decode(text, pos)[1]).end()
        if text[pos] != ",":
            return
        pos = _SPACE.match(text, pos + 1).end()


def _path_offsets(
    text: str, paths: list[tuple[PathPart, ...]], *, values: bool = False
) -> dict[tuple[PathPart, ...], int]:
    """The offset in ``text`` of each path and of each of its ancestors that exists
    (of the member: its key in an object; with ``values``, of the value itself)."""
    root = _SPACE.match(text).end()
    found: dict[tuple[PathPart, ...], int] = {(): root}
    containers: dict[int, _Container] = {}
    try:
        for parts in paths:
            pos = root
            for n, part in enumerate(parts):
                if text[pos] not in "{[":
                    break
                container = containers.get(pos) or containers.setdefault(pos, _Container(text, pos))
                child = container.find(part)
                if child is None:
                    break
                mark, pos = child
                found[parts[: n + 1]] = pos if values else mark
    except (ValueError, IndexError, RecursionError):  # not JSON after all: fewer lines, same problems
        pass
    return found


class _Container:
    """The children of one object or array, read only as far as a lookup needs."""

    def __init__(self, text: str, start: int) -> None:
        self._unread = _children(text, start)
        self._read: dict[tuple[type, PathPart], tuple[int, int]] = {}

    def find(self, part: PathPart) -> tuple[int, int] | None:
        """(member offset, value offset) of a key or index, or None when there is none."""
        wanted = (type(part), part)
        if wanted in self._read:
            return self._read[wanted]
        for key, mark, value in self._unread:
            self._read.setdefault((type(key), key), (mark, value))
            if (type(key), key) == wanted:
                return mark, value
        return None


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _line_of(text: str, parts: tuple[PathPart, ...]) -> int | None:
    offset = _path_offsets(text, [parts]).get(parts)
    return None if offset is None else _line_at(text, offset)


def _find_non_finite(text: str) -> tuple[str, int | None]:
    """The path and line of the first NaN/Infinity that ``json.loads`` refused."""
    strict = json.JSONDecoder(parse_constant=_refuse_non_finite)
    parts: list[PathPart] = []
    pos = _SPACE.match(text).end()
    try:
        while text[pos] in "{[":  # a loop, not recursion: the nesting may be deep
            for part, _mark, value in _children(text, pos):
                try:
                    strict.raw_decode(text, value)
                except _NonFiniteNumber:
                    parts.append(part)
                    pos = value
                    break
            else:
                break
    except (ValueError, IndexError, RecursionError):
        pass
    return format_path(parts), _line_at(text, pos)


def locate_lines(problems: list[Problem], text: str) -> list[Problem]:
    """Give each problem the line of its JSON path in ``text``.

    A path that is not in the text (a missing key) gets the line of its nearest
    ancestor that is. Problems that already have a line keep it.
    """
    wanted = {
        problem: parts
        for problem in problems
        if problem.line is None and (parts := parse_path(problem.path)) is not None
    }
    if not wanted:
        return problems
    offsets = _path_offsets(text, list(wanted.values()))
    lines: dict[int, int] = {}
    newline_count, counted_to = 0, 0
    for offset in sorted(set(offsets.values())):
        newline_count += text.count("\n", counted_to, offset)
        counted_to = offset
        lines[offset] = newline_count + 1
    located = []
    for problem in problems:
        parts = wanted.get(problem)
        if parts is not None:
            nearest = next(parts[:n] for n in range(len(parts), -1, -1) if parts[:n] in offsets)
            problem = Problem(problem.path, problem.message, lines[offsets[nearest]])
        located.append(problem)
    return located


# --- saving ------------------------------------------------------------------------


def dumps(doc: MapDocument) -> bytes:
    """The bytes of a .cxmap file: fields in model order, 2-space indent, raw UTF-8, final newline.

    The same document always gives the same bytes, and a change to one card changes
    only that card's lines: this is what makes .cxmap files diff well.
    """
    try:
        return doc.model_dump_json(indent=2).encode("utf-8") + b"\n"
    except (PydanticSerializationError, UnicodeEncodeError) as exc:
        raise _fail("<document>", f"this map cannot be written as JSON: {exc}") from None


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of ``path`` is kept: ``NAME.bak``, or for a name so
    long that ``.bak`` would pass the file system's limit, the name cut to fit + ``.bak``."""
    from cxmapper.model.atomic import NAME_MAX, short_name

    target = Path(os.path.realpath(path))
    return target.with_name(short_name(target.name, NAME_MAX - len(BACKUP_SUFFIX)) + BACKUP_SUFFIX)


def save_file(
    doc: MapDocument, path: str | os.PathLike[str], *, backup: bool = True, force: bool | None = None
) -> None:
    """Write ``doc`` to ``path`` atomically; keep the previous file as ``NAME.cxmap.bak``.

    The bytes go to a temporary file in the same folder, which is fsynced and then
    renamed over the target, and the folder is fsynced (``model/atomic.py``). At any
    failure the old file is untouched, the temporary file is removed and
    ``MapFileError`` is raised (other exceptions are re-raised after the clean-up).
    A symbolic link is followed: its target is replaced and the link kept. The
    original file's permission bits are kept. A read-only file is refused
    (``ReadOnlyMapError``) unless ``force`` (or ``atomic.forcing()``) says the person
    confirmed.
    """
    from cxmapper.model.atomic import ReadOnlyTarget, write_atomic

    source = os.fspath(path)
    data = dumps(doc)
    try:
        write_atomic(path, data, backup=backup_path(path) if backup else None, force=force)
    except ReadOnlyTarget:
        raise ReadOnlyMapError(
            source, [Problem("", "the file is read-only; not saved (confirm to replace it, or save under another name)")]
        ) from None
    except OSError as exc:
        raise _fail(source, f"could not save: {_os_reason(exc)}; the file on disk is unchanged") from None


def disk_signature(path: str | os.PathLike[str] | None) -> tuple[int, int, int] | None:
    """What identifies one version of a file on disk (None when it is gone)."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def changed_since(path: str | os.PathLike[str], signature: tuple[int, int, int] | None) -> bool:
    """Whether the file at ``path`` is no longer the version the window read or wrote
    (``signature``): another program changed, replaced or created it. Asked before a
    save, because the file watcher reports such a change only a moment later, and a
    save in that moment would overwrite the other program's work without a word."""
    now = disk_signature(path)
    return now is not None and now != signature


class ReadOnlyMapError(MapFileError):
    """The map's file is read-only: saving over it needs the person's confirmation."""


def _os_reason(exc: OSError) -> str:
    from cxmapper.model.atomic import os_reason

    return os_reason(exc)
