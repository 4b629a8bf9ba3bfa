"""Key timeline: key dates from how many documents and outlets refer to them, one
central sentence per key date, background apart, a key count that grows with the window.

Hand-built articles and mentions; no model.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from briefgen.extract.timeline import Mention, _candidate, group, same_event
from briefgen.extract.timeline.key import (
    SentenceFeatures,
    background,
    caption,
    choose,
    date_scores,
    dated_vectors,
    idf_of,
    is_background,
    key_date_count,
    not_reported,
    novelty,
    readable,
    sentence_score,
    shown,
    truncated,
    vector,
    window,
    with_the_end,
)
from briefgen.models import Article, Event


def art(doc: str, day: dt.date, publisher: str) -> Article:
    return Article(id=doc, path=doc, text="", date=day, date_source="metadata", publisher=publisher)


def mention(doc: str, date: str, text: str, precision: str = "day", **kw: object) -> Mention:
    return Mention(doc=doc, date=date, precision=precision, text=text, sentence=text, expr=str(kw.pop("expr", "on Monday")),
                   planned=False, **kw)  # type: ignore[arg-type]


def key_timeline(mentions: list[Mention], articles: list[Article]) -> list[Event]:
    order = {a.id: i for i, a in enumerate(articles)}
    cands = [_candidate(g, {a.id for a in articles}, order) for g in group(mentions)]
    return choose(cands, articles, same_event)


D = dt.date(2021, 3, 1)
PLACES = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Gum", "Hazel", "Ironwood", "Juniper"]
FACTS = ["first flood", "harvest fair", "bridge repair", "school strike", "power cut", "ferry delay",
         "water ban", "road closure", "market fire", "rail protest"]


def test_an_event_told_by_three_outlets_is_one_key_item_with_every_source() -> None:
    articles = [art("a", D, "Outlet A"), art("b", D, "Outlet B"), art("c", D, "Outlet C"), art("d", D, "Outlet A")]
    ms = [
        mention("a", "2021-03-01", "The port authority closed the harbour to all shipping after the storm on Monday."),
        mention("b", "2021-03-01", "After the storm the port authority closed the harbour to shipping on Monday."),
        mention("c", "2021-03-01", "On Monday the port authority closed the harbour to all shipping."),
        mention("d", "2021-03-01", "A local bakery reopened its doors on Monday after repairs to its oven."),
    ]
    events = key_timeline(ms, articles)
    harbour = [e for e in events if "harbour" in e.text]
    assert len(harbour) == 1
    assert set(harbour[0].sources) == {"a", "b", "c"}
    assert harbour[0].key and harbour[0].salience == 1.0
    bakery = next(e for e in events if "bakery" in e.text)
    assert bakery.salience < harbour[0].salience


def test_a_date_many_outlets_refer_to_beats_a_date_one_document_mentions() -> None:
    days = [D + dt.timedelta(days=i) for i in range(2)]
    articles = [art("a", days[0], "A"), art("b", days[1], "B"), art("c", days[1], "C")]
    ms = [
        mention("a", "2021-03-01", "Lawmakers passed the budget bill late on Monday after a long debate."),
        mention("b", "2021-03-01", "The budget bill passed by lawmakers on Monday now goes to the senate."),
        mention("c", "2021-03-01", "Lawmakers who passed the budget bill on Monday were praised by unions."),
        mention("b", "2021-02-11", "A minor official resigned over an unrelated expenses claim in February."),
    ]
    events = key_timeline(ms, articles)
    key_dates = {e.date for e in events if e.key}
    assert "2021-03-01" in key_dates
    assert "2021-02-11" not in key_dates


def test_background_is_split_from_the_story_and_never_key() -> None:
    articles = [art("a", D, "A"), art("b", D + dt.timedelta(days=1), "B")]
    ms = [
        mention("a", "2013", "Since the treaty was signed in 2013 trade between the two has doubled.", "year", expr="in 2013"),
        mention("b", "2013", "The treaty signed in 2013 doubled trade between the two states.", "year", expr="in 2013"),
        mention("a", "2021-03-01", "The two governments opened talks on a new trade treaty on Monday."),
    ]
    events = key_timeline(ms, articles)
    treaty_2013 = [e for e in events if e.date == "2013"]
    assert len(treaty_2013) == 1 and treaty_2013[0].background and not treaty_2013[0].key
    talks = next(e for e in events if e.date == "2021-03-01")
    assert talks.key and not talks.background
    assert [e.date for e in shown(events)] == ["2021-03-01"]
    assert [e.date for e in background(events)] == ["2013"]


def test_is_background_needs_the_whole_period_well_before_the_window() -> None:
    win = (dt.date(2023, 1, 10), dt.date(2023, 2, 1))
    assert is_background(Event(date="2022-06", precision="month", text=""), win)
    assert not is_background(Event(date="2023", precision="year", text=""), win)  # the year holds the window
    assert not is_background(Event(date="2023-01-02", precision="day", text=""), win)


def test_the_key_count_grows_with_the_window() -> None:
    counts = [key_date_count(n) for n in (1, 5, 20, 40, 200)]
    assert counts == sorted(counts) and counts[0] == 1 and counts[1] == 5
    assert counts[-1] < 200  # a long story gets a sparser timeline

    def keys(n_days: int) -> int:
        articles, ms = [], []
        for i in range(n_days):
            day = D + dt.timedelta(days=i)
            for outlet in ("A", "B"):
                doc = f"{outlet}{i}"
                articles.append(art(doc, day, outlet))
                ms.append(mention(doc, day.isoformat(), f"{PLACES[i]} reported its {FACTS[i]} on the coast on Monday.", expr="today"))
        return sum(e.key for e in key_timeline(ms, articles))

    assert 0 < keys(3) < keys(10)


def test_duplicates_and_undated_articles_do_not_stretch_the_window() -> None:
    arts = [art("a", D, "A"), art("b", D + dt.timedelta(days=3), "B"),
            Article(id="c", path="c", text="", date=D + dt.timedelta(days=90), duplicate_of="a"),
            Article(id="d", path="d", text="")]
    assert window(arts) == (D, D + dt.timedelta(days=3))


def test_the_section_limit_keeps_the_most_salient_key_items_in_date_order() -> None:
    evs = [Event(date=f"2021-03-0{i}", precision="day", text=str(i), key=True, salience=s)
           for i, s in ((1, 0.2), (2, 0.9), (3, 0.5))]
    evs.append(Event(date="2001", precision="year", text="old", background=True, salience=1.0))
    assert [e.text for e in shown(evs, limit=2)] == ["2", "3"]


def test_a_limit_keeps_how_a_long_story_ends_though_its_last_days_are_little_cited() -> None:
    # twenty days of a story; later documents keep citing the early days, so salience
    # falls with the date and a cut by salience alone would drop the ending
    evs = [Event(date=(dt.date(2021, 3, 1) + dt.timedelta(days=i)).isoformat(), precision="day",
                 text=f"day {i}", key=True, salience=1.0 - i / 20) for i in range(20)]
    kept = [e.text for e in shown(evs, limit=5)]
    assert kept == ["day 0", "day 1", "day 2", "day 18", "day 19"]


def test_an_extraction_without_key_flags_shows_its_non_background_events() -> None:
    evs = [Event(date="2021-03-01", precision="day", text="x"), Event(date="2001", precision="year", text="y", background=True)]
    assert [e.text for e in shown(evs)] == ["x"]


def test_a_publication_stamp_run_into_a_key_sentence_is_cut() -> None:
    from briefgen.extract.timeline.key import unstamped

    assert unstamped("Wednesday 17 June 2009 15.39 BST Officials warned farmers.") == "Officials warned farmers."
    assert unstamped("On 17 June 2009 the minister resigned.") == "On 17 June 2009 the minister resigned."
    assert unstamped("Update 3:00 a.m. in Valdo, 8:00 p.m. ET) The president urged calm.") == "The president urged calm."
    assert unstamped("Wednesday, October 15, 2008; 1:00 PM Staff writers were online.") == "Staff writers were online."
    assert unstamped("Updates on the talks came on Monday.") == "Updates on the talks came on Monday."


def test_a_list_item_reads_as_well_as_its_sentence_and_is_shown_without_its_bullet() -> None:
    from briefgen.extract.timeline.key import readable

    plain = "The council yesterday cut its estimate of flood damage from 40 to 25 homes."
    assert readable("• " + plain) == readable(plain) == 1.0
    for bullet in ("• ", "- "):
        events = key_timeline([mention("a", "2021-03-01", bullet + plain, expr="yesterday")], [art("a", D, "A")])
        assert events[0].key and events[0].text == plain


def test_a_long_key_sentence_shows_its_clause_without_the_label_glued_to_it() -> None:
    long = ("Journalists Journalists trying to cover the unrest in the capital on Monday were detained by police, "
            "who took their cameras, phones and notebooks, held them for several hours at a station near the "
            "square, questioned them about their sources and their work, and released them late at night without "
            "any charge, their editors said.")
    events = key_timeline([mention("a", "2021-03-01", long)], [art("a", D, "A")])
    assert events[0].key and not events[0].text.startswith("Journalists Journalists")


def test_a_key_point_in_a_list_beats_a_plain_sentence_as_deep_in_the_story() -> None:
    articles = [art("a", D, "A")]
    ms = [
        mention("a", "2021-03-01", "The council met residents at the town hall on Monday to hear their views.", position=30),
        mention("a", "2021-03-01", "• The council on Monday cut its estimate of flood damage from 40 to 25 homes.", position=31),
    ]
    events = key_timeline(ms, articles)
    point = next(e for e in events if "estimate" in e.text)
    plain = next(e for e in events if "residents" in e.text)
    assert point.key and point.salience > plain.salience


def test_the_undated_lead_of_one_outlet_can_be_the_second_key_event_of_its_day() -> None:
    articles = [art("a", D, "A"), art("b", D, "B")]
    ms = [
        mention("a", "2021-03-01", "The port authority closed the harbour to all shipping after the storm on Monday.", position=0),
        mention("b", "2021-03-01", "The regional government ordered the culling of all poultry flocks near the river.",
                expr="", lead=True, position=0),
    ]
    events = key_timeline(ms, articles)
    assert {e.text.split()[1] for e in events if e.key} == {"port", "regional"}


def test_an_undated_line_deep_in_one_outlets_story_is_not_a_further_key_event() -> None:
    articles = [art("a", D, "A"), art("b", D, "B")]
    ms = [
        mention("a", "2021-03-01", "The port authority closed the harbour to all shipping after the storm on Monday.", position=0),
        mention("b", "2021-03-01", "The regional government ordered the culling of all poultry flocks near the river.",
                expr="", lead=True, position=3),
    ]
    assert [e.text.split()[1] for e in key_timeline(ms, articles) if e.key] == ["port"]


def bg(date: str, text: str, n: int) -> Event:
    """A background event told by ``n`` documents."""
    return Event(date=date, precision="year", text=text, sources=[f"d{i}" for i in range(n)], background=True)


def test_the_background_list_skips_quotes_fragments_and_comments_and_tells_a_fact_once() -> None:
    evs = [
        bg("1918", "1918 “We do not see the markers of that strain,” she said", 5),
        bg("2000", "In 2000, the doctor opened his own practice in the coastal city.", 3),
        bg("2006", "In 2000, the doctor opened his own practice in the coastal city, and in 2006 a second.", 2),
        bg("1990", "The river last flooded the old town in 1990, destroying two bridges.", 1),
        bg("1981", "I'm Valdorian, and my president has been in power since 1981.", 9),  # a reader's comment
    ]
    shown_bg = background(evs)
    assert [e.date for e in shown_bg] == ["1990", "2000"]


def test_the_background_list_gives_a_year_one_line() -> None:
    evs = [
        bg("1969", "The colonel seized power in a 1969 coup against the king.", 3),
        bg("1969", "The colonel, in power since a bloodless 1969 coup, faces the uprising.", 2),
        bg("1988", "A bomb brought down an airliner over the border town in 1988.", 1),
    ]
    assert [e.date for e in background(evs)] == ["1969", "1988"]


def test_a_day_still_recalled_weeks_later_outscores_one_told_only_that_week() -> None:
    early, busy = dt.date(2021, 3, 1), dt.date(2021, 3, 10)
    articles = [art("a", early, "A"), art("b", busy, "A"), art("c", busy + dt.timedelta(days=1), "A"),
                art("d", dt.date(2021, 3, 30), "A")]
    ms = [
        mention("a", "2021-03-01", "The port workers went on strike on Monday over the new rota."),
        mention("d", "2021-03-01", "Since the strike began on March 1 the port has handled no grain.", expr="March 1"),
        mention("b", "2021-03-10", "The port authority met the unions on Wednesday for an hour."),
        mention("c", "2021-03-10", "The port authority's meeting with the unions on Wednesday ended early."),
    ]
    order = {a.id: i for i, a in enumerate(articles)}
    cands = [_candidate(g, {a.id for a in articles}, order) for g in group(ms)]
    by_id = {a.id: a for a in articles}
    win = window(articles)
    flat = date_scores(cands, lambda d: by_id[d].publisher or d, win)
    recalled = date_scores(cands, lambda d: by_id[d].publisher or d, win, lambda d: by_id[d].date)
    assert flat["2021-03-01"] == flat["2021-03-10"]
    assert recalled["2021-03-01"] > recalled["2021-03-10"]


def test_the_brief_keeps_a_day_from_the_end_of_a_long_story() -> None:
    win = (dt.date(2021, 1, 1), dt.date(2021, 10, 31))
    best_first = ["2021-03-01", "2021-03-02", "2021-02-10", "2021-10-20", "2021-05-05"]
    assert with_the_end(best_first, 3, win)[:3] == ["2021-10-20", "2021-03-01", "2021-03-02"]
    assert with_the_end(best_first, 3, None) == best_first


def test_the_background_list_keeps_to_facts_about_the_story_s_leading_actors() -> None:
    evs = [Event(date="2004", precision="year", text="The minister Anna Berg founded the party in 2004.",
                 sources=["a", "b"], background=True, actors=["Anna Berg"]),
           Event(date="1979", precision="year", text="The air display team has flown the jet since 1979.",
                 sources=["c", "d", "e"], background=True, actors=["Air Display Team"])]
    story = [Event(date=f"2024-05-0{d}", precision="day", key=True, sources=["a"],
                   text=f"Floods closed {d} more schools as the river burst its banks.") for d in (1, 2)]
    flood = Event(date="1953", precision="year", text="The last great river flood closed the schools in 1953.",
                  sources=["f"], background=True)
    evs += [*story, flood]
    assert [e.date for e in background(evs)] == ["1953", "1979", "2004"]
    assert [e.date for e in background(evs, central=["Anna Berg", "Strelsau"])] == ["1953", "2004"]


def test_of_two_sentences_on_a_date_the_one_about_the_story_is_key() -> None:
    articles = [art(x, D, x.upper()) for x in "abcd"] + [art("e", D + dt.timedelta(days=1), "E")]
    story = "The river flood forced the evacuation of {} as the water rose"
    ms = [mention(x, "2021-02-2" + str(n), story.format(p) + " on Saturday.") for n, (x, p) in
          enumerate(zip("abcd", ["Alder", "Birch", "Cedar", "Dogwood"]))]
    ms += [
        mention("e", "2021-03-02", "The river flood reached Elm and the evacuation of its houses began on Tuesday.",
                position=5),
        mention("e", "2021-03-02", "The choir of Elm sang at the spring concert in the chapel on Tuesday.", position=5),
    ]
    day = [e for e in key_timeline(ms, articles) if e.date == "2021-03-02"]
    flood = next(e for e in day if "flood" in e.text)
    choir = next(e for e in day if "choir" in e.text)
    assert flood.salience > choir.salience


def test_the_sentence_score_rises_with_support_and_centrality() -> None:
    base = SentenceFeatures(readable=1.0, eventive=1.0, support=0.0, place=0.0, refs=1, central=0.1,
                            length=0.5, undated=False)
    assert sentence_score(replace(base, support=1.0)) > sentence_score(base)
    assert sentence_score(replace(base, central=0.3)) > sentence_score(base)
    assert sentence_score(replace(base, readable=0.3)) < sentence_score(base)
    assert sentence_score(replace(base, undated=True)) < sentence_score(base)


def test_a_sentence_dated_only_by_its_glued_caption_is_never_key() -> None:
    articles = [art("a", dt.date(2021, 11, 22), "A"), art("b", dt.date(2021, 11, 23), "B")]
    ms = [
        mention("a", "2021-11-21", "Footage of the raid on the clinic 21 November 2021 Court documents reveal that "
                "the doctor bought five bottles of the drug in May.", expr="21 November 2021"),
        mention("b", "2021-11-23", "Lawyers said on Tuesday that the court would sit in a new building next spring.",
                expr="on Tuesday"),
    ]
    events = key_timeline(ms, articles)
    assert not next(e for e in events if e.date == "2021-11-21").key
    assert next(e for e in events if e.date == "2021-11-23").key


def test_a_key_sentence_loses_the_headline_glued_to_it() -> None:
    articles = [art("a", D, "A")]
    ms = [mention("a", "2021-03-01", "Doctor denies any wrongdoing On Monday the doctor appeared in court in the "
                  "capital and pleaded not guilty to the charge.", position=0)]
    events = key_timeline(ms, articles)
    assert events[0].key and events[0].text.startswith("On Monday the doctor appeared")


def test_a_line_that_leans_on_the_story_before_it_reads_worse_than_one_that_stands_alone() -> None:
    alone = "The health ministry confirmed three new cases in the capital on Monday, taking the total to thirteen."
    for leaning in ["Tonight's announcement brought the total number of confirmed cases in the capital to thirteen.",
                    "The latest cases came as the chief medical officer said he was concerned but not alarmed."]:
        assert readable(leaning) < readable(alone)


def test_text_cut_off_by_its_page_is_never_a_key_sentence() -> None:
    articles = [art("a", D, "A"), art("b", D, "B")]
    ms = [
        mention("a", "2021-03-01", "… completed their withdrawal from the towns and stopped shelling on Monday, ahead of "
                "the truce.", position=0),
        mention("b", "2021-03-02", "In Tuesday's decrees the president lifted the emergency law and enacted a new …",
                expr="Tuesday's", position=0),
    ]
    assert truncated(ms[0].text) and truncated(ms[1].text)
    assert not any(e.key for e in key_timeline(ms, articles))


def test_a_page_dated_long_after_the_rest_does_not_stretch_the_window() -> None:
    arts = [art(f"a{i}", D + dt.timedelta(days=i % 10), "A") for i in range(30)]
    arts.append(art("late", D + dt.timedelta(days=500), "B"))
    assert window(arts) == (D, D + dt.timedelta(days=9))


def test_a_sentence_fragment_a_question_or_a_pronoun_led_follow_on_is_never_a_key_item() -> None:
    arts = [art(f"d{i}", D, f"O{i}") for i in range(3)]
    ms = [mention(f"d{i}", D.isoformat(), "in the main square as the president said late on Monday he would stay on.")
          for i in range(3)]
    ms += [mention(f"d{i}", D.isoformat(), "He told the court on Monday that he would appeal against the ruling.")
           for i in range(3)]
    ms += [mention("d0", D.isoformat(), "Will the president resign on Monday, as the opposition demands of him?")]
    ms += [mention("d1", D.isoformat(), "Valdorian police cleared the protest camp from the main square on Monday.")]
    key = [e for e in key_timeline(ms, arts) if e.key]
    assert [e.text for e in key] == ["Valdorian police cleared the protest camp from the main square on Monday."]


def test_a_comment_or_a_first_person_line_is_never_a_key_item_but_a_quoted_one_may_be() -> None:
    arts = [art(f"d{i}", D, f"O{i}") for i in range(3)]
    ms = [mention(f"d{i}", D.isoformat(), "Yesterday in my office we all wore masks, and on Monday I stayed at home.")
          for i in range(3)]
    ms += [mention(f"d{i}", D.isoformat(), "March 1, 2021 at 9:47 pm | Reply The council voted on Monday to close "
                   "every school in the city.") for i in range(3)]
    ms += [mention("d1", D.isoformat(), "Valdorian police cleared the protest camp on Monday, saying “we will not "
                   "allow it again”.")]
    key = [e for e in key_timeline(ms, arts) if e.key]
    assert [e.text for e in key] == ["Valdorian police cleared the protest camp on Monday, saying “we will not "
                                     "allow it again”."]
    assert not_reported("Tomorrow morning, I will suspend my campaign.")
    assert not not_reported("The US army said on Monday that it had left the town.")
    assert not not_reported("I drive my own car,” the president told the paper on Monday.")


def test_a_count_told_again_is_less_novel_than_a_new_act() -> None:
    before = "The ministry confirmed 91 cases of the virus in the capital on Monday."
    again = "The ministry confirmed 109 cases of the virus in the capital on Tuesday."
    new = "The president signed a decree on Tuesday giving the army emergency powers."
    idf = idf_of([before, again, new, "Schools stayed open across the north on Sunday."])
    ms = [mention("a", "2021-03-01", before), mention("b", "2021-03-02", again), mention("b", "2021-03-02", new)]
    cands = [_candidate([m], {"a", "b"}, {"a": 0, "b": 1}) for m in ms]
    vec = {m.sentence: vector(m.sentence, idf) for m in ms}
    by_day = dated_vectors(cands, vec)
    assert novelty(vec[again], "2021-03-02", by_day) < 0.5 < novelty(vec[new], "2021-03-02", by_day)
    assert novelty(vec[again], "2021-03-20", by_day) == 1.0  # the week before told nothing


def test_a_limit_keeps_each_months_main_event_of_a_long_story() -> None:
    # a year-long story whose last two months hold the most-cited days: a cut by
    # salience alone would show only those two months
    evs = [Event(date=f"2021-{m:02d}-15", precision="day", text=f"month {m}", key=True, salience=0.1 + m / 100)
           for m in range(1, 11)]
    evs += [Event(date=f"2021-{m:02d}-{d:02d}", precision="day", text=f"busy {m}-{d}", key=True, salience=0.9)
            for m in (11, 12) for d in range(1, 15)]
    kept = shown(evs, limit=16)  # the last four days (a tenth of 38), then one a month
    assert {e.date[:7] for e in kept} == {f"2021-{m:02d}" for m in range(1, 13)}
    assert kept == sorted(kept, key=lambda e: e.date)


def test_a_photo_caption_or_credit_is_never_a_key_sentence() -> None:
    arts = [art(f"d{i}", D, f"O{i}") for i in range(3)]
    ms = [mention(f"d{i}", D.isoformat(), "President Anton Strel, center, flanked by his ministers, speaks in the "
                  "capital on Monday.") for i in range(3)]
    ms += [mention(f"d{i}", D.isoformat(), "(By Anna Berg -- Wirenews) Lawmakers picked through the budget on "
                   "Monday in a long session.") for i in range(3)]
    ms += [mention("d1", D.isoformat(), "Valdorian police cleared the protest camp from the main square on Monday.")]
    key = [e for e in key_timeline(ms, arts) if e.key]
    assert [e.text for e in key] == ["Valdorian police cleared the protest camp from the main square on Monday."]
    assert caption("The minister (AP Photo/Anna Berg) spoke.")
    assert not caption("Rebels pushed west on Monday, left with few supplies, and took the town.")


def test_the_busiest_day_carries_at_most_three_key_events() -> None:
    days = [D + dt.timedelta(days=k) for k in range(6)]
    arts = [art(f"{k}{o}", day, f"Outlet {o}") for k, day in enumerate(days) for o in "ABC"]
    ms = []
    daily = ["The river burst its banks in Alder and flooded forty homes.",
             "Farmers opened the harvest fair in Birch with a parade.",
             "Welders finished the bridge repair in Cedar ahead of schedule.",
             "Teachers in Dogwood walked out over unpaid wages.",
             "A storm cut power to the whole of Elm for six hours.",
             "The ferry to Juniper was delayed by fog until noon."]
    for k, day in enumerate(days):  # one event a day, told by its three outlets
        ms += [mention(f"{k}{o}", day.isoformat(), daily[k]) for o in "ABC"]
    extra = ["Engineers in Fir restored the ferry link before dawn.",
             "Inspectors in Gum lifted the water ban for schools.",
             "Police in Hazel reopened the coast road after a crash.",
             "Firefighters in Ironwood saved the old market hall."]
    for line in extra:  # the first day also holds four more events, each told by three outlets
        ms += [mention(f"0{o}", days[0].isoformat(), line) for o in "ABC"]
    key = [e for e in key_timeline(ms, arts) if e.key]
    per_day = Counter(e.date for e in key)
    assert per_day[days[0].isoformat()] == 3  # the budget would allow more; the ceiling is three
    assert len(per_day) == 6
