"""The story's period: the days its documents were published, less stragglers.

A folder gathered for one story often holds a document or two dated far from the rest:
a page whose "updated" stamp is years later, an old article kept for reference, a date
read wrongly from the text.  Taken at face value, one such date stretches the window
every section measures against: the timeline's key dates and the end of the story, the
bottom line's "latest" reports.  A straggler is a document separated from the bulk of
the corpus by a long empty gap, on a side that holds only a few documents.  Its dates
stay in the brief; it just does not say when the story is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

MIN_DOCS = 10  # a smaller corpus has no bulk to measure stragglers against
CORE = (0.1, 0.9)  # the bulk: the documents between these shares of the date order
GAP_DAYS = 60  # a straggler lies beyond an empty gap at least this long …
GAP_SPAN = 2.0  # … and this many times the bulk's own span
MAX_SHARE = 0.05  # stragglers are at most this share of the documents on each side


def story_period(dates: Iterable[dt.date]) -> tuple[dt.date, dt.date] | None:
    """First and last publication day of the story's documents, stragglers left out
    (None without dates)."""
    ds = sorted(dates)
    if not ds:
        return None
    n = len(ds)
    if n < MIN_DOCS:
        return ds[0], ds[-1]
    lo, hi = ds[int(CORE[0] * (n - 1))], ds[int(CORE[1] * (n - 1))]
    gap = max(dt.timedelta(days=GAP_DAYS), GAP_SPAN * (hi - lo))
    most = max(1, int(MAX_SHARE * n))
    first = ds.index(lo)
    while first > 0 and ds[first] - ds[first - 1] <= gap:
        first -= 1
    if first > most:
        first = 0  # many documents beyond the gap: an earlier phase of the story
    last = n - 1 - ds[::-1].index(hi)
    while last < n - 1 and ds[last + 1] - ds[last] <= gap:
        last += 1
    if n - 1 - last > most:
        last = n - 1
    return ds[first], ds[last]
