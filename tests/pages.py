"""Every page type of the tool, built through the real command line from the bundled
content in one language: the person report (with every situation answer), a batch and its
cohort report and person reports, the tandem comparison, the conversation guide, a
person's before/after, a cohort's before/after and the training plan. Answers are
generated with a fixed seed, so each run builds the same pages."""

from __future__ import annotations

import random
from pathlib import Path

from helpers import run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.dialogue import Priority
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog
from walk import FRAMEWORK, REFLECTION, framework_of, items_of, plan, reflections_of

# every situation question answered, with the long options (they were cut off on paper)
SITUATION = {
    "employer": "verwaltung",
    "field": "jugend",
    "tenure": "ein_bis_drei_jahre",
    "phase": "umbruch",
}
PAGE_TYPES = (
    "report",
    "batchperson",
    "cohort",
    "compare",
    "guide",
    "compareapart",
    "guideapart",
    "beforeafter",
    "cohortchange",
    "plan",
)


def answered(q, rng: random.Random, shift: int = 0):
    """A person's answers: a leaning per dimension, spread around it; now and then no
    score; an example in the first dimension; the checklist in turn."""
    lean = {d.id: rng.randint(1, 5) for d in q.dimensions}

    def answer(questionnaire, step):
        if step.startswith(REFLECTION):
            first = questionnaire.dimensions[0].id
            return "Gemeinsame Netzwerkkarte mit dem Jugendamt" if step.endswith(first) else ""
        if step.startswith(FRAMEWORK):
            return rng.choice(("yes", "no", "unknown"))
        item = questionnaire.item(step)
        if rng.random() < 0.05:
            return "cannot_judge"
        value = min(5, max(1, lean[item.dimension] + shift + rng.randint(-1, 1)))
        return 6 - value if item.reverse else value

    return answer


def person(folder: Path, name: str, role: str, lang: str, seed: int, **extra) -> Path:
    catalog = Catalog.load([])
    profile = catalog.profile_for_role(role)
    q = catalog.questionnaire_of(profile)
    rng = random.Random(seed)
    shift = extra.pop("shift", 0)
    asked = plan(q, answered(q, rng, shift), context=SITUATION)
    answers = new_answers(
        q,
        profile.id,
        Respondent(name=name, organisation="Jugendamt Landkreis Musterstadt", tandem="musterstadt"),
        lang,
    )
    answers.values, answers.status = items_of(asked), "complete"
    answers.context = dict(SITUATION)
    answers.reflections, answers.framework = reflections_of(asked), framework_of(asked)
    for key, value in extra.items():
        setattr(answers, key, value)
    path = folder / f"{name.split()[0].lower()}-{seed}.json"
    write_answers(path, answers)
    return path


def cohort_export(folder: Path, name: str, seed: int, shift: int) -> Path:
    """The csv-template of the coordinators' questionnaire filled with 30 people."""
    template = folder / f"{name}-template.csv"
    done = run_cli(
        "export", "netzwerkkoordination", "--format", "csv-template", "-o", str(template)
    )
    assert done.returncode == 0, done.stderr
    header = template.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    catalog = Catalog.load([])
    q = catalog.questionnaire("netzwerkkoordination")
    items = {i.id: i for i in q.items}
    towns = ["Musterstadt", "Beispielheim", "Neudorf", "Altenburg am See"]
    rng = random.Random(seed)
    rows = [",".join(header)]
    for n in range(30):
        lean = {d.id: rng.randint(1, 5) for d in q.dimensions}
        row = []
        for column in header:
            if column == "name":
                row.append(f"Person {n + 1}")
            elif column == "organisation":
                row.append(f"Stadt {towns[n % len(towns)]}")
            elif column == "tandem":
                row.append("")
            elif column in items:
                value = min(5, max(1, lean[items[column].dimension] + shift + rng.randint(-1, 1)))
                row.append(str(value))
            elif column == "employer":
                row.append(("verwaltung", "traeger", "andere")[n % 3])
            elif column == "phase":
                row.append(("aufbau", "laufend", "umbruch")[n % 3])
            else:
                row.append("")
        rows.append(",".join(row))
    export = folder / f"{name}.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return export


def build_pages(folder: Path, lang: str) -> dict[str, Path]:
    """Every page type in `lang`, written into `folder`; by page type."""
    folder.mkdir(parents=True, exist_ok=True)
    coordinator = person(
        folder,
        "Mareike Koch",
        "coordinator",
        lang,
        2025,
        priorities=[Priority(dimension="K2", why="Mehr Partner gewinnen")],
    )
    earlier = person(folder, "Mareike Koch", "coordinator", lang, 2024, shift=-1)
    leader = person(folder, "Jens Wagner", "leader", lang, 7, priorities=[Priority(dimension="F1")])
    pages: dict[str, Path] = {}

    def cli(*args: str, codes: tuple[int, ...] = (0,)) -> None:
        done = run_cli(*args, "--lang", lang)
        assert done.returncode in codes, done.stderr

    pages["report"] = folder / "report.html"
    cli("report", str(coordinator), "-o", str(pages["report"]))
    for run, shift in (("before", 0), ("after", 1)):
        export = cohort_export(folder, f"export-{run}", 11, shift)
        cli(
            "batch",
            str(export),
            "--questionnaire",
            "netzwerkkoordination",
            "-o",
            str(folder / run),
            codes=(0, 1),
        )
    pages["cohort"] = folder / "before" / "cohort.html"
    pages["batchperson"] = sorted((folder / "before" / "reports").glob("*.html"))[0]
    pages["compare"] = folder / "compare.html"
    cli("compare", str(leader), str(coordinator), "-o", str(pages["compare"]))
    pages["guide"] = folder / "guide.html"
    cli("compare", str(leader), str(coordinator), "--guide", "-o", str(pages["guide"]))
    # a leader who is the coordinator's line manager, the remit given by another body: the
    # pairs and shared conditions side by side, not compared (docs/compare.md)
    catalog = Catalog.load([])
    q = catalog.questionnaire_of(catalog.profile_for_role("leader"))
    when = q.tandem_when
    assert when is not None and when.context is not None and when.in_
    options = next(c.options for c in q.context if c.id == when.context)
    other = next(o.id for o in options if o.id not in when.in_)
    manager = person(
        folder, "Jens Wagner", "leader", lang, 8, context=SITUATION | {when.context: other}
    )
    for kind, extra in (("compareapart", ()), ("guideapart", ("--guide",))):
        pages[kind] = folder / f"{kind}.html"
        cli("compare", str(manager), str(coordinator), *extra, "-o", str(pages[kind]))
    pages["beforeafter"] = folder / "beforeafter.html"
    cli("compare", str(earlier), str(coordinator), "-o", str(pages["beforeafter"]))
    pages["cohortchange"] = folder / "cohortchange.html"
    cli("compare", str(folder / "before"), str(folder / "after"), "-o", str(pages["cohortchange"]))
    pages["plan"] = folder / "plan.html"
    cli("plan", str(folder / "before"), str(leader), str(coordinator), "-o", str(pages["plan"]))
    return pages
