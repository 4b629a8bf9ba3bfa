"""Any folder, no config: packaged defaults, the title and framing inferred from the
articles, `briefgen init`, and the length budget."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from briefgen import budget
from briefgen.brief import build_brief, for_print
from briefgen.cli import app
from briefgen.config import default_config, load_config, suggested_config
from briefgen.extract.summary import framing as framing
from briefgen.models import Actor, Event, Evidence, Extraction, Position, Question, SummaryItem

runner = CliRunner()
NOW = dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC)

HEADLINES = [
    "Harbour strike halts container traffic",
    "Dockers extend harbour strike into second week",
    "Harbour strike: talks with port authority fail",
    "Shipping lines divert vessels as harbour strike bites",
    "Minister calls for end to harbour strike",
]


def _articles(folder: Path) -> Path:
    """Five short articles in day folders, whose headlines share a phrase."""
    bodies = [
        "Dockers at the city harbour walked out on Monday over pay, the Dockers Union said.",
        "The Dockers Union said the strike would go on until the Port Authority raised pay.",
        "Talks between the Dockers Union and the Port Authority ended without agreement.",
        "Shipping lines sent vessels to other ports as the strike at the harbour went on.",
        "Transport minister Lena Berg urged the Dockers Union and the Port Authority to agree.",
    ]
    for n, (head, body) in enumerate(zip(HEADLINES, bodies), 1):
        day = folder / f"2024-05-{n + 5:02d}"
        day.mkdir(parents=True)
        (day / f"story{n}.txt").write_text(f"{head}\n\n{body}\n", encoding="utf-8")
    return folder


def test_headline_phrases_prefer_the_longer_repeated_phrase():
    phrases = framing.headline_phrases(HEADLINES)
    assert phrases[0] == "Harbour strike"
    assert "Strike" not in phrases  # "harbour strike" stands in for it


def test_title_names_the_phrase_and_the_top_actors_it_does_not_name():
    assert framing.make_title(["Harbour strike"], ["Dockers Union", "Port Authority", "Lena Berg"]) == (
        "Harbour strike: Dockers Union and Port Authority"
    )
    assert framing.make_title([], ["Dockers Union", "Port Authority"]) == "Dockers Union and Port Authority"
    assert framing.make_title([], []) == framing.DEFAULT_TITLE
    long_actor = "A Very Long Organisation Name That Goes On And On For Ever"
    assert len(framing.make_title(["Harbour strike"], [long_actor, "Port Authority"])) <= framing.MAX_TITLE


def test_subtitle_gives_the_date_window():
    assert framing.date_window(["2024-05-06", "2024-05-10", None], 3) == "6–10 May 2024, 3 articles"
    assert framing.date_window(["2024-04-28", "2024-05-10"], 2) == "28 April – 10 May 2024, 2 articles"


def _ext(n_docs: int = 5) -> Extraction:
    docs = [
        {"id": f"d{i}", "title": HEADLINES[i % len(HEADLINES)], "date": f"2024-05-{i % 28 + 1:02d}",
         "publisher": f"Outlet {i % 3}"}
        for i in range(n_docs)
    ]
    union = Actor(id="a1", name="Dockers Union", kind="organization", mentions=9, sources=["d0", "d1", "d2"])
    port = Actor(id="a2", name="Port Authority", kind="organization", mentions=5, sources=["d1", "d2"])
    berg = Actor(
        id="a3", name="Lena Berg", kind="person", mentions=3, sources=["d4"], aliases=["Berg"],
        evidence=[Evidence(doc="d4", sentence="Port Authority chief Lena Berg said talks would resume.")],
    )
    moss = Actor(
        id="a4", name="Ivo Moss", kind="person", mentions=3, sources=["d2"],
        evidence=[Evidence(doc="d2", sentence="Dockers Union leader Ivo Moss said the strike goes on.")],
    )
    positions = [
        Position(actor="Lena Berg", kind="quote", text="Talks will resume on Monday.", sources=["d4"]),
        Position(actor="Ivo Moss", kind="quote", text="The strike goes on.", sources=["d2"]),
    ]
    return Extraction(generated_at=NOW.isoformat(), brief={"title": "Policy brief", "subtitle": None},
                      documents=docs, actors=[union, port, berg, moss], positions=positions)


def test_sides_are_proposed_from_the_affiliation_named_before_each_speaker():
    assert framing.infer(_ext()).sides == {"Port Authority": ["Lena Berg"], "Dockers Union": ["Ivo Moss"]}


def test_the_brief_takes_the_inferred_title_unless_the_config_or_title_option_sets_one(write_config):
    ext = _ext()
    brief = build_brief(ext, default_config(), NOW)
    assert brief.title == "Harbour strike: Dockers Union and Port Authority"
    assert brief.subtitle.endswith("5 articles") and "title" in brief.inferred
    cfg = load_config(write_config("title: Port dispute\n"))
    assert build_brief(ext, cfg, NOW).title == "Port dispute"
    cfg = default_config()
    cfg.title = "From the command line"  # what --title does
    assert build_brief(ext, cfg, NOW).title == "From the command line"


def test_config_keys_override_the_packaged_defaults_one_by_one(write_config):
    cfg = load_config(write_config("outputs: {filename: harbour}\nsides: {Union: [Ivo Moss]}\n"))
    defaults = default_config()
    assert cfg.outputs.filename == "harbour"
    assert cfg.outputs.formats == defaults.outputs.formats and cfg.outputs.evidence == "html"
    assert cfg.sides == {"Union": ["Ivo Moss"]} and cfg.topic_terms == []
    assert [s.type for s in cfg.sections] == [s.type for s in defaults.sections]
    assert all(s.limit is None for s in defaults.sections)  # limits follow from the budget
    assert "title" not in defaults.model_fields_set


def test_the_packaged_word_lists_hold_no_names():
    from importlib import resources

    from briefgen.extract.actors.gazetteer import load

    text = resources.files("briefgen").joinpath("data/headline_words.yaml").read_text(encoding="utf-8")
    words = yaml.safe_load(text)["stopwords"].split()
    gazetteer = load()
    assert words and all(w.isascii() and w.isalpha() and w.islower() for w in words)
    assert not [w for w in words if gazetteer.country(w.title()) or gazetteer.is_demonym(w.title())]
    defaults = yaml.safe_load(resources.files("briefgen").joinpath("data/defaults.yaml").read_text())
    assert "title" not in defaults and not defaults["sides"] and not defaults["topic_terms"]


def test_suggested_config_is_valid_and_read_back(tmp_path):
    text = suggested_config(
        tmp_path, "Harbour strike: Dockers Union", "6–10 May 2024, 5 articles",
        {"Dockers Union": ["Ivo Moss"]}, ["strike", "pay"], ["Dockers Union", "Port Authority"],
    )
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    cfg = load_config(path)
    assert cfg.title == "Harbour strike: Dockers Union" and cfg.sides == {"Dockers Union": ["Ivo Moss"]}
    assert cfg.topic_terms == ["strike", "pay"] and "#   - Port Authority" in text
    assert cfg.resolve(cfg.sources[0]) == tmp_path
    assert not str(cfg.resolve(cfg.outputs.directory)).startswith(str(tmp_path) + "/")


def test_build_without_config_or_articles_says_what_to_give(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert "no config file" in result.output and "briefgen build my-articles/" in result.output


@pytest.mark.slow
def test_config_less_build_from_a_temp_folder(tmp_path, monkeypatch):
    articles = _articles(tmp_path / "articles")
    work = tmp_path / "elsewhere"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(app, ["-q", "build", str(articles), "--format", "html,json"])
    assert result.exit_code == 0, result.output
    ext = json.loads((work / "out" / "extraction.json").read_text())
    assert {d["date_source"] for d in ext["documents"]} == {"path"}
    html = (work / "out" / "brief.html").read_text()
    title = html.split("<h1>")[1].split("</h1>")[0]
    assert title.startswith("Harbour strike")
    assert "6–10 May 2024, 5 articles" in html

    # init writes the inferred framing; the next build of the folder reads it
    result = runner.invoke(app, ["-q", "init", str(articles)])
    assert result.exit_code == 0, result.output
    cfg_path = articles / "brief.yaml"
    assert load_config(cfg_path).title == title
    text = cfg_path.read_text()
    cfg_path.write_text(text.replace(f"title: {json.dumps(title)}", "title: Port of the city"))
    result = runner.invoke(app, ["-q", "build", str(articles), "--format", "html"])
    assert result.exit_code == 0, result.output
    out = load_config(cfg_path).resolve(load_config(cfg_path).outputs.directory)
    assert "<h1>Port of the city</h1>" in (out / "brief.html").read_text()
    assert runner.invoke(app, ["-q", "init", str(articles)]).exit_code == 2  # no overwrite


def _big_extraction(n_docs: int = 200) -> Extraction:
    """A 200-article extraction with long items in every section, more than fit."""
    words = "the committee agreed a detailed plan to rebuild the harbour walls before winter storms arrive"
    docs = [{"id": f"d{i}", "title": f"Harbour report {i}", "date": f"2024-05-{i % 28 + 1:02d}",
             "publisher": f"Outlet {i % 7}"} for i in range(n_docs)]
    def ev(i: int) -> list[Evidence]:
        return [Evidence(doc=f"d{i % n_docs}", sentence=f"{words} {i}.")]

    def srcs(i: int, k: int = 4) -> list[str]:
        return [f"d{(i + j) % n_docs}" for j in range(k)]

    actors = [Actor(id=f"a{i}", name=f"Actor Number {i} of the Harbour Board", kind="person",
                    role="deputy chair of the regional harbour board", aliases=[f"Number {i}", f"A. N. {i}"],
                    mentions=100 - i % 100, sources=srcs(i, 8), evidence=ev(i)) for i in range(300)]
    events = [Event(date=f"2024-05-{i % 28 + 1:02d}", precision="day", text=f"{words} {words} {i}.",
                    sources=srcs(i, 1 + i % 5), evidence=ev(i), conflict=["2024-04-01"] if i % 9 == 0 else [])
              for i in range(600)]
    positions = [Position(actor=f"Actor Number {i % 60} of the Harbour Board", kind="quote",
                          text=f"{words}, {words} {i}", sources=srcs(i, 2), evidence=ev(i)) for i in range(800)]
    questions = [Question(text=f"Will {words} {i}?", sources=srcs(i), evidence=ev(i)) for i in range(60)]
    summary = [SummaryItem(text=f"{words} {words} {i}.", sources=srcs(i), evidence=ev(i)) for i in range(5)]
    return Extraction(generated_at=NOW.isoformat(), brief={"title": "Policy brief"}, documents=docs,
                      actors=actors, timeline=events, positions=positions, open_questions=questions,
                      summary=summary)


def test_the_budget_limits_every_section_and_the_method_note_counts_the_rest():
    brief = build_brief(_big_extraction(), default_config(), NOW)
    views = {v.type: v for v in brief.sections}
    assert len(views["summary"].items) == 5
    assert budget.MIN_ACTORS <= len(views["actors"].items) <= budget.MAX_ACTORS
    assert 0 < len(views["timeline"].items) < 600 and views["timeline"].left_out > 0
    assert any(s.startswith(f"{len(views['timeline'].items)} of 600 timeline events") for s in brief.method.left_out)
    speakers = {it.actor for it in views["positions"].items}
    assert len(speakers) == len(views["positions"].items)  # one each before anyone's second
    printed = for_print(brief, "html")
    assert not any(v.type == "evidence" for v in printed.sections) and not printed.has_evidence
    assert for_print(brief, "annex") is brief


def test_a_limit_in_the_config_wins_over_the_budget(write_config):
    cfg = load_config(write_config("sections:\n  - {type: timeline, limit: 3}\n  - {type: sources}\n"))
    brief = build_brief(_big_extraction(), cfg, NOW)
    assert len(brief.sections[0].items) == 3 and brief.sections[0].left_out == 597


def test_positions_go_round_the_speakers_heard_more_than_once_first():
    said = [("A", "a1"), ("A", "a2"), ("B", "b1"), ("C", "c1"), ("C", "c2"), ("A", "a3"), ("A", "a4"), (None, "n1")]
    positions = [Position(actor=a, kind="quote", text=t) for a, t in said]
    order = [positions[i].text for i in budget.position_priority(positions)]
    assert order == ["a1", "c1", "a2", "c2", "a3", "b1", "n1", "a4"]
    assert [p.text for p in budget.pick_positions(positions, 3)] == ["a1", "a2", "c1"]


def test_the_timeline_keeps_the_best_supported_events_in_date_order():
    events = [Event(date=f"2024-05-0{i}", precision="day", text=f"e{i}", sources=["d"] * n)
              for i, n in zip(range(1, 6), (1, 3, 1, 2, 1))]
    assert [e.text for e in budget.pick_events(events, 2)] == ["e2", "e4"]
    old = Event(date="1990-01-01", precision="day", text="background", sources=["d"] * 9)
    assert [e.text for e in budget.pick_events([old, *events], 2, ("2024-04-01", None))] == ["e2", "e4"]
    copied = Event(date="2024-05-03", precision="day", text="site notice", sources=[f"d{i}" for i in range(9)],
                   evidence=[Evidence(doc=f"d{i}", sentence="All content is copyright.") for i in range(9)])
    assert [e.text for e in budget.pick_events([copied, *events], 2)] == ["e2", "e4"]


@pytest.mark.slow
def test_a_200_article_brief_fits_six_body_pages(tmp_path):
    from weasyprint import HTML

    from briefgen.render.env import make_env
    from briefgen.render.html import render_html

    brief = for_print(build_brief(_big_extraction(), default_config(), NOW), "html")
    document = HTML(string=render_html(brief, make_env(None)), base_url=str(tmp_path)).render()
    pages = {label: target[0] for label, target, *_ in _bookmarks(document.make_bookmark_tree())}
    assert pages["Sources"] <= 5, pages  # 0-based: the sources start on page 6 at the latest
    assert pages["Key actors"] == 0  # the first page carries the bottom line and the key actors
    assert len(document.pages) <= 14


def _bookmarks(tree):
    for label, target, children, *_ in tree:
        yield label, target
        yield from _bookmarks(children)


@pytest.mark.slow
@pytest.mark.parametrize("evidence, in_print", [("html", False), ("annex", True)])
def test_the_evidence_annex_reaches_pdf_and_docx_only_when_asked(tmp_path, evidence, in_print):
    from docx import Document
    from pypdf import PdfReader

    from briefgen.check import sample_extraction
    from briefgen.contract import dumps

    (tmp_path / "x.json").write_text(dumps(sample_extraction()), encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(f"title: T\noutputs: {{directory: out, evidence: {evidence}}}\n", encoding="utf-8")
    result = runner.invoke(app, ["-q", "render", str(tmp_path / "x.json"), "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    pdf = " ".join(p.extract_text() for p in PdfReader(str(out / "brief.pdf")).pages)
    docx = "\n".join(p.text for p in Document(str(out / "brief.docx")).paragraphs)
    assert ("E4" in docx) is in_print and ("Evidence" in pdf) is in_print
    assert 'id="ev-1"' in (out / "brief.html").read_text(encoding="utf-8")
