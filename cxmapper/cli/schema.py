"""``cxmapper schema``: print the JSON Schema of the .cxmap format."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the .cxmap format")
    p.set_defaults(func=run)


def schema_text() -> str:
    """The schema as shipped in resources/cxmap.schema.json (stable key order)."""
    from cxmapper.model.document import MapDocument

    schema = MapDocument.model_json_schema(mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cxmapper.invalid/schema/cxmap-1.json",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def run(args) -> int:
    print(schema_text(), end="")
    return 0
