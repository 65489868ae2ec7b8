"""`report`: one Markdown or HTML document for answers files, a section per person."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netzkompetenz.commands.language import use_language
from netzkompetenz.errors import InputError, UsageError
from netzkompetenz.i18n import _, ngettext
from netzkompetenz.io.answers_file import score_files
from netzkompetenz.io.files import atomic_write, check_output, resolved
from netzkompetenz.views import output as output_
from netzkompetenz.views.person_report import format_of, report_text

if TYPE_CHECKING:
    from netzkompetenz.core.answers import ScoredAnswers
    from netzkompetenz.core.dialogue import Priority
    from netzkompetenz.io.catalog import Catalog


def run(
    catalog: Catalog,
    answer_paths: list[Path],
    output: Path | None,
    *,
    lang: str | None = None,
    template: Path | None = None,
    agreed: Path | None = None,
    force: bool = False,
    ratings: list[Path] | None = None,
) -> None:
    """The `report` command: one document for all the answers files given, a section per
    person (in HTML each person starts on a new printed page); without `output` each
    person's result is shown in the terminal. With `ratings`: the one person's
    self-assessment beside the ratings by others (commands/self_other.py)."""
    if ratings:
        from netzkompetenz.commands import self_other

        self_other.run(catalog, list(answer_paths), ratings, output, lang, force)
        return
    if output is None:
        if template is not None:
            raise UsageError(_("--template needs -o FILE: a template writes a file."))
        _show(catalog, answer_paths, lang, agreed)
        return
    output = Path(output)
    if template is None:
        format_of(output)
    inputs = {resolved(p) for p in answer_paths}
    if resolved(output) in inputs:
        raise UsageError(
            _("{file} is one of the answers files; the report would overwrite it.").format(
                file=output
            )
        )
    check_output(output, force)
    people = score_files(catalog, list(answer_paths))
    use_language(lang, people)
    output_.version_notes(people)
    chosen = _agreed(catalog, agreed, people) if agreed else None
    write_report(people, output, template, chosen)
    output_.say(
        ngettext(
            "Report written: {file} ({count} person)",
            "Report written: {file} ({count} people)",
            len(people),
        ).format(file=output, count=len(people))
    )


def _show(
    catalog: Catalog, answer_paths: list[Path], lang: str | None, agreed: Path | None
) -> None:
    """Each person's result in the terminal, their priorities first (the agreed ones when
    the file names them, else their own), the modules in the page's order."""
    from netzkompetenz.views.terminal import print_summary

    people = score_files(catalog, list(answer_paths))
    use_language(lang, people)
    output_.version_notes(people)
    chosen = _agreed(catalog, agreed, people) if agreed else {}
    console = output_.console()
    for n, s in enumerate(people):
        print_summary(
            console,
            s,
            priorities=chosen.get(n, s.answers.priorities),
            agreed=n in chosen,
        )


def write_report(
    people: list[ScoredAnswers],
    path: Path,
    template: Path | None = None,
    agreed: dict[int, Sequence[Priority]] | None = None,
) -> None:
    # Reports hold personal self-assessments: readable by their owner only, like answers.
    atomic_write(path, report_text(people, path, template, agreed), private=True)


def _agreed(
    catalog: Catalog, path: Path, people: list[ScoredAnswers]
) -> dict[int, Sequence[Priority]]:
    """The agreed priorities of the people in the report, by their index; the file must
    name at least one of them (and each one named must be in its tandem)."""
    from netzkompetenz.core.dialogue import Someone
    from netzkompetenz.io.agreed import agreed_for

    someone = [
        Someone(
            name=s.answers.respondent.name,
            organisation=s.answers.respondent.organisation,
            role=s.profile.role,
            profile=s.profile.id,
            tandem=s.answers.respondent.tandem,
        )
        for s in people
    ]
    found, matched = agreed_for(catalog, path, someone, every_entry=False)
    if not matched:
        raise InputError.single(
            path,
            _("names none of the people in this report ({names})").format(
                names=", ".join(p.name for p in someone)
            ),
        )
    return {i: found.people[e].priorities for i, e in matched.items()}
