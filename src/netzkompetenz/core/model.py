"""The questionnaire, profile and answers formats as pydantic models.

Structure is checked by pydantic; the checks that need the whole document (ids that refer to
each other, translations, level bands, module triggers) are in `semantic_problems_*`, which
return (location, message) pairs so that the caller can place them in the YAML file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, ClassVar, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
)

from netzkompetenz.errors import N_, Message, msg

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=64)]
ContextId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
FrameworkId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]
AnswerCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,5}$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = dict[LanguageCode, NonEmpty]
"""A text in several languages, e.g. {de: "...", en: "..."}."""

ROLES = ("coordinator", "leader")
CANNOT_JUDGE: Final = "cannot_judge"
"""How "kann ich nicht einschätzen" is stored in answers: given, but not a score."""
NOT_APPLICABLE: Final = "not_applicable"
"""How "trifft auf meine Situation nicht zu" is stored: not a score, and the item leaves
the dimension's applicable items (docs/scoring.md)."""
FRAMEWORK_ANSWERS = ("yes", "no", "unknown")
MODULE_KINDS = ("course", "hospitation", "peer-consultation", "exchange")

Loc = tuple[str | int, ...]
AT_KEY = "<key>"
"""Last element of a Loc whose problem is the mapping key itself, not its value."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    _added_in_v2: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _without_unused_v2_fields(self, handler: SerializerFunctionWrapHandler) -> Any:
        # A v1 document dumps as before, so that its content hash and item fingerprints
        # (stored in answers files) stay the same.
        data = handler(self)
        for name in self._added_in_v2:
            if getattr(self, name) in (None, []):
                data.pop(name, None)
                alias = type(self).model_fields[name].alias
                if alias:
                    data.pop(alias, None)
        return data


# --- questionnaire ---------------------------------------------------------------------------


class ScalePoint(_Strict):
    value: int = Field(description="The score this answer counts as.")
    label: Text
    code: str | None = Field(None, description="Answer code a survey tool uses, e.g. A1.")


class ScaleCodes(_Strict):
    """Answer codes a survey tool exports for the two answers that are not a score."""

    cannot_judge: AnswerCode | None = None
    not_applicable: AnswerCode | None = None


class Scale(_Strict):
    points: list[ScalePoint] = Field(min_length=2, description="From lowest to highest.")
    cannot_judge: Text = Field(description="Label of the option that is not a score.")
    _added_in_v2 = ("not_applicable", "codes")
    not_applicable: Text | None = Field(
        None,
        description='Label of "does not apply to my situation": not a score, and the '
        "item leaves the dimension's applicable items.",
    )
    codes: ScaleCodes | None = None

    @property
    def min(self) -> int:
        return min(p.value for p in self.points)

    @property
    def max(self) -> int:
        return max(p.value for p in self.points)

    def reversed(self, value: float) -> float:
        return self.min + self.max - value


class Dimension(_Strict):
    id: Id
    title: Text
    description: Text
    _added_in_v2 = ("reflection",)
    reflection: Text | None = Field(
        None, description="Prompt for an optional free-text example (never scored)."
    )


class ContextOption(_Strict):
    id: ContextId
    label: Text


class ContextQuestion(_Strict):
    """An unscored question about the person's situation, asked before the items."""

    id: ContextId
    text: Text
    options: list[ContextOption] = Field(min_length=1)


class FrameworkItem(_Strict):
    """An unscored framework condition, answered yes / no / unknown after the items."""

    id: FrameworkId
    text: Text


class Condition(_Strict):
    """The item is asked only when an earlier item was answered within [min, max], or
    (`context`) when a context question was answered with one of the options `in`."""

    item: Id | None = None
    min: int | None = None
    max: int | None = None
    _added_in_v2 = ("context", "in_")
    context: ContextId | None = None
    in_: list[ContextId] | None = Field(None, alias="in")

    def holds(self, value: int | str | None) -> bool:
        """For an item condition: does this answer (as given) open the item?"""
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class RaterItem(_Strict):
    """The item as someone else rates it (issue 24): in the third person, about what a
    rater can observe. `partner`: part of the short set a network partner is asked."""

    text: Text = Field(description='Third person, observable: "Sie/Er moderiert …".')
    partner: bool = Field(False, description="Also asked of network partners.")


class RaterScale(_Strict):
    """The answer labels for raters ("trifft nicht zu" fits a person; "not true of me"
    does not), one per scale point, and their "cannot judge"."""

    points: list[Text] = Field(min_length=2, description="One label per scale point, in order.")
    cannot_judge: Text
    introduction: Text = Field(description="Said once before the first question.")


ItemKind = Literal["knowledge", "skill", "social", "autonomy"]
"""DQR: Fachkompetenz (knowledge, skill) and personale Kompetenz (social, autonomy)."""


class Item(_Strict):
    id: Id
    dimension: Id
    kind: ItemKind
    text: Text
    reverse: bool = False
    weight: float = Field(1.0, gt=0)
    condition: Condition | None = None
    _added_in_v2 = ("pair",)
    pair: Id | None = Field(
        None,
        description="Paired tandem statement: the same pair id is on the other role's statement.",
    )
    # Not part of what the self-check asks: left out of the content hash and the item
    # fingerprints, so that adding or rewording a rater version leaves answers files alone.
    rater: RaterItem | None = Field(
        None, exclude=True, description="The rater version (Fremdeinschätzung), if observable."
    )


class Questionnaire(_Strict):
    kind: Literal["questionnaire"]
    id: Id
    version: NonEmpty = Field(description='Write it in quotes: "1.10", not 1.10.')
    languages: list[LanguageCode] = Field(min_length=1)
    title: Text
    description: Text | None = None
    _added_in_v2 = ("minutes", "context", "framework")
    minutes: int | None = Field(None, gt=0, description="Estimated minutes to complete.")
    scale: Scale
    min_coverage: float = Field(
        0.5,
        gt=0,
        le=1,
        description="Share of a dimension's applicable items that must be answered "
        "for a score; below it the dimension has 'not enough answers'.",
    )
    context: list[ContextQuestion] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
    framework: list[FrameworkItem] = Field(default_factory=list)
    rater: RaterScale | None = Field(
        None, exclude=True, description="Rater labels; needed when any item has a rater version."
    )
    _hash: str | None = PrivateAttr(None)
    _item_index: tuple[list[Item], dict[str, Item]] | None = PrivateAttr(None)

    def content_hash(self) -> str:
        """A fingerprint of what the questionnaire asks, independent of YAML formatting;
        made once (a batch stamps it on every person's answers)."""
        if self._hash is None:
            canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
            self._hash = hashlib.sha256(canonical.encode()).hexdigest()[:16]
        return self._hash

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def items_of(self, dimension_id: str) -> list[Item]:
        return [i for i in self.items if i.dimension == dimension_id]

    def item(self, item_id: str) -> Item:
        # A report looks up dozens of items; the index is rebuilt when `items` is replaced
        # (model_copy(update=...) keeps private attributes).
        if self._item_index is None or self._item_index[0] is not self.items:
            self._item_index = (self.items, {i.id: i for i in self.items})
        return self._item_index[1][item_id]


# --- profile ---------------------------------------------------------------------------------


class LevelBand(_Strict):
    """A band on the 0-100 percent scale: from <= percent < to (the last band includes 100)."""

    id: Id
    label: Text
    description: Text
    from_: float = Field(alias="from", ge=0, le=100)
    to: float = Field(ge=0, le=100)


class Trigger(_Strict):
    """Recommend the module when the gap (target - percent) reaches `min_gap` points on
    its dimensions, or (item-level) when the mean of the answered `items` is below
    `below`. Exactly one of the two (checked with the whole profile)."""

    min_gap: float | None = Field(None, gt=0, le=100)
    match: Literal["any", "all"] = Field(
        "any", description="any: on one addressed dimension; all: on every one."
    )
    _added_in_v2 = ("items", "below", "pairs_differ")
    items: list[Id] | None = Field(
        None,
        min_length=1,
        description="Item-level trigger: these items (their mean after reverse keying) ...",
    )
    below: float | None = Field(None, description="... below this value of the scale.")
    pairs_differ: bool | None = Field(
        None,
        description="Also recommended in a tandem comparison when paired items "
        "differ beyond measurement noise.",
    )

    @property
    def on_items(self) -> bool:
        return self.items is not None


class Module(_Strict):
    id: Id
    title: Text
    content: Text
    format: Literal["in-person", "online", "blended"]
    _added_in_v2 = ("alternatives",)
    kind: Literal["course", "hospitation", "peer-consultation", "exchange"] = Field(
        "course",
        description="Non-course formats: Hospitation, kollegiale Beratung, exchange formats.",
    )
    alternatives: list[Id] = Field(
        default_factory=list,
        description="Ids of modules (non-course formats) shown next to this one.",
    )
    duration_days: float = Field(gt=0, le=30)
    target_group: Text
    dimensions: list[Id] = Field(min_length=1)
    trigger: Trigger
    priority: int = Field(2, ge=1, le=3, description="1 = high, 3 = low.")
    prerequisites: list[Id] = Field(default_factory=list)
    tandem: bool = Field(False, description="Meant for a leader and a coordinator together.")


class Profile(_Strict):
    kind: Literal["profile"]
    id: Id
    role: Literal["coordinator", "leader"]
    questionnaire: Id
    questionnaire_version: str | None = Field(
        None,
        description="For a profile kept for an older questionnaire version "
        "(archive/): that version. Left out: the current one.",
    )
    title: Text
    description: Text
    targets: dict[Id, float] = Field(description="Target percent (0-100) per dimension.")
    levels: list[LevelBand] = Field(min_length=1)
    _added_in_v2 = ("anchors", "max_recommendations")
    anchors: dict[Id, dict[Id, Text]] | None = Field(
        None,
        description="Behavioural anchors: per dimension, per level id, what someone "
        "at that level does and does not yet do.",
    )
    max_recommendations: int | None = Field(
        None, ge=1, description='How many recommendations are "the most important".'
    )
    modules: list[Module] = Field(default_factory=list)

    def level_of(self, percent: float) -> LevelBand:
        for band in self.levels:
            if band.from_ <= percent < band.to:
                return band
        return self.levels[-1]

    def level(self, level_id: str) -> LevelBand:
        return next(b for b in self.levels if b.id == level_id)

    def module(self, module_id: str) -> Module:
        return next(m for m in self.modules if m.id == module_id)


# --- semantic checks -------------------------------------------------------------------------


def _duplicates(ids: list[str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    found = []
    for index, value in enumerate(ids):
        if value in seen:
            found.append((index, value))
        seen.add(value)
    return found


def _missing_translations(
    text: Text | None, languages: list[str], loc: Loc
) -> Iterator[tuple[Loc, Message]]:
    if text is None:
        return
    for lang in languages:
        if lang not in text:
            yield loc, msg(N_("missing translation '{lang}'"), lang=lang)
    for lang in text:
        if lang not in languages:
            yield (
                loc + (lang,),
                msg(
                    N_(
                        "language '{lang}' is not one of the questionnaire's "
                        "languages ({languages})"
                    ),
                    lang=lang,
                    languages=", ".join(languages),
                ),
            )


def semantic_problems_questionnaire(q: Questionnaire) -> list[tuple[Loc, Message]]:
    out: list[tuple[Loc, Message]] = []
    langs = q.languages
    out += _missing_translations(q.title, langs, ("title",))
    out += _missing_translations(q.description, langs, ("description",))
    out += _missing_translations(q.scale.cannot_judge, langs, ("scale", "cannot_judge"))
    out += _missing_translations(q.scale.not_applicable, langs, ("scale", "not_applicable"))
    out += _answer_code_problems(q)
    for i, question in enumerate(q.context):
        out += _missing_translations(question.text, langs, ("context", i, "text"))
        for k, option in enumerate(question.options):
            out += _missing_translations(option.label, langs, ("context", i, "options", k, "label"))
        for k, option_id in _duplicates([o.id for o in question.options]):
            out.append(
                (
                    ("context", i, "options", k, "id"),
                    msg(N_("duplicate option '{id}'"), id=option_id),
                )
            )
    for i, question_id in _duplicates([c.id for c in q.context]):
        out.append(
            (("context", i, "id"), msg(N_("duplicate context question '{id}'"), id=question_id))
        )
    for i, entry in enumerate(q.framework):
        out += _missing_translations(entry.text, langs, ("framework", i, "text"))
    for i, entry_id in _duplicates([f.id for f in q.framework]):
        out.append((("framework", i, "id"), msg(N_("duplicate framework id '{id}'"), id=entry_id)))
    for i, point in enumerate(q.scale.points):
        out += _missing_translations(point.label, langs, ("scale", "points", i, "label"))
    for i, value in _duplicates([str(p.value) for p in q.scale.points]):
        out.append(
            (("scale", "points", i, "value"), msg(N_("duplicate scale value {value}"), value=value))
        )
    for i, dim in enumerate(q.dimensions):
        out += _missing_translations(dim.title, langs, ("dimensions", i, "title"))
        out += _missing_translations(dim.description, langs, ("dimensions", i, "description"))
        out += _missing_translations(dim.reflection, langs, ("dimensions", i, "reflection"))
    for i, dim_id in _duplicates([d.id for d in q.dimensions]):
        out.append((("dimensions", i, "id"), msg(N_("duplicate dimension id '{id}'"), id=dim_id)))
    dim_ids = {d.id for d in q.dimensions}
    item_ids = [it.id for it in q.items]
    for i, item_id in _duplicates(item_ids):
        out.append((("items", i, "id"), msg(N_("duplicate item id '{id}'"), id=item_id)))
    earlier: set[str] = set()
    for i, item in enumerate(q.items):
        out += _missing_translations(item.text, langs, ("items", i, "text"))
        if item.dimension not in dim_ids:
            out.append(
                (
                    ("items", i, "dimension"),
                    msg(
                        N_("unknown dimension '{id}'{hint}"),
                        id=item.dimension,
                        hint=_suggest(item.dimension, dim_ids),
                    ),
                )
            )
        if item.condition is not None and item.condition.item is None:
            out += _context_condition_problems(q, item.condition, ("items", i, "condition"))
        elif item.condition is not None:
            cond = item.condition
            if cond.context is not None or cond.in_ is not None:
                out.append(
                    (
                        ("items", i, "condition"),
                        msg(
                            N_(
                                "a condition names either an item (with min/max) or a "
                                "context question (with in), not both"
                            )
                        ),
                    )
                )
            if cond.item not in earlier:
                text = (
                    N_(
                        "condition refers to a later item '{item}'; it must name an item asked "
                        "before this one"
                    )
                    if cond.item in item_ids
                    else N_(
                        "condition refers to an unknown item '{item}'; it must name an item "
                        "asked before this one"
                    )
                )
                out.append((("items", i, "condition", "item"), msg(text, item=cond.item)))
            low, high = cond.min, cond.max
            if low is None and high is None:
                out.append((("items", i, "condition"), msg(N_("condition needs 'min' or 'max'"))))
            elif (low if low is not None else q.scale.min) > (
                high if high is not None else q.scale.max
            ):
                out.append((("items", i, "condition"), msg(N_("condition can never hold"))))
        earlier.add(item.id)
    for i, dim in enumerate(q.dimensions):
        if not q.items_of(dim.id):
            out.append(
                (("dimensions", i, "id"), msg(N_("dimension '{id}' has no items"), id=dim.id))
            )
    paired: dict[str, str] = {}
    for i, item in enumerate(q.items):
        if item.pair is None:
            continue
        if item.pair in paired:
            out.append(
                (
                    ("items", i, "pair"),
                    msg(
                        N_(
                            "pair '{pair}' is already on item '{item}'; a pair links one "
                            "statement to one in the other role's questionnaire"
                        ),
                        pair=item.pair,
                        item=paired[item.pair],
                    ),
                )
            )
        paired.setdefault(item.pair, item.id)
    out += _rater_problems(q)
    return out


def _rater_problems(q: Questionnaire) -> list[tuple[Loc, Message]]:
    """The rater versions (issue 24): translated, with rater labels for every scale point,
    and only on items every rater is asked (a condition depends on the person's own answer
    or context, which a rater does not know)."""
    out: list[tuple[Loc, Message]] = []
    langs = q.languages
    rated = [(i, item) for i, item in enumerate(q.items) if item.rater is not None]
    if q.rater is not None:
        for k, label in enumerate(q.rater.points):
            out += _missing_translations(label, langs, ("rater", "points", k))
        out += _missing_translations(q.rater.cannot_judge, langs, ("rater", "cannot_judge"))
        out += _missing_translations(q.rater.introduction, langs, ("rater", "introduction"))
        if len(q.rater.points) != len(q.scale.points):
            out.append(
                (
                    ("rater", "points"),
                    msg(
                        N_("{found} rater labels for a scale of {points} points"),
                        found=len(q.rater.points),
                        points=len(q.scale.points),
                    ),
                )
            )
    elif rated:
        out.append(
            (
                ("items", rated[0][0], "rater"),
                msg(N_("items have rater versions, but the questionnaire has no 'rater' labels")),
            )
        )
    for i, item in rated:
        assert item.rater is not None  # selected above
        out += _missing_translations(item.rater.text, langs, ("items", i, "rater", "text"))
        if item.condition is not None:
            out.append(
                (
                    ("items", i, "rater"),
                    msg(
                        N_(
                            "an item with a condition has no rater version: a rater does not "
                            "know the answer it depends on"
                        )
                    ),
                )
            )
    return out


def _answer_code_problems(q: Questionnaire) -> list[tuple[Loc, Message]]:
    codes = q.scale.codes
    if codes is None:
        return []
    out: list[tuple[Loc, Message]] = []
    if codes.not_applicable is not None and q.scale.not_applicable is None:
        out.append(
            (
                ("scale", "codes", "not_applicable"),
                msg(N_("a code for 'not applicable' needs scale.not_applicable (its label)")),
            )
        )
    # Survey cells are compared without case (io/survey_tools.normalise): codes must differ so.
    taken: dict[str, Message | str] = {
        p.code.casefold(): msg(N_("point {value}"), value=p.value) for p in q.scale.points if p.code
    }
    for name in ("cannot_judge", "not_applicable"):
        code = getattr(codes, name)
        if code is None:
            continue
        if code.casefold() in taken:
            out.append(
                (
                    ("scale", "codes", name),
                    msg(
                        N_("code '{code}' is already the code of {owner}"),
                        code=code,
                        owner=taken[code.casefold()],
                    ),
                )
            )
        taken[code.casefold()] = name  # the YAML key: not translated
    return out


def _context_condition_problems(
    q: Questionnaire, cond: Condition, loc: Loc
) -> list[tuple[Loc, Message]]:
    if cond.context is None:
        return [
            (
                loc,
                msg(
                    N_("condition needs 'item' (an earlier item) or 'context' (a context question)")
                ),
            )
        ]
    out: list[tuple[Loc, Message]] = []
    if cond.min is not None or cond.max is not None:
        out.append((loc, msg(N_("a context condition takes 'in' (options), not min/max"))))
    questions = {c.id: c for c in q.context}
    question = questions.get(cond.context)
    if question is None:
        return out + [
            (
                loc + ("context",),
                msg(
                    N_("unknown context question '{id}'{hint}"),
                    id=cond.context,
                    hint=_suggest(cond.context, questions),
                ),
            )
        ]
    if not cond.in_:
        return out + [
            (loc, msg(N_("a context condition needs 'in': the options that open the item")))
        ]
    options = [o.id for o in question.options]
    for k, option in enumerate(cond.in_):
        if option not in options:
            out.append(
                (
                    loc + ("in", k),
                    msg(
                        N_("'{option}' is not an option of context question '{id}'{hint}"),
                        option=option,
                        id=question.id,
                        hint=_suggest(option, options),
                    ),
                )
            )
    return out


def semantic_problems_profile(p: Profile, q: Questionnaire | None) -> list[tuple[Loc, Message]]:
    """Checks of a profile; those needing its questionnaire run only when it is known."""
    out: list[tuple[Loc, Message]] = []
    # Level bands must tile 0..100 without gaps or overlaps.
    expected = 0.0
    for i, band in enumerate(p.levels):
        if band.to <= band.from_:
            out.append(
                (
                    ("levels", i),
                    msg(
                        N_("level '{id}' ends ({to}) before it starts ({start})"),
                        id=band.id,
                        to=f"{band.to:g}",
                        start=f"{band.from_:g}",
                    ),
                )
            )
        elif band.from_ > expected:
            out.append(
                (
                    ("levels", i, "from"),
                    msg(
                        N_("gap in level bands: nothing covers {start} to {end}"),
                        start=f"{expected:g}",
                        end=f"{band.from_:g}",
                    ),
                )
            )
        elif band.from_ < expected:
            out.append(
                (
                    ("levels", i, "from"),
                    msg(
                        N_("level '{id}' overlaps the band before it ({start} < {end})"),
                        id=band.id,
                        start=f"{band.from_:g}",
                        end=f"{expected:g}",
                    ),
                )
            )
        expected = max(expected, band.to)
    if p.levels and expected < 100:
        out.append(
            (
                ("levels",),
                msg(N_("level bands stop at {end}; the last must reach 100"), end=f"{expected:g}"),
            )
        )
    for i, level_id in _duplicates([b.id for b in p.levels]):
        out.append((("levels", i, "id"), msg(N_("duplicate level id '{id}'"), id=level_id)))
    for dim_id, target in p.targets.items():
        if not 0 <= target <= 100:
            out.append(
                (
                    ("targets", dim_id),
                    msg(N_("target {target} is outside 0-100"), target=f"{target:g}"),
                )
            )

    module_ids = [m.id for m in p.modules]
    for i, module_id in _duplicates(module_ids):
        out.append((("modules", i, "id"), msg(N_("duplicate module id '{id}'"), id=module_id)))
    own = {
        "prerequisites": N_("module '{id}' cannot be its own prerequisite"),
        "alternatives": N_("module '{id}' cannot be its own alternative"),
    }
    for i, module in enumerate(p.modules):
        for field, itself in own.items():  # modules a module names: known, and not itself
            for j, other in enumerate(getattr(module, field)):
                if other not in module_ids:
                    out.append(
                        (
                            ("modules", i, field, j),
                            msg(
                                N_("unknown module '{id}'{hint}"),
                                id=other,
                                hint=_suggest(other, module_ids),
                            ),
                        )
                    )
                elif other == module.id:
                    out.append((("modules", i, field, j), msg(itself, id=module.id)))
    for i, module in enumerate(p.modules):
        out += _trigger_shape_problems(module.trigger, ("modules", i, "trigger"))
    if uses_v2(p):  # v1 profiles (the bundled ones until 2.0) had such pairs and stay valid
        out += _same_trigger_problems(p)
    cycle = _prerequisite_cycle(p)
    if cycle:
        index = module_ids.index(cycle[0])
        out.append(
            (
                ("modules", index, "prerequisites"),
                msg(
                    N_("prerequisites form a cycle: {cycle}"), cycle=" -> ".join(cycle + [cycle[0]])
                ),
            )
        )

    if q is None:
        return out
    if p.questionnaire != q.id:
        out.append(
            (
                ("questionnaire",),
                msg(
                    N_("expected questionnaire '{expected}', got '{got}'"),
                    expected=p.questionnaire,
                    got=q.id,
                ),
            )
        )
        return out
    langs = q.languages
    out += _missing_translations(p.title, langs, ("title",))
    out += _missing_translations(p.description, langs, ("description",))
    for i, band in enumerate(p.levels):
        out += _missing_translations(band.label, langs, ("levels", i, "label"))
        out += _missing_translations(band.description, langs, ("levels", i, "description"))
    dim_ids = [d.id for d in q.dimensions]
    for dim_id in p.targets:
        if dim_id not in dim_ids:
            out.append(
                (
                    ("targets", dim_id, AT_KEY),
                    msg(
                        N_("unknown dimension '{id}'{hint}"),
                        id=dim_id,
                        hint=_suggest(dim_id, dim_ids),
                    ),
                )
            )
    for dim_id in dim_ids:
        if dim_id not in p.targets:
            out.append((("targets", AT_KEY), msg(N_("no target for dimension '{id}'"), id=dim_id)))
    out += _anchor_problems(p, dim_ids, langs)
    item_ids = [it.id for it in q.items]
    for i, module in enumerate(p.modules):
        for field in ("title", "content", "target_group"):
            out += _missing_translations(getattr(module, field), langs, ("modules", i, field))
        known = all(d in p.targets for d in module.dimensions)  # else reported above
        for j, dim_id in enumerate(module.dimensions):
            if dim_id not in dim_ids:
                out.append(
                    (
                        ("modules", i, "dimensions", j),
                        msg(
                            N_("unknown dimension '{id}'{hint}"),
                            id=dim_id,
                            hint=_suggest(dim_id, dim_ids),
                        ),
                    )
                )
        trigger = module.trigger
        if trigger.on_items:
            out += _item_trigger_problems(q, module, item_ids, ("modules", i, "trigger"))
        elif known and trigger.min_gap is not None and not module_can_trigger(module, p):
            out.append(
                (
                    ("modules", i, "trigger", "min_gap"),
                    msg(
                        N_(
                            "module '{id}' can never be recommended: min_gap {min_gap} is "
                            "larger than the largest possible gap (the target) of every "
                            "dimension it addresses"
                        )
                        if module.trigger.match == "any"
                        else N_(
                            "module '{id}' can never be recommended: min_gap {min_gap} is "
                            "larger than the largest possible gap (the target) of some "
                            "dimension it addresses"
                        ),
                        id=module.id,
                        min_gap=f"{module.trigger.min_gap:g}",
                    ),
                )
            )
    return out


def _item_trigger_problems(
    q: Questionnaire, module: Module, item_ids: list[str], loc: Loc
) -> list[tuple[Loc, Message]]:
    out: list[tuple[Loc, Message]] = []
    for j, item_id in enumerate(module.trigger.items or []):
        if item_id not in item_ids:
            out.append(
                (
                    loc + ("items", j),
                    msg(
                        N_("'{item}' is not an item of questionnaire '{id}'{hint}"),
                        item=item_id,
                        id=q.id,
                        hint=_suggest(item_id, item_ids),
                    ),
                )
            )
    below = module.trigger.below
    if below is not None and below <= q.scale.min:
        out.append(
            (
                loc + ("below",),
                msg(
                    N_(
                        "module '{id}' can never be recommended: no mean is below {below}, "
                        "the lowest value of the scale is {low}"
                    ),
                    id=module.id,
                    below=f"{below:g}",
                    low=q.scale.min,
                ),
            )
        )
    elif below is not None and below > q.scale.max:
        out.append(
            (
                loc + ("below",),
                msg(
                    N_(
                        "below {below} is above the scale's highest value {high}: every "
                        "answer would recommend '{id}'"
                    ),
                    below=f"{below:g}",
                    high=q.scale.max,
                    id=module.id,
                ),
            )
        )
    return out


def _trigger_shape_problems(trigger: Trigger, loc: Loc) -> list[tuple[Loc, Message]]:
    """Exactly one kind of trigger: min_gap on the dimensions, or items with below."""
    if trigger.on_items and trigger.min_gap is not None:
        return [
            (
                loc,
                msg(
                    N_(
                        "a trigger takes either 'min_gap' (on the dimensions) or 'items' "
                        "with 'below', not both"
                    )
                ),
            )
        ]
    if trigger.on_items and trigger.below is None:
        return [(loc, msg(N_("an item trigger needs 'below' (a value of the scale)")))]
    if not trigger.on_items and trigger.below is not None:
        return [(loc, msg(N_("'below' needs 'items': the items whose mean is compared")))]
    if not trigger.on_items and trigger.min_gap is None:
        return [
            (loc, msg(N_("a trigger needs 'min_gap' (on the dimensions) or 'items' with 'below'")))
        ]
    return []


def uses_v2(p: Profile) -> bool:
    """A profile in format v2: it uses one of the keys that v2 added."""
    return (
        p.anchors is not None
        or p.max_recommendations is not None
        or any(
            m.kind != "course"
            or m.alternatives
            or m.trigger.on_items
            or m.trigger.pairs_differ is not None
            for m in p.modules
        )
    )


def _same_trigger_problems(p: Profile) -> list[tuple[Loc, Message]]:
    """Two modules with the same trigger would always be recommended together."""
    seen: dict[tuple[object, ...], str] = {}
    out: list[tuple[Loc, Message]] = []
    for i, module in enumerate(p.modules):
        t = module.trigger
        key = (
            ("items", frozenset(t.items or ()), t.below)
            if t.on_items
            else ("dimensions", frozenset(module.dimensions), t.min_gap, t.match)
        )
        if key in seen:
            out.append(
                (
                    ("modules", i, "trigger"),
                    msg(
                        N_("module '{id}' has the same trigger as module '{other}'"),
                        id=module.id,
                        other=seen[key],
                    ),
                )
            )
        else:
            seen[key] = module.id
    return out


def _anchor_problems(p: Profile, dim_ids: list[str], langs: list[str]) -> list[tuple[Loc, Message]]:
    """Anchors, when given, describe every dimension at every level."""
    if p.anchors is None:
        return []
    out: list[tuple[Loc, Message]] = []
    level_ids = [b.id for b in p.levels]
    for dim_id, by_level in p.anchors.items():
        if dim_id not in dim_ids:
            out.append(
                (
                    ("anchors", dim_id, AT_KEY),
                    msg(
                        N_("unknown dimension '{id}'{hint}"),
                        id=dim_id,
                        hint=_suggest(dim_id, dim_ids),
                    ),
                )
            )
            continue
        for level_id, anchor in by_level.items():
            if level_id not in level_ids:
                out.append(
                    (
                        ("anchors", dim_id, level_id, AT_KEY),
                        msg(
                            N_("unknown level '{id}'{hint}"),
                            id=level_id,
                            hint=_suggest(level_id, level_ids),
                        ),
                    )
                )
            else:
                out += _missing_translations(anchor, langs, ("anchors", dim_id, level_id))
        for level_id in level_ids:
            if level_id not in by_level:
                out.append(
                    (
                        ("anchors", dim_id, AT_KEY),
                        msg(
                            N_("no anchor for level '{level}' of dimension '{id}'"),
                            level=level_id,
                            id=dim_id,
                        ),
                    )
                )
    for dim_id in dim_ids:
        if dim_id not in p.anchors:
            out.append((("anchors", AT_KEY), msg(N_("no anchors for dimension '{id}'"), id=dim_id)))
    return out


def module_can_trigger(module: Module, profile: Profile) -> bool:
    """The largest possible gap on a dimension is its target (a score of 0 percent).
    (Item triggers are checked against the scale in semantic_problems_profile.)"""
    if module.trigger.min_gap is None:
        return True
    reachable = [profile.targets.get(d, 0) >= module.trigger.min_gap for d in module.dimensions]
    return any(reachable) if module.trigger.match == "any" else all(reachable)


def _prerequisite_cycle(p: Profile) -> list[str] | None:
    graph = {m.id: [x for x in m.prerequisites if x != m.id] for m in p.modules}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] if nxt in path else [nxt]
            if nxt in graph and nxt not in state:
                found = visit(nxt, path + [nxt])
                if found:
                    return found
        state[node] = 2
        return None

    for start in graph:
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def _suggest(word: str, choices: Iterable[str]) -> Message | str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return msg(N_(" (did you mean '{name}'?)"), name=close[0]) if close else ""
