"""Clustering keeps its indexes in step through every merge step (no model loaded)."""

from __future__ import annotations

import itertools

import pytest
import test_actors

from briefgen.extract import actors
from briefgen.extract.actors.cluster import Index, check_index, cluster
from briefgen.extract.actors.gazetteer import load
from briefgen.extract.actors.mentions import Mention

# the small hand-made Docs of test_actors.py
nlp = test_actors.nlp
make = test_actors.make


def _mention(name: str, doc: str, at: int, label: str = "ORG") -> Mention:
    kind = {"ORG": "organization", "PERSON": "person"}[label]
    return Mention(
        name, doc, f"{name} said so.", {kind: 1.0}, label=label, span=(at, at + len(name))
    )


def _checked_cluster(mentions: list[Mention]):
    steps: list[str] = []

    def check(step: str, ix: Index, targets: dict) -> None:
        steps.append(step)
        problems = check_index(ix, len(mentions))
        assert not problems, f"after {step}: {problems}"
        for (key, doc), (dst, _) in targets.items():
            assert doc in ix.docs_of[key] and dst in ix.keyed, f"after {step}: {key} → {dst}"

    found = cluster(mentions, load(), on_step=check)
    assert steps == ["keys", "variants", "typos", "aliases", "short forms"]
    assert sum(len(c.mentions) for c in found) == len(mentions)
    return found


def test_two_spellings_and_their_acronym_make_one_actor_without_crashing():
    # the reported crash: the better-attested spelling's documents were widened by the
    # typo join but its first offsets were not, so the acronym check hit a KeyError
    ms = [
        _mention("World Health Organization", "a.txt", 0),
        _mention("World Health Organization", "a.txt", 90),
        _mention("WHO", "a.txt", 200),
        _mention("World Health Organization", "c.txt", 0),
        _mention("World Health Organisation", "b.txt", 0),
        _mention("WHO", "b.txt", 100),
    ]
    found = _checked_cluster(ms)
    assert len(found) == 1
    assert set(found[0].forms) == {"World Health Organization", "World Health Organisation", "WHO"}


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_merge_steps_keep_indexes_in_step_in_any_document_order(order):
    docs = [
        [("Agency for Coastal Safety", 0), ("ACS", 80)],
        [("Agency for Coastal Saftey", 0), ("ACS", 50), ("Mara Lindqvist", 120)],
        [("ACS", 0), ("Lindqvist", 40), ("Mara Lindqvist", 100)],
    ]
    ms = []
    for i in order:
        for name, at in docs[i]:
            label = "PERSON" if "Lindqvist" in name else "ORG"
            ms.append(_mention(name, f"d{i}.txt", at, label))
    found = _checked_cluster(ms)
    assert len(found) == 2


def test_three_articles_spelling_an_organisation_both_ways_give_one_actor(make):
    ents = {"World Health Organization": "ORG", "World Health Organisation": "ORG", "WHO": "ORG"}
    docs = [
        make(
            "a.txt",
            "The World Health Organization met on Monday. WHO officials urged calm. "
            "The World Health Organization will meet again.",
            ents,
        ),
        make(
            "b.txt",
            "The World Health Organisation said the virus had spread. The WHO chief spoke.",
            ents,
        ),
        make(
            "c.txt", "The World Health Organization raised its alert level. WHO experts went.", ents
        ),
    ]
    found = actors.extract(docs)
    who = [a for a in found if "WHO" in {a.name, *a.aliases}]
    assert len(who) == 1
    assert {"World Health Organization", "World Health Organisation"} <= {
        who[0].name,
        *who[0].aliases,
    }
    assert who[0].sources == ["a.txt", "b.txt", "c.txt"]
