"""The rules of a profile: level bands, targets, modules and their triggers on their own,
then against the profile's questionnaire when it is known."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from netzkompetenz.core.model import (
    AT_KEY,
    Anchor,
    AnchorSentence,
    LevelBand,
    Loc,
    Module,
    Profile,
    Questionnaire,
)
from netzkompetenz.core.model_checks.common import (
    Finding,
    Findings,
    each,
    suggest,
    translated,
    unique,
    unknown_dimension,
)
from netzkompetenz.errors import N_, msg

ProfileRule = Callable[[Profile, Questionnaire | None], Iterable[Finding]]


# --- profile: on its own -------------------------------------------------------------------


def _levels_tile_0_to_100(p: Profile, q: Questionnaire | None) -> Findings:
    """Level bands tile 0..100 without gaps or overlaps."""
    expected = 0.0
    for i, band in enumerate(p.levels):
        yield from _band_follows(band, expected, ("levels", i))
        expected = max(expected, band.to)
    if p.levels and expected < 100:
        text = N_("level bands stop at {end}; the last must reach 100")
        yield ("levels",), msg(text, end=f"{expected:g}")


def _band_follows(band: LevelBand, expected: float, loc: Loc) -> Findings:
    """One band: it starts where the bands before it end (`expected`), and ends after that."""
    begins, covered = f"{band.from_:g}", f"{expected:g}"
    if band.to <= band.from_:
        text = N_("level '{id}' ends ({to}) before it starts ({start})")
        yield loc, msg(text, id=band.id, to=f"{band.to:g}", start=begins)
    elif band.from_ > expected:
        text = N_("gap in level bands: nothing covers {start} to {end}")
        yield loc + ("from",), msg(text, start=covered, end=begins)
    elif band.from_ < expected:
        text = N_("level '{id}' overlaps the band before it ({start} < {end})")
        yield loc + ("from",), msg(text, id=band.id, start=begins, end=covered)


def _level_ids_unique(p: Profile, q: Questionnaire | None) -> Findings:
    yield from unique((b.id for b in p.levels), ("levels",), N_("duplicate level id '{id}'"))


def _targets_within_0_to_100(p: Profile, q: Questionnaire | None) -> Findings:
    for dim_id, target in p.targets.items():
        if not 0 <= target <= 100:
            text = N_("target {target} is outside 0-100")
            yield ("targets", dim_id), msg(text, target=f"{target:g}")


def _also_possible_after_cap(p: Profile, q: Questionnaire | None) -> Findings:
    if p.max_also_possible is not None and p.max_recommendations is None:
        text = N_("'max_also_possible' needs 'max_recommendations': also possible after what?")
        yield ("max_also_possible",), msg(text)


def _module_ids_unique(p: Profile, q: Questionnaire | None) -> Findings:
    yield from unique((m.id for m in p.modules), ("modules",), N_("duplicate module id '{id}'"))


_NOT_ITSELF = {
    "prerequisites": N_("module '{id}' cannot be its own prerequisite"),
    "alternatives": N_("module '{id}' cannot be its own alternative"),
}


def _named_modules_known(p: Profile, q: Questionnaire | None) -> Findings:
    """The modules a module names (prerequisites, alternatives): known, and not itself."""
    module_ids = [m.id for m in p.modules]
    for i, module in enumerate(p.modules):
        for field, itself in _NOT_ITSELF.items():
            for j, other in enumerate(getattr(module, field)):
                if other not in module_ids:
                    text = N_("unknown module '{id}'{hint}")
                    hint = suggest(other, module_ids)
                    yield ("modules", i, field, j), msg(text, id=other, hint=hint)
                elif other == module.id:
                    yield ("modules", i, field, j), msg(itself, id=module.id)


def _trigger_has_one_kind(p: Profile, i: int, module: Module) -> Findings:
    """Exactly one kind of trigger: min_gap on the dimensions, or items with below."""
    trigger, loc = module.trigger, ("modules", i, "trigger")
    if trigger.on_items and trigger.min_gap is not None:
        text = N_(
            "a trigger takes either 'min_gap' (on the dimensions) or 'items' with 'below', not both"
        )
    elif trigger.on_items and trigger.below is None:
        text = N_("an item trigger needs 'below' (a value of the scale)")
    elif not trigger.on_items and trigger.below is not None:
        text = N_("'below' needs 'items': the items whose mean is compared")
    elif not trigger.on_items and trigger.min_gap is None:
        text = N_("a trigger needs 'min_gap' (on the dimensions) or 'items' with 'below'")
    else:
        return
    yield loc, msg(text)


def uses_v2(p: Profile) -> bool:
    """A profile in format v2: it uses one of the keys that v2 added."""
    return (
        p.anchors is not None
        or p.max_recommendations is not None
        or p.max_also_possible is not None
        or any(
            m.kind != "course"
            or m.alternatives
            or m.trigger.on_items
            or m.trigger.pairs_differ is not None
            for m in p.modules
        )
    )


def _triggers_differ(p: Profile, q: Questionnaire | None) -> Findings:
    """Two modules with the same trigger would always be recommended together."""
    if not uses_v2(p):  # v1 profiles (the bundled ones until 2.0) had such pairs and stay valid
        return
    seen: dict[tuple[object, ...], str] = {}
    for i, module in enumerate(p.modules):
        t = module.trigger
        key = (
            ("items", frozenset(t.items or ()), t.below)
            if t.on_items
            else ("dimensions", frozenset(module.dimensions), t.min_gap, t.match)
        )
        if key in seen:
            text = N_("module '{id}' has the same trigger as module '{other}'")
            yield ("modules", i, "trigger"), msg(text, id=module.id, other=seen[key])
        else:
            seen[key] = module.id


def _prerequisites_without_cycle(p: Profile, q: Questionnaire | None) -> Findings:
    cycle = _prerequisite_cycle(p)
    if cycle:
        index = [m.id for m in p.modules].index(cycle[0])
        text = N_("prerequisites form a cycle: {cycle}")
        yield ("modules", index, "prerequisites"), msg(text, cycle=" -> ".join(cycle + [cycle[0]]))


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


# --- profile: against its questionnaire ------------------------------------------------------


def _of_its_questionnaire(p: Profile, q: Questionnaire | None) -> Findings:
    """The questionnaire given is the profile's; else no check against it runs."""
    if q is not None and p.questionnaire != q.id:
        text = N_("expected questionnaire '{expected}', got '{got}'")
        yield ("questionnaire",), msg(text, expected=p.questionnaire, got=q.id)


class Linked(NamedTuple):
    """A profile with its own questionnaire, for the rules that need both."""

    profile: Profile
    questionnaire: Questionnaire


LinkedRule = Callable[[Linked], Iterable[Finding]]


def _linked(*rules: LinkedRule) -> ProfileRule:
    """Rules that need the profile's own questionnaire: they run only when it is known."""

    def run(p: Profile, q: Questionnaire | None) -> Findings:
        if q is not None and p.questionnaire == q.id:
            for rule in rules:
                yield from rule(Linked(p, q))

    return run


def _profile_texts_translated(linked: Linked) -> Findings:
    p, q = linked
    yield from translated(p.title, q.languages, ("title",))
    yield from translated(p.description, q.languages, ("description",))
    for i, band in enumerate(p.levels):
        yield from translated(band.label, q.languages, ("levels", i, "label"))
        yield from translated(band.description, q.languages, ("levels", i, "description"))


def _targets_name_dimensions(linked: Linked) -> Findings:
    p, q = linked
    dim_ids = [d.id for d in q.dimensions]
    for dim_id in p.targets:
        if dim_id not in dim_ids:
            yield unknown_dimension(("targets", dim_id, AT_KEY), dim_id, dim_ids)


def _every_dimension_targeted(linked: Linked) -> Findings:
    p, q = linked
    for dim in q.dimensions:
        if dim.id not in p.targets:
            yield ("targets", AT_KEY), msg(N_("no target for dimension '{id}'"), id=dim.id)


def _anchors_complete(linked: Linked) -> Findings:
    """Anchors, when given, describe every dimension at every level (and no others)."""
    p, q = linked
    if p.anchors is None:
        return
    dim_ids = [d.id for d in q.dimensions]
    for dim_id, by_level in p.anchors.items():
        if dim_id not in dim_ids:
            yield unknown_dimension(("anchors", dim_id, AT_KEY), dim_id, dim_ids)
        else:
            yield from _dimension_anchors_complete(linked, dim_id, by_level)
    for dim_id in dim_ids:
        if dim_id not in p.anchors:
            yield ("anchors", AT_KEY), msg(N_("no anchors for dimension '{id}'"), id=dim_id)


def _dimension_anchors_complete(
    linked: Linked, dim_id: str, by_level: dict[str, Anchor]
) -> Findings:
    p, q = linked
    level_ids = [b.id for b in p.levels]
    for level_id, anchor in by_level.items():
        if level_id not in level_ids:
            text = N_("unknown level '{id}'{hint}")
            hint = suggest(level_id, level_ids)
            yield ("anchors", dim_id, level_id, AT_KEY), msg(text, id=level_id, hint=hint)
        elif isinstance(anchor, dict):
            yield from translated(anchor, q.languages, ("anchors", dim_id, level_id))
        else:
            for j, sentence in enumerate(anchor):
                yield from _anchor_sentence(q, dim_id, ("anchors", dim_id, level_id, j), sentence)
    for level_id in level_ids:
        if level_id not in by_level:
            text = N_("no anchor for level '{level}' of dimension '{id}'")
            yield ("anchors", dim_id, AT_KEY), msg(text, level=level_id, id=dim_id)


def _anchor_sentence(q: Questionnaire, dim_id: str, loc: Loc, sentence: AnchorSentence) -> Findings:
    """A linked sentence is translated and speaks of items of its own dimension: only their
    answers can bear it out."""
    yield from translated(sentence.text, q.languages, (*loc, "text"))
    items = {it.id: it for it in q.items}
    for k, item_id in enumerate(sentence.items):
        item = items.get(item_id)
        if item is None:
            text = N_("'{item}' is not an item of questionnaire '{id}'{hint}")
            hint = suggest(item_id, items)
            yield (*loc, "items", k), msg(text, item=item_id, id=q.id, hint=hint)
        elif item.dimension != dim_id:
            text = N_("'{item}' belongs to dimension '{other}', not to '{id}'")
            yield (*loc, "items", k), msg(text, item=item_id, other=item.dimension, id=dim_id)
        elif item.premise:
            # rejected by everyone who never met its situation (docs/scoring.md §8)
            text = N_(
                "'{item}' begins with a situation not everyone meets ('premise'): "
                "no anchor sentence may rest on it"
            )
            yield (*loc, "items", k), msg(text, item=item_id)


def _module_translated(linked: Linked, i: int, module: Module) -> Findings:
    languages = linked.questionnaire.languages
    for field in ("title", "content", "target_group"):
        yield from translated(getattr(module, field), languages, ("modules", i, field))


def _module_dimensions_known(linked: Linked, i: int, module: Module) -> Findings:
    dim_ids = [d.id for d in linked.questionnaire.dimensions]
    for j, dim_id in enumerate(module.dimensions):
        if dim_id not in dim_ids:
            yield unknown_dimension(("modules", i, "dimensions", j), dim_id, dim_ids)


def _trigger_items_known(linked: Linked, i: int, module: Module) -> Findings:
    q = linked.questionnaire
    if not module.trigger.on_items:
        return
    item_ids = [it.id for it in q.items]
    for j, item_id in enumerate(module.trigger.items or []):
        if item_id not in item_ids:
            text = N_("'{item}' is not an item of questionnaire '{id}'{hint}")
            hint = suggest(item_id, item_ids)
            yield ("modules", i, "trigger", "items", j), msg(text, item=item_id, id=q.id, hint=hint)


def _trigger_below_on_scale(linked: Linked, i: int, module: Module) -> Findings:
    """An item trigger's `below` lies in the scale: some answers trigger it, not all."""
    q = linked.questionnaire
    below, loc = module.trigger.below, ("modules", i, "trigger", "below")
    if not module.trigger.on_items or below is None:
        return
    if below <= q.scale.min:
        text = N_(
            "module '{id}' can never be recommended: no mean is below {below}, "
            "the lowest value of the scale is {low}"
        )
        yield loc, msg(text, id=module.id, below=f"{below:g}", low=q.scale.min)
    elif below > q.scale.max:
        text = N_(
            "below {below} is above the scale's highest value {high}: every "
            "answer would recommend '{id}'"
        )
        yield loc, msg(text, below=f"{below:g}", high=q.scale.max, id=module.id)


def _min_gap_reachable(linked: Linked, i: int, module: Module) -> Findings:
    p = linked.profile
    trigger = module.trigger
    known = all(d in p.targets for d in module.dimensions)  # else reported already
    if trigger.on_items or not known or trigger.min_gap is None or module_can_trigger(module, p):
        return
    text = (
        N_(
            "module '{id}' can never be recommended: min_gap {min_gap} is "
            "larger than the largest possible gap (the target) of every "
            "dimension it addresses"
        )
        if trigger.match == "any"
        else N_(
            "module '{id}' can never be recommended: min_gap {min_gap} is "
            "larger than the largest possible gap (the target) of some "
            "dimension it addresses"
        )
    )
    loc = ("modules", i, "trigger", "min_gap")
    yield loc, msg(text, id=module.id, min_gap=f"{trigger.min_gap:g}")


def module_can_trigger(module: Module, profile: Profile) -> bool:
    """The largest possible gap on a dimension is its target (a score of 0 percent).
    (Item triggers are checked against the scale in _trigger_below_on_scale.)"""
    if module.trigger.min_gap is None:
        return True
    reachable = [profile.targets.get(d, 0) >= module.trigger.min_gap for d in module.dimensions]
    return any(reachable) if module.trigger.match == "any" else all(reachable)


def _alone(rule: Callable[[Profile], Findings]) -> ProfileRule:
    return lambda p, q: rule(p)


RULES: tuple[ProfileRule, ...] = (
    _levels_tile_0_to_100,
    _level_ids_unique,
    _targets_within_0_to_100,
    _also_possible_after_cap,
    _module_ids_unique,
    _named_modules_known,
    _alone(each(lambda p: p.modules, _trigger_has_one_kind)),
    _triggers_differ,
    _prerequisites_without_cycle,
    _of_its_questionnaire,
    _linked(
        _profile_texts_translated,
        _targets_name_dimensions,
        _every_dimension_targeted,
        _anchors_complete,
        each(
            lambda linked: linked.profile.modules,
            _module_translated,
            _module_dimensions_known,
            _trigger_items_known,
            _trigger_below_on_scale,
            _min_gap_reachable,
        ),
    ),
)
