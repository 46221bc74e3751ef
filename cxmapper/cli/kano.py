"""``cxmapper kano import|report``: Kano questionnaire answers in, the analysis out.

``kano import FILE ANSWERS.csv|.xlsx`` reads the answers (see ``model/kano_import.py``),
stores them on the matched cards, computes the categories of the cards whose category
was not set by hand, and saves the map once (``--dry-run``: reports, saves nothing).
``--table`` and ``--rule`` change the method and are recorded in the map.

``kano report FILE`` prints one line per analysed card: counts, category, strengths,
Fong, Better, Worse and the continuous means, under a heading naming the method.
``kano rank FILE`` prints the pain points in priority order with the reasons
(``model/priority.py``; the formula is in docs/KANO.md).

Exit codes: 0 done; 1 the map or the answers file cannot be read, or rows were
rejected (the good ones are still imported, unless --dry-run); 2 usage.
"""

from __future__ import annotations

import sys

from cxmapper.cli import EXIT_INVALID, EXIT_OK
from cxmapper.cli._text import table as _table


def register(sub) -> None:
    kano = sub.add_parser("kano", help="Kano questionnaire: import answers, print the analysis")
    actions = kano.add_subparsers(dest="kano_command", metavar="ACTION")

    p = actions.add_parser("import", help="import Kano answers (CSV or XLSX) into a map")
    p.add_argument("file", help="the .cxmap file")
    p.add_argument("answers", help="answers table: one row per respondent and feature")
    p.add_argument("--table", choices=["standard", "pouliot"], help="evaluation table (recorded in the map)")
    p.add_argument("--rule", choices=["mode", "aom"], help="category rule (recorded in the map)")
    p.add_argument("--override-manual", action="store_true", help="also recompute categories set by hand")
    p.add_argument("--dry-run", action="store_true", help="report what would change; save nothing")
    p.set_defaults(func=run_import)

    p = actions.add_parser("report", help="print the Kano analysis of a map")
    p.add_argument("file", help="the .cxmap file")
    p.add_argument("--json", action="store_true", help="print one JSON document instead (docs/REPORTS-JSON.md)")
    p.set_defaults(func=run_report)

    p = actions.add_parser("rank", help="print the pain points, what to fix first, with reasons")
    p.add_argument("file", help="the .cxmap file")
    p.add_argument("--json", action="store_true", help="print one JSON document instead (docs/REPORTS-JSON.md)")
    p.set_defaults(func=run_rank)

    kano.set_defaults(func=lambda args: _usage(kano))


def _usage(parser) -> int:
    parser.print_help()
    return 2


def _fail(message: str) -> int:
    print(f"cxmapper kano: {message}", file=sys.stderr)
    return EXIT_INVALID


def map_files():
    """(load_file, save_file, MapFileError), imported when a command runs (start-up)."""
    from cxmapper.model.fileformat import MapFileError, load_file, save_file

    return load_file, save_file, MapFileError


def _load(path: str):
    load_file, _, MapFileError = map_files()
    try:
        return load_file(path), None
    except MapFileError as exc:
        return None, str(exc)


def run_import(args) -> int:
    from cxmapper.model.document import KanoRule, KanoTable
    from cxmapper.model.kano import analyse_survey, apply_analysis, replace_cards
    from cxmapper.model.kano_import import KanoImportError, read_answers, surveys_for

    doc, error = _load(args.file)
    if error:
        return _fail(error)
    settings = doc.analysis.model_copy(
        update={
            k: v
            for k, v in (
                ("kano_table", KanoTable(args.table) if args.table else None),
                ("kano_rule", KanoRule(args.rule) if args.rule else None),
            )
            if v is not None
        }
    )
    try:
        imported = read_answers(args.answers, doc)
    except KanoImportError as exc:
        return _fail(f"{exc}; nothing imported")

    doc = replace_cards(doc, surveys_for(doc, imported)).model_copy(update={"analysis": settings})
    changes = apply_analysis(doc, settings, override_manual=args.override_manual)
    doc = replace_cards(doc, [change.after for change in changes])

    # Saved before anything is printed: a reader that closes the pipe (``| head``) must
    # not cost the import.
    will_save = not args.dry_run and bool(imported.responses or args.table or args.rule)
    if will_save:
        _, save_file, MapFileError = map_files()
        try:
            save_file(doc, args.file)
        except MapFileError as exc:
            return _fail(str(exc))
    from cxmapper.cli.validate import emit  # map text reaches the terminal escaped

    by_id = {card.id: card for card in doc.cards}
    emit(f"{args.answers}: {imported.summary()}")
    for problem in imported.problems:
        emit(f"  {args.answers}: {problem}", sys.stderr)
    for card_id, responses in imported.responses.items():
        emit(f"  {by_id[card_id].title or card_id}: {len(responses)} answer(s)")
    for change in changes:
        before = change.before.kano.code if change.before.kano else "-"
        emit(f"  {change.after.title or change.card_id}: Kano {before} -> {change.after.kano.code}")
    kept = [
        c for c in doc.cards
        if c.id in imported.responses and c.kano is not None and not c.kano_computed
    ]
    disagree = 0
    for card in kept:
        computed = analyse_survey(card.kano_survey, settings.kano_table, settings.kano_rule).category
        if computed is not None and computed != card.kano:
            disagree += 1
            emit(f"  {card.title or card.id}: set by hand to {card.kano.code}, the answers say "
                  f"{computed.code}; kept (--override-manual recomputes it)")
    if kept:
        emit(f"  {len(kept)} card(s) keep a category set by hand; the answers agree for "
              f"{len(kept) - disagree}")
    if args.dry_run:
        emit("dry run: the map was not changed")
    elif will_save:
        emit(f"saved {args.file}")
    else:
        emit("nothing to import: the map was not changed")
    return EXIT_INVALID if imported.problems else EXIT_OK


def _num(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def _counts_data(c) -> dict:
    return {"n": c.n, "A": c.a, "O": c.o, "M": c.m, "I": c.i, "R": c.r, "Q": c.q}


def report_data(doc, path=None) -> dict:
    """What ``kano report`` prints, as one JSON-ready structure (the text is built from it)."""
    from cxmapper.cli._report import envelope
    from cxmapper.model.kano import RULE_NAMES, TABLE_NAMES, analyse_document

    settings = doc.analysis
    features = []
    for item in analyse_document(doc, settings):
        card, a = item.card, item.analysis
        cont = a.continuous
        features.append({
            "card_id": card.id,
            "title": card.title,
            "counts": _counts_data(a.counts),
            "category": a.category.code if a.category else None,
            "card_category": card.kano.code if card.kano else None,
            "set_by_hand": bool(card.kano) and not card.kano_computed,
            "category_strength": a.category_strength,
            "total_strength": a.total_strength,
            "fong_significant": None if a.fong is None else a.fong.significant,
            "better": a.better,
            "worse": a.worse,
            "continuous": None if cont is None else {
                "functional": cont.functional,
                "dysfunctional": cont.dysfunctional,
                "importance": cont.importance,
                "weighted_functional": cont.weighted_functional,
                "weighted_dysfunctional": cont.weighted_dysfunctional,
                "n": cont.n,
            },
        })
    return {
        **envelope("kano report", path),
        "title": doc.meta.title,
        "table": settings.kano_table.value,
        "rule": settings.kano_rule.value,
        "method": {"table": TABLE_NAMES[settings.kano_table], "rule": RULE_NAMES[settings.kano_rule]},
        "features": features,
    }


def report_lines(doc) -> list[str]:
    """The report as lines of text (also used by tests)."""
    return report_text_lines(report_data(doc))


def report_text_lines(data: dict) -> list[str]:
    """The text of :func:`report_data`."""
    method = data["method"]
    lines = [
        f"Kano analysis of {data['title']!r}",
        f"method: {method['table']}; category: {method['rule']}",
        "strength = % top − % second category; total = % A+O+M; Fong (1996): do the top two "
        "differ by at least 1.65·sqrt((m1+m2)(2n−m1−m2)/2n)?",
        "",
    ]
    rows = data["features"]
    if not rows:
        lines.append("no pain point or opportunity has Kano answers yet (cxmapper kano import)")
        return lines
    header = ("feature", "n", "A", "O", "M", "I", "R", "Q", "cat", "card", "str%", "tot%",
              "Fong", "Better", "Worse", "func", "dysf", "imp")
    table = [header]
    for row in rows:
        c = row["counts"]
        cont = row["continuous"] or {}
        fong = {None: "-", True: "yes", False: "no"}[row["fong_significant"]]
        table.append((
            row["title"] or row["card_id"],
            *(str(c[k]) for k in ("n", "A", "O", "M", "I", "R", "Q")),
            row["category"] or "-",
            (row["card_category"] + ("*" if row["set_by_hand"] else "")) if row["card_category"] else "-",
            f"{row['category_strength']:.1f}", f"{row['total_strength']:.1f}", fong,
            _num(row["better"], ".2f"), _num(row["worse"], ".2f"),
            _num(cont.get("functional"), ".2f"),
            _num(cont.get("dysfunctional"), ".2f"),
            _num(cont.get("importance"), ".1f"),
        ))
    lines.extend(_table(table, indent="", align="l" + "r" * (len(table[0]) - 1)))
    lines.append("")
    lines.append("cat = computed category; card = category on the card (* = set by hand)")
    weighted = [row for row in rows if row["continuous"] and row["continuous"]["weighted_functional"] is not None]
    if weighted:
        lines.append("importance-weighted continuous means (func, dysf):")
        for row in weighted:
            cont = row["continuous"]
            lines.append(
                f"  {row['title'] or row['card_id']}: {cont['weighted_functional']:.2f}, "
                f"{cont['weighted_dysfunctional']:.2f}"
            )
    return lines


def _print_for_map(args, data_of, lines_of) -> int:
    from cxmapper.cli.validate import emit, emit_json

    doc, error = _load(args.file)
    if error:
        emit(f"cxmapper kano: {error}", sys.stderr)
        return EXIT_INVALID
    data = data_of(doc, args.file)
    if getattr(args, "json", False):
        emit_json(data)
    else:
        emit("\n".join(lines_of(data)))
    return EXIT_OK


def run_report(args) -> int:
    return _print_for_map(args, report_data, report_text_lines)


def rank_data(doc, path=None) -> dict:
    """What ``kano rank`` prints, as one JSON-ready structure (the text is built from it)."""
    from cxmapper.cli._report import envelope
    from cxmapper.model.priority import rank_pain_points

    return {
        **envelope("kano rank", path),
        "title": doc.meta.title,
        "formula": "score = 100 × Kano weight × (0.5 + |Worse|) × severity × frequency / 25",
        "pain_points": [
            {
                "rank": row.rank,
                "score": row.score,
                "card_id": row.card.id,
                "title": row.card.title,
                "kano": row.kano.code if row.kano else None,
                "worse": row.worse,
                "severity": row.severity,
                "frequency": row.frequency,
                "stage": row.stage.name if row.stage else None,
                "step": row.step.name if row.step else None,
                "touchpoints": [{"card_id": t.id, "title": t.title} for t in row.touchpoints],
                "reasons": list(row.reasons),
            }
            for row in rank_pain_points(doc)
        ],
    }


def rank_lines(doc) -> list[str]:
    return rank_text_lines(rank_data(doc))


def rank_text_lines(data: dict) -> list[str]:
    """The text of :func:`rank_data`."""
    lines = [
        f"What to fix first in {data['title']!r}",
        f"{data['formula']} (docs/KANO.md)",
        "",
    ]
    if not data["pain_points"]:
        lines.append("no pain points")
    for row in data["pain_points"]:
        where = " / ".join(part for part in (row["stage"], row["step"]) if part)
        lines.append(
            f"{row['rank']:>3}. {row['score']:6.1f}  [{row['kano'] or '-'}] {row['title'] or row['card_id']}  ({where})"
        )
        if row["touchpoints"]:
            lines.append("       touchpoints: " + ", ".join(t["title"] or t["card_id"] for t in row["touchpoints"]))
        lines.extend(f"       - {reason}" for reason in row["reasons"])
    return lines


def run_rank(args) -> int:
    return _print_for_map(args, rank_data, rank_text_lines)
