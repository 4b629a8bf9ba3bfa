"""Key actors, one small text per family of failure seen on real corpora (no model loaded):
fragments, junk, kinds and roles."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import test_actors
import yaml

from briefgen.extract import actors
from briefgen.extract.actors.filters import publisher_forms
from briefgen.extract.actors.mentions import Mention
from briefgen.extract.actors.roles import choose_role
from briefgen.extract.actors.variants import (
    drop_middle_initials,
    spelling_key,
    strip_corporate_suffix,
    strip_honorifics,
)

# the small hand-made Docs of test_actors.py
nlp = test_actors.nlp
make = test_actors.make
by_name = test_actors.by_name
names = test_actors.names


def one_actor(found, *forms: str):
    hits = {id(a): a for a in found for f in forms if f == a.name or f in a.aliases}
    assert len(hits) == 1, [(a.name, a.aliases) for a in found]
    return next(iter(hits.values()))


# ---------------------------------------------------------------- fragments


def test_british_and_american_spellings_are_one_actor(make):
    ents = {"Coastal Safety Organisation": "ORG", "Coastal Safety Organization": "ORG"}
    docs = [
        make("a", "The Coastal Safety Organisation said the port was shut.", ents),
        make("b", "The Coastal Safety Organization said it would reopen.", ents),
    ]
    one_actor(actors.extract(docs), "Coastal Safety Organisation", "Coastal Safety Organization")


def test_acronym_the_text_never_introduces_joins_the_only_name_it_spells(make):
    ents = {"Northern Ports Authority": "ORG", "NPA": "ORG"}
    docs = [
        make("a", "The NPA closed the docks. The Northern Ports Authority blamed the storm.", ents),
        make("b", "The NPA said so. Later the Northern Ports Authority agreed.", ents),
    ]
    one_actor(actors.extract(docs), "NPA", "Northern Ports Authority")


def test_country_prefix_and_legal_form_do_not_split_an_organisation(make):
    ents = {
        "U.S. Bureau of Coastal Affairs": "ORG",
        "Bureau of Coastal Affairs": "ORG",
        "Veltrane Holding AG": "ORG",
        "Veltrane AG": "ORG",
        "Veltrane": "ORG",
    }
    docs = [
        make("a", "The U.S. Bureau of Coastal Affairs met Veltrane Holding AG on Monday.", ents),
        make("b", "The Bureau of Coastal Affairs said Veltrane AG would pay.", ents),
        make("c", "Veltrane declined to comment to the Bureau of Coastal Affairs.", ents),
    ]
    found = actors.extract(docs)
    bureau = one_actor(found, "U.S. Bureau of Coastal Affairs", "Bureau of Coastal Affairs")
    company = one_actor(found, "Veltrane", "Veltrane AG", "Veltrane Holding AG")
    assert bureau.name == "Bureau of Coastal Affairs"
    assert company.name == "Veltrane"  # the plain name, not the legal form


def test_honorifics_titles_and_middle_initials_are_not_part_of_the_name(make):
    ents = {
        "Dr. Mara Lindqvist": "PERSON",
        "Mara Q. Lindqvist": "PERSON",
        "Mara Lindqvist": "PERSON",
    }
    docs = [
        make("a", "Dr. Mara Lindqvist said the tests were clear.", ents),
        make("b", "Mara Q. Lindqvist said more tests would follow.", ents),
        make("c", "Mara Lindqvist said nothing more.", ents),
    ]
    person = one_actor(actors.extract(docs), "Mara Lindqvist")
    assert person.name == "Mara Lindqvist"
    assert person.sources == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Dr. Jane Roe", "Jane Roe"),
        ("General Jane Roe", "Jane Roe"),
        ("Dr", "Dr"),
        ("Professor Roe", "Roe"),
    ],
)
def test_strip_honorifics(name, bare):
    assert strip_honorifics(name) == bare


def test_variant_helpers():
    assert spelling_key("coastal safety organisation") == "coastal safety organization"
    assert spelling_key("defence centre") == "defense center"
    assert strip_corporate_suffix("Acme Holding AG") == "Acme"
    assert strip_corporate_suffix("Acme Corp.") == "Acme"
    assert strip_corporate_suffix("Inc") == "Inc"
    assert drop_middle_initials("Jane Q. Roe") == "Jane Roe"
    assert drop_middle_initials("Jane Roe") == "Jane Roe"


def test_one_letter_apart_short_names_stay_apart(make):
    ents = {"Mark Stone": "PERSON", "Mary Stone": "PERSON"}
    docs = [make("a", "Mark Stone said yes. Mary Stone said no.", ents)]
    found = names(actors.extract(docs))
    assert {"Mark Stone", "Mary Stone"} <= found


# ---------------------------------------------------------------- junk


def test_every_name_in_a_credit_parenthesis_is_a_credit(make):
    text = (
        "Minister Hana Ko spoke on Friday.\n"
        "(Reporting by Paul Writer and Ann Field, editing by Gina Desk and Tom Copy)"
    )
    ents = dict.fromkeys(("Hana Ko", "Paul Writer", "Ann Field", "Gina Desk", "Tom Copy"), "PERSON")
    found = names(actors.extract([make("a", text, ents)]))
    assert "Hana Ko" in found
    assert not {"Paul Writer", "Ann Field", "Gina Desk", "Tom Copy"} & found


def test_a_from_line_credits_its_reporter(make):
    text = "From Jon Field in Port Mara, Ostland\n\nMinister Hana Ko said the port would open."
    found = names(actors.extract([make("a", text, {"Jon Field": "PERSON", "Hana Ko": "PERSON"})]))
    assert "Jon Field" not in found and "Hana Ko" in found


def test_the_publishers_own_reporters_and_editors_are_not_actors(make):
    text = (
        "The port stayed shut, the Daily Planet's Jon Field reports.\n"
        "Daily Planet science editor Ann Field says the tests are clear.\n"
        "Minister Hana Ko said it would reopen."
    )
    ents = {"Daily Planet": "ORG", "Jon Field": "ORG", "Ann Field": "PERSON", "Hana Ko": "PERSON"}
    ad = make("a", text, ents)
    ad.article.publisher = "The Daily Planet News"
    assert names(actors.extract([ad])) == {"Hana Ko"}


def test_publisher_forms_come_from_the_metadata_name():
    assert publisher_forms("The Daily Planet News") == [
        "The Daily Planet News",
        "Daily Planet News",
        "Daily Planet",
    ]
    assert "planet" in publisher_forms("planet.com")


def test_news_outlets_and_facilities_are_not_actors(make):
    text = (
        "Minister Hana Ko said so, according to Ostpress news agency. "
        "She told the Evening Lamp newspaper that the Harbour View Hotel was sealed."
    )
    ents = {
        "Hana Ko": "PERSON",
        "Ostpress": "ORG",
        "Evening Lamp": "ORG",
        "Harbour View Hotel": "ORG",
    }
    assert names(actors.extract([make("a", text, ents)])) == {"Hana Ko"}


# ---------------------------------------------------------------- kinds


def test_products_and_codes_are_not_actors_and_their_maker_is_an_organisation(make):
    text = (
        "The antiviral drug Zentoral and Corvex were shipped. Zentoral, made by Borvik, works. "
        "The H7N2 strain spread, said Omar Haddad, chief executive of Borvik."
    )
    ents = {
        "Zentoral": "ORG",
        "Corvex": "PERSON",
        "H7N2": "PERSON",
        "Borvik": "PERSON",
        "Omar Haddad": "PERSON",
    }
    found = actors.extract([make("a", text, ents)])
    assert not {"Zentoral", "Corvex", "H7N2"} & names(found)
    assert by_name(found, "Borvik").kind == "organization"


# ---------------------------------------------------------------- roles


def test_title_run_keeps_its_capitalised_modifiers_and_organisation(make):
    text = "Coastal Affairs Secretary Mara Lindqvist said the port was safe."
    found = actors.extract([make("a", text, {"Mara Lindqvist": "PERSON"})])
    assert by_name(found, "Mara Lindqvist").role == "coastal affairs secretary"


def test_possessive_and_lower_case_appositives_give_roles(make):
    text = (
        "The agency's chief scientist, Dr. Omar Haddad, said tests were clear. "
        "Rena Ito, head of research at the Bureau, agreed. "
        "Tomas Berg, who heads the Port Council, disagreed."
    )
    ents = {"Omar Haddad": "PERSON", "Rena Ito": "PERSON", "Tomas Berg": "PERSON"}
    found = actors.extract([make("a", text, ents)])
    assert by_name(found, "Omar Haddad").role == "chief scientist"
    assert by_name(found, "Rena Ito").role == "head of research at the Bureau"
    assert by_name(found, "Tomas Berg").role == "head of the Port Council"


def test_current_role_wins_over_a_former_one(make):
    ents = {"Mara Lindqvist": "PERSON", "Lindqvist": "PERSON"}
    docs = [
        make(
            "a",
            "Former Ridgeland Governor Mara Lindqvist was sworn in as transport secretary.",
            ents,
        ),
        make("b", "Former Ridgeland Governor Mara Lindqvist arrived.", ents),
    ]
    role = by_name(actors.extract(docs), "Mara Lindqvist").role
    assert role == "transport secretary"


def test_choose_role_prefers_current_and_descriptions():
    ms = [
        Mention("X", "a", "", role="former governor", role_source="title"),
        Mention("X", "b", "", role="former governor", role_source="title"),
        Mention("X", "c", "", role="health secretary", role_source="as"),
    ]
    assert choose_role(ms) == "health secretary"
    orgs = [
        Mention("Y", "a", "", role="operates the plant", role_source="clause"),
        Mention("Y", "b", "", role="carmaker", role_source="class"),
        Mention("Y", "c", "", role="Swiss drugmaker", role_source="description"),
    ]
    assert choose_role(orgs) == "Swiss drugmaker"


def test_organisations_get_roles_from_descriptors_classes_and_clauses(make):
    text = (
        "The regulator fined drugmaker Veltrane on Monday. "
        "Shippers such as Borvik were spared. "
        "Ostgrid, which operates the plant, said it would appeal."
    )
    ents = {"Veltrane": "ORG", "Borvik": "ORG", "Ostgrid": "ORG"}
    found = actors.extract([make("a", text, ents)])
    assert by_name(found, "Veltrane").role == "drugmaker"
    assert by_name(found, "Ostgrid").role == "operates the plant"


# ---------------------------------------------------------------- lexicon


def test_name_lexicon_holds_generic_words_only():
    data = yaml.safe_load(
        resources.files("briefgen").joinpath("data/actor_names.yaml").read_text("utf-8")
    )
    words: list[str] = []
    for value in data.values():
        words += list(value) + (list(value.values()) if isinstance(value, dict) else [])
    assert words
    for w in words:
        # lower-case common words (a space or hyphen at most): no proper name of a story
        assert re.fullmatch(r"[a-z]+(?:[ -][a-z]+)?", str(w)), w


# ---------------------------------------------------------------- salience


def test_actors_who_speak_lead_those_only_mentioned_most(make):
    ents = {"Port Mara": "ORG", "Hana Ko": "PERSON"}
    docs = [
        make("a", "Ships left Port Mara. Port Mara was quiet. Port Mara stayed shut.", ents),
        make("b", "Trade through Port Mara fell. “We will reopen,” said Hana Ko.", ents),
        make("c", "Port Mara was closed. “Soon,” Hana Ko said.", ents),
    ]
    found = actors.extract(docs)
    order = [a.name for a in found]
    assert order.index("Hana Ko") < order.index("Port Mara")


def test_words_right_before_a_name_give_its_role_and_outnumber_a_one_off_title(make):
    ents = {"Lena Voss": "PERSON"}
    docs = [
        make("a", "Fans mourned the death of pop star Lena Voss on Friday.", ents),
        make("b", "A jury heard how pop star Lena Voss died.", ents),
        make("c", "Princess Lena Voss, her daughter, arrived.", ents),
    ]
    assert by_name(actors.extract(docs), "Lena Voss").role == "pop star"


def test_a_person_whose_role_is_the_publisher_is_its_reporter(make):
    ents = {"Jon Field": "PERSON", "Hana Ko": "PERSON", "Daily Planet": "ORG"}
    ad = make("a", "Jon Field of the Daily Planet reports. Minister Hana Ko said no.", ents)
    ad.article.publisher = "Daily Planet"
    assert names(actors.extract([ad])) == {"Hana Ko"}


def test_towns_named_by_their_kind_are_places_not_people(make):
    ents = {"Ras Kelba": "PERSON", "Hana Ko": "PERSON"}
    docs = [
        make("a", "Rebels shelled the oil port of Ras Kelba. Minister Hana Ko said so.", ents),
        make("b", "Fighting reached the town of Ras Kelba on Friday.", ents),
    ]
    assert names(actors.extract(docs)) == {"Hana Ko"}


def test_two_names_joined_by_and_are_neither_an_actor_nor_a_home_for_their_parts(make):
    ents = {"Hana Ko and Omar Haddad": "PERSON", "Hana Ko": "PERSON", "Omar Haddad": "PERSON"}
    docs = [
        make("a", "Minister Hana Ko and Omar Haddad met.", {"Hana Ko and Omar Haddad": "PERSON"}),
        make("b", "Hana Ko said yes. Omar Haddad said no.", ents),
    ]
    found = names(actors.extract(docs))
    assert "Hana Ko and Omar Haddad" not in found
    assert {"Hana Ko", "Omar Haddad"} <= found


def test_an_acronym_never_joins_a_persons_first_name_and_short_first_names_join(make):
    ents = {"LA": "GPE", "La Vey Stone": "PERSON", "Ed Marlow": "PERSON", "Edward Marlow": "PERSON"}
    docs = [
        make("a", "La Vey Stone sang in LA. Ed Marlow said the trial would go on.", ents),
        make("b", "Edward Marlow said the trial went on in LA.", ents),
    ]
    found = actors.extract(docs)
    assert "LA" not in by_name(found, "La Vey Stone").aliases
    marlow = one_actor(found, "Ed Marlow", "Edward Marlow")
    assert marlow.name == "Edward Marlow"


def test_a_ratings_agency_and_a_social_network_tagged_as_people_are_organisations(make):
    ents = {"Sterling Rates": "PERSON", "Chirper": "PERSON"}
    text = "Ratings agency Sterling Rates cut the grade. The social network Chirper was blocked."
    found = actors.extract([make("a", text, ents)])
    assert by_name(found, "Sterling Rates").kind == "organization"
    assert by_name(found, "Chirper").kind == "organization"


def test_a_body_or_person_is_on_the_side_its_name_or_role_says(make):
    ents = {
        "U.S. Bureau of Coastal Affairs": "ORG",
        "Mara Lindqvist": "PERSON",
        "Dominique Arnaud": "PERSON",
        "United States": "GPE",
        "France": "GPE",
    }
    text = (
        "The U.S. Bureau of Coastal Affairs met on Monday in the United States. "
        "French Foreign Minister Mara Lindqvist said France agreed. "
        "Dominique Arnaud, a lawyer, objected."
    )
    found = actors.extract([make("a", text, ents)])
    assert by_name(found, "U.S. Bureau of Coastal Affairs").side == "United States"
    assert by_name(found, "Mara Lindqvist").side == "France"
    assert by_name(found, "Dominique Arnaud").side is None  # a given name, not a country
