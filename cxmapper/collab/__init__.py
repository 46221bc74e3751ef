"""Live co-editing on the Yjs CRDT: no Qt here (beside ``model/``, used by ``cli/`` and ``ui/``).

``ydoc`` maps a MapDocument to a Y.Doc; ``server``, ``client``, ``auth`` and ``session``
own rooms, transport, secrets, limits and the thread-safe session API.
"""
