"""`compare`: a tandem or a before/after page from two answers files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from netzkompetenz.commands.language import use_language
from netzkompetenz.core.compare import BeforeAfter, NotComparable, Tandem, compare
from netzkompetenz.core.dialogue import Someone
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.core.ratings import SelfOther
from netzkompetenz.errors import ExitCode, InputError, UsageError
from netzkompetenz.i18n import _, choose_language, current_language, set_language
from netzkompetenz.io.answers_file import score_files
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write, check_output, output_format
from netzkompetenz.io.results import is_batch_output
from netzkompetenz.views import output as output_
from netzkompetenz.views.compare_page import render_compare


def run(
    catalog: Catalog,
    a: Path,
    b: Path,
    output: Path | None,
    *,
    lang: str | None = None,
    guide: bool = False,
    force: bool = False,
    rating_paths: list[Path] | None = None,
) -> int:
    """The comparison to `output` (.md, .html), or read in the terminal without it."""
    suffix = (
        "md"
        if output is None
        else output_format(
            output,
            {".md": "md", ".html": "html"},
            _("{file}: the format follows from the extension; use .md or .html.").format(
                file=output
            ),
        )
    )
    if _same_answers(a, b):
        raise InputError.single(
            b,
            _(
                "the same answers as {first}: a comparison needs two different answers files "
                "or batch outputs (two persons of a tandem, or before and after)"
            ).format(first=a),
        )
    if rating_paths and not guide:
        raise UsageError(_("--ratings: the conversation guide's questions; add --guide."))
    cohort = is_batch_output(a) and is_batch_output(b)
    if output is None and (guide or cohort):
        raise UsageError(_("--guide and a cohort's before/after write files: add -o FILE."))
    if output is not None:
        check_output(output, force)
    if cohort:
        assert output is not None  # refused above without one
        set_language(choose_language(lang))
        return run_cohort(catalog, a, b, output, suffix)
    found = compared(catalog, a, b, lang)
    if guide:
        if not isinstance(found, Tandem):
            raise UsageError(
                _("--guide needs a tandem: the answers of a leader and of a coordinator.")
            )
        assert output is not None  # refused above without one
        others: list[SelfOther] = []
        if rating_paths:
            from netzkompetenz.commands.self_other import tandem_self_other

            others = tandem_self_other(catalog, found, rating_paths)
        write_guide(found, output, suffix, others)
        return ExitCode.OK
    mode = "tandem" if isinstance(found, Tandem) else "before_after"
    if output is None:  # read in the terminal: whole words, gaps in words
        output_.show_markdown(render_compare(found, "md", terminal=True), stacked=True)
        return ExitCode.OK
    page = render_compare(found, suffix)
    atomic_write(output, page, private=True)  # holds personal results
    output_.say(
        _("Wrote {mode}: {file}").format(
            file=output,
            mode={"tandem": _("tandem comparison"), "before_after": _("before/after comparison")}[
                mode
            ],
        )
    )
    return ExitCode.OK


def compared(catalog: Catalog, a: Path, b: Path, lang: str | None) -> Tandem | BeforeAfter:
    """Both answers files scored (version notes said) and compared, the run's language set
    (`lang`: --lang); two that cannot be compared are refused, naming the second."""
    first, second = score_files(catalog, [a, b])
    use_language(lang, [first, second])
    output_.version_notes([first, second])
    try:
        return compare(first, second)
    except NotComparable as exc:
        raise InputError.single(str(second.path), refusal(exc)) from None


def refusal(exc: NotComparable) -> str:
    a, b = exc.a, exc.b
    if exc.why == "tandem_mismatch":
        return _(
            "the two answers belong to different tandems ('{a}' and '{b}'); a tandem "
            "comparison needs the leader and the coordinator of the same tandem."
        ).format(a=a.answers.respondent.tandem, b=b.answers.respondent.tandem)
    if exc.why == "different_people":
        return _(
            "both answers use the same questionnaire but come from different people ('{a}' "
            "and '{b}'). Compare the same person at two dates (before/after) or a leader "
            "with a coordinator (tandem)."
        ).format(a=a.answers.respondent.name, b=b.answers.respondent.name)
    return _(
        "these two answers cannot be compared ({a}: {qa}, {b}: {qb}). Possible are: the same "
        "person at two dates with the same questionnaire, or a leader and a coordinator "
        "(tandem)."
    ).format(a=a.profile.role, qa=a.questionnaire.id, b=b.profile.role, qb=b.questionnaire.id)


# --- the tandem's conversation guide, and a cohort's before/after ------------------------


def agreed_template_path(guide_path: Path) -> Path:
    """guide.html -> guide.agreed.yaml, next to the guide."""
    return guide_path.with_name(guide_path.stem + ".agreed.yaml")


def tandem_people(found: Tandem) -> list[tuple[Someone, Questionnaire, Profile]]:
    """The leader and the coordinator as the agreed-priorities file names them."""
    people = []
    for s in (found.leader, found.coordinator):
        r = s.answers.respondent
        people.append(
            (
                Someone(
                    name=r.name,
                    organisation=r.organisation,
                    role=s.profile.role,
                    profile=s.profile.id,
                    tandem=r.tandem,
                ),
                s.questionnaire,
                s.profile,
            )
        )
    return people


def tandem_files(found: Tandem) -> tuple[Path, Path]:
    """The leader's and the coordinator's answers files."""
    leader, coordinator = found.leader.path, found.coordinator.path
    assert leader is not None and coordinator is not None  # compare reads answers files
    return leader, coordinator


def agree_command(found: Tandem, agreed_path: Path, lang_option: Sequence[str] = ()) -> str:
    """The next step after the conversation, as it works when typed (`lang_option`: the
    option that keeps it in the guide's language)."""
    from netzkompetenz.io import invocation

    return invocation.command("agree", *tandem_files(found), "-o", agreed_path, *lang_option)


def agreed_comments(found: Tandem, agreed_path: Path, lang_option: Sequence[str] = ()) -> list[str]:
    """The comments at the top of the agreed-priorities file: how to write a priority by
    hand, and the commands that use the file (as they work when typed)."""
    from netzkompetenz.io import invocation

    leader, coordinator = tandem_files(found)
    return [
        _(
            "Agreed priorities: up to three per person, each a dimension or a module "
            "of their profile (ids below)."
        ),
        _("Choose them together with: {command}").format(
            command=agree_command(found, agreed_path, lang_option)
        ),
        _("Or write them like this: priorities: [{example}]").format(
            example="{{dimension: {}, why: {}}}, {{module: {}}}".format(
                found.coordinator.questionnaire.dimensions[0].id,
                json.dumps(_("one sentence why"), ensure_ascii=False),
                found.coordinator.profile.modules[0].id
                if found.coordinator.profile.modules
                else "",
            )
        ),
        _("Then: {plan}").format(
            plan=invocation.command(
                "plan", leader, coordinator, "--agreed", agreed_path, *lang_option
            )
        ),
    ]


def guide_language(found: Tandem, output: Path) -> tuple[tuple[str, ...], str | None]:
    """Where one of the two answered in another language than the guide's (the run's) (an English-
    speaking leader, a German coordinator): the option that keeps the next steps in the
    guide's language, and the sentence that says how to have guide and file in the other
    one (UX review m26)."""
    from netzkompetenz.io import invocation

    lang = current_language()
    other = next((s for s in (found.leader, found.coordinator) if s.answers.language != lang), None)
    if other is None:
        return (), None
    there = other.answers.language
    again = output.with_name(f"{output.stem}-{there}{output.suffix}")
    command = invocation.command(
        "compare", *tandem_files(found), "--guide", "-o", again, "--lang", there
    )
    names = {"de": _("in German"), "en": _("in English")}
    hint = _(
        "The guide and the file for the agreed priorities are {language}; {name} answered "
        "{other}. For both {other}: {command}"
    ).format(
        language=names.get(lang, lang),
        name=other.answers.respondent.name,
        other=names.get(there, there),
        command=command,
    )
    return ("--lang", lang), hint


def write_guide(found: Tandem, output: Path, suffix: str, others: Sequence[SelfOther] = ()) -> None:
    """The guide; `others`: self beside others of the leader or the coordinator, whose
    differences become questions (compare --guide --ratings)."""
    from netzkompetenz.core.guide import guide
    from netzkompetenz.io.agreed import template
    from netzkompetenz.views.guide_page import render_guide

    agreed_path = agreed_template_path(output)
    lang_option, other_language = guide_language(found, output)
    page = render_guide(guide(found), suffix, agreed_path.name, others)
    atomic_write(output, page, private=True)  # holds personal results
    output_.say(_("Wrote the conversation guide: {file}").format(file=output))
    next_step = _(
        "After your conversation, choose your agreed priorities together with:\n  {command}"
    ).format(command=agree_command(found, agreed_path, lang_option))
    if agreed_path.exists():  # it may hold what the tandem agreed: never overwrite it
        output_.warn(_("{file} exists already and was left as it is.").format(file=agreed_path))
        output_.say(next_step)
        if other_language:
            output_.say(other_language)
        return
    atomic_write(
        agreed_path,
        template(
            tandem_people(found),
            found.tandem_id,
            date.today().isoformat(),
            agreed_comments(found, agreed_path, lang_option),
        ),
        private=True,
    )
    output_.say(_("Wrote the file for the agreed priorities: {file}").format(file=agreed_path))
    output_.say(next_step)
    if other_language:
        output_.say(other_language)


def run_cohort(catalog: Catalog, first: Path, second: Path, output: Path, suffix: str) -> int:
    """Two batch runs of one cohort: before/after per person; people in one run only are
    listed and skipped (exit 1)."""
    from netzkompetenz.core.compare import CohortNotComparable, cohort_change
    from netzkompetenz.io.results import read_measured, results_path
    from netzkompetenz.views.cohort_change_page import render_cohort_change

    before, after = read_measured(first), read_measured(second)
    try:
        found = cohort_change(before, after)
    except CohortNotComparable as exc:
        raise InputError.single(
            results_path(second),
            _(
                "the two runs used different questionnaires ({ids}); a before/after needs the "
                "same one"
            ).format(ids=", ".join(exc.questionnaires)),
        ) from None
    entry = catalog.questionnaires.get(found.questionnaire)
    questionnaire = entry.model if entry is not None else None
    page = render_cohort_change(
        found, questionnaire, suffix, str(results_path(first)), str(results_path(second))
    )
    atomic_write(output, page, private=True)  # names and personal results
    for m in found.unmatched_before + found.unmatched_after:
        output_.warn(
            _("{source}: {name} is in one survey only; skipped").format(
                source=m.source, name=m.name
            )
        )
    output_.say(
        _(
            "Wrote the cohort's before/after: {file} ({matched} people matched, "
            "{improved} improved beyond noise)"
        ).format(file=output, matched=len(found.people), improved=found.improved)
    )
    return ExitCode.PROBLEMS if found.unmatched else ExitCode.OK


def _same_answers(a: Path, b: Path) -> bool:
    """One file (or batch output) named twice, or two copies of one answers file; what
    cannot be read is left to the reader, which says why."""
    try:
        return a.samefile(b) or (a.is_file() and a.read_bytes() == b.read_bytes())
    except OSError:
        return False
