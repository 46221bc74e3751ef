"""From what the Y.Doc holds to a valid ``MapDocument``: the deterministic merge repair.

Concurrent edits can leave the shared state in a shape no single person made: a card
in a step someone else deleted, an id twice in an order array after two people moved
the same card, a link to a removed card, an emotion point on a removed step, a stage
whose steps two people removed one each, a comment on a deleted card, a title longer
than the limit after two people typed into it. ``build_view`` turns the raw state
(plain dicts read from the Y.Doc, see ``ydoc.read_raw``) into a document that passes
``validate_references``, and lists every repair it made.

The repair is a pure function of the raw state and writes nothing back, so it cannot
fight: every replica holding the same Y state computes the same document and the same
repairs, whatever order the updates came in. When a person then edits a repaired
thing, their edit writes its repaired state like any other edit (that is what makes a
repair permanent, once, by someone who saw it).

The rules (docs/COLLAB.md, "Repair" lists them for users):

1. Order: an order array is read first occurrence first; an id without an entry is
   skipped; an entry missing from its array goes last, by id.
2. An entry that is not valid (a hostile or buggy participant) is left out, and
   reported; a text longer than its limit is cut to the limit, and reported.
3. An id used by two kinds is kept by the first of stage, step, lane, persona, card,
   link, comment.
4. A step whose stage is gone, and a card whose step is gone, go to the "Recovered"
   stage (its "Recovered" step for cards); a card whose lane is gone goes to the
   "Recovered" lane. These places exist in the view only while something needs them
   (their ids are fixed, ``RECOVERED_*``, so every replica makes the same ones).
5. A stage left without steps is left out (its steps were removed by people).
6. A link whose end is gone, or that now joins a card to itself, is left out.
7. An emotion point on a step that is gone is left out; a score outside the scale is
   clamped; a curve follows step order.
8. A comment whose target is gone goes to the map (target None); a reply whose thread
   is gone starts its own thread; a reply has its thread's target and is never resolved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from cxmapper.model.fileformat import _free_form_problems  # the file's own rule for free-form data
from cxmapper.model.document import (
    MAX_NAME,
    MAX_TEXT,
    AnalysisSettings,
    Card,
    Comment,
    EmotionPoint,
    EmotionScale,
    Lane,
    LaneKind,
    Link,
    MapDocument,
    MapMeta,
    Persona,
    Stage,
    Step,
    make_card,
)

RECOVERED_STAGE = "cx-recovered-stage"
RECOVERED_STEP = "cx-recovered-step"
RECOVERED_LANE = "cx-recovered-lane"
RECOVERED_NAME = "Recovered"

#: The kinds kept in the Y.Doc as an id-keyed map of entries plus an order array, in
#: the order in which an id used by two kinds is given to the first.
KINDS = ("stage", "step", "lane", "persona", "card", "link", "comment")

#: Text limits by field name (rule 2).
TEXT_LIMITS = {"title": MAX_NAME, "name": MAX_NAME, "label": MAX_NAME, "description": MAX_TEXT, "text": MAX_TEXT}


@dataclass(frozen=True)
class Repair:
    """One thing the merge repaired: what (kind and id), the rule, and words for a person."""

    kind: str
    id: str
    rule: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class Raw:
    """The shared state as plain data: ``order[kind]`` (the Y.Array) and ``entries[kind]``
    (id -> fields, texts as str), plus ``meta`` and ``settings`` dicts."""

    order: dict[str, list[Any]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    entries: dict[str, dict[str, Any]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    meta: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def _label(fields: Any, *names: str) -> str:
    if isinstance(fields, dict):
        for name in names:
            value = fields.get(name)
            if isinstance(value, str) and value:
                return repr(value[:40])
    return ""


class ViewBuilder:
    """Builds the repaired view of a ``Raw`` state; remembers the objects it built.

    An entry whose fields did not change since the last build gives the same object
    back (no validation, no new object): after a remote change only what changed is
    validated again, and a view compares objects by identity first.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._built = False  # entries are validated as lists in the first build only
        self._steps: dict[str, tuple[Any, Step]] = {}  # step id -> (its entry object, the Step made)

    # -- objects from fields, cached --------------------------------------------------

    def _object(self, kind: str, item_id: str, fields: Any, repairs: list[Repair]) -> Any | None:
        key = (kind, item_id)
        cached = self._cache.get(key)
        if cached is not None and (cached[0] is fields or cached[0] == fields):
            obj, notes = cached[1]
            if notes:
                repairs.extend(notes)
            return obj
        notes: list[Repair] = []
        obj = self._validate(kind, item_id, fields, notes)
        self._cache[key] = (fields, (obj, notes))
        repairs.extend(notes)
        return obj

    def _validate(self, kind: str, item_id: str, fields: Any, notes: list[Repair]) -> Any | None:
        what = f"{kind} {item_id!r}"
        if not isinstance(fields, dict):
            notes.append(Repair(kind, item_id, "invalid", f"{what} from another participant is not an object; left out"))
            return None
        data = dict(fields)
        for name, limit in TEXT_LIMITS.items():
            value = data.get(name)
            if isinstance(value, str) and len(value) > limit:
                data[name] = value[:limit]
                notes.append(Repair(kind, item_id, "text-limit", f"{what}: {name} was longer than {limit} characters after merging; cut to the limit"))
        if data.get("id") != item_id:
            data["id"] = item_id
        try:
            if kind == "card":
                _read_extensions(data)
                return _checked_card(make_card(data.get("kind"), **{k: v for k, v in data.items() if k != "kind"}))
            if kind == "persona":
                return _persona_parts(data)
            model = {"stage": _StageEntry, "step": _StepEntry, "lane": Lane, "link": Link, "comment": Comment}[kind]
            return model.model_validate(data)
        except (ValidationError, ValueError, TypeError, RecursionError) as exc:
            notes.append(Repair(kind, item_id, "invalid", f"{what} from another participant is not valid ({_reason(exc)}); left out"))
            return None

    def _prevalidate(self, kind: str, entries: dict[str, Any]) -> None:
        """Validate the entries of ``kind`` not in the cache in ONE pydantic call (joining:
        5,000 cards one by one take ~3× as long as one list). When the list is refused
        (an entry needs a repair: too long a text after a merge, a hostile value), each
        half is tried on its own, down to small runs that ``_object`` then validates one
        by one, with the repair and its message: a few bad entries cost a few splits.

        A card entry leaves out the fields at their default (docs/COLLAB.md); its list
        and dict defaults (``tags``, ``extensions``) are given here, as the file gives
        them: pydantic deep-copies a mutable default for every object it fills it into
        (~5 ms for 5,000 cards), the same value once more."""
        adapter = _list_adapter(kind)
        if adapter is None:
            return
        cache = self._cache
        ids: list[str] = []
        sources: list[Any] = []
        datas: list[Any] = []
        card = kind == "card"
        for item_id, fields in entries.items():
            if not isinstance(fields, dict) or fields.get("id") != item_id:
                continue
            if cache:
                cached = cache.get((kind, item_id))
                if cached is not None and (cached[0] is fields or cached[0] == fields):
                    continue
            data = fields
            if card:
                data = {"tags": [], "extensions": {}, **fields}
                if isinstance(data["extensions"], str):
                    try:
                        _read_extensions(data)
                    except (ValueError, RecursionError):
                        continue
            ids.append(item_id)
            sources.append(fields)
            datas.append(data)
        pending = [(0, len(ids))]
        while pending:
            start, end = pending.pop()
            if end - start < _BULK_FROM:
                continue
            try:
                objects = adapter.validate_python(datas[start:end])
                if card:
                    for obj in objects:
                        if obj.extensions:
                            _checked_card(obj)
            except (ValidationError, ValueError, TypeError, RecursionError):
                middle = (start + end) // 2
                pending += [(start, middle), (middle, end)]
                continue
            for item_id, fields, obj in zip(ids[start:end], sources[start:end], objects):
                cache[(kind, item_id)] = (fields, (obj, _NO_NOTES))

    def seed(self, raw: Raw, doc: MapDocument) -> None:
        """Take ``doc``'s cards and links as what their entries in ``raw`` validate to
        (sharing a map: ``raw`` was just written from ``doc``, a valid document, so
        validating 5,000 cards again would give equal objects; a later change of an
        entry is validated as always)."""
        for kind, items in (("card", doc.cards), ("link", doc.links)):
            entries = raw.entries.get(kind, {})
            for obj in items:
                fields = entries.get(obj.id)
                if isinstance(fields, dict):
                    self._cache[(kind, obj.id)] = (fields, (obj, []))

    def adopt(self, doc: MapDocument) -> None:
        """Make the cached objects equal to ``doc``'s BE ``doc``'s (after ``build`` gave a
        document equal to it): later views then hand back the editor's own objects, and
        comparing a view with the editor's document is mostly identity checks."""
        for kind, items in (("lane", doc.lanes), ("card", doc.cards), ("link", doc.links), ("comment", doc.comments)):
            for obj in items:
                cached = self._cache.get((kind, obj.id))
                if cached is not None and cached[1][0] is not obj and cached[1][0] == obj:
                    self._cache[(kind, obj.id)] = (cached[0], (obj, cached[1][1]))

    # -- the view -------------------------------------------------------------------------

    def build(self, raw: Raw) -> tuple[MapDocument, list[Repair]]:
        """The repaired document and what was repaired, in a fixed order."""
        repairs: list[Repair] = []
        taken: set[str] = set()
        objects: dict[str, list[tuple[str, Any]]] = {}
        for kind in KINDS:
            entries = raw.entries.get(kind, {})
            if len(entries) >= _BULK_FROM and not self._built:  # later builds: a few changed entries
                self._prevalidate(kind, entries)
            kept = []
            cache = self._cache
            for item_id in _ordered(kind, raw.order.get(kind, []), entries, repairs):
                if item_id in taken:
                    repairs.append(Repair(kind, item_id, "id-taken", f"{kind} {item_id!r}: its id is used by another thing; left out"))
                    continue
                fields = entries[item_id]
                cached = cache.get((kind, item_id))
                if cached is not None and cached[0] is fields and not cached[1][1]:
                    obj = cached[1][0]  # the common case, as in _object
                else:
                    obj = self._object(kind, item_id, fields, repairs)
                if obj is not None:
                    taken.add(item_id)
                    kept.append((item_id, obj))
            objects[kind] = kept

        meta = _part(MapMeta, raw.meta, "meta", repairs, self)
        scale = _part(EmotionScale, raw.settings.get("scale"), "scale", repairs, self)
        analysis = _part(AnalysisSettings, raw.settings.get("analysis"), "analysis", repairs, self)
        extensions = raw.settings.get("extensions")
        if isinstance(extensions, str):
            try:
                extensions = json.loads(extensions)
            except (ValueError, RecursionError):
                repairs.append(Repair("map", "extensions", "invalid", "map extensions from another participant are not valid JSON; left out"))
                extensions = {}
        if not isinstance(extensions, dict):
            extensions = {}

        stages, step_ids, recovered_step_needed = self._structure(objects, repairs)
        lanes = [obj for _, obj in objects["lane"]]
        lane_ids = {lane.id for lane in lanes}
        cards = []
        need_lane = False
        need_step = False
        for item_id, card in objects["card"]:
            if card.lane in lane_ids and card.step in step_ids:
                cards.append(card)  # the common case
                continue
            update = {}
            if card.lane not in lane_ids:
                update["lane"] = RECOVERED_LANE
                need_lane = True
                repairs.append(Repair("card", item_id, "re-homed", f"card {item_id!r} {_label({'t': card.title}, 't')}: its lane was removed by someone else; moved to the lane {RECOVERED_NAME!r}"))
            if card.step not in step_ids:
                update["step"] = RECOVERED_STEP
                need_step = True
                repairs.append(Repair("card", item_id, "re-homed", f"card {item_id!r} {_label({'t': card.title}, 't')}: its step was removed by someone else; moved to the step {RECOVERED_NAME!r}"))
            cards.append(card.model_copy(update=update) if update else card)
        if need_lane and RECOVERED_LANE not in lane_ids:
            lanes.append(Lane(id=RECOVERED_LANE, name=RECOVERED_NAME, kind=LaneKind.NOTES))
        if (need_step or recovered_step_needed) and RECOVERED_STEP not in step_ids:
            stages = _with_recovered_step(stages)
        step_ids = {step.id for stage in stages for step in stage.steps}
        columns = {step.id: i for i, step in enumerate(step for stage in stages for step in stage.steps)}

        card_ids = {card.id for card in cards}
        links = []
        for item_id, link in objects["link"]:
            if link.source not in card_ids or link.target not in card_ids:
                repairs.append(Repair("link", item_id, "dropped", f"link {item_id!r}: a card it joins was removed by someone else; the link is removed too"))
            elif link.source == link.target:
                repairs.append(Repair("link", item_id, "dropped", f"link {item_id!r}: after merging it joins a card to itself; removed"))
            else:
                links.append(link)

        personas = [_persona(parts, scale, columns, repairs) for _, parts in objects["persona"]]

        targets = card_ids | step_ids | {stage.id for stage in stages}
        comments = _comments([obj for _, obj in objects["comment"]], targets, repairs)

        doc = MapDocument.model_construct(
            meta=meta, scale=scale, personas=personas, stages=stages, lanes=lanes, cards=cards,
            links=links, comments=comments, analysis=analysis, extensions=extensions,
        )
        self._built = True
        return doc, repairs

    def _structure(self, objects: dict[str, list[tuple[str, Any]]], repairs: list[Repair]):
        """Stages with their steps (rules 4 and 5); whether the recovered stage is needed."""
        stage_entries = dict(objects["stage"])
        steps_of: dict[str, list[Step]] = {stage_id: [] for stage_id in stage_entries}
        orphans: list[Step] = []
        for item_id, entry in objects["step"]:
            made = self._steps.get(item_id)
            if made is not None and made[0] is entry:  # the same entry object: the same step
                step = made[1]
            else:
                step = Step.model_construct(id=entry.id, name=entry.name, description=entry.description)
                self._steps[item_id] = (entry, step)
            if entry.stage in steps_of:
                steps_of[entry.stage].append(step)
            else:
                orphans.append(step)
                repairs.append(Repair("step", item_id, "re-homed", f"step {item_id!r} {_label({'n': entry.name}, 'n')}: its stage was removed by someone else; moved to the stage {RECOVERED_NAME!r}"))
        stages = []
        for stage_id, entry in objects["stage"]:
            steps = steps_of[stage_id]
            if stage_id == RECOVERED_STAGE:
                steps = steps + orphans
                orphans = []
            if not steps:
                repairs.append(Repair("stage", stage_id, "dropped", f"stage {stage_id!r} {_label({'n': entry.name}, 'n')}: its steps were all removed by different people; the stage is removed too"))
                continue
            stages.append(Stage.model_construct(id=entry.id, name=entry.name, description=entry.description, color=entry.color, steps=steps))
        if orphans:
            stages.append(Stage.model_construct(id=RECOVERED_STAGE, name=RECOVERED_NAME, description="", color=None, steps=orphans))
        step_ids = {step.id for stage in stages for step in stage.steps}
        return stages, step_ids, False


#: From how many entries of a kind not yet validated ``_prevalidate`` takes them as one list.
_BULK_FROM = 32
#: The repairs of an entry that needed none (shared: cached notes are only read).
_NO_NOTES: tuple[Repair, ...] = ()

_ADAPTERS: dict[str, Any] = {}


def _list_adapter(kind: str) -> TypeAdapter | None:
    """A ``TypeAdapter`` for a list of entries of ``kind`` (made once per process)."""
    if kind not in _ADAPTERS:
        item = {"card": Card, "stage": _StageEntry, "step": _StepEntry, "lane": Lane, "link": Link, "comment": Comment}.get(kind)
        _ADAPTERS[kind] = TypeAdapter(list[item]) if item is not None else None
    return _ADAPTERS[kind]


def _reason(exc: Exception) -> str:
    """Why an entry was refused, in the same words on every replica: pydantic's place and
    message, never its echo of the input. (The input of an error about the whole entry
    is the entry's dict, whose key order is the order Yrs's hash map gives on this read:
    two replicas, or two reads, would word the same repair differently, and a re-read
    would show it again as new.)"""
    if isinstance(exc, ValidationError):
        errors = exc.errors(include_url=False, include_input=False, include_context=False)[:2]
        return "; ".join(f"{'.'.join(str(part) for part in error['loc']) or 'the entry'}: {error['msg']}" for error in errors)
    lines = str(exc).splitlines()
    return lines[0] if lines else type(exc).__name__


def _read_extensions(data: dict[str, Any]) -> None:
    """A card's ``extensions`` travel as one JSON string (so that integers stay integers:
    Yjs keeps every JSON number as a double); a map written by another client is taken
    as it is."""
    value = data.get("extensions")
    if isinstance(value, str):
        data["extensions"] = {} if value == "{}" else json.loads(value)


def _checked_card(card: Any) -> Any:
    """The file's own rule for free-form data (depth, finite numbers) on a card's extensions."""
    if card.extensions:
        deep = _free_form_problems(("extensions",), card.extensions, [])
        if deep:
            raise ValueError(f"{deep[0].path}: {deep[0].message}")
    return card


def _with_recovered_step(stages: list[Stage]) -> list[Stage]:
    step = Step.model_construct(id=RECOVERED_STEP, name=RECOVERED_NAME, description="")
    for i, stage in enumerate(stages):
        if stage.id == RECOVERED_STAGE:
            return stages[:i] + [stage.model_copy(update={"steps": [*stage.steps, step]})] + stages[i + 1:]
    return [*stages, Stage.model_construct(id=RECOVERED_STAGE, name=RECOVERED_NAME, description="", color=None, steps=[step])]


def _ordered(kind: str, order: Iterable[Any], entries: dict[str, Any], repairs: list[Repair]) -> list[str]:
    """Rule 1: first occurrence first, ids without an entry skipped, the rest last by id."""
    seen: dict[str, None] = {}
    for item_id in order:
        if not isinstance(item_id, str) or item_id not in entries:
            continue
        if item_id in seen:
            repairs.append(Repair(kind, item_id, "order", f"{kind} {item_id!r} was moved by two people at once; it stays where the first move put it"))
            continue
        seen[item_id] = None
    for item_id in sorted(entries.keys() - seen.keys()):
        seen[item_id] = None
        repairs.append(Repair(kind, item_id, "order", f"{kind} {item_id!r} had lost its place in the order; put last"))
    return list(seen)


def _part(model: type, fields: Any, name: str, repairs: list[Repair], builder: ViewBuilder) -> Any:
    """A map-level object; the default when missing or not valid (reported)."""
    if not fields:
        return model.model_construct()
    key = ("map", name)
    cached = builder._cache.get(key)
    if cached is not None and cached[0] == fields:
        obj, notes = cached[1]
        repairs.extend(notes)
        return obj
    notes = []
    data = dict(fields) if isinstance(fields, dict) else {}
    for text_name, limit in TEXT_LIMITS.items():
        value = data.get(text_name)
        if isinstance(value, str) and len(value) > limit:
            data[text_name] = value[:limit]
            notes.append(Repair("map", name, "text-limit", f"map {name}: {text_name} was longer than {limit} characters after merging; cut to the limit"))
    try:
        obj = model.model_validate(data)
    except (ValidationError, ValueError, TypeError):
        obj = model.model_construct()
        notes.append(Repair("map", name, "invalid", f"map {name} from another participant is not valid; the defaults are used"))
    builder._cache[key] = (fields, (obj, notes))
    repairs.extend(notes)
    return obj


# --- entries that are not document objects as such -------------------------------------


class _StageEntry(Stage):
    """A stage as the Y.Doc holds it: without steps (each step names its stage)."""

    steps: list[Step] = []  # type: ignore[assignment]


class _StepEntry(Step):
    stage: str = ""


class _PersonaEntry(Persona):
    to_be_curve: bool = False
    points: dict[str, Any] = {}


def _persona_parts(data: dict[str, Any]) -> tuple[Persona, dict[str, EmotionPoint], dict[str, EmotionPoint], bool]:
    """A persona's own fields and its points by step, checked; the curves come later (rule 7)."""
    entry = _PersonaEntry.model_validate(data)
    curves: dict[str, dict[str, EmotionPoint]] = {"as_is": {}, "to_be": {}}
    for key, value in sorted(entry.points.items()):
        curve, _, step_id = key.partition("/")
        if curve not in curves or not isinstance(value, dict):
            raise ValueError(f"an emotion point key {key!r} is not 'as_is/STEP' or 'to_be/STEP'")
        curves[curve][step_id] = EmotionPoint.model_validate({"step": step_id, **value})
    persona = Persona.model_construct(
        id=entry.id, name=entry.name, description=entry.description, color=entry.color, as_is=[], to_be=None
    )
    return persona, curves["as_is"], curves["to_be"], entry.to_be_curve


def _persona(parts: tuple, scale: EmotionScale, columns: dict[str, int], repairs: list[Repair]) -> Persona:
    persona, as_is, to_be, has_to_be = parts
    curves = {}
    for curve, points in (("as_is", as_is), ("to_be", to_be)):
        kept = []
        for step_id, point in points.items():
            if step_id not in columns:
                repairs.append(Repair("persona", persona.id, "dropped", f"persona {persona.name!r}: the {curve.replace('_', '-')} point on a step that was removed by someone else is removed too"))
                continue
            if not scale.contains(point.score):
                clamped = min(max(point.score, scale.min), scale.max)
                repairs.append(Repair("persona", persona.id, "clamped", f"persona {persona.name!r}: the {curve.replace('_', '-')} score {point.score} is outside the scale {scale.min}…{scale.max} after merging; set to {clamped}"))
                point = point.model_copy(update={"score": clamped})
            kept.append(point)
        kept.sort(key=lambda point: columns[point.step])
        curves[curve] = kept
    to_be_curve = curves["to_be"] if (has_to_be or curves["to_be"]) else None
    return persona.model_copy(update={"as_is": curves["as_is"], "to_be": to_be_curve})


def _comments(comments: list[Comment], targets: set[str], repairs: list[Repair]) -> list[Comment]:
    """Rule 8."""
    starts: dict[str, Comment] = {}
    result = []
    for comment in comments:
        update: dict[str, Any] = {}
        if comment.target is not None and comment.target not in targets:
            update["target"] = None
            repairs.append(Repair("comment", comment.id, "re-homed", f"comment {comment.id!r}: the thing it was on was removed by someone else; it is now on the map"))
        if comment.thread is not None:
            start = starts.get(comment.thread)
            if start is None:
                update["thread"] = None
                repairs.append(Repair("comment", comment.id, "re-homed", f"comment {comment.id!r}: its thread was deleted by someone else; it starts its own thread"))
            else:
                if start.target != update.get("target", comment.target):
                    update["target"] = start.target
                if comment.resolved:
                    update["resolved"] = False
        fixed = comment.model_copy(update=update) if update else comment
        if fixed.thread is None:
            starts[fixed.id] = fixed
        result.append(fixed)
    return result


__all__ = ["KINDS", "RECOVERED_LANE", "RECOVERED_NAME", "RECOVERED_STAGE", "RECOVERED_STEP", "Raw", "Repair", "ViewBuilder"]
