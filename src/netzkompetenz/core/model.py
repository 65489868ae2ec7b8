"""The questionnaire, profile and answers formats as pydantic models.

Structure is checked by pydantic; the checks that need the whole document (ids that refer to
each other, translations, level bands, module triggers) are in `semantic_problems_*`, which
return (location, message) pairs so that the caller can place them in the YAML file.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from netzkompetenz.errors import N_, Message, msg

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=64)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = dict[LanguageCode, NonEmpty]
"""A text in several languages, e.g. {de: "...", en: "..."}."""

ROLES = ("coordinator", "leader")
CANNOT_JUDGE = "cannot_judge"
"""How "kann ich nicht einschätzen" is stored in answers: given, but not a score."""

Loc = tuple[str | int, ...]
AT_KEY = "<key>"
"""Last element of a Loc whose problem is the mapping key itself, not its value."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- questionnaire ---------------------------------------------------------------------------

class ScalePoint(_Strict):
    value: int = Field(description="The score this answer counts as.")
    label: Text
    code: str | None = Field(None, description="Answer code a survey tool uses, e.g. A1.")


class Scale(_Strict):
    points: list[ScalePoint] = Field(min_length=2, description="From lowest to highest.")
    cannot_judge: Text = Field(description='Label of the option that is not a score.')

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


class Condition(_Strict):
    """The item is asked only when an earlier item was answered within [min, max]."""

    item: Id
    min: int | None = None
    max: int | None = None

    def holds(self, value: int | str | None) -> bool:
        if not isinstance(value, int):
            return False
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


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


class Questionnaire(_Strict):
    kind: Literal["questionnaire"]
    id: Id
    version: NonEmpty = Field(description='Write it in quotes: "1.10", not 1.10.')
    languages: list[LanguageCode] = Field(min_length=1)
    title: Text
    description: Text | None = None
    scale: Scale
    min_coverage: float = Field(
        0.5, gt=0, le=1,
        description="Share of a dimension's applicable items that must be answered "
                    "for a score; below it the dimension has 'not enough answers'.")
    dimensions: list[Dimension] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)

    def content_hash(self) -> str:
        """A fingerprint of what the questionnaire asks, independent of YAML formatting."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def items_of(self, dimension_id: str) -> list[Item]:
        return [i for i in self.items if i.dimension == dimension_id]

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)


# --- profile ---------------------------------------------------------------------------------

class LevelBand(_Strict):
    """A band on the 0-100 percent scale: from <= percent < to (the last band includes 100)."""

    id: Id
    label: Text
    description: Text
    from_: float = Field(alias="from", ge=0, le=100)
    to: float = Field(ge=0, le=100)


class Trigger(_Strict):
    """Recommend the module when the gap (target - percent) reaches `min_gap` points."""

    min_gap: float = Field(gt=0, le=100)
    match: Literal["any", "all"] = Field(
        "any", description="any: on one addressed dimension; all: on every one.")


class Module(_Strict):
    id: Id
    title: Text
    content: Text
    format: Literal["in-person", "online", "blended"]
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
        None, description="For a profile kept for an older questionnaire version "
                          "(archive/): that version. Left out: the current one.")
    title: Text
    description: Text
    targets: dict[Id, float] = Field(description="Target percent (0-100) per dimension.")
    levels: list[LevelBand] = Field(min_length=1)
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


def _missing_translations(text: Text | None, languages: list[str], loc: Loc):
    if text is None:
        return
    for lang in languages:
        if lang not in text:
            yield loc, msg(N_("missing translation '{lang}'"), lang=lang)
    for lang in text:
        if lang not in languages:
            yield loc + (lang,), msg(N_("language '{lang}' is not one of the questionnaire's "
                                        "languages ({languages})"),
                                     lang=lang, languages=", ".join(languages))


def semantic_problems_questionnaire(q: Questionnaire) -> list[tuple[Loc, Message]]:
    out: list[tuple[Loc, Message]] = []
    langs = q.languages
    out += _missing_translations(q.title, langs, ("title",))
    out += _missing_translations(q.description, langs, ("description",))
    out += _missing_translations(q.scale.cannot_judge, langs, ("scale", "cannot_judge"))
    for i, point in enumerate(q.scale.points):
        out += _missing_translations(point.label, langs, ("scale", "points", i, "label"))
    for i, value in _duplicates([str(p.value) for p in q.scale.points]):
        out.append((("scale", "points", i, "value"),
                    msg(N_("duplicate scale value {value}"), value=value)))
    for i, dim in enumerate(q.dimensions):
        out += _missing_translations(dim.title, langs, ("dimensions", i, "title"))
        out += _missing_translations(dim.description, langs, ("dimensions", i, "description"))
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
            out.append((("items", i, "dimension"),
                        msg(N_("unknown dimension '{id}'{hint}"), id=item.dimension,
                            hint=_suggest(item.dimension, dim_ids))))
        if item.condition is not None:
            cond = item.condition
            if cond.item not in earlier:
                text = N_("condition refers to a later item '{item}'; it must name an item asked "
                          "before this one") if cond.item in item_ids else \
                    N_("condition refers to an unknown item '{item}'; it must name an item "
                       "asked before this one")
                out.append((("items", i, "condition", "item"), msg(text, item=cond.item)))
            low, high = cond.min, cond.max
            if low is None and high is None:
                out.append((("items", i, "condition"), msg(N_("condition needs 'min' or 'max'"))))
            elif (low if low is not None else q.scale.min) > (high if high is not None
                                                              else q.scale.max):
                out.append((("items", i, "condition"), msg(N_("condition can never hold"))))
        earlier.add(item.id)
    for i, dim in enumerate(q.dimensions):
        if not q.items_of(dim.id):
            out.append((("dimensions", i, "id"),
                        msg(N_("dimension '{id}' has no items"), id=dim.id)))
    return out


def semantic_problems_profile(p: Profile, q: Questionnaire | None
                              ) -> list[tuple[Loc, Message]]:
    """Checks of a profile; those needing its questionnaire run only when it is known."""
    out: list[tuple[Loc, Message]] = []
    # Level bands must tile 0..100 without gaps or overlaps.
    expected = 0.0
    for i, band in enumerate(p.levels):
        if band.to <= band.from_:
            out.append((("levels", i), msg(N_("level '{id}' ends ({to}) before it starts "
                                              "({start})"),
                                           id=band.id, to=f"{band.to:g}",
                                           start=f"{band.from_:g}")))
        elif band.from_ > expected:
            out.append((("levels", i, "from"), msg(N_("gap in level bands: nothing covers "
                                                      "{start} to {end}"),
                                                   start=f"{expected:g}", end=f"{band.from_:g}")))
        elif band.from_ < expected:
            out.append((("levels", i, "from"), msg(N_("level '{id}' overlaps the band before "
                                                      "it ({start} < {end})"), id=band.id,
                                                   start=f"{band.from_:g}", end=f"{expected:g}")))
        expected = max(expected, band.to)
    if p.levels and expected < 100:
        out.append((("levels",), msg(N_("level bands stop at {end}; the last must reach 100"),
                                     end=f"{expected:g}")))
    for i, level_id in _duplicates([b.id for b in p.levels]):
        out.append((("levels", i, "id"), msg(N_("duplicate level id '{id}'"), id=level_id)))
    for dim_id, target in p.targets.items():
        if not 0 <= target <= 100:
            out.append((("targets", dim_id), msg(N_("target {target} is outside 0-100"),
                                                   target=f"{target:g}")))

    module_ids = [m.id for m in p.modules]
    for i, module_id in _duplicates(module_ids):
        out.append((("modules", i, "id"), msg(N_("duplicate module id '{id}'"), id=module_id)))
    for i, module in enumerate(p.modules):
        for j, pre in enumerate(module.prerequisites):
            if pre not in module_ids:
                out.append((("modules", i, "prerequisites", j),
                            msg(N_("unknown module '{id}'{hint}"), id=pre,
                                hint=_suggest(pre, module_ids))))
            elif pre == module.id:
                out.append((("modules", i, "prerequisites", j),
                            msg(N_("module '{id}' cannot be its own prerequisite"),
                                id=module.id)))
    cycle = _prerequisite_cycle(p)
    if cycle:
        index = module_ids.index(cycle[0])
        out.append((("modules", index, "prerequisites"),
                    msg(N_("prerequisites form a cycle: {cycle}"),
                        cycle=" -> ".join(cycle + [cycle[0]]))))

    if q is None:
        return out
    if p.questionnaire != q.id:
        out.append((("questionnaire",), msg(N_("expected questionnaire '{expected}', got "
                                               "'{got}'"), expected=p.questionnaire, got=q.id)))
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
            out.append((("targets", dim_id, AT_KEY), msg(N_("unknown dimension '{id}'{hint}"),
                                                         id=dim_id,
                                                         hint=_suggest(dim_id, dim_ids))))
    for dim_id in dim_ids:
        if dim_id not in p.targets:
            out.append((("targets", AT_KEY), msg(N_("no target for dimension '{id}'"), id=dim_id)))
    for i, module in enumerate(p.modules):
        for field in ("title", "content", "target_group"):
            out += _missing_translations(getattr(module, field), langs, ("modules", i, field))
        known = all(d in p.targets for d in module.dimensions)  # else reported above
        for j, dim_id in enumerate(module.dimensions):
            if dim_id not in dim_ids:
                out.append((("modules", i, "dimensions", j),
                            msg(N_("unknown dimension '{id}'{hint}"), id=dim_id,
                                hint=_suggest(dim_id, dim_ids))))
        if known and not module_can_trigger(module, p):
            out.append((("modules", i, "trigger", "min_gap"),
                         msg(N_("module '{id}' can never be recommended: min_gap {min_gap} is "
                                "larger than the largest possible gap (the target) of every "
                                "dimension it addresses") if module.trigger.match == "any" else
                             N_("module '{id}' can never be recommended: min_gap {min_gap} is "
                                "larger than the largest possible gap (the target) of some "
                                "dimension it addresses"),
                             id=module.id, min_gap=f"{module.trigger.min_gap:g}")))
    return out


def module_can_trigger(module: Module, profile: Profile) -> bool:
    """The largest possible gap on a dimension is its target (a score of 0 percent)."""
    reachable = [profile.targets.get(d, 0) >= module.trigger.min_gap for d in module.dimensions]
    return any(reachable) if module.trigger.match == "any" else all(reachable)


def _prerequisite_cycle(p: Profile) -> list[str] | None:
    graph = {m.id: [x for x in m.prerequisites if x != m.id] for m in p.modules}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] if nxt in path else [nxt]
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


def _suggest(word: str, choices) -> Message | str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return msg(N_(" (did you mean '{name}'?)"), name=close[0]) if close else ""
