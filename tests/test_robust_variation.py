"""Realistic variation: what real corpora do to the same story, built end to end.

Byte-level fuzzing never writes "World Health Organisation" in one article and
"World Health Organization (WHO)" in the next; this test does.  From a few small
article texts it draws corpora with British and American spellings, acronyms introduced
or not, a name misspelt in one copy, titles and honorifics, duplicate and truncated
copies, shuffled order, texts with no sentence, one giant sentence, unicode quotes and
dashes, a 5,000-digit number, and corpora that are empty once duplicates are removed.
Every build must end with a brief (HTML and JSON), or with one ``BriefgenError`` of one
line that names the corpus or a document: never another exception.

Profiles (tests/conftest.py): the default runs a handful of examples; the long run is
``HYPOTHESIS_PROFILE=slow python -m pytest tests/test_robust_variation.py`` (2,000).
The names below are invented.
"""

from __future__ import annotations

import datetime as dt
import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.config import BriefConfig
from briefgen.errors import BriefgenError

pytestmark = pytest.mark.slow

SLOW = os.environ.get("HYPOTHESIS_PROFILE") == "slow"
EXAMPLES = int(os.environ.get("VARIATION_EXAMPLES", "2000" if SLOW else "6"))
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

# (British, American) pairs as they appear in news copy
SPELLINGS = [
    ("Organisation", "Organization"),
    ("defence", "defense"),
    ("programme", "program"),
    ("centre", "center"),
    ("labour", "labor"),
    ("authorised", "authorized"),
]
ORG = "Northern Rivers Water {Organisation}"
ACRONYM = "NRWO"
PERSON = ("Alana", "Petrovska")
MISSPELT = ["Alanna Petrovska", "Alana Petrovsca", "Alana Petroska"]
TITLES = ["", "Dr ", "Dr. ", "Mrs ", "Minister ", "Director-General ", "Professor "]

STORY = [
    (
        "The {org} said on Monday that its flood {defence} {programme} would be {authorised} "
        "by the regional council next week."
    ),
    (
        '"We will not wait for another flood," said {title}{person}, who leads the {org_short}, '
        "at a briefing in the river {centre}."
    ),
    "Critics from the {labour} union said the {programme} was late and asked who would pay for it.",
    "{title}{person} met the council on Tuesday; the {org_short} will publish its costs on 3 March.",
    "It is not clear whether the council will approve the plan before the spring floods.",
]


def render_article(
    american: bool, acronym: str, title: str, person: str, sentences: list[int]
) -> str:
    """One article of the story: spelling, how the organisation is named, the title."""
    words = {b.lower(): (a if american else b).lower() for b, a in SPELLINGS}
    org_full = ORG.format(Organisation="Organization" if american else "Organisation")
    # introduced in brackets; implied (full name first, the acronym alone later); the
    # acronym only; the full name only
    org_first = {"introduced": f"{org_full} ({ACRONYM})", "implied": org_full, "bare": ACRONYM,
                 "full": org_full}[acronym]
    values = {
        **words,
        "org": org_first,
        "org_short": org_full if acronym == "full" else ACRONYM,
        "title": title,
        "person": person,
    }
    return "\n\n".join(STORY[i].format(**values) for i in sentences) + "\n"


def to_unicode(text: str) -> str:
    """Typographic quotes and dashes, as many outlets print them."""
    out, open_quote = [], True
    for ch in text:
        if ch == '"':
            out.append("\u201c" if open_quote else "\u201d")
            open_quote = not open_quote
        else:
            out.append(ch)
    return "".join(out).replace("'", "\u2019").replace(" - ", " \u2014 ").replace("-", "\u2010")


def no_sentences(text: str) -> str:
    """Headline-style fragments: no final stop anywhere."""
    return "\n".join(line.rstrip(".;") for line in text.replace(". ", "\n").splitlines() if line)


def one_giant_sentence(text: str, repeat: int) -> str:
    body = " ".join(text.split()).replace(". ", ", and ").rstrip(".")
    return ", and ".join([body] * repeat) + "."


@st.composite
def corpora(draw: st.DrawFn) -> list[tuple[str, str]]:
    """A small corpus of (file name, text) pairs of one story, varied as real copy is."""
    n = draw(st.integers(1, 5))
    person = " ".join(PERSON)
    misspelt_in = draw(st.one_of(st.none(), st.integers(0, n - 1)))
    docs: list[str] = []
    for i in range(n):
        rest = draw(st.lists(st.integers(1, len(STORY) - 1), max_size=4, unique=True))
        sentences = [0, *rest] if draw(st.integers(0, 3)) else rest or [0]  # the lead first, mostly
        name = draw(st.sampled_from(MISSPELT)) if i == misspelt_in else person
        text = render_article(
            american=draw(st.booleans()),
            acronym=draw(st.sampled_from(["introduced", "implied", "implied", "bare", "full"])),
            title=draw(st.sampled_from(TITLES)),
            person=name,
            sentences=sentences,
        )
        form = draw(
            st.sampled_from(["plain", "plain", "unicode", "no-sentences", "giant", "furniture", "number"])
        )
        if form == "unicode":
            text = to_unicode(text)
        elif form == "no-sentences":
            text = no_sentences(text)
        elif form == "giant":
            text = one_giant_sentence(text, draw(st.integers(1, 40)))
        elif form == "number":  # a figure pasted from a spreadsheet: 5,000 digits
            text += f"\nThe council put the cost at {'9' * 5_000} dollars on 2 March.\n"
        elif form == "furniture":
            text = "Advertisement\n\nSubscribe to our newsletter\n"  # empty once cleaned
        docs.append(text)
    copies = draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(["same", "truncated"])), max_size=3))
    for source, kind in copies:
        text = docs[source]
        docs.append(text if kind == "same" else text[: max(1, len(text) * 2 // 3)])
    if draw(st.booleans()):  # every article a copy of the first: one left after de-duplication
        docs = [docs[0]] * len(docs)
    order = list(range(len(docs)))
    random.Random(draw(st.integers(0, 2**16))).shuffle(order)
    return [(f"doc{j:02d}.txt", docs[i]) for j, i in enumerate(order)]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(corpus=corpora())
def test_every_varied_corpus_ends_in_a_brief_or_one_line_naming_a_document(tmp_path_factory, corpus):
    from briefgen import pipeline

    root = tmp_path_factory.mktemp("corpus")
    folder = root / "articles"
    folder.mkdir()
    for name, text in corpus:
        (folder / name).write_text(text, encoding="utf-8")
    cfg = BriefConfig(title="Variation", cache={"enabled": False})
    out = root / "out"
    try:
        ext = pipeline.extract(cfg, [str(folder)], now=NOW)
        written = pipeline.render(ext, cfg, out, ["html", "json"], now=NOW)
    except BriefgenError as exc:
        message = str(exc)
        assert "\n" not in message, message
        assert str(folder) in message or any(name in message for name, _ in corpus), message
        return
    assert sorted(p.name for p in written) == ["brief.html", "extraction.json"]
    assert (out / "brief.html").stat().st_size > 0
    assert {d["id"] for d in ext.documents} <= {name for name, _ in corpus}

