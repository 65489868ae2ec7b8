"""The commands of one person or a tandem: score, check, rate, priorities, report, compare,
agree (their options; what they do is in commands/)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netzkompetenz.cli.app import catalog, command, data_folders
from netzkompetenz.cli.options import (
    AnswersFiles,
    Force,
    Lang,
    RaterRelation,
    Role,
    ScoreFormat,
    TalkingRatings,
    named,
    output_option,
    value,
)
from netzkompetenz.i18n import _

if TYPE_CHECKING:
    from netzkompetenz.io.catalog import Catalog


@command(
    "score", _("Score answers files: profile per dimension, gap to target, recommended modules.")
)
def score_cmd(
    answers: AnswersFiles,
    format: Annotated[
        ScoreFormat, typer.Option("--format", case_sensitive=False, help=_("table or json."))
    ] = ScoreFormat.table,
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import score

    score.run(catalog(), answers, format.value, value(lang))


@command("check", _("Interactive self-check in the terminal (saves every answer; resumable)."))
def check_cmd(
    role: Annotated[
        Role | None,
        typer.Option(
            "--role",
            case_sensitive=False,
            help=_("coordinator (Netzwerkkoordination) or leader (Führungskraft)."),
        ),
    ] = None,
    lang: Lang = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            parser=named,
            metavar="FILE",
            help=_("Answers file, saved after every answer."),
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help=_("Continue a partial answers file."))
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", parser=named, metavar="FILE", help=_("Report file: .md or .html.")
        ),
    ] = None,
    before: Annotated[
        Path | None,
        typer.Option(
            "--before",
            metavar="EARLIER.json",
            help=_(
                "A second check after a training: also asks, per dimension, how you rate your "
                "time before it looking back (then-test), and writes the before/after page."
            ),
        ),
    ] = None,
    retro: Annotated[
        bool,
        typer.Option("--retro", help=_("Ask the retrospective then-ratings (as with --before).")),
    ] = False,
) -> None:
    chosen: str | None = value(lang)
    loaded: Callable[[], Catalog] = catalog
    if chosen is None and answers is None and not resume and report is None and before is None:
        chosen, loaded = _language_first()
    from netzkompetenz.commands import check

    raise typer.Exit(
        check.run(
            loaded(),
            role=value(role),
            lang=chosen,
            answers_path=answers,
            resume=resume,
            report_path=report,
            before=before,
            retro=retro,
        )
    )


@command("rate", _("Rate another person's competences (leader, colleague or partner)."))
def rate_cmd(
    role: Annotated[
        Role | None,
        typer.Option(
            "--role",
            case_sensitive=False,
            help=_("The rated person's role: coordinator or leader."),
        ),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option("--person", metavar="NAME", help=_("Name or pseudonym of the rated person.")),
    ] = None,
    relation: Annotated[
        RaterRelation | None,
        typer.Option(
            "--relation",
            case_sensitive=False,
            help=_("Your relation to the person: leader, colleague or partner."),
        ),
    ] = None,
    rater: Annotated[
        str | None,
        typer.Option(
            "--rater", metavar="NAME", help=_("Your name (leader or colleague; never a partner).")
        ),
    ] = None,
    rating: Annotated[
        Path | None,
        typer.Option(
            "--rating",
            metavar="FILE",
            help=_("Rating file, saved after every answer; an existing one is resumed."),
        ),
    ] = None,
    invitation: Annotated[
        Path | None,
        typer.Option(
            "--invitation",
            metavar="FILE",
            help=_("The rated person's invitation (invite): whom you rate, and as what."),
        ),
    ] = None,
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import rate

    raise typer.Exit(
        rate.run(
            catalog(),
            lang=value(lang),
            role=value(role),
            person=person,
            relation=value(relation),
            rater=rater,
            rating_path=rating,
            invitation_path=invitation,
        )
    )


@command(
    "invite",
    _("Choose whom to ask for a rating of yourself: writes an invitation file."),
)
def invite_cmd(
    role: Annotated[
        Role,
        typer.Option("--role", case_sensitive=False, help=_("Your role: coordinator or leader.")),
    ],
    person: Annotated[
        str, typer.Option("--person", metavar="NAME", help=_("Your name or pseudonym."))
    ],
    relation: Annotated[
        list[RaterRelation],
        typer.Option(
            "--relation",
            case_sensitive=False,
            help=_("Whom you invite: leader, colleague or partner; repeat for more."),
        ),
    ],
    output: Annotated[Path, output_option("FILE")],
    force: Force = False,
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import invite

    invite.run(
        catalog(),
        role=role.value,
        person=person,
        relations=[r.value for r in relation],
        output=output,
        force=force,
        lang=value(lang),
    )


def _language_first() -> tuple[str | None, Callable[[], Catalog]]:
    """A fresh check's first question, the language, before the check and the catalogue
    are loaded (commands/check_start.py); the console script may have asked it already."""
    from netzkompetenz.commands import check_start

    return check_start.answered() or check_start.language_first(data_folders())


@command(
    "priorities",
    _("Choose up to three priorities after the self-check (saved in the answers file)."),
)
def priorities_cmd(
    answers: Annotated[Path, typer.Argument(help=_("Your answers file (JSON)."))],
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import priorities

    raise typer.Exit(priorities.run(catalog(), answers, lang=value(lang)))


@command(
    "report",
    _("Write a Markdown or HTML report for answers files (without -o: show it in the terminal)."),
)
def report_cmd(
    answers: AnswersFiles,
    output: Annotated[
        Path | None, output_option("FILE.md|FILE.html", _("Report file; format by extension."))
    ] = None,
    lang: Lang = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template", metavar="FILE", help=_("Your own jinja2 template (runs sandboxed).")
        ),
    ] = None,
    agreed: Annotated[
        Path | None,
        typer.Option(
            "--agreed",
            metavar="FILE",
            help=_(
                "Agreed priorities (after the tandem's conversation): shown first, they order "
                "the recommendations."
            ),
        ),
    ] = None,
    force: Force = False,
    ratings: Annotated[
        list[Path] | None,
        typer.Option(
            "--ratings",
            metavar="RATING.json",
            help=_(
                "Ratings by others (from `rate`), shown beside the one self-assessment given; "
                "repeat the option for each file."
            ),
        ),
    ] = None,
) -> None:
    from netzkompetenz.commands import report
    from netzkompetenz.io.answers_file import named_content

    # Agreed priorities and ratings name other people's questionnaires: the whole catalogue.
    report.run(
        catalog(named_content(answers) if agreed is None and not ratings else None),
        answers,
        output,
        lang=value(lang),
        template=template,
        agreed=agreed,
        force=force,
        ratings=ratings,
    )


@command(
    "compare",
    _(
        "Tandem (leader + coordinator), before/after of a person, or of a cohort "
        "(two batch outputs; exit 1 when people are in one of them only); "
        "without -o: shown in the terminal."
    ),
)
def compare_cmd(
    a: Annotated[
        Path,
        typer.Argument(
            metavar="A",
            help=_("Answers file A: leader, or earlier date; or the first batch output."),
        ),
    ],
    b: Annotated[
        Path,
        typer.Argument(
            metavar="B",
            help=_("Answers file B: coordinator, or later date; or the second batch output."),
        ),
    ],
    output: Annotated[
        Path | None, output_option("FILE.md|FILE.html", _("Output file; format by extension."))
    ] = None,
    guide: Annotated[
        bool,
        typer.Option(
            "--guide",
            help=_(
                "Tandem: a printable conversation guide, and next to it the file "
                "for the agreed priorities (FILE.agreed.yaml)."
            ),
        ),
    ] = False,
    lang: Lang = None,
    force: Force = False,
    ratings: TalkingRatings = None,
) -> None:
    from netzkompetenz.commands import compare

    raise typer.Exit(
        compare.run(
            catalog(),
            a,
            b,
            output,
            lang=value(lang),
            guide=guide,
            force=force,
            rating_paths=ratings,
        )
    )


@command(
    "agree",
    _(
        "After the tandem's conversation: choose the agreed priorities together "
        "(interactive; writes the agreed-priorities file)."
    ),
)
def agree_cmd(
    leader: Annotated[Path, typer.Argument(help=_("The leader's answers file (JSON)."))],
    coordinator: Annotated[Path, typer.Argument(help=_("The coordinator's answers file (JSON)."))],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE.agreed.yaml",
            help=_(
                "The agreed-priorities file; an existing one is continued (default: next "
                "to the coordinator's answers)."
            ),
        ),
    ] = None,
    lang: Lang = None,
    ratings: TalkingRatings = None,
) -> None:
    from netzkompetenz.commands import agree

    raise typer.Exit(
        agree.run(catalog(), leader, coordinator, output, lang=value(lang), rating_paths=ratings)
    )
