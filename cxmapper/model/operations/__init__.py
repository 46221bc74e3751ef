"""The editor's operations, one family per module; ``cxmapper.model.editor`` re-exports them.

- ``base.py``: ``Operation``, ``Replace``, ``_Update``, the map-level edits and the
  validation helpers every family uses.
- ``stages.py``: stages and steps. ``lanes.py``: lanes, personas and emotion points.
  ``cards.py``: cards and links.
- ``removal.py``: every ``Remove*``, ``Restore`` and ``Batch``.

Operations change the document only through ``Editor``'s primitive changes (see
``model/editor.py``); they import ``Editor`` for type hints only, so there is no
import cycle. This package imports none of its modules: import the names from
``cxmapper.model.editor``.
"""
