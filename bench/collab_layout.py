"""A ``.cxmap`` file's JSON as a Y.Doc, in the layout of docs/COLLAB-SERVER.md, for the benchmark.

Cards follow the contract (``cards`` Y.Array of ids, ``card`` Y.Map id → Y.Map of the
card's fields, ``title``/``description`` as Y.Text; ``meta`` with ``title`` as Y.Text).
The other lists (stages, lanes, personas, links) take the same shape, ``stages`` +
``stage`` and so on, with plain JSON fields; what is left goes to ``rest`` as JSON.
The real mapping (``cxmapper.collab.ydoc``) is written in parallel; this builder only
has to put the same amount of the same kind of data in a room.
"""

from __future__ import annotations

from typing import Any

from pycrdt import Array, Doc, Map, Text

TEXT_FIELDS = ("title", "description")
LISTS = {"cards": "card", "stages": "stage", "lanes": "lane", "personas": "persona", "links": "link"}


def item_map(fields: dict[str, Any]) -> Map:
    return Map({k: (Text(v) if k in TEXT_FIELDS and isinstance(v, str) else v) for k, v in fields.items()})


def doc_from_json(data: dict[str, Any]) -> Doc:
    doc = Doc()
    with doc.transaction():
        meta = dict(data.get("meta", {}))
        doc["meta"] = Map({k: (Text(v) if k == "title" else v) for k, v in meta.items()})
        for order_name, map_name in LISTS.items():
            items = data.get(order_name, [])
            doc[map_name] = Map({item["id"]: item_map(item) for item in items})
            doc[order_name] = Array([item["id"] for item in items])
        doc["rest"] = Map({k: v for k, v in data.items() if k not in LISTS and k != "meta"})
    return doc
