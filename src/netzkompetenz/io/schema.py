"""JSON Schemas of the file formats, generated from the models, for editors.

Regenerate after changing model.py, answers.py, dialogue.py or ratings.py:
    python -m netzkompetenz.io.schema
(a test fails while the shipped files in schema/ differ from the models).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"


def schemas() -> dict[str, dict[str, Any]]:
    from netzkompetenz.core.answers import Answers
    from netzkompetenz.core.dialogue import Agreed
    from netzkompetenz.core.model import Profile, Questionnaire
    from netzkompetenz.core.ratings import Rating

    out = {}
    for name, model, title in (
        ("questionnaire", Questionnaire, "netzkompetenz questionnaire"),
        ("profile", Profile, "netzkompetenz profile (role, targets, levels, modules)"),
        ("answers", Answers, "netzkompetenz answers file"),
        ("agreed", Agreed, "netzkompetenz agreed priorities (after the tandem dialogue)"),
        ("rating", Rating, "netzkompetenz rating by another person (Fremdeinschätzung)"),
    ):
        schema = model.model_json_schema(by_alias=True)
        schema.pop("title", None)
        out[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"netzkompetenz/{name}.schema.json",
            "title": title,
            **schema,
        }
    return out


def rendered() -> dict[str, str]:
    return {
        f"{name}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in schemas().items()
    }


def main(target: Path = SCHEMA_DIR) -> None:
    from netzkompetenz.io.files import atomic_write

    for filename, text in rendered().items():
        atomic_write(target / filename, text)
        print(target / filename)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR)
