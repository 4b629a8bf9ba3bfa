"""Fast prefilters (trigger strings checked before a slow pattern) never change the answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefgen.extract.questions import cues as cues

# words of every furniture pattern, and ordinary ones, in any case
WORDS = (
    "do did have are would will can could should you your inbox email thoughts enjoying this our "
    "subscribe subscription subscribers newsletter newsletters sign up in log login click here "
    "read more find out about learn follow us share article story originally appeared related "
    "posts articles stories books from see also all rights reserved copyright advertisement "
    "leave a reply comment get the answers curated content why trust photograph photo photos "
    "picture image video graphic graphics minister said talks would continue on monday"
).split()
word = st.sampled_from(WORDS).map(lambda w: w.upper() if len(w) % 3 == 0 else w.capitalize() if len(w) % 2 else w)
sep = st.sampled_from([" ", "  ", ": ", ", ", " - ", "\n"])


@given(st.lists(st.tuples(word, sep), min_size=1, max_size=12))
def test_the_prefilter_agrees_with_the_patterns(parts):
    text = "".join(w + s for w, s in parts)
    assert cues.is_furniture(text) == bool(cues.FURNITURE_RE.search(text))


def test_every_furniture_pattern_holds_a_trigger():
    examples = [
        "Would you like to know more?", "Check your inbox", "Enjoying this story?",
        "Subscribe today", "Our newsletter", "Sign up now", "Log in", "Click here",
        "Read more", "Find out more", "Learn more", "Follow us", "Share this",
        "This article originally appeared", "Related stories", "More from the desk",
        "See also", "All rights reserved", "Copyright 2024", "Advertisement",
        "Leave a reply", "Get the answers", "Curated content", "Why you can trust us",
        "Photo: Reuters", "Graphics: staff",
    ]
    for text in examples:
        assert cues.FURNITURE_RE.search(text), text
        assert cues.is_furniture(text), text


LINE_WORDS = (
    "© copyright all rights reserved photo photos photograph picture image images by file getty "
    "ap updated published posted last modified 12:30 the minister said talks would continue"
).split()
line_word = st.sampled_from(LINE_WORDS).map(lambda w: w.title() if len(w) % 2 else w)
line_sep = st.sampled_from([" ", ": ", "/", " (", ") ", "  "])


@given(st.lists(st.tuples(line_word, line_sep), max_size=10))
def test_the_non_event_line_prefilter_agrees_with_the_pattern(parts):
    from briefgen.extract.timeline import _NON_EVENT_LINE, _NON_EVENT_TRIGGERS, _non_event_line

    line = "".join(w + s for w, s in parts)
    matches = bool(_NON_EVENT_LINE.search(line))
    # the trigger words never hide a match of the pattern ...
    assert (any(t in line.lower() for t in _NON_EVENT_TRIGGERS) and matches) == matches
    # ... and a line the pattern matches is a non-event line (the junk rules may add more)
    assert not matches or _non_event_line(line)
