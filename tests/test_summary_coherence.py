"""The bottom line states the story coherently: figures are compared only with the same
quantity at the same place, chronology-box lines and glued texts are no items, a sentence
needing the one before is dropped, and the latest outcome leads."""

from __future__ import annotations

import pytest
from summary_units import doc_of as _doc

from briefgen.extract import summary
from briefgen.extract.questions.rank import content_words


def _texts(docs) -> list[str]:
    stems = [sorted(content_words(" ".join(u.text for u in units))) for _, units in docs]
    return [item.text for item in summary.combine(docs, stems, limit=5)]


def test_a_figure_at_another_place_is_not_compared():
    docs = [
        _doc("a.txt", 2, "The fever outbreak has infected 226 people in Norway, the regional health agency said.",
             "Schools in the capital stayed open while nurses visited every classroom."),
        _doc("b.txt", 3, "The fever outbreak has infected 226 people in Norway, health officials said on Friday.",
             "Farmers were told to keep their cattle indoors until the tests came back."),
        _doc("c.txt", 9, "The fever outbreak has infected 701 people in Portugal, the regional health agency said.",
             "Hospitals in the south cancelled planned operations to free beds."),
    ]
    assert not any("up from" in t or "down from" in t for t in _texts(docs))


def test_places_read_countries_by_name_demonym_and_capital():
    assert summary.places("The Norwegian agency said 40 people died in Oslo.") == {"Norway"}
    assert summary.places("Officials in Springfield said 12 homes burned.") == {"springfield"}
    assert summary.places("In March 12 homes burned, officials said.") == frozenset()


def test_a_figure_in_millions_is_read_whole():
    assert summary.figures("About 1.5 million people are homeless after the storm.") == {"people/": 1_500_000.0}
    assert summary._change(4_000_000, 1_500_000, "2024-05-02") == "down from 4 million on 2 May 2024"


@pytest.mark.parametrize(
    "text",
    [
        "March 5 - The rebel council in the port city declares itself the sole representative.",
        "5 March 2011: The rebel council declares itself the sole representative.",
        "2010 - The council is formed in the port city after months of talks.",
    ],
)
def test_a_chronology_box_line_is_never_an_item(text):
    docs = [
        _doc("a.txt", 20, text, "The harbour reopened to container ships on Monday after the storm passed."),
        _doc("b.txt", 21, text, "Harbour workers returned to the docks as the storm damage was cleared."),
    ]
    assert not any("sole representative" in t or "council is formed" in t for t in _texts(docs))


@pytest.mark.parametrize(
    "text",
    [
        "Some council officials have even suggested the mayor might be there.",
        "The star said she was thrilled to be part of the show in the stadium.",
        "“The council still has money and gold,” he said.",
    ],
)
def test_a_sentence_needing_the_one_before_does_not_stand_alone(text):
    assert not summary.stands_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "The star of the festival, Ana Reyes, said she was thrilled to sing.",
        "The singer's doctor, Ivo Moss, has been convicted of negligence by the city court.",
        "The man who ran the port was convicted of fraud on Friday.",
    ],
)
def test_an_epithet_with_its_own_description_stands_alone(text):
    assert summary.stands_alone(text)


def test_two_texts_run_together_are_glued():
    corpus = [
        "Hopes for a negotiated settlement remain alive. Officials say hopes are fading. The hopes of many rest on talks.",
        "Hopes for a negotiated settlement remain alive, analysts say. Their hopes grew.",
        "The talks resumed in South Africa and the Central Bank cut rates.",
    ]
    caps = summary.capitalisation(corpus)
    assert summary.glued("The plane was in international airspace Hopes for a negotiated settlement remain alive.", caps)
    assert not summary.glued("The talks resumed in South Africa and the Central Bank cut rates.", caps)


def test_the_latest_outcome_leads_over_an_earlier_lead_of_equal_weight():
    docs = [
        _doc("a.txt", 1, "The jury in the fraud trial of the former port director began its deliberations on Monday."),
        _doc("b.txt", 2, "The jury in the fraud trial of the former port director began deliberations on Monday."),
        _doc("c.txt", 20, "A verdict of guilty was returned against the former port director, who now faces prison."),
    ]
    assert "guilty" in _texts(docs)[0]


def test_a_standing_description_does_not_lead():
    docs = [
        _doc("a.txt", 20, "The port council is the political face of the harbour workers in the city."),
        _doc("b.txt", 20, "The port council is the political face of the harbour workers in the city."),
        _doc("c.txt", 19, "Harbour workers walked out on Monday after talks with the port council failed."),
    ]
    assert _texts(docs)[0].split(": ", 1)[-1].startswith("Harbour workers walked out")
