"""``cxmapper schema``: print (or write) the JSON Schema of the .cxmap format.

The schema is generated from the pydantic models, so it cannot drift from what the
loader accepts; ``resources/cxmap.schema.json`` is a copy of it, and a test fails when
the copy is stale. Regenerate it with
``python -m cxmapper schema --output resources/cxmap.schema.json``.

What the schema cannot say: ids must be unique, cards must sit in existing lanes and
steps, links must join existing cards, emotion points must be on the map's scale.
The loader checks those (``cxmapper validate``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SCHEMA_DESCRIPTION = (
    "A CX Mapper customer-journey map or service blueprint (.cxmap, UTF-8 JSON). "
    "Cross-references (unique ids, cards in existing lanes and steps, links between "
    "existing cards, emotion scores on the map's scale) are checked by the program, "
    "not by this schema. See docs/FORMAT.md."
)


def register(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the .cxmap format")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the schema to FILE instead of printing it"
    )
    p.set_defaults(func=run)


def schema_text() -> str:
    """The schema exactly as shipped in resources/cxmap.schema.json (stable key order)."""
    from cxmapper.model.document import SCHEMA_VERSION, MapDocument

    schema = MapDocument.model_json_schema(mode="validation")
    # The models give the envelope defaults so code can build a document without
    # naming them; a file must state both, and the loader insists.
    required = [key for key in ("format", "schema_version") if key not in schema.get("required", [])]
    schema["required"] = required + schema.get("required", [])
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://cxmapper.invalid/schema/cxmap-{SCHEMA_VERSION}.json",
        **schema,
        "title": "CX Mapper map",
        "description": SCHEMA_DESCRIPTION,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def run(args) -> int:
    text = schema_text()
    if args.output:
        try:
            Path(args.output).write_bytes(text.encode("utf-8"))
        except OSError as exc:
            print(f"cxmapper schema: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0
