"""The prefix-filtering join finds exactly the pairs a full comparison finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.extract.similarity import jaccard, jaccard_pairs

word_sets = st.lists(
    st.frozensets(st.sampled_from("abcdefghij"), min_size=0, max_size=7), max_size=25
)


@settings(max_examples=200, deadline=None)
@given(word_sets, st.sampled_from([0.3, 0.5, 0.75, 1.0]), st.integers(1, 4))
def test_join_equals_brute_force(sets, threshold, min_shared):
    brute = {
        (i, j)
        for i in range(len(sets))
        for j in range(i + 1, len(sets))
        if sets[i]
        and sets[j]
        and len(sets[i] & sets[j]) >= min_shared
        and jaccard(sets[i], sets[j]) >= threshold
    }
    found = {(i, j) for i, j, _ in jaccard_pairs(sets, threshold, min_shared)}
    assert found == brute
