"""Live co-editing on the Yjs CRDT (pycrdt): no Qt here. This package sits beside
``model/`` and is imported by ``cli/`` and ``ui/``.

- ``ydoc.py``: the mapping between ``MapDocument`` and Y types, and ``SharedMap``, which
  keeps an ``Editor`` and a ``pycrdt.Doc`` equal edit by edit;
- ``repair.py``: the deterministic repair that makes any merged state a valid map;
- ``undo.py``: undo per person in a session;
- ``server.py``, ``client.py``, ``auth.py``, ``session.py``: rooms, transport, secrets,
  limits and the thread-safe session API the window calls.

docs/COLLAB.md describes the layout and the rules; docs/COLLAB-SERVER.md the sessions
and the server.
"""
