"""Whole-map checks and the one shape every complaint about a map takes.

This module owns ``Problem`` (a JSON path, a reason, and the source line when one is
known), the rules that need the whole map to check (``validate_references``: ids
used twice, a card in a lane or step that does not exist, a link to a missing card,
an emotion point off the scale or on a missing step), and the translation of pydantic's
errors into the same shape (``pydantic_problems``).

Paths are JSON paths as a designer reads them in a text editor: ``$.cards[3].lane``.
``format_path``/``parse_path`` convert between that text and a tuple of keys and
indexes; the file loader uses the tuples to find the line of each problem.

The trap: pydantic puts the discriminator tag of a card into its error locations
(``('cards', 3, 'pain_point', 'severity')``); that tag is not a key in the file and
must be dropped, or the path points nowhere.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from cxmapper.model.document import CardKind, Curve, LinkKind, MapDocument

PathPart = str | int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a map: where (JSON path, and line when known) and why.

    ``path`` is empty for problems of the file as a whole (not UTF-8, not JSON).
    """

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place = f"{place} (line {self.line})" if place else f"line {self.line}"
        return printable(f"{place}: {self.message}" if place else self.message)


def printable(text: str) -> str:
    """``text`` with lone surrogates written as ``\\udxxx``.

    A file can smuggle them in through a ``"\\ud800"`` escape (or a file name through
    undecodable bytes); printed as they are, they crash the program's output.
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# --- text that can be saved ------------------------------------------------------------
#
# A Python string may hold a lone surrogate (U+D800..U+DFFF without its pair): JSON lets
# a file write one as "\udfff", and it then opens, but no UTF-8 file can hold it, so
# every save of that map would fail. Refused where text enters: at load (the file's
# line) and at every edit (``unsavable``, called by the editor's validation).

UNSAVABLE_REASON = (
    "holds a lone surrogate (half of a UTF-16 pair, e.g. \\udfff), which no UTF-8 file "
    "can hold; remove or replace it"
)


def _savable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def unsavable(value: Any, path: tuple[PathPart, ...] = ()) -> str | None:
    """The JSON path of the first string in ``value`` (models, dicts, lists, keys
    included) that cannot be written as UTF-8, or None when everything can."""
    pending: list[tuple[tuple[PathPart, ...], Any]] = [(path, value)]
    while pending:  # a loop: the data may nest deeply
        where, node = pending.pop()
        if isinstance(node, str):
            if not _savable(node):
                return format_path(where)
        elif isinstance(node, dict):
            for key, child in node.items():
                if isinstance(key, str) and not _savable(key):
                    return format_path(where) + " (a key)"
                pending.append((where + (key,), child))
        elif isinstance(node, (list, tuple)):
            pending.extend((where + (i,), child) for i, child in enumerate(node))
        elif hasattr(node, "__pydantic_fields__"):
            pending.extend((where + (name,), child) for name, child in node.__dict__.items())
            extra = getattr(node, "__pydantic_extra__", None)
            if extra:
                pending.append((where, extra))
    return None


# --- JSON paths ----------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_PATH_PART = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]')


def format_path(parts: Iterable[PathPart]) -> str:
    """``('cards', 3, 'lane')`` -> ``$.cards[3].lane``; odd keys as ``$["a b"]``."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _PLAIN_KEY.match(part):
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{escaped}"]')
    return "".join(out)


def parse_path(path: str) -> tuple[PathPart, ...] | None:
    """The inverse of ``format_path``; None for text that is not such a path."""
    if not path.startswith("$"):
        return None
    parts: list[PathPart] = []
    pos = 1
    while pos < len(path):
        match = _PATH_PART.match(path, pos)
        if match is None:
            return None
        key, index, quoted = match.groups()
        if key is not None:
            parts.append(key)
        elif index is not None:
            parts.append(int(index))
        else:
            parts.append(re.sub(r"\\(.)", r"\1", quoted))
        pos = match.end()
    return tuple(parts)


# --- naming things in messages ----------------------------------------------------

_ENTITY_WORDS = {
    "stages": "stage",
    "steps": "step",
    "lanes": "lane",
    "cards": "card",
    "links": "link",
    "personas": "persona",
}


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def _card_word(kind: Any) -> str:
    value = getattr(kind, "value", kind)
    # The raw value of a broken file may be anything, a list included.
    return value.replace("_", " ") if isinstance(value, str) and value in _CARD_TAGS else "card"


def describe(kind_word: str, label: str, ident: str | None) -> str:
    """``pain point '排队太久'`` when the thing has a label, else ``pain point id 'x'``."""
    if label and label.strip():
        return f"{kind_word} {_quote(label)}"
    if ident:
        return f"{kind_word} id {_quote(ident)}"
    return kind_word


def _describe_raw(word: str, node: Any) -> str:
    """Name a raw (dict) entity of the file: its title or name, else its id."""
    if not isinstance(node, dict):
        return word
    kind = node.get("kind")
    if word == "card":
        word = _card_word(kind)
    elif word == "link" and isinstance(kind, str) and kind in _LINK_KINDS:
        word = f"{kind} link"
    labels = [node.get(key) for key in ("title", "name", "label")]
    label = next((text for text in labels if isinstance(text, str) and text.strip()), "")
    ident = node.get("id")
    return describe(word, label, ident if isinstance(ident, str) else None)


def _owner_of(parts: Sequence[PathPart], data: Any) -> str | None:
    """The innermost stage/step/lane/card/link/persona on a path, named from raw data."""
    node = data
    owner = None
    for i, part in enumerate(parts):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and i > 0 and parts[i - 1] in _ENTITY_WORDS:
            owner = _describe_raw(_ENTITY_WORDS[parts[i - 1]], node)
    return owner


# --- pydantic errors -> problems ----------------------------------------------------

_CARD_TAGS = frozenset(kind.value for kind in CardKind)
_LINK_KINDS = frozenset(kind.value for kind in LinkKind)
_short_repr = reprlib.Repr()
_short_repr.maxstring = 60
_short_repr.maxother = 60
_short_repr.maxlist = 4
_short_repr.maxdict = 4


def _json_loc(loc: Sequence[PathPart]) -> tuple[PathPart, ...]:
    parts = list(loc)
    # ('cards', 3, 'pain_point', ...): drop the discriminator tag pydantic inserts.
    if len(parts) >= 3 and parts[0] == "cards" and isinstance(parts[1], int) and parts[2] in _CARD_TAGS:
        del parts[2]
    return tuple(parts)


def _reason(error: dict[str, Any]) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        return (
            f"unknown key '{loc[-1]}' (not part of the .cxmap format; keep data of other "
            'programs under "extensions")'
        )
    if kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", error.get("input"))
        return f"unknown card kind '{tag}' (expected one of: {', '.join(sorted(_CARD_TAGS))})"
    if kind == "union_tag_not_found":
        return f'a card needs a "kind" (one of: {", ".join(sorted(_CARD_TAGS))})'
    if kind == "literal_error" and loc == ("format",):
        return 'not a CX Mapper map: "format" must be "cxmapper"'
    message = error["msg"]
    if kind in ("value_error", "assertion_error"):
        message = message.split(", ", 1)[-1]
    message = message[:1].lower() + message[1:]
    if kind not in ("value_error", "assertion_error") and "input" in error:
        message += f", got {_short_repr.repr(error['input'])}"
    return message


def pydantic_problems(exc: ValidationError, data: Any = None, limit: int | None = None) -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into problems with JSON paths.

    ``data`` is the raw input (the parsed JSON); when given, each message starts with
    the thing it is about (``card '排队太久': ...``). ``limit`` keeps only the first
    problems (a broken 100,000-card file has 100,000 of them).
    """
    problems = []
    for error in exc.errors(include_url=False)[:limit]:
        parts = _json_loc(error["loc"])
        reason = _reason(error)
        owner = _owner_of(parts, data) if data is not None else None
        problems.append(Problem(format_path(parts), f"{owner}: {reason}" if owner else reason))
    return problems


# --- cross references ----------------------------------------------------------------


def _id_owners(doc: MapDocument) -> Iterator[tuple[str, tuple[PathPart, ...], str]]:
    """Every id in the map with its path and a name for the thing that carries it."""
    for i, stage in enumerate(doc.stages):
        yield stage.id, ("stages", i, "id"), describe("stage", stage.name, stage.id)
        for j, step in enumerate(stage.steps):
            yield step.id, ("stages", i, "steps", j, "id"), describe("step", step.name, step.id)
    for i, lane in enumerate(doc.lanes):
        yield lane.id, ("lanes", i, "id"), describe("lane", lane.name, lane.id)
    for i, card in enumerate(doc.cards):
        yield card.id, ("cards", i, "id"), describe(_card_word(card.kind), card.title, card.id)
    for i, link in enumerate(doc.links):
        yield link.id, ("links", i, "id"), describe(f"{link.kind.value} link", link.label, link.id)
    for i, persona in enumerate(doc.personas):
        yield persona.id, ("personas", i, "id"), describe("persona", persona.name, persona.id)
    for i, comment in enumerate(doc.comments):
        yield comment.id, ("comments", i, "id"), describe("comment", comment.text, comment.id)


def validate_references(doc: MapDocument) -> list[Problem]:
    """Everything wrong with how the map's parts refer to each other (none: an empty list).

    Checks: an id used twice (ids are unique across stages, steps, lanes, cards, links,
    personas and comments); a card whose lane or step does not exist; a link whose
    source or target is not a card, or that links a card to itself; an emotion point
    (as-is or to-be) outside the map's scale, on a step that does not exist, or a second
    point on the same step; a comment on a card, step or stage that does not exist, a
    reply to a missing thread or on another target than its thread, a resolved reply.
    Problems come grouped by check (ids, cards, links, personas, comments), each group
    in list order. One pass over each list: cheap enough to run on every load.
    """
    problems: list[Problem] = []

    def report(parts: tuple[PathPart, ...], message: str) -> None:
        problems.append(Problem(format_path(parts), message))

    all_ids = [stage.id for stage in doc.stages]
    all_ids += [step.id for stage in doc.stages for step in stage.steps]
    for entities in (doc.lanes, doc.cards, doc.links, doc.personas, doc.comments):
        all_ids += [entity.id for entity in entities]
    # Naming every entity costs more than the rest of the checks: do it only when needed.
    duplicated = len(set(all_ids)) != len(all_ids)
    first_use: dict[str, tuple[tuple[PathPart, ...], str]] = {}
    for ident, parts, name in _id_owners(doc) if duplicated else ():
        if ident in first_use:
            other_parts, other_name = first_use[ident]
            report(parts, f"{name}: id '{ident}' is already used by {other_name} at {format_path(other_parts)}")
        else:
            first_use[ident] = (parts, name)

    steps = {step.id: step for stage in doc.stages for step in stage.steps}
    lanes = {lane.id for lane in doc.lanes}
    cards: dict[str, Any] = {}
    for i, card in enumerate(doc.cards):
        cards.setdefault(card.id, card)
        if card.lane not in lanes:
            name = describe(_card_word(card.kind), card.title, card.id)
            report(("cards", i, "lane"), f"{name}: no lane with id '{card.lane}'")
        if card.step not in steps:
            name = describe(_card_word(card.kind), card.title, card.id)
            report(("cards", i, "step"), f"{name}: no step with id '{card.step}'")

    for i, link in enumerate(doc.links):
        for end, card_id in (("source", link.source), ("target", link.target)):
            if card_id not in cards:
                name = describe(f"{link.kind.value} link", link.label, link.id)
                report(("links", i, end), f"{name}: its {end} is not a card: no card with id '{card_id}'")
        if link.source == link.target and link.source in cards:
            card = cards[link.source]
            name = describe(f"{link.kind.value} link", link.label, link.id)
            card_name = describe(_card_word(card.kind), card.title, card.id)
            report(("links", i, "target"), f"{name}: links {card_name} to itself")

    scale = doc.scale
    for i, persona in enumerate(doc.personas):
        for curve in Curve:
            points = persona.curve(curve)
            if not points:
                continue
            label = f"{describe('persona', persona.name, persona.id)}, {curve.value.replace('_', '-')} curve"
            seen_steps: dict[str, int] = {}
            for j, point in enumerate(points):
                where = ("personas", i, curve.value, j)
                step = steps.get(point.step)
                if step is None:
                    report(where + ("step",), f"{label}: no step with id '{point.step}'")
                elif point.step in seen_steps:
                    report(
                        where + ("step",),
                        f"{label}: a second point on {describe('step', step.name, step.id)} "
                        f"(the first is at {format_path(('personas', i, curve.value, seen_steps[point.step]))})",
                    )
                else:
                    seen_steps[point.step] = j
                if not scale.contains(point.score):
                    report(
                        where + ("score",),
                        f"{label}: score {point.score} is outside the map's scale "
                        f"{scale.min} … {scale.max}",
                    )
    problems += _comment_problems(doc, steps, cards)
    return problems


def _comment_problems(doc: MapDocument, steps: dict[str, Any], cards: dict[str, Any]) -> list[Problem]:
    """A comment on a thing that does not exist, a reply to a missing thread or on another
    target than its thread, a resolved reply (only a thread is resolved)."""
    if not doc.comments:
        return []
    problems = []
    targets = cards.keys() | steps.keys() | {stage.id for stage in doc.stages}
    starts: dict[str, Any] = {}
    for i, comment in enumerate(doc.comments):
        name = describe("comment", comment.text, comment.id)
        if comment.target is not None and comment.target not in targets:
            problems.append(Problem(
                format_path(("comments", i, "target")),
                f"{name}: no card, step or stage with id '{comment.target}'",
            ))
        if comment.thread is None:
            starts.setdefault(comment.id, comment)
            continue
        start = starts.get(comment.thread)
        if start is None:
            problems.append(Problem(
                format_path(("comments", i, "thread")),
                f"{name}: no thread started by comment '{comment.thread}' before it",
            ))
        elif start.target != comment.target:
            problems.append(Problem(
                format_path(("comments", i, "target")),
                f"{name}: a reply must have its thread's target ('{start.target}')",
            ))
        if comment.resolved:
            problems.append(Problem(
                format_path(("comments", i, "resolved")),
                f"{name}: only a thread's first comment can be resolved",
            ))
    return problems
