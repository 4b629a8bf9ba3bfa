"""Which attributions become positions, and which side a speaker is on: questions and
chronology lines are nobody's position, page debris and lone first names are no
speakers, a quote addressing the speaker's own first name is someone else's, and a
side comes from the speaker's own country or organisation (no unit needs a model)."""

from __future__ import annotations

from briefgen.extract.positions import PositionFacts, _sides, combine, is_statement
from briefgen.extract.positions.attribution import Attribution
from briefgen.extract.positions.speakers import names_country, role_phrases
from briefgen.models import Actor

ACTORS = [
    Actor(
        id="a1",
        name="Nora Vale",
        kind="person",
        aliases=["Vale"],
        role="chief medical officer",
        sources=["d1", "d2"],
    ),
    Actor(id="a2", name="Ulla Berg", kind="person", aliases=["Berg"], sources=["d1"]),
    Actor(id="a3", name="Kit", kind="person", sources=["d1"]),
    Actor(
        id="a4",
        name="League “End Quote Tom Ash",
        kind="person",
        aliases=["Tom Ash", "Ash"],
        sources=["d1", "d2"],
    ),
    Actor(id="a5", name="Freedonia", kind="country"),
]


def att(speaker: str, text: str, kind: str = "quote", sentence: str = "") -> Attribution:
    return Attribution(
        kind=kind,
        start=0,
        end=len(text),
        text=text,
        sentence=sentence or f"{speaker} said: {text}",
        speaker=speaker,
    )


def texts(*items: Attribution) -> list[tuple[str | None, str]]:
    found = combine([PositionFacts(doc="d1", attributions=list(items))], ACTORS)
    return [(p.actor, p.text) for p in found]


def test_a_quoted_question_is_nobodys_position() -> None:
    found = texts(att("Vale", "Have you ever considered yourself a supporter of the new rules?"))
    assert found == []


def test_the_question_an_answer_replies_to_is_not_the_speakers_position() -> None:
    sentence = (
        "Asked on the radio whether people should buy the drug online, "
        "Vale said: No, they should not."
    )
    found = texts(
        att("Vale", "people should buy the drug online", kind="reported", sentence=sentence),
        att(
            "Vale",
            "No, they should not. We have a very large stockpile of the drug.",
            sentence=sentence,
        ),
    )
    assert found == [
        ("Nora Vale", "No, they should not. We have a very large stockpile of the drug.")
    ]


def test_a_dated_chronology_line_is_not_a_statement() -> None:
    assert not is_statement("April 10 - the council accepts a roadmap for talks")
    assert not is_statement("10 April 2011: The council accepts a roadmap")
    assert is_statement("In April the council accepted a roadmap for talks")


def test_a_quote_addressing_the_speakers_first_name_is_not_hers() -> None:
    found = texts(att("Berg", "I actually said to Ulla: we will be getting off this plane ill"))
    assert found == [(None, "I actually said to Ulla: we will be getting off this plane ill")]
    kept = texts(att("Ulla Berg", "I told them Ulla is my name and I will not change it"))
    assert kept[0][0] == "Ulla Berg"


def test_a_lone_first_name_with_no_role_is_no_speaker() -> None:
    found = texts(
        att("Kit", "The heir of the estate was the second son of the miller", kind="reported")
    )
    assert found == []


def test_a_speaker_name_holding_quotation_marks_is_page_debris() -> None:
    found = texts(
        att("Tom Ash", "The veto shows disdain for the interests of the people", kind="reported")
    )
    assert found == []


def test_a_country_adjective_is_not_matched_by_a_prefix_of_another_country() -> None:
    austria = Actor(id="c1", name="Austria", kind="country")
    australia = Actor(id="c2", name="Australia", kind="country")
    mexico = Actor(id="c3", name="Mexico", kind="country")
    assert not names_country("Australian foreign minister", austria)
    assert names_country("Australian foreign minister", australia)
    assert names_country("Austrian chancellor", austria)
    assert names_country("the Mexican ambassador", mexico)
    assert not names_country(
        "the children's minister", Actor(id="c4", name="Chile", kind="country")
    )


def test_an_international_officials_side_is_his_organisation_not_the_country_he_speaks_of() -> None:
    actors = [
        Actor(id="o1", name="United Nations", kind="organization", aliases=["UN"]),
        Actor(id="c1", name="Freedonia", kind="country"),
        Actor(id="p1", name="Ban Oak", kind="person", role="UN secretary general"),
        Actor(id="p2", name="Ada Reed", kind="person", role="Freedonian UN ambassador"),
    ]
    roles = {"Ban Oak": {"un secretary general", "critic of freedonia"}}
    sides = _sides(actors, {}, roles, {"Ban Oak", "Ada Reed"})
    assert sides["Ban Oak"] == "United Nations"
    assert sides["Ada Reed"] == "Freedonia"


def test_an_ambassador_is_on_the_side_of_his_country_not_where_he_is_posted() -> None:
    actors = [
        Actor(id="c1", name="Freedonia", kind="country"),
        Actor(id="c2", name="Sylvania", kind="country"),
        Actor(id="p1", name="Jon Gray", kind="person", role="Freedonia's ambassador to Sylvania"),
    ]
    assert _sides(actors, {}, {}, {"Jon Gray"})["Jon Gray"] == "Freedonia"


def test_a_role_before_a_name_stays_in_the_names_sentence() -> None:
    text = "Visitors are held in Port Sylvan.\n\nAmbassador Jon Gray said the rules were unfair."
    start = text.index("Jon Gray")
    roles = role_phrases(text, [(start, start + len("Jon Gray"), "Jon Gray")])
    assert ("Jon Gray", "Ambassador") in roles
    assert all("Sylvan" not in r for _, r in roles)


def test_a_role_before_an_honorific_and_name_is_the_names_role() -> None:
    text = "The cases came as the Freedonian chief medical officer, Sir Jon Gray, spoke."
    start = text.index("Jon Gray")
    roles = role_phrases(text, [(start, start + len("Jon Gray"), "Jon Gray")])
    assert ("Jon Gray", "Freedonian chief medical officer") in roles
    plain = "He spoke at the time of his death, Jon Gray said."
    start = plain.index("Jon Gray")
    assert role_phrases(plain, [(start, start + len("Jon Gray"), "Jon Gray")]) == []


def test_two_letter_initials_of_an_organisation_are_not_read_in_a_role() -> None:
    actors = [
        Actor(id="o1", name="Dee Ray", kind="organization"),
        Actor(id="p1", name="Joe Low", kind="person", role="dr gray's lawyer"),
    ]
    assert "Joe Low" not in _sides(actors, {}, {}, {"Joe Low"})


def test_an_organisations_initials_opening_a_role_give_the_side() -> None:
    actors = [
        Actor(id="o1", name="World Weather Office", kind="organization"),
        Actor(id="p1", name="Ada Reed", kind="person", role="director general"),
    ]
    roles = {"Ada Reed": {"director general", "wwo director general"}}
    sides = _sides(actors, {}, roles, {"Ada Reed"})
    assert sides["Ada Reed"] == sides["World Weather Office"] == "World Weather Office"


def test_a_statement_naming_the_speaker_with_a_title_is_about_him_not_by_him() -> None:
    found = texts(
        att("Vale", "Dr Vale did not follow the rules for the new treatment", kind="reported")
    )
    assert found == []


def test_a_page_timestamp_is_not_a_statement() -> None:
    assert not is_statement("Page last updated at 07:02 GMT")
    assert is_statement(
        "The meeting will resume at 10:00 GMT on Monday after the vote in the chamber"
    )


def test_a_described_speaker_named_in_apposition_is_the_named_person() -> None:
    actors = [
        *ACTORS,
        Actor(id="p9", name="Jose Roe", kind="person", aliases=["Roe"], sources=["d1", "d2"]),
    ]
    sentence = "In the capital, the country's chief medical officer, Jose Roe, has said he expects more cases."
    a = att(
        "the country's chief medical officer",
        "he expects more cases",
        kind="reported",
        sentence=sentence,
    )
    found = combine([PositionFacts(doc="d1", attributions=[a])], actors)
    assert [(p.actor, p.text) for p in found] == [("Jose Roe", "he expects more cases")]


def test_a_journalists_words_are_no_position() -> None:
    actors = [
        *ACTORS,
        Actor(
            id="p9",
            name="Jim Moor",
            kind="person",
            role="Middle East correspondent",
            sources=["d1", "d2"],
        ),
    ]
    a = att("Jim Moor", "There have been protests in many towns through the week")
    found = combine([PositionFacts(doc="d1", attributions=[a])], actors)
    assert [p.actor for p in found] == [None]


def test_a_description_is_not_the_spokesman_of_what_it_names() -> None:
    from briefgen.extract.positions.speakers import SpeakerResolver

    actors = [
        Actor(id="p1", name="Sam Holt", kind="person", role="government spokesman"),
        Actor(id="p2", name="Ada Reed", kind="person", role="foreign minister"),
    ]
    resolver = SpeakerResolver(actors)
    assert resolver.resolve("the government") is None
    assert resolver.resolve("the minister") == "Ada Reed"


def test_a_single_name_the_article_gives_with_a_speech_verb_speaks_its_quote() -> None:
    quote = "There is no need to antagonise the neighbour for a deal that may never come"
    said = att("Kit", quote)
    said.via, said.cue = "after", "said"
    assert texts(said) == [("Kit", quote)]
    signed = att("Kit", quote)
    signed.via = "dash"  # "- Kit" under a reader's post
    posted = att("Kit", quote)
    posted.via, posted.cue = "before", "wrote"
    assert texts(signed) == [(None, quote)]
    assert texts(posted) == [(None, quote)]


def test_a_role_at_a_broadcaster_gives_no_side() -> None:
    actors = [
        Actor(id="o1", name="Northern Broadcasting", kind="organization", aliases=["NBX"]),
        Actor(id="c1", name="Freedonia", kind="country"),
        Actor(id="p1", name="Lee Dunn", kind="person"),
        Actor(id="p2", name="Ada Reed", kind="person"),
    ]
    roles = {"Lee Dunn": {"NBX Radio 4 host"}, "Ada Reed": {"NBX director"}}
    sides = _sides(actors, {}, roles, {"Lee Dunn", "Ada Reed"})
    assert "Lee Dunn" not in sides
    assert sides["Ada Reed"] == "Northern Broadcasting"


def test_a_reported_clause_loses_the_reporting_phrase_that_closes_it() -> None:
    sentence = (
        "Two new cases have been found in the capital, one in a child, "
        "the chief medical officer, Nora Vale, said today."
    )
    clause = "Two new cases have been found in the capital, one in a child, the chief medical officer, Nora Vale"
    found = texts(att("the chief medical officer", clause, kind="reported", sentence=sentence))
    assert found == [("Nora Vale", "Two new cases have been found in the capital, one in a child")]
    named = texts(att("Nora Vale", clause, kind="reported", sentence=sentence))
    assert named == found


def test_an_organisation_before_a_bare_honorific_is_no_role() -> None:
    actors = [
        Actor(id="o1", name="Northern Broadcasting", kind="organization", aliases=["NBX"]),
        Actor(id="p1", name="Lee Dunn", kind="person", role="doctor"),
    ]
    assert "Lee Dunn" not in _sides(actors, {}, {"Lee Dunn": {"nbx dr", "doctor"}}, {"Lee Dunn"})
    assert _sides(actors, {}, {"Lee Dunn": {"nbx medical adviser"}}, {"Lee Dunn"})["Lee Dunn"] == (
        "Northern Broadcasting"
    )


def test_the_reporter_filing_the_story_is_no_speaker() -> None:
    sentence = (
        "Ticket sales have doubled since the spring, says the Courier's Nora Vale in Port Sylvan."
    )
    posted = att(
        "Nora Vale",
        "Ticket sales have doubled since the spring",
        kind="reported",
        sentence=sentence,
    )
    assert texts(posted) == []
    reports = att(
        "Nora Vale",
        "Ticket sales have doubled since the spring",
        kind="reported",
        sentence="Ticket sales have doubled since the spring, Nora Vale reports.",
    )
    reports.cue = "reports"
    assert texts(reports) == []
    says = att("Nora Vale", "Ticket sales have doubled since the spring", kind="reported")
    says.cue = "said"
    assert texts(says) == [("Nora Vale", "Ticket sales have doubled since the spring")]


def test_a_demonym_unlike_the_countrys_name_gives_the_side() -> None:
    kingdom = Actor(id="c1", name="United Kingdom", kind="country", aliases=["UK"])
    france = Actor(id="c2", name="France", kind="country")
    assert names_country("british prime minister", kingdom)
    assert names_country("French foreign minister", france)
    assert not names_country("French foreign minister", kingdom)
    actors = [kingdom, france, Actor(id="p1", name="Jon Gray", kind="person", role="French envoy")]
    assert _sides(actors, {}, {}, {"Jon Gray"})["Jon Gray"] == "France"


def test_a_statement_in_an_article_off_the_story_needs_the_storys_core_words(monkeypatch) -> None:
    import briefgen.extract.positions as positions

    monkeypatch.setattr(positions, "TOPIC_CORE", 4)
    names = [
        "Ann Abe",
        "Bo Bell",
        "Cy Cole",
        "Di Dunn",
        "Ed Eng",
        "Fay Fox",
        "Gus Gray",
        "Hal Hunt",
        "Ida Ives",
        "Jo Jones",
    ]
    people = [
        Actor(id=f"p{i}", name=n, kind="person", role="chief medical officer", sources=["d1", "d2"])
        for i, n in enumerate(names)
    ]

    def doc(i: int, text: str) -> PositionFacts:
        return PositionFacts(doc=f"d{i}", attributions=[att(names[i], text)])

    on = [
        doc(i, f"The flu outbreak means the vaccine clinics stay open, a bad week number {i}")
        for i in range(8)
    ]
    on.append(doc(8, "The flu vaccine is safe for children and the outbreak bad"))
    off = doc(9, "Interest rates remain high this week for the central bank and its lenders")
    found = {p.actor for p in positions.combine([*on, off], people)}
    assert "Ida Ives" in found
    assert "Jo Jones" not in found


def test_the_same_quote_given_to_two_speakers_by_two_sources_is_nobodys() -> None:
    quote = "We see neighbourhoods shelled and hospitals used as prisons in the north"
    one = PositionFacts(doc="d1", attributions=[att("Nora Vale", quote)])
    two = PositionFacts(doc="d2", attributions=[att("Ulla Berg", quote)])
    three = PositionFacts(doc="d3", attributions=[att("Nora Vale", quote)])
    assert [p.actor for p in combine([one, two], ACTORS)] == [None]
    assert [p.actor for p in combine([one, two, three], ACTORS)] == ["Nora Vale"]


def test_a_government_bodys_spokesman_is_on_its_countrys_side() -> None:
    actors = [
        Actor(id="c1", name="Freedonia", kind="country"),
        Actor(id="o1", name="Foreign Office", kind="organization", side="Freedonia"),
        Actor(id="o2", name="Relief Agency", kind="organization"),
        Actor(id="p1", name="Jon Gray", kind="person", role="Foreign Office spokesman"),
        Actor(id="p2", name="Ada Reed", kind="person", role="Relief Agency director"),
    ]
    sides = _sides(actors, {}, {}, {"Jon Gray", "Ada Reed"})
    assert sides["Jon Gray"] == "Freedonia"
    assert sides["Ada Reed"] == "Relief Agency"


def test_a_pronoun_speaker_is_not_the_person_named_after_it_in_the_sentence() -> None:
    quote = "I almost don't know what to say about a delay like that one"
    about = att("He", quote, sentence=f"He said of Dr Vale's delay in calling for help: “{quote}”")
    about.antecedent = "Nora Vale"
    assert texts(about) == [(None, quote)]
    own = att("She", quote, sentence=f"Asked about it at the hearing, she said: “{quote}”")
    own.antecedent = "Nora Vale"
    assert texts(own) == [("Nora Vale", quote)]
