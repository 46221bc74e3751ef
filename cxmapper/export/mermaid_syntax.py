"""Mermaid's ``journey`` syntax as Mermaid itself reads it: one place for its rules.

Both directions use this module: the reader (``mermaid.read_mermaid``) lexes text the
way Mermaid's preprocessing and its ``journey`` grammar do, and the writer
(``mermaid.to_mermaid``) escapes user text so that the same rules read it back as the
same sections, tasks, scores and actors. The rules, from Mermaid's sources
(``diagrams/user-journey/parser/journey.jison``, ``journeyDb``, ``preprocess``,
``diagram-api/frontmatter``, ``comments``, ``utils.encodeEntities``):

Preprocessing, in this order: CR LF and lone CR become LF; a YAML front matter block
(``---`` … ``---`` at the very start, the closing line at the opening's indent) is
cut off and gives the title and the config; ``%%{…}%%`` directives are removed (the
closing ``}%%`` may be missing: then the rest of the text goes); whole lines whose
first non-blank characters are ``%%`` (not ``%%{``) are removed, and leading blanks
trimmed; entity codes ``#35;`` / ``#quot;`` (``#`` word characters ``;``) are taken
out of the text before lexing and come back as the characters they name.

The lexer is case-insensitive and tries its rules in order at each token start:
``%%`` to the end of the line (a comment, unless ``%%{``); any character but ``}``
followed by ``%%`` (a comment that also swallows that character); newlines; other
blanks (skipped, newlines included when they follow a blank); ``#`` to the end of the
line (a comment); ``journey``; ``title`` + blank + text up to ``#``, newline or ``;``;
``accTitle :`` and ``accDescr :`` + the rest of the line; ``accDescr {`` … ``}``
(several lines); ``section`` + blank + text up to ``#``, ``:``, newline or ``;``; a
task name (text up to ``#``, ``:``, newline or ``;``); task data (``:`` + text up to
``#``, newline or ``;``); a lone ``:``; anything else is invalid. The grammar is
``journey`` followed by statements: a title, an accessible title or description, a
section, or a task name directly followed by its data. Newlines are not needed between
statements.

A task's data is split at ``:``: the first piece is the score as JavaScript's
``Number()`` reads it (blank is 0; a decimal, exponent or hexadecimal form; anything
else NaN, which Mermaid draws without a face), the second, split at ``,`` and
trimmed, the actors; further pieces are ignored.

Everything here runs in time linear in the text: no pattern can backtrack.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field

#: Largest Mermaid text read (bytes of UTF-8); a real journey is a few kilobytes.
MAX_TEXT_BYTES = 16 * 1024 * 1024
#: Largest YAML front matter read; it holds a title and a config.
MAX_FRONT_MATTER = 64 * 1024
#: Largest number of values a front matter config may expand to (YAML aliases can
#: make a small text stand for a huge value).
MAX_CONFIG_NODES = 10_000


class MermaidError(ValueError):
    """Mermaid journey text that Mermaid itself would refuse; ``line`` and ``column``
    are 1-based and count in the text as given."""

    def __init__(self, line: int, message: str, source: str = "<text>", column: int | None = None):
        where = f"{source}:{line}:{column}:" if column else f"{source}:{line}:"
        super().__init__(f"{where} {message}")
        self.line = line
        self.column = column
        self.source = source


# -- preprocessing ------------------------------------------------------------------


@dataclass
class Preprocessed:
    """Text ready for the lexer, with what preprocessing took out of it.

    ``text`` has exactly as many lines as the input (removed parts are blanked, not
    cut), so a position in it names the same line as in the input. Entity codes are
    replaced by private-use characters listed in ``entities``.
    """

    text: str
    front_matter_title: str | None = None
    config: object = None
    directives: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_ENTITY = re.compile(r"#(\w+);", re.ASCII)
#: Private-use characters stand for entity codes while lexing (they contain none of
#: the lexer's special characters). Text that already has them is left as it is: a
#: code point of this block in user text is read back as an entity only if it was one.
_ENTITY_BASE = 0xF0000
_BLANKS = " \t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _blank_out(text: str) -> str:
    """``text`` with every character but newlines turned into a space."""
    return "".join("\n" if ch == "\n" else " " for ch in text)


def _front_matter(text: str, source: str, pre: Preprocessed) -> str:
    """Cut a leading ``---`` block (blanked); its title and config go to ``pre``."""
    first_end = text.find("\n")
    if first_end < 0:
        return text
    first = text[:first_end]
    indent = first[: len(first) - len(first.lstrip(" \t"))]
    if first[len(indent):].rstrip() != "---":
        return text
    pos = first_end + 1
    body_lines = []
    while pos <= len(text):
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if line.startswith(indent) and line[len(indent):].rstrip(_BLANKS) == "---" and end >= 0:
            block_end = end + 1
            break
        body_lines.append(line[len(indent):] if line.startswith(indent) else line)
        if end < 0:
            return text  # never closed: Mermaid reads it as ordinary text
        pos = end + 1
    else:
        return text
    body = "\n".join(body_lines)
    if len(body.encode("utf-8")) > MAX_FRONT_MATTER:
        raise MermaidError(2, f"the front matter is over {MAX_FRONT_MATTER // 1024} KiB", source)
    _read_front_matter(body, source, pre)
    return _blank_out(text[:block_end]) + text[block_end:]


def _count_nodes(value: object, limit: int) -> int:
    """How many values ``value`` holds, counting shared ones each time; stops past
    ``limit`` (an alias bomb stands for more values than memory holds)."""
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            break
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def _read_front_matter(body: str, source: str, pre: Preprocessed) -> None:
    import yaml  # PyYAML: Mermaid's front matter is YAML (read with its JSON schema)

    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        column = mark.column + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise MermaidError(line, f"the front matter is not valid YAML: {problem}", source, column) from None
    if not isinstance(data, dict):
        return  # Mermaid ignores a front matter that is not a mapping
    title = data.get("title")
    if title is not None and title != "" and title is not False:
        pre.front_matter_title = title if isinstance(title, str) else _js_string(title)
    config = data.get("config")
    if config:
        if _count_nodes(config, MAX_CONFIG_NODES) > MAX_CONFIG_NODES:
            raise MermaidError(2, f"the front matter's config holds over {MAX_CONFIG_NODES:,} values", source)
        pre.config = _plain(config)
    ignored = sorted(str(k) for k in data if k not in ("title", "config", "displayMode"))
    if ignored:
        pre.notes.append(f"front matter: {', '.join(ignored)} ignored (Mermaid reads only title and config)")


def _js_string(value: object) -> str:
    """``value.toString()`` as JavaScript writes the scalars YAML gives."""
    if value is True:
        return "true"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _plain(value: object) -> object:
    """A YAML value as JSON can hold it (dates and other scalars as strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)


def _directives(text: str, pre: Preprocessed) -> str:
    """Remove ``%%{…}%%`` directives (kept in ``pre.directives``), blanked in place."""
    out, pos = [], 0
    pattern = re.compile(r"%%\{[^\S\n]*\w", re.ASCII)
    while True:
        match = pattern.search(text, pos)
        if not match:
            out.append(text[pos:])
            break
        start = match.start()
        close = text.find("}%%", match.end())
        end = len(text) if close < 0 else close + 3
        out.append(text[pos:start])
        out.append(_blank_out(text[start:end]))
        pre.directives.append(text[start:end])
        pos = end
    return "".join(out)


_COMMENT_LINE = re.compile(r"^[^\S\n]*%%(?!\{)[^\n]+$", re.MULTILINE)


def _entities(text: str, pre: Preprocessed) -> str:
    def replace(match: re.Match) -> str:
        pre.entities.append(match.group(1))
        return chr(_ENTITY_BASE + len(pre.entities) - 1)

    if len(re.findall(r"#\w+;", text, re.ASCII)) > 0xFFFD:
        raise MermaidError(1, "over 65,000 entity codes (#…;)", "<text>")
    return _ENTITY.sub(replace, text)


def decode_entity(name: str) -> str:
    """The text an entity code stands for: ``35`` → ``#``, ``quot`` → ``"``; a name
    that HTML does not know stays as written (``#name;``), as a browser shows it."""
    if name.isdigit():
        number = int(name) if len(name) <= 7 else -1
        if 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF:
            return chr(number)
        return "\ufffd"
    decoded = html.unescape(f"&{name};")
    return f"#{name};" if decoded == f"&{name};" else decoded


def restore(text: str, pre: Preprocessed) -> str:
    """``text`` from the lexer with its entity codes decoded."""
    if not pre.entities:
        return text
    return "".join(
        decode_entity(pre.entities[ord(ch) - _ENTITY_BASE])
        if _ENTITY_BASE <= ord(ch) < _ENTITY_BASE + len(pre.entities)
        else ch
        for ch in text
    )


def preprocess(text: str, source: str = "<text>") -> Preprocessed:
    pre = Preprocessed(text="")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _front_matter(text, source, pre)
    text = _directives(text, pre)
    text = _COMMENT_LINE.sub(lambda m: " " * len(m.group(0)), text)
    pre.text = _entities(text, pre)
    return pre


# -- lexing -------------------------------------------------------------------------

_I = re.IGNORECASE
_S = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"  # JavaScript's \\s
_RULES: list[tuple[str, re.Pattern]] = [
    ("skip", re.compile(r"%%(?!\{)[^\n]*")),
    ("skip", re.compile(r"[^}]%%[^\n]*")),
    ("newline", re.compile(r"\n+")),
    ("skip", re.compile(_S + "+")),
    ("skip", re.compile(r"#[^\n]*")),
    ("journey", re.compile(r"journey", _I)),
    ("title", re.compile(r"title" + _S + r"[^#\n;]+", _I)),
    ("acc_title", re.compile(r"accTitle" + _S + r"*:[^\n]*", _I)),
    ("acc_descr", re.compile(r"accDescr" + _S + r"*:[^\n]*", _I)),
    ("acc_descr_block", re.compile(r"accDescr" + _S + r"*\{" + _S + "*", _I)),
    ("section", re.compile(r"section" + _S + r"[^#:\n;]+", _I)),
    ("task_name", re.compile(r"[^#:\n;]+")),
    ("task_data", re.compile(r":[^#\n;]+")),
    ("colon", re.compile(r":")),
]


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    line: int
    column: int


def tokens(pre: Preprocessed, source: str = "<text>"):
    """Mermaid's journey tokens of preprocessed text, in order (blanks and comments
    dropped); :class:`MermaidError` at a character no rule reads."""
    text = pre.text
    pos, line, line_start = 0, 1, 0
    # the leading blanks Mermaid trims before parsing
    while pos < len(text) and text[pos] in " \t\n\f\v\r":
        if text[pos] == "\n":
            line, line_start = line + 1, pos + 1
        pos += 1
    while pos < len(text):
        for kind, rule in _RULES:
            match = rule.match(text, pos)
            if match:
                break
        else:
            raise MermaidError(
                line, f"Mermaid cannot read {text[pos]!r} here", source, pos - line_start + 1
            )
        value = match.group(0)
        if kind == "acc_descr_block":
            close = text.find("}", match.end())
            if close < 0:
                raise MermaidError(line, "'accDescr {' is never closed with '}'", source, pos - line_start + 1)
            value = text[match.end():close]
            yield Token(kind, value, line, pos - line_start + 1)
            end = close + 1
        else:
            if kind not in ("skip", "newline"):
                yield Token(kind, value, line, pos - line_start + 1)
            end = match.end()
        newlines = text.count("\n", pos, end)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", pos, end) + 1
        pos = end


# -- JavaScript's Number() ------------------------------------------------------------

_JS_SPACE = _BLANKS + "\n\r"
_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_RADIX = re.compile(r"0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")
def js_number(text: str) -> float:
    """``Number(text)`` as JavaScript computes it (NaN where it gives NaN).

    Python's ``float`` reads the decimal forms as JavaScript does, in linear time
    for any length (a 5,000-digit score is Infinity, as in JavaScript).
    """
    text = text.strip(_JS_SPACE)
    if not text:
        return 0.0
    if _RADIX.fullmatch(text):
        base = {"x": 16, "o": 8, "b": 2}[text[1].lower()]
        digits = text[2:].lstrip("0") or "0"
        if len(digits) * math.log2(base) > 1100:
            return math.inf
        return float(int(digits, base))
    if not _DECIMAL.fullmatch(text):
        return math.nan
    return float(text.replace("Infinity", "inf"))


# -- writing ---------------------------------------------------------------------------

#: Characters a name can never hold as they are (they end or split a token, start a
#: comment, or take part in an entity code), written as entity codes.
_ALWAYS = {"#": "#35;", ":": "#58;", ";": "#59;", "<": "#60;"}
#: Words that the lexer reads as a keyword wherever a token starts.
_KEYWORD_START = re.compile(r"(?:journey|title\s|section\s|acctitle\s*:|accdescr\s*[:{])", re.IGNORECASE)


def one_line(text: str, *, breaks: bool = False) -> str:
    """``text`` with its blank runs made one space; ``breaks``: its line breaks kept
    (as ``\\n``), blank lines dropped. Control characters (which nothing can show)
    are left out."""
    text = _CONTROLS.sub("", text)
    if not breaks:
        return " ".join(text.split())
    return "\n".join(line for line in (" ".join(part.split()) for part in text.splitlines()) if line)


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
BREAK = re.compile(r"<\s*/?\s*br\s*/?\s*>", re.IGNORECASE)


def escape(text: str, *, actor: bool = False, title: bool = False) -> str:
    """One line of user text that Mermaid reads back as ``text`` (after entity
    decoding): reserved characters as entity codes, no token a keyword, no ``%%``
    comment, no blank ends; line breaks as ``<br>`` (which Mermaid draws as a break)
    in names, as spaces in titles and actors. ``actor``: also ``,`` (actors are
    comma-separated). ``title``: ``:`` may stay (the title runs to the line's end)."""
    if actor or title:
        text = one_line(text)
    text = one_line(text, breaks=True)
    out = []
    for i, ch in enumerate(text):
        if ch in _ALWAYS and not (title and ch == ":"):
            out.append(_ALWAYS[ch])
        elif ch == "\n":
            out.append("<br>")
        elif ch == "%" and (text[i + 1:i + 2] == "%" or text[i - 1:i] == "%"):
            out.append("#37;")
        elif actor and ch == ",":
            out.append("#44;")
        elif _ENTITY_BASE <= ord(ch) <= _ENTITY_BASE + 0xFFFF or ch in "\ufffe\uffff":
            out.append(f"#{ord(ch)};")
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0:
            continue  # a control character cannot be shown: left out
        else:
            out.append(ch)
    result = "".join(out)
    if _KEYWORD_START.match(result):
        result = f"#{ord(result[0])};{result[1:]}"
    return result
