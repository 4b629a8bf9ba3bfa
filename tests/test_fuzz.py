"""Property tests: hostile input never crashes a run, and outputs stay valid.

Profiles (tests/conftest.py): ``ci`` (default, small) and ``slow`` for the long run:
``HYPOTHESIS_PROFILE=slow python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.check import sample_extraction
from briefgen.config import BriefConfig
from briefgen.contract import dumps, validation_errors
from briefgen.errors import IngestError
from briefgen.ingest import load_articles
from briefgen.models import Actor, Event, Evidence, Extraction, Position, Question, SummaryItem
from briefgen.pipeline import render

EXTENSIONS = [".txt", ".md", ".html", ".json", ".jsonl", ".xml", ".rss", ".atom"]

hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=400),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "{{ 7*7 }} {% for x in y %}",
            '<img src="file:///etc/passwd">',
            "\x00\x01\x02\x0b\x0c\x1f",
            "Advertisement\n\nSubscribe Newsletter",
            "---\ntitle: [unclosed\n---\nbody",
            '{"text": 3}',
            "<rss><channel><item><title>x</title></item></channel></rss>",
        ]
    ),
)


@given(data=st.one_of(st.binary(max_size=2000), hostile_text.map(lambda t: t.encode("utf-8", "replace"))),
       ext=st.sampled_from(EXTENSIONS),
       encoding=st.sampled_from([None, "utf-16", "cp1252", "latin-1", "utf-8-sig"]))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
def test_ingest_never_crashes_on_any_bytes(tmp_path_factory, data, ext, encoding):
    folder = tmp_path_factory.mktemp("fuzz")
    if encoding:
        data = data.decode("utf-8", "replace").encode(encoding, "replace")
    (folder / f"doc{ext}").write_bytes(data)
    logging.disable(logging.WARNING)
    try:
        articles = load_articles([folder])
    except IngestError:
        return  # "no readable article": the one allowed failure, with a message
    finally:
        logging.disable(logging.NOTSET)
    for a in articles:
        assert a.text.strip()
        assert a.id


def _evidence() -> st.SearchStrategy[list[Evidence]]:
    return st.lists(st.builds(Evidence, doc=st.just("sample.txt"), sentence=hostile_text), max_size=2)


def _extractions() -> st.SearchStrategy[Extraction]:
    base = sample_extraction()
    src = st.just(["sample.txt"])
    dates = st.sampled_from([("2024", "year"), ("2024-02", "month"), ("2024-02-29", "day")])
    return st.builds(
        lambda actors, events, positions, questions, summary: Extraction(
            generated_at=base.generated_at,
            brief=base.brief,
            documents=base.documents,
            actors=actors,
            timeline=events,
            positions=positions,
            open_questions=questions,
            summary=summary,
        ),
        st.lists(
            st.builds(Actor, id=st.just("a1"), name=hostile_text.filter(bool),
                      kind=st.sampled_from(["person", "organization", "country", "group"]),
                      aliases=st.lists(hostile_text, max_size=2), role=st.none() | hostile_text,
                      mentions=st.integers(0, 50), sources=src, evidence=_evidence()),
            max_size=3,
        ),
        st.lists(
            dates.flatmap(lambda d: st.builds(Event, date=st.just(d[0]), precision=st.just(d[1]),
                                              text=hostile_text, sources=src, evidence=_evidence(),
                                              planned=st.booleans())),
            max_size=3,
        ),
        st.lists(st.builds(Position, actor=st.none() | hostile_text, kind=st.sampled_from(["quote", "reported"]),
                           text=hostile_text, sources=src, evidence=_evidence()), max_size=3),
        st.lists(st.builds(Question, text=hostile_text, sources=src, evidence=_evidence()), max_size=3),
        st.lists(st.builds(SummaryItem, text=hostile_text, sources=src, evidence=_evidence()), max_size=3),
    )


@given(ext=_extractions())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
def test_render_of_any_valid_extraction_gives_valid_html_docx_and_json(tmp_path_factory, ext):
    out = tmp_path_factory.mktemp("out")
    cfg = BriefConfig(title="Fuzz")
    written = render(ext, cfg, out, ["html", "docx", "json"])
    assert {p.name for p in written} == {"brief.html", "brief.docx", "extraction.json"}
    data = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    assert validation_errors(data) == []
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert zipfile.is_zipfile(out / "brief.docx")
    Document(str(out / "brief.docx"))  # opens
    assert not list(Path(out).glob(".*.tmp"))


@pytest.mark.slow
@given(ext=_extractions())
@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          deadline=None)
def test_render_of_any_valid_extraction_gives_a_pdf_that_opens(tmp_path_factory, ext):
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("pdf")
    render(ext, BriefConfig(title="Fuzz"), out, ["pdf"])
    assert len(PdfReader(str(out / "brief.pdf")).pages) >= 1


def test_round_trip_of_the_contract_is_lossless():
    ext = sample_extraction()
    again = Extraction.from_dict(json.loads(dumps(ext)))
    assert dumps(again) == dumps(ext)
