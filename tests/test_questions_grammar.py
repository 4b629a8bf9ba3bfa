"""The grammar check on rewritten questions, on hand-parsed sentences (no model), and
the aspect lexicon's data file."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml
from spacy.tokens import Doc

from briefgen.extract.questions import aspects as aspects
from briefgen.extract.questions import grammar as grammar
from briefgen.extract.questions import phrasing as phr


def _doc(vocab, rows):
    """rows: (word, tag, pos, dep, head index)."""
    words, tags, pos, deps, heads = zip(*rows)
    lemmas = [_LEMMAS.get(w, w.lower()) for w in words]
    return Doc(
        vocab, words=list(words), tags=list(tags), pos=list(pos), deps=list(deps),
        heads=list(heads), lemmas=lemmas,
    )


_LEMMAS = {"approved": "approve", "is": "be", "killed": "kill"}


# "it is unclear whether the minister approved the contract"
CLAUSE = [
    ("it", "PRP", "PRON", "nsubj", 1),
    ("is", "VBZ", "AUX", "ROOT", 1),
    ("unclear", "JJ", "ADJ", "acomp", 1),
    ("whether", "IN", "SCONJ", "mark", 6),
    ("the", "DT", "DET", "det", 5),
    ("minister", "NN", "NOUN", "nsubj", 6),
    ("approved", "VBD", "VERB", "ccomp", 2),
    ("the", "DT", "DET", "det", 8),
    ("contract", "NN", "NOUN", "dobj", 6),
]


@pytest.fixture
def clause(nlp_blank):
    return _doc(nlp_blank.vocab, CLAUSE)


def test_a_do_support_rewrite_passes(clause):
    verb, subj = clause[6], clause[5]
    pieces = ["did", clause[4], subj, "approve", clause[7], clause[8]]
    assert grammar.check(pieces, subj, verb).ok
    assert phr.invert(verb, clause[:], phr.clause_tokens(verb, clause[:], start=3)) == (
        "Did the minister approve the contract?"
    )


def test_a_rewrite_without_its_subject_fails(clause):
    verb, subj = clause[6], clause[5]
    assert not grammar.check(["did", "approve", clause[7], clause[8]], subj, verb).ok


def test_two_finite_verbs_fail(clause):
    verb, subj = clause[6], clause[5]
    # "Did the minister approved the contract?"
    verdict = grammar.check(["did", clause[4], subj, verb, clause[7], clause[8]], subj, verb)
    assert not verdict.ok and "finite" in verdict.reason


def test_a_word_that_lost_its_dependent_fails(clause):
    verb, subj = clause[6], clause[5]
    # "Did the minister approve the?": 'contract' cut away from its determiner's head
    verdict = grammar.check(["did", clause[4], subj, "approve", clause[7]], subj, verb)
    assert not verdict.ok


def test_a_dangling_but_that_fails(nlp_blank):
    # "did oil kill them but that it is unusual"
    doc = _doc(
        nlp_blank.vocab,
        [
            ("oil", "NN", "NOUN", "nsubj", 1),
            ("killed", "VBD", "VERB", "ROOT", 1),
            ("them", "PRP", "PRON", "dobj", 1),
            ("but", "CC", "CCONJ", "cc", 1),
            ("that", "IN", "SCONJ", "mark", 6),
            ("it", "PRP", "PRON", "nsubj", 6),
            ("is", "VBZ", "AUX", "conj", 1),
            ("unusual", "JJ", "ADJ", "acomp", 6),
        ],
    )
    pieces = ["did", doc[0], "kill", doc[2], doc[3], doc[4], doc[5], doc[6], doc[7]]
    assert not grammar.check(pieces, doc[0], doc[1]).ok


def test_failing_rewrites_are_not_phrased(nlp_blank):
    # the clause's subject is outside the clause tokens: invert gives up (caller falls back)
    doc = _doc(nlp_blank.vocab, CLAUSE)
    verb = doc[6]
    assert phr.invert(verb, doc[:], [doc[6], doc[7], doc[8]]) is None


def test_the_aspect_lexicon_is_generic_english():
    text = resources.files("briefgen").joinpath("data/question_aspects.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    countries = yaml.safe_load(
        resources.files("briefgen").joinpath("data/countries.yaml").read_text("utf-8")
    )
    names = {str(n).lower() for n in re.findall(r"[A-Z][\w'-]+", yaml.safe_dump(countries))}
    for kind, words in data.items():
        for w in words:
            assert w == w.lower(), f"{kind}: {w!r} looks like a name"
            assert re.fullmatch(r"[a-z' -]+", w), f"{kind}: {w!r}"
            assert w.strip() not in names, f"{kind}: {w!r} is a place name"


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("How severe will the pandemic be?", "severity"),
        ("How far would the spill spread?", "extent"),
        ("What caused the explosion?", "cause"),
        ("When will the bridge be ready?", "timing"),
        ("Could the strike push the economy into recession?", "cost"),
        ("Will the government close the border?", "response"),
        ("Who should get the vaccine first?", "priority"),
    ],
)
def test_questions_get_their_aspect(question, aspect):
    assert aspects.primary_aspect(question) == aspect
