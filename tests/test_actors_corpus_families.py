"""Key actors: one small invented text per family of failure seen on three Timeline17
topics (cited outlets, affiliations as roles, event clauses as roles, names the model
cut or glued, salience of actors that never act)."""

from __future__ import annotations

import test_actors

from briefgen.extract import actors
from briefgen.extract.actors.evidence import is_role_clause
from briefgen.extract.actors.mentions import Mention
from briefgen.extract.actors.roles import choose_role

nlp = test_actors.nlp
make = test_actors.make
by_name = test_actors.by_name
names = test_actors.names


# ---------------------------------------------------------------- junk: cited outlets


def test_an_outlet_the_articles_say_they_spoke_to_is_not_an_actor(make):
    ents = {"Wirepost": "ORG", "Hana Ko": "PERSON", "Harbour Council": "ORG", "Jon Field": "PERSON"}
    docs = [
        make("a", "“We will reopen,” Hana Ko told Wirepost. The Harbour Council met.", ents),
        make("b", "A witness told Wirepost the port was shut. Hana Ko said so.", ents),
        make("c", "Shippers told Wirepost they would wait. The Harbour Council agreed.", ents),
        make("d", "Wirepost's Jon Field says the Harbour Council will vote.", ents),
        make("e", "Hana Ko told the Harbour Council it must act.", ents),
    ]
    found = names(actors.extract(docs))
    assert "Wirepost" not in found
    assert "Jon Field" not in found  # the cited outlet's reporter
    assert {"Hana Ko", "Harbour Council"} <= found  # told once: still an actor


# ---------------------------------------------------------------- roles


def test_a_role_noun_wins_over_a_bare_affiliation(make):
    ents = {"Jon Field": "PERSON", "Acme Events": "ORG"}
    docs = [
        make("a", "“It is not over,” said Jon Field of Acme Events.", ents),
        make("b", "“We are glad,” said Jon Field of Acme Events.", ents),
        make("c", "Jon Field, president of Acme Events, said the show would go on.", ents),
    ]
    assert by_name(actors.extract(docs), "Jon Field").role == "president of Acme Events"


def test_dated_or_event_clauses_are_not_organisation_roles(make):
    ents = {"Harbour Council": "ORG", "Coast League": "ORG", "Norland": "GPE", "Ostgrid": "ORG"}
    text = (
        "The Harbour Council, which meets again at the end of this month, said little. "
        "The Coast League, which suspended Norland in November and imposed fines, said no. "
        "Ostgrid, which operates the plant, said it would appeal."
    )
    found = actors.extract([make("a", text, ents)])
    assert by_name(found, "Harbour Council").role is None
    assert by_name(found, "Coast League").role is None
    assert by_name(found, "Ostgrid").role == "operates the plant"


def test_is_role_clause():
    assert is_role_clause("operates the plant")
    assert is_role_clause("built the dam")
    assert not is_role_clause("is bombing the town")
    assert not is_role_clause("meets again at the end of this month")
    assert not is_role_clause("defends Norland from sanctions")  # a stance on another actor
    assert not is_role_clause("closed the port and fined the owners")


def test_a_role_that_holds_the_name_itself_is_not_a_role():
    ms = [
        Mention("Coast League", "a", "s", role="Coast League and the rest of the bloc"),
        Mention("Coast League", "b", "s", role="regional bloc"),
    ]
    assert choose_role(ms) == "regional bloc"
    assert choose_role(ms[:1]) is None


# ---------------------------------------------------------------- names cut or glued


def test_an_organisation_the_model_cut_in_two_is_one_name(make):
    ents = {"Local Harbour": "ORG", "Committees": "ORG"}
    text = "The Local Harbour Committees, an activist network, said ten ships sank."
    found = actors.extract([make("a", text, ents)])
    assert names(found) == {"Local Harbour Committees"}
    assert by_name(found, "Local Harbour Committees").role == "activist network"


def test_a_spaced_dash_ends_a_name(make):
    ents = {"Free Harbour Army - army": "ORG"}
    text = "Talks with the Free Harbour Army - army defectors who fight on - failed."
    assert names(actors.extract([make("a", text, ents)])) == {"Free Harbour Army"}


def test_a_word_glued_before_a_well_attested_full_name_is_not_its_name(make):
    docs = [
        make(
            "a",
            "Pop star Mira Mira Solberg has said she will sing.",
            {"Mira Mira Solberg": "PERSON"},
        ),
        make("b", "His sister Ann Mira Solberg said so.", {"Ann Mira Solberg": "PERSON"}),
        make("c", "“I will sing,” said Mira Solberg.", {"Mira Solberg": "PERSON"}),
        make("d", "Mira Solberg arrived on Monday.", {"Mira Solberg": "PERSON"}),
    ]
    found = actors.extract(docs)
    solberg = by_name(found, "Mira Solberg")
    assert solberg.name == "Mira Solberg"
    assert "Mira Mira Solberg" not in solberg.aliases


def test_a_given_name_written_as_one_word_or_two_is_one_person(make):
    docs = [
        make("a", "“No,” said La Nora Ekdahl on Monday.", {"La Nora Ekdahl": "PERSON"}),
        make("b", "“Yes,” said LaNora Ekdahl.", {"LaNora Ekdahl": "PERSON"}),
    ]
    found = actors.extract(docs)
    assert len(found) == 1, [(a.name, a.aliases) for a in found]


# ---------------------------------------------------------------- salience


def test_an_actor_named_everywhere_but_never_acting_sinks_below_one_who_speaks(make):
    ents = {"Port Mara": "ORG", "Hana Ko": "PERSON"}
    docs = [
        make(
            f"d{i}",
            f"{i} ships left Port Mara. Port Mara lost {i} crews. {i} sank off Port Mara.",
            ents,
        )
        for i in range(8)
    ]
    docs.append(make("q", "“We will reopen,” said Hana Ko.", ents))
    order = [a.name for a in actors.extract(docs)]
    assert order.index("Hana Ko") < order.index("Port Mara")


# ---------------------------------------------------------------- capitals, roles with their body


def test_a_capital_is_its_country_only_when_it_acts_or_speaks(make):
    ents = {"Ottawa": "GPE", "Canada": "GPE"}
    docs = [
        make("a", "Ottawa said it would send aid. Canada agreed.", ents),
        make("b", "Crowds gathered in Ottawa on Monday. Canada was calm.", ents),
    ]
    found = actors.extract(docs)
    canada = by_name(found, "Canada")
    assert canada.sources == ["a", "b"]
    assert canada.mentions == 3  # "in Ottawa" is a place, not the government
    assert "Ottawa" not in names(found)


def test_a_role_keeps_the_organisation_another_mention_gives():
    def m(doc: str, role: str) -> Mention:
        return Mention("Jon Field", doc, "s", role=role, role_source="title")

    plain = [m("a", "director general"), m("b", "director general")]
    assert choose_role([*plain, m("c", "HRA director general")]) == "HRA director general"
    two = [m("c", "Harbour Agency director general"), m("d", "Harbour Agency director general")]
    assert choose_role([*plain, *two]) == "Harbour Agency director general"
    # a one-off capitalised word (a dateline's town) or a former title does not extend it
    assert choose_role([*plain, m("c", "Portsby director general")]) == "director general"
    assert choose_role([*plain, m("c", "former director general")]) == "director general"


def test_an_acronym_the_tagger_reads_as_a_pronoun_stays_in_the_title(make):
    ad = make("a", "“No,” said HRA Director General Jon Field.", {"Jon Field": "PERSON"})
    for t in ad.doc:
        t.pos_ = "PRON" if t.text == "HRA" else "PROPN"
    assert by_name(actors.extract([ad]), "Jon Field").role == "HRA director general"


def test_words_before_an_organisations_name_give_its_role_when_two_documents_use_them(make):
    ents = {"Transitional Unity Council": "ORG", "Harbour Office": "ORG"}
    docs = [
        make("a", "Talks with the rebel Transitional Unity Council failed.", ents),
        make("b", "Envoys met the rebel Transitional Unity Council on Monday.", ents),
        make("c", "The relevant Harbour Office said nothing.", ents),
    ]
    found = actors.extract(docs)
    assert by_name(found, "Transitional Unity Council").role == "rebel council"
    assert by_name(found, "Harbour Office").role is None  # one adjective, once


def test_a_surname_tagged_alone_after_a_role_noun_takes_its_given_name(make):
    ents = {"Roe": "PERSON", "Hana Ko": "PERSON"}
    docs = [
        make("a", "The show will be hosted by radio presenter Jane Roe and Hana Ko.", ents),
        make("b", "“We will reopen,” said Hana Ko, the mayor.", ents),
    ]
    found = actors.extract(docs)
    # "Jane Roe", a presenter: a reporter, not an actor
    assert not [a for a in found if "Roe" in a.name or "Roe" in a.aliases]
    assert "Hana Ko" in names(found)


def test_with_given_name_keeps_the_entity_without_a_role_noun(make):
    ad = make("a", "Yesterday Jane Roe spoke. Then the Roe family left.", {"Roe": "PERSON"})
    found = actors.extract([ad])
    assert "Jane Roe" not in names(found)


def test_a_clause_before_an_appositive_name_is_not_its_role(make):
    ents = {"Jon Field": "PERSON"}
    text = "On Tuesday, the defence called their own drug expert, Dr Jon Field, to testify."
    assert by_name(actors.extract([make("a", text, ents)]), "Jon Field").role == "drug expert"


def test_clusters_that_end_with_the_same_name_are_one_actor():
    from briefgen.extract.actors import _join_same_names, to_actor
    from briefgen.extract.actors.cluster import Cluster

    def m(name: str, doc: str) -> Mention:
        return Mention(name, doc, f"{name} said so.", {"organization": 1.0}, label="ORG")

    main = Cluster("free harbour army", [m("Free Harbour Army", "a"), m("Free Harbour Army", "b")])
    # a one-document long form that took its document's short forms
    one = Cluster("one free harbour army", [m("One Free Harbour Army", "c")])
    one.mentions += [m("Free Harbour Army", "c"), m("Free Harbour Army", "c")]
    lower = frozenset({"one"})  # the corpus writes "one" in lower case: a common word
    pairs = [(c, to_actor(c, lower)) for c in (main, one)]
    assert [a.name for _, a in pairs] == ["Free Harbour Army", "Free Harbour Army"]
    joined = _join_same_names(pairs, lower)
    assert len(joined) == 1
    assert joined[0][1].sources == ["a", "b", "c"]
