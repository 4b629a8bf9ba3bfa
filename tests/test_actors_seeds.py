"""Key actors on the seed corpus with the real model: properties any good answer has."""

from __future__ import annotations

import pytest

from briefgen.extract.actors.cluster import fold

pytestmark = pytest.mark.slow


def test_no_name_belongs_to_two_actors(seed_extraction):
    seen: dict[str, str] = {}
    for a in seed_extraction.actors:
        for n in {fold(a.name), *(fold(x) for x in a.aliases)}:
            assert n not in seen, f"{n!r} is in {seen[n]!r} and {a.name!r}"
            seen[n] = a.name


def test_top_people_have_full_names_and_roles(seed_extraction):
    people = [a for a in seed_extraction.actors if a.kind == "person"][:6]
    assert len(people) == 6
    for a in people:
        assert len(a.name.split()) >= 2, a.name
        assert a.role, a.name
        assert a.evidence and len(a.evidence) == len({e.doc for e in a.evidence})


def test_countries_are_one_actor_each_and_nationalities_are_not_actors(seed_extraction):
    countries = [a for a in seed_extraction.actors if a.kind == "country"]
    assert len({a.name for a in countries}) == len(countries)
    names = {fold(a.name) for a in seed_extraction.actors}
    assert not names & {"american", "americans", "chinese", "russian"}


def test_every_alias_is_explained_by_a_merge_note(seed_extraction):
    for a in seed_extraction.actors:
        sources = {fold(m.split(" → ")[0]) for m in a.merges}
        for alias in a.aliases:
            assert fold(alias) in sources | {fold(a.name)}, (a.name, alias, a.merges)
