"""The map as a graph, and the analyses a facilitator or designer can act on.

This module owns the networkx view of a ``MapDocument`` and every question asked of
it: the flow order and its cycles, orphan cards, customer actions nobody answers, the
chain of work behind a pain point, handoffs, the stages that hurt most, and
``findings()``, which turns all of that into messages for ``cxmapper check``.

The graph is derived, never saved: build it again after an edit (it is cheap, one
pass over cards and links). Each analysis takes the document (or an already built
graph, to share one build between several analyses) and returns plain dataclasses
that name cards by id *and* title, so a caller needs neither networkx nor the
document to print or highlight them.

The trap: the document may be a map being edited, not yet validated. A card in a
lane or step that does not exist still becomes a node (with ``lane_kind``/``column``
``None``) and a link to a missing card is left out of the graph; analyses never
raise on such a map, they only see less of it.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean
from typing import Literal

import networkx as nx

from cxmapper.model.document import (
    BLUEPRINT_ORDER,
    CardKind,
    LaneKind,
    LinkKind,
    MapDocument,
)

#: The lanes above the line of visibility that a customer meets directly.
CUSTOMER_FACING_LANES = frozenset(
    {LaneKind.PHYSICAL_EVIDENCE, LaneKind.CUSTOMER_ACTIONS, LaneKind.FRONTSTAGE, LaneKind.TOUCHPOINTS}
)
#: The lanes below the line of visibility.
HIDDEN_LANES = frozenset({LaneKind.BACKSTAGE, LaneKind.SUPPORT_PROCESSES})
#: The lanes whose cards can sit "behind" a pain point (see ``pain_chain``).
CHAIN_LANES = frozenset({LaneKind.FRONTSTAGE, *HIDDEN_LANES})

#: The weight of a pain point whose severity is not given: the middle of the 1–5
#: rating, so an unrated pain point counts as "moderate", neither ignored nor alarming.
DEFAULT_SEVERITY = 3


# --- building the graph ----------------------------------------------------------


def build_graph(doc: MapDocument) -> nx.MultiDiGraph:
    """A directed multigraph: one node per card, one edge per link (key = link id).

    Node attributes: ``kind`` (CardKind), ``lane`` (id), ``lane_kind`` (LaneKind or
    None), ``row`` (lane index), ``stage`` (stage id or None), ``step`` (id),
    ``column`` (step index, left to right, or None), ``order`` (index in
    ``doc.cards``, which is the order inside a cell), ``owner``, ``title``.
    Edge attributes: ``kind`` (LinkKind), ``label``.
    """
    lanes = {lane.id: (row, lane.kind) for row, lane in enumerate(doc.lanes)}
    columns: dict[str, tuple[int, str]] = {}
    for stage in doc.stages:
        for step in stage.steps:
            columns[step.id] = (len(columns), stage.id)
    graph = nx.MultiDiGraph(title=doc.meta.title)
    for order, card in enumerate(doc.cards):
        row, lane_kind = lanes.get(card.lane, (None, None))
        column, stage = columns.get(card.step, (None, None))
        graph.add_node(
            card.id,
            kind=card.kind,
            lane=card.lane,
            lane_kind=lane_kind,
            row=row,
            stage=stage,
            step=card.step,
            column=column,
            order=order,
            owner=card.owner,
            title=card.title,
            decision_point=card.decision_point,
        )
    for link in doc.links:
        if link.source in graph and link.target in graph:
            graph.add_edge(link.source, link.target, key=link.id, kind=link.kind, label=link.label)
    return graph


def _graph(doc_or_graph: MapDocument | nx.MultiDiGraph) -> nx.MultiDiGraph:
    return doc_or_graph if isinstance(doc_or_graph, nx.MultiDiGraph) else build_graph(doc_or_graph)


def links_of_kind(graph: nx.MultiDiGraph, *kinds: LinkKind) -> nx.MultiDiGraph:
    """A copy of the graph's structure with only the links of the given kinds (all
    cards kept, without their attributes; edges keep key and attributes).

    A copy, not ``nx.subgraph_view``: a filtered view counts its nodes by walking
    them, so every traversal on it is quadratic on a large map. The copy is kept in
    ``graph.graph`` so that analyses run one after another (``findings``) share it:
    the trap is that it goes stale if the graph is changed afterwards, which is why
    this module never changes a graph once built.
    """
    wanted = frozenset(kinds)
    cache = graph.graph.setdefault("_links_of_kind", {})
    if wanted in cache:
        return cache[wanted]
    subset = cache[wanted] = nx.MultiDiGraph()
    subset.add_nodes_from(graph)
    subset.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if d["kind"] in wanted)
    return subset


# --- plain results ---------------------------------------------------------------


def one_line(text: str) -> str:
    """Text with every run of whitespace (newlines included) as one space: a finding
    is one line, whatever a workshop typed into a card."""
    return " ".join(text.split())


@dataclass(frozen=True)
class CardRef:
    """A card as the analyses report it: enough to print or select it."""

    id: str
    title: str
    kind: CardKind
    lane_kind: LaneKind | None
    step: str
    stage: str | None

    @property
    def label(self) -> str:
        """The title in quotes, or the kind and a short id when the card has none."""
        if self.title.strip():
            return f"“{one_line(self.title)}”"
        return f"(untitled {self.kind.value.replace('_', ' ')} {self.id[:6]})"


def card_ref(graph: nx.MultiDiGraph, card_id: str) -> CardRef:
    node = graph.nodes[card_id]
    return CardRef(card_id, node["title"], node["kind"], node["lane_kind"], node["step"], node["stage"])


def _refs(graph: nx.MultiDiGraph, ids: Iterable[str]) -> tuple[CardRef, ...]:
    return tuple(card_ref(graph, i) for i in ids)


def _far(value: int | None) -> int:
    # cards in a missing lane or step sort after every placed card
    return 1_000_000_000 if value is None else value


def grid_key(graph: nx.MultiDiGraph, card_id: str) -> tuple[int, int, int]:
    """Reading order on the canvas: by column, then lane row, then order in the cell."""
    node = graph.nodes[card_id]
    return (_far(node["column"]), _far(node["row"]), node["order"])


def blueprint_key(graph: nx.MultiDiGraph, card_id: str) -> tuple[int, int, int, int]:
    """Blueprint order: by layer (frontstage, backstage, support: the canonical lane
    order), then left to right, then order in the cell."""
    node = graph.nodes[card_id]
    kind = node["lane_kind"]
    layer = BLUEPRINT_ORDER.index(kind) if kind in BLUEPRINT_ORDER else len(BLUEPRINT_ORDER)
    return (layer, _far(node["row"]), _far(node["column"]), node["order"])


# --- flow order and cycles -----------------------------------------------------------


@dataclass(frozen=True)
class FlowCycle:
    """Cards that flow back into each other (one strongly connected part of the flow).

    ``cards`` are all cards of the loop in canvas order; ``path`` is one concrete
    loop through them, starting at the first card and ending before it repeats.
    """

    cards: tuple[CardRef, ...]
    path: tuple[CardRef, ...]


@dataclass(frozen=True)
class FlowOrder:
    """The cards that take part in a flow link, in the order the flow runs.

    Where the flow is acyclic this is a topological order; ties (cards the flow does
    not order) are broken by canvas order, so the result is deterministic. Cards of a
    cycle are kept together, in canvas order, where the cycle as a whole falls.
    """

    order: tuple[CardRef, ...]
    cycles: tuple[FlowCycle, ...]

    @property
    def acyclic(self) -> bool:
        return not self.cycles


def flow_order(doc_or_graph: MapDocument | nx.MultiDiGraph) -> FlowOrder:
    """The flow order and its cycles (see ``FlowOrder`` and ``FlowCycle``)."""
    graph = _graph(doc_or_graph)
    flow = nx.DiGraph(links_of_kind(graph, LinkKind.FLOW))
    flow.remove_nodes_from([n for n in list(flow) if flow.degree(n) == 0])
    key = lambda n: grid_key(graph, n)  # noqa: E731

    # Condense the loops so the topological sort always succeeds; each loop sorts
    # by its earliest card.
    condensed = nx.condensation(flow)
    members = {c: sorted(condensed.nodes[c]["members"], key=key) for c in condensed}
    ordered_parts = nx.lexicographical_topological_sort(condensed, key=lambda c: key(members[c][0]))
    order = [card for part in ordered_parts for card in members[part]]

    cycles = []
    for part in sorted(members.values(), key=lambda cards: key(cards[0])):
        if len(part) == 1 and not flow.has_edge(part[0], part[0]):
            continue
        loop = nx.find_cycle(flow.subgraph(part), source=part[0])
        path = [edge[0] for edge in loop]
        start = path.index(min(path, key=key))
        path = path[start:] + path[:start]
        cycles.append(FlowCycle(_refs(graph, part), _refs(graph, path)))
    return FlowOrder(_refs(graph, order), tuple(cycles))


# --- orphans -----------------------------------------------------------------------


@dataclass(frozen=True)
class Orphan:
    card: CardRef
    reason: str


def orphans(doc_or_graph: MapDocument | nx.MultiDiGraph) -> list[Orphan]:
    """Cards whose kind promises a link that is not there, in canvas order.

    The rule per kind (other cards are never orphans: their column already places
    them, and a journey map drawn without links is a normal map):

    - a process in a backstage or support lane that reaches no customer-facing card
      (frontstage, customer action, touchpoint, evidence) through its outgoing
      ``supports`` and ``flow`` links: work that supports nothing the customer meets;
    - a pain point with no incoming ``causes`` link and no opportunity addressing it:
      nobody knows where it comes from and nobody plans to fix it;
    - an opportunity that addresses nothing (no outgoing ``addresses`` link).
    """
    graph = _graph(doc_or_graph)
    # One backward sweep from every customer-facing card finds all cards that reach
    # one; asking each hidden card in turn would be quadratic on a large map.
    forward = links_of_kind(graph, LinkKind.SUPPORTS, LinkKind.FLOW)
    facing = [n for n, d in graph.nodes(data=True) if d["lane_kind"] in CUSTOMER_FACING_LANES]
    reaches_customer = set(facing)
    queue = list(facing)
    while queue:
        for earlier in forward.predecessors(queue.pop()):
            if earlier not in reaches_customer:
                reaches_customer.add(earlier)
                queue.append(earlier)
    found: list[Orphan] = []
    for card_id in sorted(graph, key=lambda n: grid_key(graph, n)):
        node = graph.nodes[card_id]
        reason = None
        if node["lane_kind"] in HIDDEN_LANES and node["kind"] is CardKind.PROCESS:
            if card_id not in reaches_customer:
                reason = "supports nothing the customer meets"
        elif node["kind"] is CardKind.PAIN_POINT:
            incoming = {d["kind"] for _, _, d in graph.in_edges(card_id, data=True)}
            if LinkKind.CAUSES not in incoming and LinkKind.ADDRESSES not in incoming:
                reason = "has no cause and no opportunity addressing it"
        elif node["kind"] is CardKind.OPPORTUNITY:
            outgoing = {d["kind"] for _, _, d in graph.out_edges(card_id, data=True)}
            if LinkKind.ADDRESSES not in outgoing:
                reason = "addresses no pain point"
        if reason:
            found.append(Orphan(card_ref(graph, card_id), reason))
    return found


# --- customer actions nobody answers ------------------------------------------------------


def unanswered_actions(doc_or_graph: MapDocument | nx.MultiDiGraph) -> list[CardRef]:
    """Cards in a customer-actions lane with no frontstage response, in canvas order.

    A response is a ``flow`` or ``supports`` link to or from a frontstage card, or a
    frontstage card in the same step. A map without a frontstage lane (a journey
    map) has nothing to answer with, so the list is empty there.
    """
    graph = _graph(doc_or_graph)
    lane_kinds = {d["lane_kind"] for _, d in graph.nodes(data=True)}
    if LaneKind.FRONTSTAGE not in lane_kinds:
        return []
    frontstage_steps = {
        d["step"] for _, d in graph.nodes(data=True) if d["lane_kind"] is LaneKind.FRONTSTAGE
    }
    responding = links_of_kind(graph, LinkKind.FLOW, LinkKind.SUPPORTS)
    found = []
    for card_id in sorted(graph, key=lambda n: grid_key(graph, n)):
        node = graph.nodes[card_id]
        if node["lane_kind"] is not LaneKind.CUSTOMER_ACTIONS or node["step"] in frontstage_steps:
            continue
        neighbours = set(responding.successors(card_id)) | set(responding.predecessors(card_id))
        if not any(graph.nodes[n]["lane_kind"] is LaneKind.FRONTSTAGE for n in neighbours):
            found.append(card_ref(graph, card_id))
    return found


# --- the chain behind a pain point ----------------------------------------------------


@dataclass(frozen=True)
class PainChain:
    """What lies behind a pain point.

    ``causes``: the cards linked to it by ``causes`` (any kind), in canvas order.
    ``chain``: the frontstage, backstage and support cards it can be traced back to,
    in blueprint order (frontstage first, then backstage, then support; left to
    right within a layer). ``complete`` is False when the walk stopped at its limit:
    ``chain`` then holds the nearest cards only, and there are more behind them.
    """

    pain_point: CardRef
    causes: tuple[CardRef, ...]
    chain: tuple[CardRef, ...]
    complete: bool = True


def pain_chain(
    doc_or_graph: MapDocument | nx.MultiDiGraph, pain_point_id: str, limit: int | None = None
) -> PainChain:
    """Walk backwards from the pain point along ``causes``, ``supports`` and ``flow``.

    The walk goes on from the pain point's direct causes whatever their lane, but
    beyond them only through frontstage, backstage and support cards: walking back
    through the customer's own actions would pull in the whole journey before the
    pain point, which is history, not cause.

    The walk is breadth first, nearest cards first. ``limit`` stops it once it has
    found that many chain cards and one more (``complete`` False): the full chain of
    every pain point on a map whose pain points share one long causal chain is
    quadratic in size (2,000 pain points behind one 2,000-card chain: four million
    entries), while the nearest few are what a person reads. With a limit the walk
    costs O(limit · in-degree) per pain point, so ``findings`` stays linear.
    """
    graph = _graph(doc_or_graph)
    if pain_point_id not in graph:
        raise KeyError(pain_point_id)
    back = links_of_kind(graph, LinkKind.CAUSES, LinkKind.SUPPORTS, LinkKind.FLOW)
    causes = sorted(
        {u for u, _, d in graph.in_edges(pain_point_id, data=True) if d["kind"] is LinkKind.CAUSES},
        key=lambda n: grid_key(graph, n),
    )
    nodes = graph.nodes
    direct = [n for n in dict.fromkeys(back.predecessors(pain_point_id)) if n != pain_point_id]
    direct_set = set(direct)
    seen = {pain_point_id, *direct}
    found = [n for n in direct if nodes[n]["lane_kind"] in CHAIN_LANES]
    queue = deque(direct)
    complete = True
    while queue and complete:
        card_id = queue.popleft()
        if card_id not in direct_set and nodes[card_id]["lane_kind"] not in CHAIN_LANES:
            continue
        for earlier in back.predecessors(card_id):
            if earlier not in seen:
                seen.add(earlier)
                queue.append(earlier)
                if nodes[earlier]["lane_kind"] in CHAIN_LANES:
                    found.append(earlier)
                    if limit is not None and len(found) > limit:
                        complete = False
                        break
    if limit is not None and len(found) > limit:
        found, complete = found[:limit], False
    chain = sorted(found, key=lambda n: blueprint_key(graph, n))
    return PainChain(card_ref(graph, pain_point_id), _refs(graph, causes), _refs(graph, chain), complete)


# --- handoffs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Handoff:
    """A ``flow`` or ``supports`` link where work passes the line of visibility or
    from one owner to another: the places where things get lost."""

    link_id: str
    kind: LinkKind
    source: CardRef
    target: CardRef
    crosses_visibility: bool
    owners: tuple[str, str] | None  # (from, to) when both are set and differ


def _same_owner(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def handoffs(doc_or_graph: MapDocument | nx.MultiDiGraph) -> list[Handoff]:
    """Handoffs in the order of the links' sources on the canvas, then link order.

    Crossing the line of visibility means one end is frontstage and the other
    backstage or support. An owner change needs both owners set: an empty owner is
    "not recorded", not "nobody".
    """
    graph = _graph(doc_or_graph)
    found = []
    for u, v, key, data in links_of_kind(graph, LinkKind.FLOW, LinkKind.SUPPORTS).edges(keys=True, data=True):
        if u == v:
            continue
        a, b = graph.nodes[u], graph.nodes[v]
        lanes = {a["lane_kind"], b["lane_kind"]}
        crosses = LaneKind.FRONTSTAGE in lanes and bool(lanes & HIDDEN_LANES)
        owners = None
        if a["owner"].strip() and b["owner"].strip() and not _same_owner(a["owner"], b["owner"]):
            owners = (one_line(a["owner"]), one_line(b["owner"]))
        if crosses or owners:
            found.append(Handoff(key, data["kind"], card_ref(graph, u), card_ref(graph, v), crosses, owners))
    found.sort(key=lambda h: (grid_key(graph, h.source.id), grid_key(graph, h.target.id)))
    return found


# --- stages ranked -------------------------------------------------------------------------


@dataclass(frozen=True)
class StagePain:
    stage_id: str
    stage_name: str
    count: int
    weighted: int  # the sum of severities, DEFAULT_SEVERITY where none is given
    pain_points: tuple[CardRef, ...]


def stages_by_pain(doc: MapDocument, graph: nx.MultiDiGraph | None = None) -> list[StagePain]:
    """Every stage, most painful first: by weighted count, then count, then stage order.

    ``graph``, when given, must be ``build_graph(doc)`` (it saves building it again).
    """
    graph = graph if graph is not None else build_graph(doc)
    severity = {c.id: getattr(c, "severity", None) for c in doc.cards if c.kind is CardKind.PAIN_POINT}
    per_stage: dict[str, list[str]] = defaultdict(list)
    for card_id in sorted(severity, key=lambda n: grid_key(graph, n)):
        per_stage[graph.nodes[card_id]["stage"]].append(card_id)
    ranked = []
    for index, stage in enumerate(doc.stages):
        ids = per_stage.get(stage.id, [])
        weighted = sum(severity[i] or DEFAULT_SEVERITY for i in ids)
        ranked.append((-weighted, -len(ids), index, StagePain(stage.id, stage.name, len(ids), weighted, _refs(graph, ids))))
    return [entry[-1] for entry in sorted(ranked, key=lambda e: e[:3])]


@dataclass(frozen=True)
class StageEmotion:
    """The as-is emotion of one stage: the mean score per persona over the stage's
    steps that have a point, and ``mean``, the mean of those persona means (so a
    persona with more points does not outweigh another)."""

    stage_id: str
    stage_name: str
    per_persona: dict[str, float] = field(hash=False)  # persona id -> mean score
    mean: float


def stages_by_emotion(doc: MapDocument) -> list[StageEmotion]:
    """Stages that have at least one as-is emotion point, lowest mean first
    (ties in stage order). Stages without any point are left out."""
    stage_of = {step.id: stage.id for stage in doc.stages for step in stage.steps}
    scores: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for persona in doc.personas:
        for point in persona.as_is:
            if point.step in stage_of:
                scores[stage_of[point.step]][persona.id].append(point.score)
    ranked = []
    for index, stage in enumerate(doc.stages):
        if stage.id not in scores:
            continue
        per_persona = {p: fmean(s) for p, s in scores[stage.id].items()}
        mean = fmean(per_persona.values())
        ranked.append((mean, index, StageEmotion(stage.id, stage.name, per_persona, mean)))
    return [entry[-1] for entry in sorted(ranked, key=lambda e: e[:2])]


# --- findings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing ``cxmapper check`` reports.

    ``code`` is stable (tests and scripts match on it); ``message`` is for people
    and may change. ``level`` is "warning" for something that is probably wrong or
    missing in the map, "note" for something worth looking at.
    """

    level: Literal["warning", "note"]
    code: str
    message: str
    card_ids: tuple[str, ...] = ()
    link_ids: tuple[str, ...] = ()
    complete: bool = True  # False: the message names only the first cards (``findings(names=)``)


#: How many cards a finding names before "… and N more" (``findings(names=None)``: all).
NAMES_SHOWN = 8


def _labels(cards: Iterable[CardRef], limit: int | None = None, more: bool = False) -> str:
    """Card labels joined; past ``limit`` cards, "and N more" (``more``: there are
    more than the cards given, their number unknown)."""
    cards = list(cards)
    shown = cards if limit is None else cards[:limit]
    text = ", ".join(c.label for c in shown)
    if len(shown) < len(cards):
        text += f" and {len(cards) - len(shown)} more"
    elif more:
        text += " and more"
    return text


def _stage_label(name: str) -> str:
    return f"“{one_line(name)}”" if name.strip() else "(unnamed stage)"


def _kind_name(card: CardRef) -> str:
    return card.kind.value.replace("_", " ")


def findings(doc: MapDocument, *, names: int | None = NAMES_SHOWN) -> list[Finding]:
    """All findings: warnings first, then notes; within a level in the order of the
    codes below, and within a code in canvas order.

    ``names`` caps the cards one message names (a loop, a chain, a stage's pain
    points) and how far a pain point's chain is walked (``pain_chain(limit=)``);
    a capped finding has ``complete`` False and its ``card_ids`` hold the named cards
    only. ``names=None`` names every card: the output can then be quadratic in the
    map's size (every pain point behind one long chain), the analyses stay linear
    either way (n·log n with the sorting).

    Codes: ``flow-cycle``, ``orphan``, ``no-frontstage-response`` (warnings; a flow
    cycle through a card marked as a decision point is a note, a rework loop drawn on
    purpose); ``handoff``, ``pain-chain``, ``hot-stage``, ``low-emotion`` (notes).
    """
    graph = build_graph(doc)
    found: list[Finding] = []

    for cycle in flow_order(graph).cycles:
        path = cycle.path if names is None else cycle.path[:names]
        loop = " → ".join(c.label for c in path)
        if len(path) < len(cycle.path):
            loop += f" → … ({len(cycle.path) - len(path)} more cards) → {cycle.path[0].label}"
        else:
            loop += f" → {cycle.path[0].label}"
        decisions = [c for c in cycle.cards if graph.nodes[c.id]["decision_point"]]
        if decisions:
            # A loop through a marked decision point is a rework loop someone drew on
            # purpose: worth seeing, not a mistake.
            level, advice = "note", f"a rework loop at the decision point {_labels(decisions, names)}"
        else:
            level, advice = "warning", "if this is a rework loop, mark its decision point"
        named = cycle.cards if names is None else cycle.cards[: max(names, 1)]
        found.append(Finding(
            level, "flow-cycle", f"the flow loops back: {loop}; {advice}", tuple(c.id for c in named),
            complete=len(named) == len(cycle.cards) and len(path) == len(cycle.path),
        ))
    for orphan in orphans(graph):
        found.append(Finding(
            "warning", "orphan",
            f"{_kind_name(orphan.card)} {orphan.card.label} {orphan.reason}",
            (orphan.card.id,),
        ))
    for action in unanswered_actions(graph):
        found.append(Finding(
            "warning", "no-frontstage-response",
            f"customer action {action.label} gets no frontstage response "
            "(no frontstage card in its step and no flow or supports link to one)",
            (action.id,),
        ))

    for handoff in handoffs(graph):
        why = []
        if handoff.crosses_visibility:
            why.append("crosses the line of visibility")
        if handoff.owners:
            why.append(f"passes from {handoff.owners[0]} to {handoff.owners[1]}")
        found.append(Finding(
            "note", "handoff",
            f"handoff {handoff.source.label} → {handoff.target.label} ({handoff.kind.value}) {' and '.join(why)}",
            (handoff.source.id, handoff.target.id), (handoff.link_id,),
        ))
    pain_ids = sorted(
        (n for n, d in graph.nodes(data=True) if d["kind"] is CardKind.PAIN_POINT),
        key=lambda n: grid_key(graph, n),
    )
    for pain_id in pain_ids:
        chain = pain_chain(graph, pain_id, limit=names)
        if chain.chain:
            found.append(Finding(
                "note", "pain-chain",
                f"pain point {chain.pain_point.label} traces back to {_labels(chain.chain, more=not chain.complete)}",
                (pain_id, *(c.id for c in chain.chain)), complete=chain.complete,
            ))

    by_pain = stages_by_pain(doc, graph)
    if by_pain and by_pain[0].count:
        top = by_pain[0]
        named = top.pain_points if names is None else top.pain_points[:names]
        found.append(Finding(
            "note", "hot-stage",
            f"stage {_stage_label(top.stage_name)} has the most pain points: {top.count} "
            f"(severity-weighted {top.weighted}): {_labels(top.pain_points, names)}",
            tuple(c.id for c in named), complete=len(named) == len(top.pain_points),
        ))
    by_emotion = stages_by_emotion(doc)
    if by_emotion and by_emotion[0].mean < doc.scale.neutral:
        low = by_emotion[0]
        names = {p.id: one_line(p.name) or "(unnamed persona)" for p in doc.personas}
        detail = "; ".join(f"{names.get(p, p)} {m:+.1f}" for p, m in low.per_persona.items())
        found.append(Finding(
            "note", "low-emotion",
            f"stage {_stage_label(low.stage_name)} has the lowest emotion: mean {low.mean:+.1f} "
            f"on {doc.scale.min}…{doc.scale.max} ({detail})",
        ))
    found.sort(key=lambda f: f.level != "warning")  # stable: keeps the order within a level
    return found
