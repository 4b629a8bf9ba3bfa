"""The length budget counts what the brief shows: config limits are caps, positions cost
their "also said" lines and headings, the timeline its Background list."""

from __future__ import annotations

from briefgen import budget
from briefgen.brief import views
from briefgen.config import Section
from briefgen.models import Actor, Event, Extraction, Position

LONG = "the council agreed a detailed plan to rebuild the harbour walls before the winter storms arrive"


def _ext(positions=(), timeline=(), actors=()) -> Extraction:
    docs = [{"id": f"d{i}", "title": f"Report {i}", "date": "2024-05-01"} for i in range(3)]
    return Extraction(generated_at="2024-06-01T00:00:00+00:00", brief={}, documents=docs,
                      actors=list(actors), timeline=list(timeline), positions=list(positions),
                      open_questions=[], summary=[])


def test_the_budget_counts_the_also_said_lines_the_brief_shows():
    assert budget.ALSO_SAID == views.MAX_ALSO_SAID
    one = [Position(actor="Ann Lee", kind="quote", text=f"We will fund {LONG} this year.", sources=["d0"])]
    related = [Position(actor="Ann Lee", kind="quote", text=f"The plan to rebuild the harbour walls {i} is funded.",
                        sources=["d1"]) for i in range(4)]
    alone = budget.position_costs(_ext(one))
    with_also = budget.position_costs(_ext([*one, *related]))
    assert len(alone) == 1
    assert sum(with_also) > sum(alone)


def test_each_new_speaker_costs_a_name_heading():
    same = [Position(actor="Ann Lee", kind="quote", text=f"{LONG} {i}.", sources=["d0"]) for i in range(2)]
    two = [Position(actor=name, kind="quote", text=f"{LONG} {i}.", sources=["d0"])
           for i, name in enumerate(["Ann Lee", "Bo Chan"])]
    assert sum(budget.position_costs(_ext(two))) > sum(budget.position_costs(_ext(same)))


def test_the_timeline_counts_its_background_list():
    story = [Event(date=f"2024-05-{d:02d}", precision="day", text=f"{LONG} {d}.", sources=["d0"], key=True,
                   salience=1.0) for d in range(1, 4)]
    past = {50: "The river flooded the lower town and swept away two old bridges in a single night",
            60: "A new railway line reached the port and doubled the trade in grain within ten years",
            70: "Fishermen went on strike for three months over quotas set by the regional government"}
    old = [Event(date=f"19{y}", precision="year", text=f"{t} {y}.", sources=["d1"], background=True)
           for y, t in past.items()]  # three facts: the Background list tells each fact once
    sec = Section(type="timeline")
    plain = budget._costs(sec, _ext(timeline=story))
    with_background = budget._costs(sec, _ext(timeline=[*story, *old]))
    assert len(plain) == len(with_background) == 3  # background events are not rows
    assert with_background[0] - plain[0] >= budget.background_mm(_ext(timeline=old)) > budget.H3_MM


def test_a_config_limit_caps_a_section_and_the_budget_may_show_fewer():
    actors = [Actor(id=f"a{i}", name=f"Speaker {i}", kind="person", sources=["d0"]) for i in range(80)]
    positions = [Position(actor=f"Speaker {i}", kind="quote", text=f"{LONG} {LONG} {i}.", sources=["d0"])
                 for i in range(80)]
    sections = [Section(type="positions", limit=60), Section(type="sources")]
    plan = budget.plan(sections, _ext(positions, actors=actors), pages=2)
    assert 0 < plan.limits["positions"] < 60
    small = budget.plan([Section(type="positions", limit=3)], _ext(positions, actors=actors), pages=2)
    assert small.limits["positions"] == 3
