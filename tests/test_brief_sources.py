"""The sources list of a brief over many documents: what the items cite, numbered 1…n."""

from __future__ import annotations

import dataclasses
import re

from briefgen.brief import build_brief
from briefgen.check import sample_extraction
from briefgen.config import DEFAULT_SECTIONS, BriefConfig, Outputs
from briefgen.models import Evidence


def _doc(i: int) -> dict:
    return {
        "id": f"d{i:02d}.txt",
        "path": f"d{i:02d}.txt",
        "title": f"Article {i}",
        "publisher": f"Outlet {i}",
        "author": None,
        "url": None,
        "date": "2024-01-01",
        "date_source": "metadata",
        "duplicate_of": None,
    }


def _extraction(n_docs: int, actor_sources: list[int], question_sources: list[int]):
    ext = sample_extraction()
    ext.documents = [_doc(i) for i in range(n_docs)]
    ids = [d["id"] for d in ext.documents]
    actor = dataclasses.replace(
        ext.actors[0],
        sources=[ids[i] for i in actor_sources],
        evidence=[Evidence(doc=ids[i], sentence=f"Sentence {i}.") for i in actor_sources],
    )
    ext.actors = [actor]
    q = dataclasses.replace(ext.open_questions[0], sources=[ids[i] for i in question_sources])
    ext.open_questions = [q]
    ext.timeline, ext.positions, ext.summary = [], [], []
    return ext


def _items(brief, kind):
    return [it for v in brief.sections if v.type == kind for it in v.items]


def test_only_cited_documents_are_listed_and_numbered_in_order():
    brief = build_brief(
        _extraction(40, actor_sources=[30, 5], question_sources=[12]),
        BriefConfig(sections=DEFAULT_SECTIONS),
    )
    assert [s.id for s in brief.sources] == ["d05.txt", "d12.txt", "d30.txt"]
    assert [s.n for s in brief.sources] == [1, 2, 3]
    (actor,) = _items(brief, "actors")
    (question,) = _items(brief, "open_questions")
    assert actor.cites == [1, 3] and question.cites == [2]
    assert [c.n for c in actor.citations] == [1, 3]
    assert brief.method.uncited == 37 and brief.method.documents_read == 40


def test_an_item_cites_at_most_max_citations_and_counts_the_rest():
    cfg = BriefConfig(sections=DEFAULT_SECTIONS, outputs=Outputs(max_citations=3))
    brief = build_brief(_extraction(20, actor_sources=list(range(10)), question_sources=[]), cfg)
    (actor,) = _items(brief, "actors")
    assert actor.cites == [1, 2, 3] and actor.more_sources == 7
    assert len(brief.sources) == 3 and brief.method.uncited == 17


def test_every_document_is_listed_when_every_one_is_cited():
    brief = build_brief(
        _extraction(3, actor_sources=[0, 1], question_sources=[2]),
        BriefConfig(sections=DEFAULT_SECTIONS),
    )
    assert [s.n for s in brief.sources] == [1, 2, 3] and brief.method.uncited == 0


def test_background_events_cite_listed_sources_and_get_evidence_numbers():
    from briefgen.models import Event

    ext = _extraction(30, actor_sources=[3], question_sources=[])
    ids = [d["id"] for d in ext.documents]
    ext.timeline = [
        Event(
            date="1990-01-01",
            precision="day",
            text="An old treaty was signed.",
            sources=[ids[25]],
            evidence=[Evidence(doc=ids[25], sentence="The treaty of 1990.")],
            background=True,
            actors=[ext.actors[0].name],  # background names a leading actor of the story
        ),
    ]
    brief = build_brief(
        ext, BriefConfig(sections=DEFAULT_SECTIONS, outputs=Outputs(evidence="annex"))
    )
    (timeline,) = [v for v in brief.sections if v.type == "timeline"]
    (bg,) = timeline.background
    listed = {s.n: s.id for s in brief.sources}
    assert bg.cites and all(n in listed for n in bg.cites)
    assert listed[bg.cites[0]] == ids[25]
    annexed = [
        it for v in brief.sections if v.type == "evidence" for g in v.notes for it in g.items
    ]
    assert bg in annexed and bg.ref is not None


def test_the_actors_table_counts_documents_and_names_fewer_outlets(tmp_path):
    from briefgen.render.env import make_env
    from briefgen.render.html import render_html

    ext = _extraction(6, actor_sources=[0, 1, 2, 3, 4], question_sources=[])
    for i, d in enumerate(ext.documents):
        d["publisher"] = f"Outlet {i % 2}"
    brief = build_brief(ext, BriefConfig(sections=DEFAULT_SECTIONS))
    (actor,) = _items(brief, "actors")
    assert (actor.n_documents, actor.n_sources) == (5, 2)
    html = render_html(brief, make_env(None))
    assert '5 <span class="outlets">(2 outlets)</span>' in html


def test_a_listed_title_loses_its_full_stop_before_the_date_and_plus_n_stays_with_a_citation():
    from briefgen.render.env import make_env
    from briefgen.render.html import render_html

    ext = _extraction(12, actor_sources=list(range(10)), question_sources=[])
    ext.documents[0]["title"] = "Dockers walk out at the port."
    brief = build_brief(
        ext, BriefConfig(sections=DEFAULT_SECTIONS, outputs=Outputs(max_citations=3))
    )
    assert brief.sources[0].title == "Dockers walk out at the port"
    html = render_html(brief, make_env(None))
    assert re.search(
        r'<span class="cites-end"><a class="cite"[^>]*>\[3\]</a><span class="more"', html
    )
