"""The process's start: what the console script settles before anything is imported
(docs/performance.md, "Where one person waits").

- **One BLAS thread.** numpy's OpenBLAS starts a thread per core on import, and they spin
  while they wait for work: for a person's report that was a third of the CPU the run took,
  and no computation of this tool is large enough to share (the largest, a cohort's sums of
  products, is 50 × 50 per chunk; a batch parallelises in processes, which inherit this).
  A value the user set is kept.
- **No search for pydantic plugins.** pydantic looks for plugins among the entry points of
  every installed distribution when it builds a model's validator; the tool uses none, and
  the search read the metadata of the whole environment on every start. A value the user
  set is kept.
- **No garbage collection while the program starts.** Importing the libraries and reading
  the catalogue leave tens of thousands of objects, none of them garbage, and the cyclic
  collector walked them again and again (a tenth of a report's CPU). It is paused in
  `begin` and resumed in `started`, once the catalogue is loaded (by `validate`, which reads
  none, once its modules are), with everything made so far frozen: later collections, in a
  long batch too, skip what lives until the end anyway.
"""

from __future__ import annotations

import gc
import os

_paused: list[bool] = []


def begin() -> None:
    """Called first by the console script."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if gc.isenabled():
        gc.disable()
        _paused.append(True)


def started() -> None:
    """The start is over (the catalogue is loaded): the collector runs again, on what is
    made from now on."""
    if _paused:
        _paused.clear()
        gc.freeze()
        gc.enable()
