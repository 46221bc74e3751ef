"""Translated display names of the model's enums: the one place the UI gets them from.

Every name is written out as a literal ``QCoreApplication.translate("names", ...)`` call
so that ``pyside6-lupdate`` finds it; the tables are built on each call (cheap) so that
a language installed after import is honoured. The canvas, the inspector, the legend
and the presentation filter all call these functions, never ``str(enum)``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cxmapper.model.document import (
    BlueprintLine,
    CardKind,
    Channel,
    Curve,
    Evidence,
    KanoCategory,
    LaneKind,
    LinkKind,
)


def lane_kind_name(kind: LaneKind) -> str:
    names = {
        LaneKind.CUSTOMER_ACTIONS: QCoreApplication.translate("names", "Customer actions"),
        LaneKind.TOUCHPOINTS: QCoreApplication.translate("names", "Touchpoints"),
        LaneKind.THOUGHTS: QCoreApplication.translate("names", "Thoughts"),
        LaneKind.EMOTIONS: QCoreApplication.translate("names", "Emotions"),
        LaneKind.PAIN_POINTS: QCoreApplication.translate("names", "Pain points"),
        LaneKind.OPPORTUNITIES: QCoreApplication.translate("names", "Opportunities"),
        LaneKind.CHANNELS: QCoreApplication.translate("names", "Channels"),
        LaneKind.METRICS: QCoreApplication.translate("names", "Metrics"),
        LaneKind.NOTES: QCoreApplication.translate("names", "Notes"),
        LaneKind.PHYSICAL_EVIDENCE: QCoreApplication.translate("names", "Physical evidence"),
        LaneKind.FRONTSTAGE: QCoreApplication.translate("names", "Frontstage"),
        LaneKind.BACKSTAGE: QCoreApplication.translate("names", "Backstage"),
        LaneKind.SUPPORT_PROCESSES: QCoreApplication.translate("names", "Support processes"),
    }
    return names[LaneKind(kind)]


def card_kind_name(kind: CardKind) -> str:
    names = {
        CardKind.TOUCHPOINT: QCoreApplication.translate("names", "Touchpoint"),
        CardKind.ACTION: QCoreApplication.translate("names", "Action"),
        CardKind.EVIDENCE: QCoreApplication.translate("names", "Physical evidence"),
        CardKind.PROCESS: QCoreApplication.translate("names", "Process"),
        CardKind.PAIN_POINT: QCoreApplication.translate("names", "Pain point"),
        CardKind.OPPORTUNITY: QCoreApplication.translate("names", "Opportunity"),
        CardKind.THOUGHT: QCoreApplication.translate("names", "Thought"),
        CardKind.NOTE: QCoreApplication.translate("names", "Note"),
    }
    return names[CardKind(kind)]


def kano_name(category: KanoCategory) -> str:
    names = {
        KanoCategory.MUST_BE: QCoreApplication.translate("names", "Must-be"),
        KanoCategory.ONE_DIMENSIONAL: QCoreApplication.translate("names", "One-dimensional"),
        KanoCategory.ATTRACTIVE: QCoreApplication.translate("names", "Attractive"),
        KanoCategory.INDIFFERENT: QCoreApplication.translate("names", "Indifferent"),
        KanoCategory.REVERSE: QCoreApplication.translate("names", "Reverse"),
        KanoCategory.QUESTIONABLE: QCoreApplication.translate("names", "Questionable"),
    }
    return names[KanoCategory(category)]


def channel_name(channel: Channel) -> str:
    names = {
        Channel.WEB: QCoreApplication.translate("names", "Web"),
        Channel.APP: QCoreApplication.translate("names", "App"),
        Channel.STORE: QCoreApplication.translate("names", "Store"),
        Channel.PHONE: QCoreApplication.translate("names", "Phone"),
        Channel.EMAIL: QCoreApplication.translate("names", "Email"),
        Channel.CHAT: QCoreApplication.translate("names", "Chat"),
        Channel.SOCIAL: QCoreApplication.translate("names", "Social media"),
        Channel.OTHER: QCoreApplication.translate("names", "Other channel"),
    }
    return names[Channel(channel)]


def evidence_name(evidence: Evidence) -> str:
    names = {
        Evidence.OBSERVED: QCoreApplication.translate("names", "Observed"),
        Evidence.ASSUMED: QCoreApplication.translate("names", "Assumed"),
        Evidence.PROPOSED: QCoreApplication.translate("names", "Proposed"),
    }
    return names[Evidence(evidence)]


def link_kind_name(kind: LinkKind) -> str:
    names = {
        LinkKind.FLOW: QCoreApplication.translate("names", "Flow"),
        LinkKind.SUPPORTS: QCoreApplication.translate("names", "Supports"),
        LinkKind.CAUSES: QCoreApplication.translate("names", "Causes"),
        LinkKind.ADDRESSES: QCoreApplication.translate("names", "Addresses"),
    }
    return names[LinkKind(kind)]


def blueprint_line_name(line: BlueprintLine) -> str:
    names = {
        BlueprintLine.INTERACTION: QCoreApplication.translate("names", "Line of interaction"),
        BlueprintLine.VISIBILITY: QCoreApplication.translate("names", "Line of visibility"),
        BlueprintLine.INTERNAL_INTERACTION: QCoreApplication.translate(
            "names", "Line of internal interaction"
        ),
    }
    return names[BlueprintLine(line)]


def curve_name(curve: Curve) -> str:
    names = {
        Curve.AS_IS: QCoreApplication.translate("names", "As-is"),
        Curve.TO_BE: QCoreApplication.translate("names", "To-be"),
    }
    return names[Curve(curve)]
