"""export --format limesurvey: the survey-structure file read back as LimeSurvey's importer
reads it (rows belong to the group/question before them; languages repeat the rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, NO_OPPORTUNITY, ROOT, read_structure, run_cli
from netzkompetenz.core.model import CANNOT_JUDGE, Condition, Questionnaire
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.limesurvey import (
    COLUMNS,
    codes_for,
    column_codes,
    context_code,
    framework_code,
    relevance,
    split_heading,
    structure_tsv,
    survey_file,
)

MINI = FIXTURES / "mini"


@pytest.fixture(scope="module")
def bundled() -> list[Questionnaire]:
    return [e.model for e in Catalog.load([ROOT]).questionnaires.values()] + [
        Catalog.load([MINI]).questionnaire("mini")
    ]


def test_header_row_and_every_row_has_all_columns(bundled):
    text = survey_file(bundled[0])
    lines = text[1:].split("\n")
    assert lines[0].split("\t") == list(COLUMNS)
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines if line)


def test_structure_holds_every_item_once_in_every_language(bundled):
    for q in bundled:
        parsed = read_structure(survey_file(q))
        codes = codes_for(q)
        assert parsed["survey"]["language"] == q.languages[0]
        assert parsed["survey"]["additional_languages"].split() == q.languages[1:]
        assert list(parsed["languages"]) == q.languages
        for lang, groups in parsed["languages"].items():
            assert parsed["settings"][lang]["surveyls_title"] == q.title[lang]
            assert parsed["settings"][lang]["surveyls_welcometext"] == (q.description or {}).get(
                lang, ""
            )
            # the respondent group, then one group per dimension
            assert [g["seq"] for g in groups] == [str(n) for n in range(1, len(groups) + 1)]
            assert [x["code"] for x in groups[0]["questions"]] == ["name", "organisation", "tandem"]
            if q.context:  # v2: the context group, a list question each, before the items
                context_group = groups.pop(1)
                assert [x["code"] for x in context_group["questions"]] == [
                    context_code(c.id) for c in q.context
                ]
                assert [x["type"] for x in context_group["questions"]] == ["L"] * len(q.context)
            if q.framework:  # v2: the checklist after the items, Array (Yes/No/Uncertain)
                framework_group = groups.pop()
                (checklist,) = framework_group["questions"]
                assert checklist["type"] == "C" and checklist["code"] == framework_code(q)
                assert [(sub, label) for sub, _rule, label in checklist["sub"]] == [
                    (f.id, f.text[lang]) for f in q.framework
                ]
            assert [g["name"] for g in groups[1:]] == [d.title[lang] for d in q.dimensions]
            seen: list[str] = []
            for dim, group in zip(q.dimensions, groups[1:], strict=True):
                array, *reflection = group["questions"]
                # issue 21: the reflection prompt as the check asks it, free text, after the items
                assert [(x["type"], x["code"], x["text"]) for x in reflection] == (
                    [("T", array["code"] + "refl", dim.reflection[lang])] if dim.reflection else []
                )
                assert array["type"] == "F" and array["code"].isalnum()
                # the description, then when to choose "keine Gelegenheit" (thirtieth read, b)
                description, *remark = group["text"].split("<br /><br />")
                assert description == dim.description[lang]
                if q.scale.not_applicable is None:
                    assert remark == []
                elif q.scale.not_applicable["de"].startswith("keine Gelegenheit"):
                    assert remark == [NO_OPPORTUNITY[lang]]
                else:  # 2.0's label, named as the introduction names it
                    (said,) = remark
                    assert q.scale.not_applicable[lang].split(" (")[0] in said
                for sub, rule, label in array["sub"]:
                    assert sub.isalnum() and len(sub) <= 20
                    item_id = codes.item_at(array["code"], sub)
                    assert item_id is not None, sub
                    item = q.item(item_id)
                    assert item.dimension == dim.id and label == item.text[lang]
                    assert rule == relevance(item.condition, codes)
                    seen.append(item_id)
                labels = [(p.code, p.label[lang]) for p in q.scale.points]
                assert array["answers"] == labels + [("KE", q.scale.cannot_judge[lang])] + (
                    [("NZ", q.scale.not_applicable[lang])] if q.scale.not_applicable else []
                )
            assert sorted(seen) == sorted(i.id for i in q.items)  # each exactly once


def test_conditions_become_relevance_equations(bundled):
    q = next(x for x in bundled if x.id == "netzwerkkoordination")
    codes = codes_for(q)
    conditional = next(i for i in q.items if i.condition and i.condition.item)
    field = codes.field(conditional.condition.item)
    assert field == "K6_K603"
    assert relevance(conditional.condition, codes) == (
        "(K6_K603 == 'A1' or K6_K603 == 'A2' or K6_K603 == 'A3' or K6_K603 == 'A4' "
        "or K6_K603 == 'A5')"
    )
    assert relevance(Condition(item="K6_03", min=3), codes) == (
        "(K6_K603 == 'A3' or K6_K603 == 'A4' or K6_K603 == 'A5')"
    )
    assert relevance(Condition(item="K6_03", max=1), codes) == "(K6_K603 == 'A1')"
    assert relevance(None, codes) == "1"
    # v2: a context condition on the context question's list answer (options O1, O2, ...)
    assert (
        relevance(Condition(context="employer", in_=["traeger", "andere"]), codes)
        == "(ctxemployer.NAOK == 'O2' or ctxemployer.NAOK == 'O3')"
    )


def _variant(q: Questionnaire, **scale_extra) -> Questionnaire:
    """The questionnaire with other v2 scale fields (codes, not_applicable)."""
    scale = q.scale.model_validate({**q.scale.model_dump(), **scale_extra})
    return q.model_construct(**{**dict(q), "scale": scale})


def test_no_score_codes_from_the_scale_and_not_applicable(bundled):
    mini = bundled[-1]
    q = _variant(
        mini,
        codes={"cannot_judge": "X9"},
        not_applicable={"de": "trifft auf mich nicht zu", "en": "does not apply to me"},
    )
    answers = [(a.code, a.value) for a in codes_for(q).answers]
    assert answers[-2:] == [("X9", CANNOT_JUDGE), ("NZ", "not_applicable")]
    parsed = read_structure(structure_tsv(q))
    array = parsed["languages"]["en"][1]["questions"][0]
    assert array["answers"][-1] == ("NZ", "does not apply to me")


def test_colliding_or_long_ids_get_positional_codes(bundled):
    mini = bundled[-1]
    items = [
        mini.items[0],
        mini.items[1].model_copy(update={"id": "A_1"}),
        mini.items[2].model_copy(update={"id": "B" + "x" * 30}),
        *mini.items[3:],
    ]
    q = mini.model_construct(**{**dict(mini), "items": items})
    codes = codes_for(q)
    assert [codes.subquestions[i.id] for i in items] == ["SQ001", "SQ002", "SQ001", "B2", "B3"]
    assert codes.item_at("A", "sq002") == "A_1" and codes.item_at("b", "SQ001") == items[2].id
    assert codes.item_at("A", "B2") is None


@pytest.mark.parametrize(
    "header, code, sub, text",
    [
        ("K1[K101]", "K1", "K101", None),
        ("K1_K101", "K1", "K101", None),
        ("K1[K101]. Wie sehr? [Ich kenne …]", "K1", "K101", "Wie sehr? [Ich kenne …]"),
        ("name. Name oder Pseudonym", "name", None, "Name oder Pseudonym"),
        ("submitdate", "submitdate", None, None),
    ],
)
def test_headings_split_into_code_and_text(header, code, sub, text):
    heading = split_heading(header)
    assert (heading.code, heading.subquestion, heading.text) == (code, sub, text)


@pytest.mark.parametrize(
    "header, code, sub, text",
    [  # RemoteControl's export_responses, heading "codetext": no separator
        ("idAntwort ID", "id", None, "Antwort ID"),
        ("submitdateDatum Abgeschickt", "submitdate", None, "Datum Abgeschickt"),
        ("startlanguageStart-Sprache", "startlanguage", None, "Start-Sprache"),
        ("nameName oder Pseudonym", "name", None, "Name oder Pseudonym"),
        (
            "tandemTandem-Kennung (falls vorhanden)",
            "tandem",
            None,
            "Tandem-Kennung (falls vorhanden)",
        ),
        ("ctxemployerBei welcher Art …?", "ctxemployer", None, "Bei welcher Art …?"),
        ("K1[K101]Wie sehr …? [Ich kann …]", "K1", "K101", "Wie sehr …? [Ich kann …]"),
        ("framework[R1]Welche … zu? [Es gibt …]", "framework", "R1", "Welche … zu? [Es gibt …]"),
        # with a separator, or a code the survey has not got: as before
        ("K1[K101]. Wie sehr …?", "K1", "K101", "Wie sehr …?"),
        ("Q9[SQ001]", "Q9", "SQ001", None),
        ("Datum Abgeschickt", "Datum", None, "Abgeschickt"),
    ],
)
def test_headings_without_separator_split_at_a_known_code(bundled, header, code, sub, text):
    q = next(x for x in bundled if x.id == "netzwerkkoordination")
    heading = split_heading(header, column_codes(q))
    assert (heading.code, heading.subquestion, heading.text) == (code, sub, text)
    assert split_heading("K1[K101]Wie sehr") is None  # without the survey's codes: no split


def test_command_writes_txt_and_refuses_other_suffixes(tmp_path: Path):
    out = tmp_path / "survey.txt"
    done = run_cli("--data", str(MINI), "export", "mini", "--format", "limesurvey", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert read_structure(out.read_text(encoding="utf-8"))["survey"]["language"] == "de"
    done = run_cli(
        "--data",
        str(MINI),
        "export",
        "mini",
        "--format",
        "limesurvey",
        "-o",
        str(tmp_path / "survey.csv"),
    )
    assert done.returncode == 2 and ".txt" in done.stderr
