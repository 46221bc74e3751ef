"""Live co-editing: the document in a Y.Doc (Yjs through pycrdt), merge repair, per-person
undo. No Qt here: this package sits beside ``model/`` and is imported by ``cli/`` and ``ui/``.

- ``ydoc.py``: the mapping between ``MapDocument`` and Y types, and ``SharedMap``, which
  keeps an ``Editor`` and a ``pycrdt.Doc`` equal edit by edit;
- ``repair.py``: the deterministic repair that makes any merged state a valid map;
- ``undo.py``: undo per person in a session;
- ``server.py``, ``client.py``, ``auth.py``: rooms, transport and secrets (collab-server).

docs/COLLAB.md describes the layout and the rules.
"""
