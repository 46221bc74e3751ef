"""Starting maps: an empty journey map or service blueprint with its grid in place.

This module owns what ``cxmapper new`` and File › New create: the five classic
stages (Awareness → Loyalty, or 认知 → 忠诚 for a Chinese locale) with one or two
steps each, the lanes of the chosen template and one persona, and no cards.

Every call makes fresh uuid ids, so two new maps never share an id (merging or
copying between them stays safe). The timestamps are the moment of the call.

A map made from the built-in names and a well-formed locale is put together with
``model_construct`` (no validation): the window's first map comes from here, and
validating it would build every model's validator (the card union included) before
the first window shows. The result is the same objects validation gives (values,
types and set fields; ``tests/model/test_templates.py`` compares them). A title given by the
caller, or a locale that is not a locale tag, is validated as before.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Literal

from pydantic import BaseModel

from cxmapper.model.document import (
    BLUEPRINT_ORDER,
    LOCALE_PATTERN,
    Lane,
    LaneKind,
    MapDocument,
    MapMeta,
    Persona,
    Stage,
    Step,
)

Template = Literal["journey", "blueprint"]
TEMPLATES: tuple[Template, ...] = ("journey", "blueprint")

# (stage, its steps) per language; steps are what a customer does in that stage.
_STAGES = {
    "en": [
        ("Awareness", ["Notices a need", "Hears about us"]),
        ("Consideration", ["Compares options"]),
        ("Purchase", ["Decides", "Pays"]),
        ("Use", ["First use", "Gets help"]),
        ("Loyalty", ["Comes back"]),
    ],
    "zh": [
        ("认知", ["产生需求", "了解品牌"]),
        ("考虑", ["比较方案"]),
        ("决策", ["做出选择", "付款"]),
        ("使用", ["首次使用", "寻求帮助"]),
        ("忠诚", ["再次购买"]),
    ],
}

_LANE_NAMES = {
    "en": {
        LaneKind.PHYSICAL_EVIDENCE: "Physical evidence",
        LaneKind.CUSTOMER_ACTIONS: "Customer actions",
        LaneKind.FRONTSTAGE: "Frontstage",
        LaneKind.BACKSTAGE: "Backstage",
        LaneKind.SUPPORT_PROCESSES: "Support processes",
        LaneKind.TOUCHPOINTS: "Touchpoints",
        LaneKind.THOUGHTS: "Thoughts",
        LaneKind.EMOTIONS: "Emotions",
        LaneKind.PAIN_POINTS: "Pain points",
        LaneKind.OPPORTUNITIES: "Opportunities",
    },
    "zh": {
        LaneKind.PHYSICAL_EVIDENCE: "有形展示",
        LaneKind.CUSTOMER_ACTIONS: "顾客行为",
        LaneKind.FRONTSTAGE: "前台行为",
        LaneKind.BACKSTAGE: "后台行为",
        LaneKind.SUPPORT_PROCESSES: "支持过程",
        LaneKind.TOUCHPOINTS: "触点",
        LaneKind.THOUGHTS: "想法",
        LaneKind.EMOTIONS: "情绪",
        LaneKind.PAIN_POINTS: "痛点",
        LaneKind.OPPORTUNITIES: "机会点",
    },
}

_LANES: dict[str, tuple[LaneKind, ...]] = {
    "journey": (
        LaneKind.CUSTOMER_ACTIONS,
        LaneKind.TOUCHPOINTS,
        LaneKind.THOUGHTS,
        LaneKind.EMOTIONS,
        LaneKind.PAIN_POINTS,
        LaneKind.OPPORTUNITIES,
    ),
    "blueprint": (*BLUEPRINT_ORDER, LaneKind.EMOTIONS, LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES),
}

_DEFAULT_TITLE = {
    "en": {"journey": "New customer journey", "blueprint": "New service blueprint"},
    "zh": {"journey": "新的客户旅程图", "blueprint": "新的服务蓝图"},
}
_PERSONA = {"en": "Customer", "zh": "顾客"}


def _language(locale: str) -> str:
    return "zh" if locale.lower().startswith("zh") else "en"


def new_map(template: Template, title: str | None = None, locale: str = "en") -> MapDocument:
    """A new, valid, empty map of the given template.

    ``locale`` is stored in the map's metadata; when it starts with ``zh`` the stage,
    step, lane and persona names are Chinese. Raises ``ValueError`` for an unknown
    template (and pydantic's ``ValidationError``, a ValueError too, for a locale that
    is not a locale tag).
    """
    if template not in _LANES:
        raise ValueError(f"unknown template {template!r}: choose one of {', '.join(TEMPLATES)}")
    language = _language(locale)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    make = _construct if title is None and _LOCALE.fullmatch(locale) else _validate
    meta = make(
        MapMeta,
        title=title if title is not None else _DEFAULT_TITLE[language][template],
        locale=locale,
        created=now,
        modified=now,
    )
    stages = [
        make(Stage, name=name, steps=[make(Step, name=step) for step in steps])
        for name, steps in _STAGES[language]
    ]
    lanes = [make(Lane, name=_LANE_NAMES[language][kind], kind=kind) for kind in _LANES[template]]
    return make(MapDocument, meta=meta, stages=stages, lanes=lanes, personas=[make(Persona, name=_PERSONA[language])])


_LOCALE = re.compile(LOCALE_PATTERN)


def _construct(model: type[BaseModel], **fields):
    return model.model_construct(**fields)


def _validate(model: type[BaseModel], **fields):
    return model(**fields)
