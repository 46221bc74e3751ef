"""The Kano panel: survey results per feature, the Better/Worse chart and the pain-point ranking.

``KanoPanel(editor, undo_stack)`` is a self-contained widget the window docks. It owns
showing ``model/kano.py``'s analysis of every pain point and opportunity that has survey
answers (counts, categories, strengths, Fong, Better/Worse, continuous means), the
method in use (evaluation table and category rule, changed through ``UpdateAnalysis``),
recomputing categories (``kano.analysis_edit``, one undo step), importing answers
(``kano_import.import_edit``, one undo step, bad rows listed), the Better/Worse diagram
(``export/kano_charts.py``) and ``priority.rank_pain_points`` with translated reasons.
Categories are named by ``ui.names`` and coloured as the canvas badges (``canvas.style``).

Every change goes through the undo stack; the panel then follows the editor's change
records like any other view. It refreshes only when a record touches the analysis
settings, a card it shows, a pain point or opportunity, or a stage or step (the ranking
names them) — retitling a touchpoint costs it nothing — and only while it is visible
(a hidden panel refreshes when shown).

Traps: matplotlib costs about a second to import, so the chart imports
``kano_charts`` the first time it is drawn, never at start-up. Rebuilding the table
re-selects the selected card without emitting ``card_activated`` (the window would
otherwise jump the canvas on every edit).

The package: ``models`` (table models), ``chart`` (Better/Worse chart and its thread),
``import_dialog`` and ``panel`` (the dock widget). Import from the package.
"""

from cxmapper.ui.panels.kano_panel.models import (
    CARD_ID_ROLE,
    KANO_TEXT_COLOR,
    KanoRow,
    KanoTableModel,
    MARK_MANUAL,
    MARK_NONE,
    MARK_STALE,
    RankingModel,
    SORT_ROLE,
    category_label,
    fill,
)
from cxmapper.ui.panels.kano_panel.chart import (
    BetterWorseChart,
    CHART_LABEL_CHARS,
    ChartPoints,
    _render_pool_once,
    render_better_worse_png,
)
from cxmapper.ui.panels.kano_panel.import_dialog import ImportOutcome, ImportResultDialog
from cxmapper.ui.panels.kano_panel.panel import KanoPanel

__all__ = [
    "BetterWorseChart",
    "CARD_ID_ROLE",
    "CHART_LABEL_CHARS",
    "ChartPoints",
    "ImportOutcome",
    "ImportResultDialog",
    "KANO_TEXT_COLOR",
    "KanoPanel",
    "KanoRow",
    "KanoTableModel",
    "MARK_MANUAL",
    "MARK_NONE",
    "MARK_STALE",
    "RankingModel",
    "SORT_ROLE",
    "_render_pool_once",
    "category_label",
    "fill",
    "render_better_worse_png",
]
