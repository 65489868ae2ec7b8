"""The shipped JSON Schemas match the models and accept/refuse what the loader does."""

from __future__ import annotations

import json

import jsonschema
import pytest

from helpers import MINI, ROOT
from netzkompetenz.io.schema import rendered
from netzkompetenz.io.yamlsource import load_yaml


def test_shipped_schemas_are_up_to_date():
    for filename, text in rendered().items():
        shipped = (ROOT / "schema" / filename).read_text(encoding="utf-8")
        assert shipped == text, f"schema/{filename} is stale: run python -m netzkompetenz.io.schema"


def _schema(name: str) -> dict:
    return json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name, path",
    [
        ("questionnaire", MINI / "questionnaires" / "mini.yaml"),
        ("profile", MINI / "profiles" / "mini.yaml"),
    ],
)
def test_schema_accepts_valid_files(name, path):
    jsonschema.validate(load_yaml(path).data, _schema(name))


def test_schema_refuses_a_misspelt_key():
    data = load_yaml(MINI / "questionnaires" / "mini.yaml").data
    data["items"][0]["dimesion"] = data["items"][0].pop("dimension")
    with pytest.raises(jsonschema.ValidationError, match="dimesion"):
        jsonschema.validate(data, _schema("questionnaire"))


def test_bundled_files_point_editors_at_the_schema():
    for folder, name in (("questionnaires", "questionnaire"), ("profiles", "profile")):
        for path in sorted((ROOT / folder).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"
            jsonschema.validate(load_yaml(path).data, _schema(name))
