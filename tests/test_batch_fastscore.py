"""Many rows at once give exactly what one row at a time (scoring.score) gives, on random
answers: the rows of a matrix never mix, and results.jsonl lines parse to the results."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from helpers import FIXTURES
from netzkompetenz.core.matrix import MatrixScorer
from netzkompetenz.core.scoring import score
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.resultjson import result_lines, result_to_dict


def random_codes(rng: random.Random, rows: int, items: int, points: int) -> np.ndarray:
    """Answers of every kind: all codes, many blanks and "cannot judge" in some rows."""
    out = np.zeros((rows, items), dtype=np.int8)
    for r in range(rows):
        blank, cannot = rng.choice([(0, 0), (0.1, 0.05), (0.5, 0.2), (0.9, 0.05)])
        for j in range(items):
            x = rng.random()
            out[r, j] = 0 if x < blank else -1 if x < blank + cannot else rng.randint(1, points)
    return out


@pytest.mark.parametrize(
    "data,profile_id", [("mini", "mini-coordinator"), ("exports/wide", "wide-coordinator")]
)
def test_matrix_scores_equal_scoring_score(data: str, profile_id: str) -> None:
    catalog = Catalog.load([FIXTURES / data])
    profile = catalog.profile(profile_id)
    questionnaire = catalog.questionnaire_of(profile)
    scorer = MatrixScorer(questionnaire, profile)
    codes = random_codes(
        random.Random(7), 600, len(questionnaire.items), len(questionnaire.scale.points)
    )
    scores = scorer.score(codes)
    recommended_somewhere = 0
    lines = result_lines(scores, [f'{{"row": {i}, ' for i in range(len(codes))])
    for i in range(len(codes)):
        values = scorer.values(codes[i])
        expected = result_to_dict(score(questionnaire, profile, values))
        assert lines[i].endswith("\n") and "\n" not in lines[i][:-1]
        assert json.loads(lines[i]) == {"row": i, **expected}, (i, values)
        full = score(questionnaire, profile, values)
        for d, dim in enumerate(full.dimensions):  # unrounded, bit for bit
            assert (dim.mean is None) == (not scores.enough[i, d])
            if dim.mean is not None:
                assert scores.mean[i, d] == dim.mean and scores.percent[i, d] == dim.percent
        ids = [profile.modules[k].id for k in scores.modules[i]]
        assert ids == [r.module for r in full.recommendations]
        recommended_somewhere += bool(ids)
    assert recommended_somewhere > 50  # the test covered ranking, not only empty lists
