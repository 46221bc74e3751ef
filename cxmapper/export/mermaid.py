"""Mermaid ``journey`` text: export a map to it, import it into a new map.

This module owns the mapping between a map and Mermaid's user-journey diagram
(https://mermaid.js.org/syntax/userJourney.html)::

    journey
      title 网购旅程
      section 决策
        输入手机号登录: 2: 李女士, Tom

Export: sections are stages; each step gives one task per touchpoint card, or, when
it has none, per customer-action card, or else one task named after the step. A
task's score is the mean of the personas' as-is scores at that step, mapped from the
map's scale to Mermaid's 1…5 and rounded; its actors are the personas with a score
there. A step no persona scored gets 3 (neutral) and no actors.

What is lost (Mermaid cannot say it): lanes other than touchpoints/actions, card
descriptions, kinds, links, markers, Kano, metrics, to-be curves, per-persona scores
when personas disagree at a step (their mean is written), the scale's granularity
(a −3…+3 scale maps to five levels), ids, and ``:``, ``#`` and ``;`` in names, which
Mermaid reserves (written as their full-width forms ``：＃；``).

Import builds a new map on the 1…5 scale: a stage per section, a step and a
touchpoint card per task, an emotions lane, and a persona per actor with the task's
score at its step (a task without actors scores a persona named "Customer"); a
section without tasks makes no stage (a stage needs a step). Errors name the line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from cxmapper.export.atomic import write_atomic
from cxmapper.model.document import (
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

MERMAID_MIN, MERMAID_MAX = 1, 5
DEFAULT_ACTOR = "Customer"
_RESERVED = str.maketrans({":": "：", "#": "＃", ";": "；"})


class MermaidError(ValueError):
    """Mermaid journey text that cannot be read; ``line`` is 1-based."""

    def __init__(self, line: int, message: str, source: str = "<text>"):
        super().__init__(f"{source}:{line}: {message}")
        self.line = line
        self.source = source


def _clean(text: str) -> str:
    """One line of Mermaid-safe text."""
    return " ".join(text.translate(_RESERVED).split())


def map_score(score: float, scale: EmotionScale) -> int:
    """A score on the map's scale mapped to Mermaid's 1…5 (rounded half up)."""
    frac = (score - scale.min) / (scale.max - scale.min)
    return int(MERMAID_MIN + frac * (MERMAID_MAX - MERMAID_MIN) + 0.5)


@dataclass(frozen=True)
class Task:
    section: str
    name: str
    score: int
    actors: tuple[str, ...]
    section_number: int = 0  # which section (two sections may share a name)


def journey_tasks(doc: MapDocument) -> list[Task]:
    """The tasks :func:`to_mermaid` writes, in order (also what a test compares)."""
    tasks = []
    lanes = {lane.id: lane.kind for lane in doc.lanes}
    for number, stage in enumerate(doc.stages, start=1):
        section = _clean(stage.name) or "Stage"
        for step in stage.steps:
            cards = [c for c in doc.cards if c.step == step.id]
            names = [c.title for c in cards if c.kind is CardKind.TOUCHPOINT]
            if not names:
                names = [
                    c.title
                    for c in cards
                    if c.kind is CardKind.ACTION or lanes.get(c.lane) is LaneKind.CUSTOMER_ACTIONS
                ]
            names = [_clean(n) for n in names if _clean(n)] or [_clean(step.name) or "Step"]
            scored = [
                (persona, point.score)
                for persona in doc.personas
                for point in persona.as_is
                if point.step == step.id
            ]
            if scored:
                mean = sum(s for _, s in scored) / len(scored)
                score = map_score(mean, doc.scale)
            else:
                score = (MERMAID_MIN + MERMAID_MAX) // 2
            actors = tuple(
                dict.fromkeys(_clean(p.name) or "Persona" for p, _ in scored)
            )
            tasks.extend(Task(section, name, score, actors, number) for name in names)
    return tasks


def to_mermaid(doc: MapDocument) -> str:
    """The map as Mermaid ``journey`` text (see the module docstring for what is lost)."""
    lines = [
        "%% Exported by CX Mapper. Sections = stages; tasks = touchpoints (else customer",
        f"%% actions, else steps); scores mapped from {doc.scale.min}…{doc.scale.max} to 1…5.",
        "journey",
        f"  title {_clean(doc.meta.title) or 'Journey'}",
    ]
    section = None
    for task in journey_tasks(doc):
        if task.section_number != section:
            section = task.section_number
            lines.append(f"  section {task.section}")
        actors = f": {', '.join(task.actors)}" if task.actors else ""
        lines.append(f"    {task.name}: {task.score}{actors}")
    return "\n".join(lines) + "\n"


def export_mermaid(doc: MapDocument, path: str | os.PathLike) -> Path:
    return write_atomic(path, to_mermaid(doc).encode("utf-8"))


# -- import ------------------------------------------------------------------------------

_TASK = re.compile(r"^(?P<name>[^:]+):\s*(?P<score>[^:]*?)\s*(?::(?P<actors>.*))?$")


def parse_mermaid(text: str, source: str = "<text>") -> tuple[str, list[Task]]:
    """The title and tasks of Mermaid ``journey`` text; :class:`MermaidError` on bad input."""
    title = ""
    tasks: list[Task] = []
    section, section_number = "", 0
    seen_header = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("%%"):
            continue
        if not seen_header:
            if line != "journey":
                raise MermaidError(number, f"expected 'journey' as the first statement, found {line[:40]!r}", source)
            seen_header = True
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "title":
            title = rest.strip()
        elif keyword == "section":
            section, section_number = rest.strip(), section_number + 1
            if not section:
                raise MermaidError(number, "a section needs a name", source)
        elif keyword in ("accTitle:", "accDescr:") or line.startswith(("accTitle", "accDescr")):
            continue
        else:
            match = _TASK.match(line)
            if not match:
                raise MermaidError(number, f"expected 'task: score: actors', found {line[:40]!r}", source)
            score_text = match["score"]
            if not re.fullmatch(r"[0-9]+", score_text or ""):
                raise MermaidError(number, f"the score must be a whole number 1…5, found {score_text!r}", source)
            score = int(score_text)
            if not MERMAID_MIN <= score <= MERMAID_MAX:
                raise MermaidError(number, f"the score must be 1…5, found {score}", source)
            actors = tuple(a.strip() for a in (match["actors"] or "").split(",") if a.strip())
            tasks.append(Task(section, match["name"].strip(), score, actors, section_number))
    if not seen_header:
        raise MermaidError(1, "no 'journey' diagram found (the text is empty)", source)
    return title, tasks


def from_mermaid(text: str, source: str = "<text>") -> MapDocument:
    """A new map from Mermaid ``journey`` text (1…5 scale; see the module docstring)."""
    title, tasks = parse_mermaid(text, source)
    doc = MapDocument(meta=MapMeta(title=title[:500] or "Imported journey"), scale=EmotionScale(min=1, max=5))
    touch = Lane(name="Touchpoints", kind=LaneKind.TOUCHPOINTS)
    emotions = Lane(name="Emotions", kind=LaneKind.EMOTIONS)
    doc.lanes = [touch, emotions]
    stages: list[Stage] = []
    points: dict[str, list[EmotionPoint]] = {}
    cards = []
    section = None
    for task in tasks:
        step = Step(name=task.name[:500])
        if task.section_number != section:  # a section without tasks makes no stage
            section = task.section_number
            stages.append(Stage(name=task.section[:500], steps=[step]))
        else:
            stages[-1] = stages[-1].model_copy(update={"steps": [*stages[-1].steps, step]})
        cards.append(make_card(CardKind.TOUCHPOINT, lane=touch.id, step=step.id, title=task.name[:500]))
        for actor in task.actors or (DEFAULT_ACTOR,):
            points.setdefault(actor[:500], []).append(EmotionPoint(step=step.id, score=task.score))
    doc.stages = stages
    doc.cards = cards
    doc.personas = [Persona(name=name, as_is=curve) for name, curve in points.items()]
    return MapDocument.model_validate(doc.model_dump())
