"""The shipped JSON Schema is the one the models generate, and says what a file must hold."""

import json

from cxmapper.cli import main
from cxmapper.cli.schema import schema_text
from cxmapper.model.document import SCHEMA_VERSION
from cxmapper.model.fileformat import dumps
from cxmapper.paths import SCHEMA_FILE
from tests.strategies import small_bank_map

REGENERATE = "python -m cxmapper schema --output resources/cxmap.schema.json"


def test_the_shipped_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        f"resources/cxmap.schema.json is stale: regenerate it with `{REGENERATE}`"
    )


def test_cxmapper_schema_prints_it(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text()


def test_cxmapper_schema_writes_it(tmp_path):
    out = tmp_path / "schema.json"
    assert main(["schema", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()


def test_cxmapper_schema_reports_an_unwritable_output(tmp_path, capsys):
    assert main(["schema", "--output", str(tmp_path / "no-such-folder" / "s.json")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_the_schema_requires_the_envelope_and_forbids_unknown_keys():
    schema = json.loads(schema_text())
    assert schema["required"][:2] == ["format", "schema_version"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION == 2
    card_kinds = {ref["$ref"].split("/")[-1] for ref in schema["properties"]["cards"]["items"]["oneOf"]}
    assert "PainPointCard" in card_kinds and len(card_kinds) == 8


def test_every_top_level_key_of_a_saved_map_is_in_the_schema():
    schema = json.loads(schema_text())
    saved = json.loads(dumps(small_bank_map()))
    assert set(saved) == set(schema["properties"])
