"""Key actors, pinned behaviour by behaviour on small hand-made texts (no model loaded)."""

from __future__ import annotations

import pytest

from briefgen.config import ActorOverride
from briefgen.extract import actors
from briefgen.extract.actors.cluster import same_name_typo
from briefgen.extract.actors.gazetteer import load
from briefgen.extract.actors.mentions import Mention, clean_name, initials
from briefgen.extract.actors.roles import choose_role
from briefgen.models import Actor, Article
from briefgen.nlp.load import AnnotatedDoc


@pytest.fixture(scope="module")
def nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture
def make(nlp):
    """make(doc_id, text, {"Name": "LABEL", ...}) → AnnotatedDoc with every occurrence tagged."""

    def build(doc_id: str, text: str, ents: dict[str, str]) -> AnnotatedDoc:
        doc = nlp(text)
        spans = []
        taken: set[int] = set()
        for name in sorted(ents, key=len, reverse=True):
            start = 0
            while (i := text.find(name, start)) >= 0:
                start = i + len(name)
                span = doc.char_span(i, i + len(name), label=ents[name])
                if span is None or taken & set(range(span.start, span.end)):
                    continue
                taken |= set(range(span.start, span.end))
                spans.append(span)
        doc.ents = sorted(spans, key=lambda s: s.start)
        return AnnotatedDoc(article=Article(id=doc_id, path=doc_id, text=text), doc=doc)

    return build


def by_name(found: list[Actor], name: str) -> Actor:
    hits = [a for a in found if a.name == name or name in a.aliases]
    assert len(hits) == 1, f"{name}: {[(a.name, a.aliases) for a in found]}"
    return hits[0]


def names(found: list[Actor]) -> set[str]:
    return {a.name for a in found}


# ---------------------------------------------------------------- joining


def test_surname_joins_the_full_name_even_when_mislabelled(make):
    docs = [
        make(
            "a",
            "Foreign Minister Olga Brandt arrived on Monday. Brandt met the press.",
            {"Olga Brandt": "PERSON", "Brandt": "GPE"},
        ),
        make("b", "Brandt said talks would go on.", {"Brandt": "ORG"}),
    ]
    found = actors.extract(docs)
    brandt = by_name(found, "Brandt")
    assert brandt.name == "Olga Brandt"
    assert brandt.kind == "person"
    assert brandt.sources == ["a", "b"]
    assert any("Brandt → Olga Brandt" in m for m in brandt.merges)


def test_typo_joins_the_better_attested_spelling(make):
    docs = [
        make(
            "a",
            "Prime Minister Tran Van Minhh spoke. Later Tran Van Minhh left.",
            {"Tran Van Minhh": "PERSON"},
        ),
        make(
            "b",
            "Tran Van Minh met envoys. Tran Van Minh said so. Tran Van Minh left.",
            {"Tran Van Minh": "PERSON"},
        ),
    ]
    found = actors.extract(docs)
    person = by_name(found, "Tran Van Minh")
    assert "Tran Van Minhh" in person.aliases
    assert any("one letter" in m for m in person.merges)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("pham van chin", "pham van chinh", True),  # a dropped final letter
        ("anthony blinkin", "anthony blinken", True),  # one letter in a long token
        ("kim jong un", "kim jong il", False),  # short tokens: different people
        ("mark smith", "mary smith", False),
        ("joe smith", "anna smith", False),
        ("john smith", "john smith jr", False),
    ],
)
def test_typo_rule_guards_against_false_merges(a, b, same):
    assert same_name_typo(a, b) is same


def test_shared_surname_is_not_merged_and_is_resolved_per_document(make):
    docs = [
        make(
            "a",
            "Joe Carver spoke in the morning. Carver said it was fine.",
            {"Joe Carver": "PERSON", "Carver": "PERSON"},
        ),
        make(
            "b",
            "Anna Carver, a senior lawyer, disagreed. Carver said no.",
            {"Anna Carver": "PERSON", "Carver": "PERSON"},
        ),
        make("c", "Carver was not available.", {"Carver": "PERSON"}),
    ]
    found = actors.extract(docs)
    joe, anna = by_name(found, "Joe Carver"), by_name(found, "Anna Carver")
    assert joe is not anna
    assert joe.sources == ["a"] and anna.sources == ["b"]
    # in document c the surname is ambiguous: it stays apart rather than guess
    assert "Carver" in names(found)


def test_first_token_does_not_join_two_people(make):
    docs = [
        make(
            "a",
            "Ahmed Salem met Ahmed Karimi. Both men spoke.",
            {"Ahmed Salem": "PERSON", "Ahmed Karimi": "PERSON"},
        )
    ]
    found = actors.extract(docs)
    assert {"Ahmed Salem", "Ahmed Karimi"} <= names(found)


def test_acronym_defined_in_text_joins_its_organisation(make):
    docs = [
        make(
            "a",
            "The National Farmers Union (NFU) objected. The NFU said prices fell.",
            {"National Farmers Union": "ORG", "NFU": "ORG"},
        ),
    ]
    found = actors.extract(docs)
    org = by_name(found, "NFU")
    assert org.name == "National Farmers Union"
    assert org.kind == "organization"


# ---------------------------------------------------------------- kinds


def test_kind_is_voted_over_mentions_and_patterns(make):
    text = (
        "Marta Quist, a security expert at the Nordic Defence Institute, warned of risks. "
        '"It will not last," said Quist. Quist added more. Quist left early.'
    )
    docs = [
        make("a", text, {"Marta Quist": "ORG", "Quist": "ORG", "Nordic Defence Institute": "ORG"})
    ]
    found = actors.extract(docs)
    quist = by_name(found, "Marta Quist")
    assert quist.kind == "person"
    assert "security expert" in (quist.role or "")
    assert by_name(found, "Nordic Defence Institute").kind == "organization"


def test_countries_short_forms_and_capitals_are_one_actor(make):
    text = (
        "The United States and the U.S. Congress differ. US officials and America agree. "
        "Washington said so. Ottawa replied for Canada. American and Canadian voters watched."
    )
    docs = [
        make(
            "a",
            text,
            {
                "United States": "GPE",
                "U.S.": "GPE",
                "US": "GPE",
                "America": "GPE",
                "Washington": "GPE",
                "Ottawa": "GPE",
                "Canada": "GPE",
                "American": "NORP",
                "Canadian": "NORP",
            },
        )
    ]
    found = actors.extract(docs)
    us = by_name(found, "United States")
    assert us.kind == "country"
    assert {"US", "U.S.", "America", "Washington"} <= set(us.aliases)
    assert by_name(found, "Ottawa").name == "Canada"
    assert not {"American", "Canadian"} & names(found)  # nationality words are not actors


def test_places_the_gazetteer_does_not_know_are_not_actors(make):
    docs = [
        make(
            "a",
            "The rally in Springfield drew crowds. Springfield was calm.",
            {"Springfield": "GPE"},
        )
    ]
    assert "Springfield" not in names(actors.extract(docs))


# ---------------------------------------------------------------- roles


def test_pre_nominal_title_gives_the_role(make):
    docs = [
        make(
            "a",
            "Defense Secretary Lloyd Barnes and Vice President Amy Cole met.",
            {"Lloyd Barnes": "PERSON", "Amy Cole": "PERSON"},
        )
    ]
    found = actors.extract(docs)
    assert by_name(found, "Lloyd Barnes").role == "defense secretary"
    assert by_name(found, "Amy Cole").role == "vice president"


def test_appositive_and_the_x_forms_give_the_role(make):
    docs = [
        make(
            "a",
            "Ravi Menon, a senior fellow at the Delta Institute, said talks stalled.",
            {"Ravi Menon": "PERSON", "Delta Institute": "ORG"},
        ),
        make(
            "b", "Sofia Ruiz, the foreign minister, rejected the claim.", {"Sofia Ruiz": "PERSON"}
        ),
    ]
    found = actors.extract(docs)
    assert by_name(found, "Ravi Menon").role == "senior fellow at the Delta Institute"
    assert by_name(found, "Sofia Ruiz").role == "foreign minister"


def test_affiliation_of_an_organisation_is_the_role(make):
    docs = [
        make(
            "a",
            "Dan Poe of the Harbor Policy Center doubted it.",
            {"Dan Poe": "PERSON", "Harbor Policy Center": "ORG"},
        )
    ]
    assert by_name(actors.extract(docs), "Dan Poe").role == "Harbor Policy Center"


def test_role_is_the_most_specific_one_several_sources_support():
    def m(role: str, doc: str) -> Mention:
        return Mention("X", doc, "", {"person": 1}, role=role)

    chosen = choose_role(
        [
            m("minister", "a"),
            m("foreign minister", "b"),
            m("foreign minister", "c"),
            m("a keen golfer", "d"),
        ]
    )
    assert chosen == "foreign minister"
    assert choose_role([]) is None


# ---------------------------------------------------------------- not actors


def test_bylines_and_credits_are_not_actors(make):
    text = (
        "Minister Hana Ko spoke on Friday.\n"
        "Reporting by Paul Writer; Editing by Gina Desk\n"
        "Photo: Lens Agency"
    )
    docs = [
        make(
            "a",
            text,
            {
                "Hana Ko": "PERSON",
                "Paul Writer": "PERSON",
                "Gina Desk": "PERSON",
                "Lens Agency": "ORG",
            },
        )
    ]
    found = names(actors.extract(docs))
    assert "Hana Ko" in found
    assert not {"Paul Writer", "Gina Desk", "Lens Agency"} & found


def test_publisher_and_config_not_actors_are_excluded(make):
    ad = make(
        "a",
        "Daily Planet reported that Mayor Lois Lane won. Acme Corp agreed.",
        {"Daily Planet": "ORG", "Lois Lane": "PERSON", "Acme Corp": "ORG"},
    )
    ad.article.publisher = "Daily Planet"
    found = names(actors.extract([ad], not_actors=["Acme Corp"]))
    assert found == {"Lois Lane"}


def test_generic_words_tagged_as_entities_are_dropped(make):
    docs = [
        make(
            "a",
            "The state will pay. State officials agreed with Governor Ida Moss.",
            {"State": "ORG", "Ida Moss": "PERSON"},
        )
    ]
    assert names(actors.extract(docs)) == {"Ida Moss"}


# ---------------------------------------------------------------- salience and overrides


def test_actors_are_ranked_by_sources_then_mentions(make):
    docs = [
        make(
            "a",
            "Minister Eva Lind spoke. Carl Berg listened. Berg nodded.",
            {"Eva Lind": "PERSON", "Carl Berg": "PERSON", "Berg": "PERSON"},
        ),
        make("b", "Minister Eva Lind spoke again.", {"Eva Lind": "PERSON"}),
    ]
    found = actors.extract(docs)
    assert [a.name for a in found][:2] == ["Eva Lind", "Carl Berg"]
    assert [a.id for a in found] == [f"a{i}" for i in range(1, len(found) + 1)]


def test_editor_overrides_merge_rename_pin_and_exclude(make):
    docs = [
        make(
            "a",
            "Minister Eva Lind met Carl Berg and Bo Stone. Stone left.",
            {"Eva Lind": "PERSON", "Carl Berg": "PERSON", "Bo Stone": "PERSON", "Stone": "PERSON"},
        ),
    ]
    overrides = [
        ActorOverride(name="Eva M. Lind", aliases=["Eva Lind", "Carl Berg"], role="envoy"),
        ActorOverride(name="Bo Stone", exclude=True),
        ActorOverride(name="Nadia Vos", role="mediator", kind="person"),
    ]
    found = actors.extract(docs, overrides=overrides)
    assert [a.name for a in found] == ["Eva M. Lind", "Nadia Vos"]
    lind = found[0]
    assert lind.role == "envoy" and {"Eva Lind", "Carl Berg"} <= set(lind.aliases)
    assert any("editor override" in m for m in lind.merges)
    assert found[1].mentions == 0 and found[1].role == "mediator"


# ---------------------------------------------------------------- helpers


def test_clean_name_and_initials():
    assert clean_name("the Communist Party of") == "Communist Party"
    assert clean_name("“Blue Party’s") == "Blue Party"
    assert initials("Center for Strategic and International Studies") == "CSIS"


def test_gazetteer_is_generic_and_case_aware():
    gaz = load()
    assert gaz.country("U.S.") == gaz.country("the United States") == "United States"
    assert gaz.country("us") is None
    assert gaz.country("Tokyo") == "Japan"
    assert gaz.country("Tokyo", capital_ok=False) is None
    assert gaz.is_demonym("French") and gaz.is_demonym("Germans")


def test_role_before_the_name_and_hyphenated_titles(make):
    docs = [
        make(
            "a",
            "Yesterday the health secretary, Alan Jones, spoke. "
            "WHO director-general Mary Chen agreed.",
            {"Alan Jones": "PERSON", "Mary Chen": "PERSON", "WHO": "ORG"},
        )
    ]
    found = actors.extract(docs)
    assert by_name(found, "Alan Jones").role == "health secretary"
    assert by_name(found, "Mary Chen").role.endswith("director-general")


def test_acronym_joins_a_name_that_news_style_introduces_first(make):
    text = "The Western Lakes Union met on Monday. Later the WLU said it would wait."
    docs = [make(d, text, {"Western Lakes Union": "ORG", "WLU": "ORG"}) for d in ("a", "b")]
    # a two-letter acronym seen before the name, in one document only, stays apart
    docs.append(
        make("c", "The EU said so. El Universal reported it.", {"EU": "ORG", "El Universal": "ORG"})
    )
    found = actors.extract(docs)
    assert by_name(found, "WLU").name == "Western Lakes Union"
    assert by_name(found, "EU") is not by_name(found, "El Universal")


def test_words_swept_into_an_entity_do_not_make_the_name(make):
    text = "The Arab League met. The Arab League voted. The Arab League left. "
    docs = [
        make(
            "a",
            text + "Envoy Ahmed Bin Arab League spoke.",
            {"Arab League": "ORG", "Ahmed Bin Arab League": "ORG"},
        ),
        make(
            "b",
            "Zachary Kent, a historian, spoke. Kent said more. Kent left. Kent won.",
            {"Zachary Kent": "PERSON", "Kent": "PERSON"},
        ),
    ]
    found = actors.extract(docs)
    assert by_name(found, "Arab League").name == "Arab League"
    assert by_name(found, "Kent").name == "Zachary Kent"


def test_section_limit_and_kinds_decide_what_the_brief_shows(write_config):
    import datetime as dt

    from briefgen.brief import build_brief
    from briefgen.config import load_config
    from briefgen.models import Extraction

    cfg = load_config(
        write_config("sections:\n  - {type: actors, limit: 2, kinds: [person, organization]}\n")
    )
    ext = Extraction(
        generated_at="2026-01-01T00:00:00",
        brief={"title": "t"},
        documents=[
            {
                "id": "a",
                "path": "a",
                "title": None,
                "publisher": None,
                "author": None,
                "url": None,
                "date": None,
                "date_source": None,
                "duplicate_of": None,
            }
        ],
        actors=[
            Actor(id="a1", name="Canada", kind="country", sources=["a"]),
            Actor(id="a2", name="Eva Lind", kind="person", role="envoy", sources=["a"]),
            Actor(id="a3", name="Acme Corp", kind="organization", sources=["a"]),
            Actor(id="a4", name="Carl Berg", kind="person", sources=["a"]),
        ],
    )
    brief = build_brief(ext, cfg, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    section = next(s for s in brief.sections if s.type == "actors")
    assert [i.text for i in section.items] == ["Eva Lind", "Acme Corp"]
    assert section.items[0].role == "envoy"


def test_speech_subject_the_model_missed_is_a_person(make):
    docs = [
        make(
            "a",
            'Tomas Hiel, an analyst, spoke first. "It will pass," said Hiel.',
            {"Tomas Hiel": "PERSON"},
        )
    ]
    found = actors.extract(docs)
    hiel = by_name(found, "Hiel")
    assert hiel.name == "Tomas Hiel" and hiel.mentions == 2


def test_a_paragraph_opening_with_by_is_not_a_byline(make):
    docs = [
        make(
            "a",
            "By Tuesday, Mayor Ana Ruiz had agreed.\nBy Paul Writer\n",
            {"Tuesday": "DATE", "Ana Ruiz": "PERSON", "Paul Writer": "PERSON"},
        )
    ]
    assert names(actors.extract(docs)) == {"Ana Ruiz"}
