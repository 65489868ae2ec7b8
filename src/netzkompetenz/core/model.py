"""The questionnaire and profile formats as pydantic models.

Structure is checked by pydantic; the checks that need the whole document (ids that refer to
each other, translations, level bands, module triggers) are in `core/model_checks.py`, which
return (location, message) pairs so that the caller can place them in the YAML file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    StringConstraints,
    Tag,
    model_serializer,
)

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
"""How "keine Gelegenheit" (not applicable) is stored: not a score, and the item leaves
the dimension's applicable items (docs/scoring.md)."""
# an answer to an item: a scale value, CANNOT_JUDGE or NOT_APPLICABLE
AnswerValue = int | Literal["cannot_judge", "not_applicable"]
FRAMEWORK_ANSWERS = ("yes", "no", "unknown")
MODULE_KINDS = ("course", "hospitation", "peer-consultation", "exchange")

Loc = tuple[str | int, ...]
AT_KEY = "<key>"
"""Last element of a Loc whose problem is the mapping key itself, not its value."""


class _Strict(BaseModel):
    # Validators are built when first used, not on import: a catalogue kept read and checked
    # (io/content_cache.py) needs none (docs/performance.md).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)
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
    # Outside the content hash (exclude): how an answer is read, not what is asked.
    not_yet: bool = Field(
        False,
        exclude=True,
        description="This answer means the person has not yet had the opportunity for much "
        "(new in post, a network being set up): 'not applicable' is read as 'not yet'.",
    )


class ContextQuestion(_Strict):
    """An unscored question about the person's situation, asked before the items."""

    id: ContextId
    text: Text
    options: list[ContextOption] = Field(min_length=1)


class FrameworkItem(_Strict):
    """An unscored framework condition, answered yes / no / unknown after the items."""

    id: FrameworkId
    text: Text
    # How two answers are compared, not what is asked: outside the content hash (exclude),
    # so that marking a condition leaves answers files to this version alone.
    tandem: bool = Field(
        False,
        exclude=True,
        description="A matter between the network coordinator and the leader responsible for "
        "the remit: in a tandem comparison the two answers are laid side by side (when the "
        "other questionnaire marks the same id too).",
    )
    # How the report names it, not what is asked: outside the content hash.
    if_no: Text | None = Field(
        None,
        exclude=True,
        description="The condition as missing, short, for the notes beside a module's reason "
        "(„kein eigenes Budget für Sachkosten“); without it the note quotes the condition.",
    )


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

    text: Text = Field(description='Third person, observable: "Die Person moderiert …".')
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
    # How a low answer is read, not what is asked: outside the content hash and fingerprints.
    framework: list[FrameworkId] = Field(
        default_factory=list,
        exclude=True,
        description="Framework conditions that can explain a low answer: one answered 'no' "
        "is named beside a module's reason (docs/reports.md); never scored.",
    )
    # How an answer is read, not what is asked: outside the content hash and fingerprints.
    premise: bool = Field(
        False,
        exclude=True,
        description="Reverse-keyed statement that begins with a situation not everyone meets "
        "('When a conflict breaks out …'): 'not true of me' may only mean the situation never "
        "arose, so that answer is not scored, nor counted in the agreement-tendency check, and "
        "no anchor sentence rests on it (docs/scoring.md §1, §8).",
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
    _added_in_v2 = ("minutes", "context", "framework", "min_answered", "tandem_when")
    minutes: int | None = Field(None, gt=0, description="Estimated minutes to complete.")
    scale: Scale
    min_coverage: float = Field(
        0.5,
        gt=0,
        le=1,
        description="Share of a dimension's applicable items that must be answered "
        "for a score; below it the dimension has 'not enough answers'.",
    )
    min_answered: int = Field(
        1,
        ge=1,
        description="Answered items a dimension needs at least for a score, besides "
        "min_coverage; with fewer it has 'not enough answers'.",
    )
    context: list[ContextQuestion] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
    framework: list[FrameworkItem] = Field(default_factory=list)
    tandem_when: Condition | None = Field(
        None,
        description="The tandem compares the paired statements and shared conditions only "
        "when this person's answer to the context question `context` is one of `in` (and "
        "the other's to theirs); unanswered counts as comparable.",
    )
    rater: RaterScale | None = Field(
        None, exclude=True, description="Rater labels; needed when any item has a rater version."
    )
    _hash: str | None = PrivateAttr(None)
    _item_index: tuple[list[Item], dict[str, Item]] | None = PrivateAttr(None)

    def content_hash(self) -> str:
        """A fingerprint of what the questionnaire asks, independent of YAML formatting;
        made once (a batch stamps it on every person's answers)."""
        if self._hash is None:
            # min_answered is a scoring rule and tandem_when a rule of the comparison, not
            # something asked: answers stay to this version
            asked = self.model_dump(mode="json", exclude={"min_answered", "tandem_when"})
            canonical = json.dumps(asked, sort_keys=True, ensure_ascii=False)
            self._hash = hashlib.sha256(canonical.encode()).hexdigest()[:16]
        return self._hash

    def not_yet(self, context: Mapping[str, str]) -> list[ContextOption]:
        """The person's context answers that mark "not yet had the opportunity"."""
        return [
            o for c in self.context for o in c.options if o.not_yet and context.get(c.id) == o.id
        ]

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
        "differ beyond measurement noise, or a shared condition is answered yes by one "
        "and no by the other.",
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


class AnchorSentence(_Strict):
    """One sentence of a behavioural anchor and the items it speaks of: the report shows it
    as the person's behaviour only when their answers to these items bear it out."""

    text: Text
    items: list[Id] = Field(min_length=1, description="Items of the anchor's dimension.")


def _anchor_form(value: Any) -> str:
    return "list[sentences]" if isinstance(value, list) else "dict[text]"


# A level's anchor: one text (format v2, not tied to answers) or linked sentences. The form
# is chosen by the value's shape, so that a mistake gets the message of that form only; the
# tags are spelt like pydantic's type names, which error locations leave out (io/loader).
Anchor = Annotated[
    Annotated[Text, Tag("dict[text]")]
    | Annotated[list[AnchorSentence], Field(min_length=1), Tag("list[sentences]")],
    Discriminator(_anchor_form),
]


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
    _added_in_v2 = ("anchors", "max_recommendations", "max_also_possible")
    anchors: dict[Id, dict[Id, Anchor]] | None = Field(
        None,
        description="Behavioural anchors: per dimension, per level id, what someone "
        "at that level does: one text, or sentences each linked to the items it speaks of.",
    )
    max_recommendations: int | None = Field(
        None, ge=1, description='How many recommendations are "the most important".'
    )
    max_also_possible: int | None = Field(
        None,
        ge=0,
        description='How many further recommendations are listed as "also possible" after '
        "the most important (needs max_recommendations); left out: all of them.",
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
