"""Mermaid ``journey`` text: export a map to it, import it into a new map.

This module owns the mapping between a map and Mermaid's user-journey diagram
(https://mermaid.js.org/syntax/userJourney.html)::

    journey
      title 网购旅程
      section 决策
        输入手机号登录: 2: 李女士, Tom

Mermaid's own rules for reading that text (its preprocessing, lexer and grammar)
live in ``mermaid_syntax``; both directions here go through them.

Export: sections are stages; each step gives one task per touchpoint card, or, when
it has none, per customer-action card, or else one task named after the step. A
task's score is the mean of the personas' as-is scores at that step, mapped from the
map's scale to Mermaid's 1…5 and rounded (a map imported from Mermaid with scores off
1…5 keeps its scores as they were); its actors are the personas with a score there.
A step no persona scored gets 3 (neutral) and no actors. The map's description is
written as the accessible description (``accDescr``), and an imported accessible
title, front matter config and directives are written back. User text is escaped so
that Mermaid reads it back as it is: ``#``, ``:``, ``;``, ``<``, ``%%``, and ``,`` in
actor names as entity codes (``#58;``, which Mermaid shows as ``:``), a leading
keyword (``section``, ``title``, ``journey``, ``accDescr {``…) with its first letter
as an entity code; newlines become spaces and control characters are left out.

What is lost (Mermaid cannot say it): lanes other than touchpoints/actions, card
descriptions, kinds, links, markers, Kano, metrics, to-be curves, per-persona scores
when personas disagree at a step (their mean is written), the scale's granularity
(a −3…+3 scale maps to five levels), ids.

Import reads the text as Mermaid does (front matter, directives, comments, keywords
in any case, entity codes, statements without newlines between them) and builds a
new map on the 1…5 scale: a stage per section (a section of more than 1,000 tasks,
more than a stage holds, continues in a second stage), a step and a touchpoint card
per task, an emotions lane, and a persona per actor with the task's score at its step
(a task without actors scores a persona named "Customer"); a section without tasks
makes no stage. Scores are read as Mermaid reads them: a decimal is rounded to the
map's whole steps, a score off 1…5 widens the map's scale to hold it (up to ±100),
and a score that is not a number (which Mermaid draws without a face) gives no
emotion point; each such case is noted. A name longer than the map allows is cut
with the whole text kept in the card's description, and noted. Only where Mermaid
itself refuses the text is there an error, naming line and column.
"""

import json
import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cxmapper.model.atomic import write_atomic
from cxmapper.export.mermaid_syntax import (
    MAX_TEXT_BYTES,
    MermaidError,
    Preprocessed,
    BREAK,
    escape,
    js_number,
    one_line,
    preprocess,
    restore,
    tokens,
)
from cxmapper.model.document import (
    MAX_ITEMS,
    MAX_NAME,
    MAX_TEXT,
    CardKind,
    EmotionPoint,
    EmotionScale,
    Lane,
    LaneKind,
    MapDocument,
    MapMeta,
    Persona,
    Stage,
    Step,
    make_card,
)
from cxmapper.model.fileformat import collector_paused

__all__ = [
    "MermaidError", "MermaidImport", "Task", "export_mermaid", "from_mermaid", "journey_tasks",
    "map_score", "parse_mermaid", "read_mermaid", "to_mermaid",
]

MERMAID_MIN, MERMAID_MAX = 1, 5
DEFAULT_ACTOR = "Customer"
#: Where a map imported from Mermaid keeps what only Mermaid uses (accessible title,
#: front matter config, directives, whether scores are Mermaid's own numbers).
EXTENSION = "mermaid"
#: Most steps a stage holds, personas a map holds, stages a map holds (the model's).
MAX_STEPS_PER_STAGE = 1000
MAX_PERSONAS = 1000
MAX_STAGES = 10_000
#: Most notes listed one by one; the rest are counted.
MAX_NOTES = 50


def map_score(score: float, scale: EmotionScale) -> int:
    """A score on the map's scale mapped to Mermaid's 1…5 (rounded half up)."""
    frac = (score - scale.min) / (scale.max - scale.min)
    return int(MERMAID_MIN + frac * (MERMAID_MAX - MERMAID_MIN) + 0.5)


@dataclass(frozen=True)
class Task:
    section: str
    name: str
    score: float
    actors: tuple[str, ...]
    section_number: int = 0  # which section (two sections may share a name)
    line: int = 0  # where the import read it (0 for exported tasks)


def _mermaid_extension(doc: MapDocument) -> dict:
    value = doc.extensions.get(EXTENSION)
    return value if isinstance(value, dict) else {}


def journey_tasks(doc: MapDocument) -> list[Task]:
    """The tasks :func:`to_mermaid` writes, in order (also what a test compares).

    Names and actors are the map's text with whitespace runs made one space; the
    escaping for Mermaid is applied when writing. Linear in the map's size.
    """
    lanes = {lane.id: lane.kind for lane in doc.lanes}
    cards_at: dict[str, list] = defaultdict(list)
    for card in doc.cards:
        cards_at[card.step].append(card)
    scored_at: dict[str, list] = defaultdict(list)
    for persona in doc.personas:
        for point in persona.as_is:
            scored_at[point.step].append((persona, point.score))
    verbatim = _mermaid_extension(doc).get("scores") == "verbatim"
    tasks = []
    for number, stage in enumerate(doc.stages, start=1):
        # Mermaid has no nameless section but the tasks before the first one
        section = one_line(stage.name, breaks=True) or ("" if number == 1 else f"Stage {number}")
        for step in stage.steps:
            cards = cards_at.get(step.id, ())
            names = [c.title for c in cards if c.kind is CardKind.TOUCHPOINT]
            if not names:
                names = [
                    c.title
                    for c in cards
                    if c.kind is CardKind.ACTION or lanes.get(c.lane) is LaneKind.CUSTOMER_ACTIONS
                ]
            names = [one_line(n, breaks=True) for n in names if one_line(n)]
            names = names or [one_line(step.name, breaks=True) or "Step"]
            scored = scored_at.get(step.id, ())
            if scored:
                mean = sum(s for _, s in scored) / len(scored)
                score = round(mean, 2) if verbatim else map_score(mean, doc.scale)
            else:
                score = (MERMAID_MIN + MERMAID_MAX) // 2
            actors = tuple(dict.fromkeys(one_line(p.name) or "Persona" for p, _ in scored))
            tasks.extend(Task(section, name, score, actors, number) for name in names)
    return tasks


def _number(score: float) -> str:
    return str(int(score)) if float(score).is_integer() else f"{score:g}"


def to_mermaid(doc: MapDocument) -> str:
    """The map as Mermaid ``journey`` text (see the module docstring for what is lost)."""
    ext = _mermaid_extension(doc)
    lines = []
    config = ext.get("config")
    if isinstance(config, dict) and config:
        # JSON is YAML: one line Mermaid's front matter reader takes as it is
        lines += ["---", f"config: {json.dumps(config, ensure_ascii=False)}", "---"]
    for directive in ext.get("directives") or ():
        if isinstance(directive, str) and _safe_directive(directive):
            lines.append(directive)
    lines += [
        "%% Exported by CX Mapper. Sections = stages; tasks = touchpoints (else customer",
        f"%% actions, else steps); scores mapped from {doc.scale.min}…{doc.scale.max} to 1…5."
        if ext.get("scores") != "verbatim"
        else "%% actions, else steps); scores as imported from Mermaid.",
        "journey",
        f"  title {escape(doc.meta.title, title=True) or 'Journey'}",
    ]
    acc_title = ext.get("accTitle")
    if isinstance(acc_title, str) and acc_title.strip():
        lines.append(f"  accTitle: {escape(acc_title, title=True)}")
    if doc.meta.description.strip():
        lines.append(_acc_descr(doc.meta.description))
    section = None
    for task in journey_tasks(doc):
        if task.section_number != section:
            if task.section:
                lines.append(f"  section {escape(task.section)}")
            section = task.section_number
        actors = ", ".join(escape(a, actor=True) for a in task.actors)
        lines.append(f"    {escape(task.name)}: {_number(task.score)}{': ' + actors if actors else ''}")
    return "\n".join(lines) + "\n"


def _safe_directive(text: str) -> bool:
    """A kept directive is written back only when it is one ``%%{…}%%`` and nothing more."""
    return text.startswith("%%{") and text.endswith("}%%") and "}%%" not in text[3:-3] and "\n---" not in text


def _acc_descr(description: str) -> str:
    lines = [escape(line, title=True).replace("}", "#125;") for line in description.strip().splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        return f"  accDescr: {lines[0]}"
    return "\n".join(["  accDescr {", *(f"    {line}" for line in lines), "  }"])


def export_mermaid(doc: MapDocument, path: str | os.PathLike) -> Path:
    return write_atomic(path, to_mermaid(doc).encode("utf-8"))


# -- import ------------------------------------------------------------------------------


@dataclass
class Parsed:
    """What Mermaid's parser makes of a journey: title, accessibility, tasks."""

    title: str = ""
    acc_title: str = ""
    acc_descr: str = ""
    tasks: list[Task] = field(default_factory=list)
    pre: Preprocessed | None = None


def parse_mermaid(text: str, source: str = "<text>") -> tuple[str, list[Task]]:
    """The title and tasks of Mermaid ``journey`` text; :class:`MermaidError` where
    Mermaid refuses it."""
    parsed = _parse(text, source)
    return parsed.title, parsed.tasks


def _parse(text: str, source: str) -> Parsed:
    if len(text) > MAX_TEXT_BYTES:
        raise MermaidError(1, f"the text is over {MAX_TEXT_BYTES // (1024 * 1024)} MB", source)
    pre = preprocess(text, source)
    parsed = Parsed(pre=pre)
    if pre.front_matter_title is not None:
        parsed.title = pre.front_matter_title
    stream = tokens(pre, source)
    first = next(stream, None)
    if first is None:
        raise MermaidError(1, "no 'journey' diagram found (the text is empty)", source)
    if first.kind != "journey":
        raise MermaidError(
            first.line, f"expected 'journey' as the first statement, found {first.text[:40]!r}", source, first.column
        )
    section, section_number, pending = "", 0, None
    for token in stream:
        if pending is not None:
            if token.kind != "task_data":
                raise MermaidError(
                    pending.line,
                    f"the task {restore(pending.text.strip(), pre)[:40]!r} needs ': score' after its name "
                    "(Mermaid refuses a task without one)",
                    source,
                    pending.column,
                )
            parsed.tasks.append(_task(pending, token, section, section_number, pre))
            pending = None
            continue
        kind = token.kind
        if kind == "title":
            parsed.title = restore(token.text[6:], pre).strip()
        elif kind == "acc_title":
            parsed.acc_title = restore(token.text.split(":", 1)[1], pre).strip()
        elif kind == "acc_descr":
            parsed.acc_descr = restore(token.text.split(":", 1)[1], pre).strip()
        elif kind == "acc_descr_block":
            parsed.acc_descr = "\n".join(line.strip() for line in restore(token.text, pre).strip().split("\n"))
        elif kind == "section":
            section, section_number = _name(token.text[8:], pre), section_number + 1
        elif kind == "task_name":
            pending = token
        elif kind == "journey":
            raise MermaidError(
                token.line, "'journey' can start a diagram only once (a task name may not begin with it)",
                source, token.column,
            )
        else:  # task data or a colon without a task name before it
            raise MermaidError(token.line, f"{token.text[:40]!r} has no task name before it", source, token.column)
    if pending is not None:
        raise MermaidError(
            pending.line,
            f"the task {restore(pending.text.strip(), pre)[:40]!r} needs ': score' after its name",
            source, pending.column,
        )
    return parsed


def _task(name, data, section: str, section_number: int, pre: Preprocessed) -> Task:
    pieces = data.text[1:].split(":")
    score = js_number(restore(pieces[0], pre)) if len(pieces[0]) < 1_000_000 else math.nan
    actors: tuple[str, ...] = ()
    if len(pieces) > 1:
        actors = tuple(restore(a, pre).strip() for a in pieces[1].split(","))
    return Task(section, _name(name.text, pre), score, actors, section_number, name.line)


def _name(text: str, pre: Preprocessed) -> str:
    """A section or task name as Mermaid draws it: ``<br>`` is a line break."""
    return "\n".join(restore(part, pre).strip() for part in BREAK.split(text.strip()))


@dataclass
class MermaidImport:
    """A map made from Mermaid text, and what the import had to say about it."""

    doc: MapDocument
    notes: list[str]


class _Notes(list):
    def add(self, text: str) -> None:
        self.append(text)


def _fit(text: str, limit: int, what: str, line: int, notes: list[str]) -> tuple[str, bool]:
    """``text`` cut to ``limit`` characters (with an ellipsis), noted when cut."""
    if len(text) <= limit:
        return text, False
    notes.append(f"line {line}: {what} is {len(text):,} characters long; cut to {limit}")
    return text[: limit - 1] + "…", True


def _read_mermaid(text: str, source: str) -> MermaidImport:
    parsed = _parse(text, source)
    notes: list[str] = list(parsed.pre.notes)
    tasks = parsed.tasks
    if len(tasks) > MAX_ITEMS:
        raise MermaidError(tasks[MAX_ITEMS].line, f"more than {MAX_ITEMS:,} tasks (a map holds at most {MAX_ITEMS:,} cards)", source)

    # scores: as Mermaid draws them, on a scale wide enough to hold them
    finite = [t.score for t in tasks if math.isfinite(t.score)]
    low = max(-100, min([MERMAID_MIN, *(math.floor(s + 0.5) for s in finite)]))
    high = min(100, max([MERMAID_MAX, *(math.floor(s + 0.5) for s in finite)]))
    scale = EmotionScale(min=low, max=high)
    verbatim = (low, high) != (MERMAID_MIN, MERMAID_MAX)
    if verbatim:
        notes.append(
            f"scores off Mermaid's 1…5: the map's scale is {low} … {high} so that every score keeps its place"
        )

    title, _ = _fit(parsed.title, MAX_NAME, "the title", 1, notes)
    description, _ = _fit(parsed.acc_descr, MAX_TEXT, "the accessible description", 1, notes)
    doc = MapDocument(meta=MapMeta(title=title or "Imported journey", description=description), scale=scale)
    touch = Lane(name="Touchpoints", kind=LaneKind.TOUCHPOINTS)
    emotions = Lane(name="Emotions", kind=LaneKind.EMOTIONS)
    doc.lanes = [touch, emotions]

    stages: list[Stage] = []
    steps: list[Step] = []
    points: dict[str, list[EmotionPoint]] = {}
    actor_names: dict[str, str] = {}  # the actor as written -> the persona's name
    taken: set[str] = set()
    cards = []
    current = None

    def close_stage() -> None:
        if steps:
            stages.append(Stage(name=current[1], steps=list(steps)))
            steps.clear()

    for task in tasks:
        if current is None or task.section_number != current[0] or len(steps) == MAX_STEPS_PER_STAGE:
            close_stage()
            name, _ = _fit(task.section, MAX_NAME, "the section name", task.line, notes)
            if current is not None and task.section_number == current[0]:
                notes.append(
                    f"line {task.line}: section {task.section[:40]!r} has more than {MAX_STEPS_PER_STAGE} tasks; "
                    "the rest continue in the next stage"
                )
            current = (task.section_number, name)
            if len(stages) >= MAX_STAGES:
                raise MermaidError(task.line, f"more than {MAX_STAGES:,} sections (a map holds at most {MAX_STAGES:,} stages)", source)
        name, cut = _fit(task.name, MAX_NAME, "the task name", task.line, notes)
        step = Step(name=name)
        steps.append(step)
        extra = {"description": task.name} if cut and len(task.name) <= MAX_TEXT else {}
        cards.append(make_card(CardKind.TOUCHPOINT, lane=touch.id, step=step.id, title=name, **extra))
        score = _score(task, scale, notes)
        if score is None:
            continue
        actors = [a for a in task.actors if a] or [DEFAULT_ACTOR]
        for actor in dict.fromkeys(actors):
            persona = actor_names.get(actor)
            if persona is None:
                persona = _persona_name(actor, taken, task.line, notes)
                if len(actor_names) >= MAX_PERSONAS:
                    raise MermaidError(task.line, f"more than {MAX_PERSONAS:,} actors (a map holds at most {MAX_PERSONAS:,} personas)", source)
                actor_names[actor] = persona
                taken.add(persona)
            points.setdefault(persona, []).append(EmotionPoint(step=step.id, score=score))
    close_stage()
    doc.stages = stages
    doc.cards = cards
    doc.personas = [Persona(name=name, as_is=curve) for name, curve in points.items()]
    ext = {}
    if parsed.acc_title:
        ext["accTitle"] = parsed.acc_title[:MAX_TEXT]
    if parsed.pre.config is not None:
        ext["config"] = parsed.pre.config
    if parsed.pre.directives:
        ext["directives"] = parsed.pre.directives
    if verbatim:
        ext["scores"] = "verbatim"
    if ext:
        doc.extensions = {EXTENSION: ext}
    if len(notes) > MAX_NOTES:
        notes = notes[:MAX_NOTES] + [f"… and {len(notes) - MAX_NOTES:,} more notes"]
    return MermaidImport(MapDocument.model_validate(doc.model_dump()), notes)


def _score(task: Task, scale: EmotionScale, notes: list[str]) -> int | None:
    """The task's score on the map's scale, or None (noted) where it has none."""
    score = task.score
    if math.isnan(score):
        notes.append(f"line {task.line}: the score of {task.name[:40]!r} is not a number; Mermaid draws "
                     "no face for it, and it gets no emotion point")
        return None
    if math.isinf(score):
        kept = scale.max if score > 0 else scale.min
        notes.append(f"line {task.line}: the score of {task.name[:40]!r} is infinite; kept as {kept}")
        return kept
    whole = math.floor(score + 0.5)
    if not scale.contains(whole):
        kept = scale.max if score > 0 else scale.min
        notes.append(f"line {task.line}: the score {score:g} of {task.name[:40]!r} is beyond ±100; kept as {kept}")
        return kept
    if whole != score:
        notes.append(f"line {task.line}: the score {score:g} of {task.name[:40]!r} is rounded to {whole}")
    return int(whole)


def _persona_name(actor: str, taken: set[str], line: int, notes: list[str]) -> str:
    """A persona name for ``actor``: cut to the map's limit, unique among ``taken``."""
    name, cut = _fit(actor, MAX_NAME, "an actor's name", line, notes)
    if name not in taken:
        return name
    for number in range(2, len(taken) + 3):
        suffix = f" ({number})"
        candidate = name[: MAX_NAME - len(suffix) - 1] + "…" + suffix if cut else name + suffix
        if candidate not in taken:
            notes.append(f"line {line}: two actors share the name {name[:40]!r}; the second is {candidate[-40:]!r}")
            return candidate
    raise AssertionError("unreachable: one of len(taken) + 1 suffixes is free")


def read_mermaid(text: str, source: str = "<text>") -> MermaidImport:
    """A new map from Mermaid ``journey`` text, with notes (see the module docstring)."""
    with collector_paused():  # tens of thousands of objects, none of them cyclic garbage
        return _read_mermaid(text, source)


def from_mermaid(text: str, source: str = "<text>") -> MapDocument:
    """A new map from Mermaid ``journey`` text (see :func:`read_mermaid` for the notes)."""
    return read_mermaid(text, source).doc
