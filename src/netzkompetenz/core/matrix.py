"""Scoring a matrix of answer codes (one row per person) with the rules of core/rules.py.

This is the one scorer: a batch scores thousands of rows at once, and `scoring.score` scores
one person as a matrix of one row. Answer codes are described in core/rules.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

import numpy as np

from netzkompetenz.core import rules
from netzkompetenz.core.model import (
    CANNOT_JUDGE,
    NOT_APPLICABLE,
    AnswerValue,
    Condition,
    Profile,
    Questionnaire,
)
from netzkompetenz.core.rules import CANNOT_JUDGE as CANNOT  # noqa: F401  (batch uses it)
from netzkompetenz.core.rules import NOT_APPLICABLE as NOT_APPLICABLE_CODE
from netzkompetenz.core.rules import UNANSWERED  # noqa: F401


@dataclass
class Scores:
    """Scores of m respondents over D dimensions (arrays are m x D unless said)."""

    scorer: MatrixScorer  # the questionnaire and profile these rows were scored against
    applicable: np.ndarray  # int: items asked and not "not applicable"
    answered: np.ndarray  # int
    cannot_judge: np.ndarray  # int
    not_applicable: np.ndarray  # int
    premise_rejected: np.ndarray  # int: `premise` reversals answered at the scale's bottom
    enough: np.ndarray  # bool
    mean: np.ndarray  # float, nan = not enough answers
    percent: np.ndarray
    gap: np.ndarray
    level: np.ndarray  # index into profile.levels, -1 = none
    item_scored: np.ndarray  # m x items: value after reverse keying, nan = not answered/asked
    item_cannot: np.ndarray  # m x items, bool: asked and "cannot judge"
    item_not_applicable: np.ndarray  # m x items, bool: asked and "not applicable"
    # m x items, bool: a `premise` reversal answered at the scale's bottom: "the situation
    # never arose" and "I do not act so" read alike, so it is not scored (docs/scoring.md §1)
    item_premise_rejected: np.ndarray
    modules: list[tuple[int, ...]]  # per row: indices into profile.modules, in final order
    most_important: np.ndarray  # m, int: the first so many of `modules` (max_recommendations)
    recommended: np.ndarray  # m x modules, bool
    module_gap: np.ndarray  # m x modules: largest gap that triggered it (nan = not)

    def __len__(self) -> int:
        return len(self.modules)

    def take(self, rows: list[int]) -> Scores:
        """The given rows only."""
        return Scores(
            **{
                f.name: getattr(self, f.name)[rows]
                for f in fields(self)
                if f.name not in ("modules", "scorer")
            },
            scorer=self.scorer,
            modules=[self.modules[i] for i in rows],
        )


class AnswerCodes:
    """A questionnaire's answers as codes: encoding, decoding, and which items are asked."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        q = questionnaire
        self.questionnaire = q
        self.low, self.high = q.scale.min, q.scale.max
        self.point_values = [pt.value for pt in q.scale.points]
        # value by code + 2: [not applicable, cannot judge, unanswered, point 1, ...]
        self._value_of_code = np.array([np.nan] * 3 + self.point_values, dtype=float)
        index = {item.id: n for n, item in enumerate(q.items)}
        self.item_ids = [item.id for item in q.items]
        self.context_ids = [c.id for c in q.context]
        self._options = [[o.id for o in c.options] for c in q.context]
        self._option_codes = [{o: k + 1 for k, o in enumerate(opts)} for opts in self._options]
        self._conditions = [self._condition(item.condition, index) for item in q.items]
        self.reverse = np.array([item.reverse for item in q.items])
        self.premise = np.array([item.premise for item in q.items])

    def _condition(
        self, cond: Condition | None, index: dict[str, int]
    ) -> rules.OnItem | rules.OnContext | None:
        if cond is None:
            return None
        if cond.context is not None:
            c = self.context_ids.index(cond.context)
            options = self._options[c]
            return rules.OnContext(
                c, tuple(options.index(o) + 1 for o in cond.in_ or () if o in options)
            )
        assert cond.item is not None  # not on context: on an item (the model checks it)
        return rules.OnItem(
            index[cond.item],
            -np.inf if cond.min is None else cond.min,
            np.inf if cond.max is None else cond.max,
        )

    def value(self, codes: np.ndarray) -> np.ndarray:
        """The scale value of each code (nan: no scale value)."""
        return self._value_of_code[codes.astype(np.int64) + 2]

    def asked(self, codes: np.ndarray, context: np.ndarray | None = None) -> np.ndarray:
        if context is None:
            context = np.zeros((codes.shape[0], len(self.context_ids)), dtype=np.int8)
        return rules.asked(codes > 0, self.value(codes), context, self._conditions)

    def encode(self, values: Mapping[str, AnswerValue]) -> np.ndarray:
        """One person's answers as a row of codes (1 x items). Values must have been
        checked (answers.check_values); another value is an error here."""
        code_of = {v: k + 1 for k, v in enumerate(self.point_values)}
        row = np.zeros((1, len(self.item_ids)), dtype=np.int8)
        for j, item_id in enumerate(self.item_ids):
            value = values.get(item_id)
            if value is None:
                continue
            if value == CANNOT_JUDGE:
                row[0, j] = CANNOT
            elif value == NOT_APPLICABLE:
                row[0, j] = NOT_APPLICABLE_CODE
            elif isinstance(value, int) and not isinstance(value, bool) and value in code_of:
                row[0, j] = code_of[value]
            else:
                raise ValueError(f"item '{item_id}': {value!r} is not an answer on the scale")
        return row

    def encode_context(self, context: Mapping[str, str] | None) -> np.ndarray:
        """Context answers as a row of option codes; an answer that is not an option of
        its question counts as unanswered (it never opens an item)."""
        return self.encode_contexts([context or {}])

    def encode_contexts(self, contexts: Sequence[Mapping[str, str]]) -> np.ndarray:
        """The context answers of m people as m x context questions option codes."""
        codes = self._option_codes
        return np.array(
            [
                [codes[c].get(ctx.get(q, ""), 0) for c, q in enumerate(self.context_ids)]
                for ctx in contexts
            ],
            dtype=np.int8,
        ).reshape(len(contexts), len(self.context_ids))

    def unknown_context(self, codes: np.ndarray, context: np.ndarray) -> list[tuple[int, int, str]]:
        """Answers that are not scored because the context question their item depends on
        is unanswered: (row, item, context question id), in row order. An answer whose
        context is known but does not open its item is simply not asked (docs/scoring.md)."""
        found: list[tuple[int, int, str]] = []
        for j, cond in enumerate(self._conditions):
            if isinstance(cond, rules.OnContext):
                lost = (context[:, cond.question] == 0) & (codes[:, j] != 0)
                found += [
                    (i, j, self.context_ids[cond.question]) for i in np.flatnonzero(lost).tolist()
                ]
        return sorted(found)

    def values(self, codes_row: np.ndarray) -> dict[str, AnswerValue]:
        """The answers of one row as an answers file holds them."""
        out: dict[str, AnswerValue] = {}
        for item_id, code in zip(self.item_ids, codes_row.tolist(), strict=True):
            if code == CANNOT:
                out[item_id] = CANNOT_JUDGE
            elif code == NOT_APPLICABLE_CODE:
                out[item_id] = NOT_APPLICABLE
            elif code > 0:
                out[item_id] = self.point_values[code - 1]
        return out

    def context_values(self, context_row: np.ndarray) -> dict[str, str]:
        return {
            q: self._options[c][code - 1]
            for c, (q, code) in enumerate(zip(self.context_ids, context_row.tolist(), strict=True))
            if code > 0
        }


class MatrixScorer:
    """The questionnaire and profile compiled into arrays, once; `score` applies the rules."""

    def __init__(self, questionnaire: Questionnaire, profile: Profile) -> None:
        q, p = questionnaire, profile
        self.questionnaire, self.profile = q, p
        self.answer_codes = codes = AnswerCodes(q)
        self.low, self.high = codes.low, codes.high
        self.point_values = codes.point_values
        self.item_ids = codes.item_ids
        self.context_ids = codes.context_ids
        self.encode, self.encode_context = codes.encode, codes.encode_context
        self.values, self.context_values = codes.values, codes.context_values
        index = {item.id: n for n, item in enumerate(q.items)}
        self._weights = [item.weight for item in q.items]
        self._item_id_rank = np.argsort(np.argsort(self.item_ids))
        self.dimension_ids = [d.id for d in q.dimensions]
        self.dimension_items = [[index[i.id] for i in q.items_of(d)] for d in self.dimension_ids]
        self._item_dimension = np.empty(len(q.items), dtype=np.int64)
        for d, items in enumerate(self.dimension_items):
            self._item_dimension[items] = d
        self.targets = np.array([p.targets.get(d, 0.0) for d in self.dimension_ids])
        self.target_on_scale = [
            rules.percent_to_scale(t, self.low, self.high) for t in self.targets.tolist()
        ]
        self._bands = [(b.from_, b.to) for b in p.levels]
        dim_index = {d: n for n, d in enumerate(self.dimension_ids)}
        self.module_dimensions = [
            [dim_index[d] for d in m.dimensions if d in dim_index] for m in p.modules
        ]
        self.trigger_items = [
            None
            if not m.trigger.on_items
            else [index[i] for i in m.trigger.items or () if i in index]
            for m in p.modules
        ]
        self._priority = np.array([m.priority for m in p.modules], dtype=float)
        module_index = {m.id: k for k, m in enumerate(p.modules)}
        self._prerequisites = [
            [module_index[x] for x in m.prerequisites if x in module_index] for m in p.modules
        ]
        self._placed: dict[bytes, tuple[int, ...]] = {}

    # --- scores --------------------------------------------------------------------------

    def score(self, codes: np.ndarray, context: np.ndarray | None = None) -> Scores:
        """`codes`: m x items answer codes; `context`: m x context questions option codes
        (None: no context answers)."""
        m = codes.shape[0]
        value = self.answer_codes.value(codes)
        given = codes > 0
        asked = self.answer_codes.asked(codes, context)
        answered = asked & given
        premise_rejected = answered & rules.premise_rejected(
            value, self.answer_codes.premise, self.low
        )
        any_premise_rejected = bool(premise_rejected.any())
        answered &= ~premise_rejected
        scored = np.where(
            answered,
            rules.reverse_keyed(value, self.answer_codes.reverse, self.low, self.high),
            np.nan,
        )
        cannot = asked & (codes == CANNOT)
        not_applicable = asked & (codes == NOT_APPLICABLE_CODE)
        any_not_applicable = bool(not_applicable.any())  # v1 data: skip counting zeros

        shape = (m, len(self.dimension_ids))
        applicable = np.zeros(shape, dtype=np.int64)
        n_answered = np.zeros(shape, dtype=np.int64)
        n_cannot = np.zeros(shape, dtype=np.int64)
        n_not_applicable = np.zeros(shape, dtype=np.int64)
        n_premise_rejected = np.zeros(shape, dtype=np.int64)
        mean = np.full(shape, np.nan)
        percent = np.full(shape, np.nan)
        enough = np.zeros(shape, dtype=bool)
        for d, items in enumerate(self.dimension_items):
            weighted, total = rules.weighted_sums(scored, answered, items, self._weights)
            if any_not_applicable:
                n_not_applicable[:, d] = not_applicable[:, items].sum(axis=1)
            if any_premise_rejected:
                n_premise_rejected[:, d] = premise_rejected[:, items].sum(axis=1)
            applicable[:, d] = (
                asked[:, items].sum(axis=1) - n_not_applicable[:, d] - n_premise_rejected[:, d]
            )
            n_answered[:, d] = answered[:, items].sum(axis=1)
            n_cannot[:, d] = cannot[:, items].sum(axis=1)
            ok = rules.enough_answers(
                n_answered[:, d],
                applicable[:, d],
                self.questionnaire.min_coverage,
                self.questionnaire.min_answered,
            )
            enough[:, d] = ok
            with np.errstate(invalid="ignore", divide="ignore"):
                mean[:, d] = np.where(ok, weighted / total, np.nan)
            percent[:, d] = np.where(
                ok, rules.percent_of_sums(weighted, total, self.low, self.high), np.nan
            )
        gap = self.targets - percent
        level = rules.level_index(percent, enough, self._bands)
        recommended, module_gap = self._recommend(enough, gap, scored)
        modules = self._rank(recommended, module_gap)
        if self.profile.max_also_possible is not None:
            # modules beyond the short list are not recommended to this person
            listed = np.zeros_like(recommended)
            for i, ranked in enumerate(modules):
                listed[i, list(ranked)] = True
            recommended = listed
            module_gap = np.where(listed, module_gap, np.nan)
        count = recommended.sum(axis=1)
        return Scores(
            scorer=self,
            applicable=applicable,
            answered=n_answered,
            cannot_judge=n_cannot,
            not_applicable=n_not_applicable,
            premise_rejected=n_premise_rejected,
            enough=enough,
            mean=mean,
            percent=percent,
            gap=gap,
            level=level,
            item_scored=scored,
            item_cannot=cannot,
            item_not_applicable=not_applicable,
            item_premise_rejected=premise_rejected,
            modules=modules,
            most_important=rules.most_important(count, self.profile.max_recommendations),
            recommended=recommended,
            module_gap=module_gap,
        )

    def _recommend(
        self, enough: np.ndarray, gap: np.ndarray, scored: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        m = enough.shape[0]
        n_modules = len(self.profile.modules)
        recommended = np.zeros((m, n_modules), dtype=bool)
        largest = np.full((m, n_modules), np.nan)
        for k in range(n_modules):
            if self.trigger_items[k] is not None:
                found = self.item_trigger(scored, enough, k)
                recommended[:, k] = found.hit
                largest[:, k] = np.where(found.hit, found.gap, np.nan)
            else:
                dims = self.module_dimensions[k]
                hits = self.dimension_hits(enough, gap, k)
                recommended[:, k], largest[:, k] = rules.dimension_trigger(
                    hits, gap[:, dims], self.profile.modules[k].trigger.match == "all"
                )
        return recommended, largest

    def dimension_hits(self, enough: np.ndarray, gap: np.ndarray, k: int) -> np.ndarray:
        """Which of module k's dimensions reach its min_gap (rows x its dimensions)."""
        dims = self.module_dimensions[k]
        min_gap = self.profile.modules[k].trigger.min_gap
        assert min_gap is not None  # a trigger on the dimensions has one (the model checks it)
        return rules.dimension_hits(enough[:, dims], gap[:, dims], min_gap)

    def counted_for_triggers(self, scored: np.ndarray, enough: np.ndarray) -> np.ndarray:
        """The answers an item trigger may count: answered, in a dimension with enough
        answers (an answer in a dimension shown as "not enough answers" recommends nothing)."""
        counted: np.ndarray = ~np.isnan(scored) & enough[:, self._item_dimension]
        return counted

    def item_trigger(self, scored: np.ndarray, enough: np.ndarray, k: int) -> rules.ItemTrigger:
        """Module k's item trigger for rows of item scores and their dimensions' coverage."""
        trigger = self.profile.modules[k].trigger
        assert trigger.below is not None  # an item-level trigger has one (the model checks it)
        counted = self.counted_for_triggers(scored, enough)
        return rules.item_trigger(
            scored, counted, self.trigger_items[k] or [], trigger.below, self.low, self.high
        )

    def _rank(self, recommended: np.ndarray, largest: np.ndarray) -> list[tuple[int, ...]]:
        """The final order of each row's modules (rules.rank, then prerequisites first)."""
        m, n_modules = recommended.shape
        if n_modules == 0:
            return [()] * m
        order = rules.rank(recommended, largest, self._priority)
        order = order.astype(np.int16)
        counts = recommended.sum(axis=1)
        order[np.arange(n_modules) >= counts[:, None]] = -1  # not recommended
        # Few distinct rankings: each is put in final order once (and remembered).
        rankings = (
            np.ascontiguousarray(order)
            .view(np.dtype((np.void, order.itemsize * n_modules)))
            .ravel()
        )
        distinct, which = np.unique(rankings, return_inverse=True)
        placed = self._placed
        final = np.empty(len(distinct), dtype=object)
        for n, ranking in enumerate(distinct.tolist()):
            found = placed.get(ranking)
            if found is None:
                ranked = [k for k in np.frombuffer(ranking, dtype=np.int16).tolist() if k >= 0]
                found = placed[ranking] = rules.listed(
                    rules.prerequisites_first(ranked, self._prerequisites),
                    self.profile.max_recommendations,
                    self.profile.max_also_possible,
                )
            final[n] = found
        ranked_rows: list[tuple[int, ...]] = final[which.ravel()].tolist()
        return ranked_rows

    # --- reasons, read back by scoring.result_of and the JSON writer ----------------------

    def low_items(
        self, s: Scores, d: int, rows: np.ndarray
    ) -> tuple[list[int], list[list[int]], list[int]]:
        """Dimension d's items that pulled its score down, for the given rows: the
        dimension's items, and per row positions in that list, lowest first, ties by id
        (the first `count` of them). Positions, not ids: a batch formats them per row."""
        items = self.dimension_items[d]
        values = s.item_scored[np.ix_(rows, np.asarray(items))]
        order, count = rules.lowest_first(
            values, rules.below_target(values, self.target_on_scale[d]), self._item_id_rank[items]
        )
        return items, order.tolist(), count.tolist()

    def trigger_items_of(
        self, s: Scores, k: int, rows: np.ndarray
    ) -> tuple[list[int], list[list[int]], list[int]]:
        """Module k's listed items that were answered, as low_items gives them."""
        items = self.trigger_items[k] or []
        counted = self.counted_for_triggers(s.item_scored[rows], s.enough[rows])
        values = np.where(counted, s.item_scored[rows], np.nan)[:, np.asarray(items)]
        order, count = rules.lowest_first(values, ~np.isnan(values), self._item_id_rank[items])
        return items, order.tolist(), count.tolist()
