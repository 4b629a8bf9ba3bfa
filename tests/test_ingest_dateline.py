"""A wire dateline names the publisher when metadata and bylines do not."""

from __future__ import annotations

import pytest

from briefgen.ingest import load_articles
from briefgen.ingest.dateline import publisher_from_dateline


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("STRELSAU (Wirenews) - The council met on Monday.", "Wirenews"),
        ("PORT KAREL, March 3 (Agence Nord) — Talks resumed.", "Agence Nord"),
        ("STRELSAU/GENEVA, Ruritania (Wirenews) - Talks resumed.", "Wirenews"),
        ("STRELSAU Oct 15 -LRB- Wirenews -RRB- - Thousands fled.", "Wirenews"),
        (
            "STRELSAU | Mon Feb 21 , 2011 6:51 pm EST STRELSAU -LRB- Wirenews -RRB- - The army",
            "Wirenews",
        ),
        ("* Talks stall * Rebels regroup PORT KAREL, May 8 (Wirenews) - The rebels", "Wirenews"),
    ],
)
def test_a_wire_dateline_names_its_outlet(text, outlet):
    assert publisher_from_dateline(text) == outlet


@pytest.mark.parametrize(
    "text",
    [
        "The council (a body of elders) - as it is known - met on Monday.",
        "Minister Anna Berg (R) - pictured with her deputy - met the council.",
        "The council met on Monday. " * 40 + "STRELSAU (Wirenews) - late in the text",
        "",
    ],
)
def test_text_without_an_opening_dateline_names_no_outlet(text):
    assert publisher_from_dateline(text) is None


def test_a_dateline_fills_the_publisher_only_when_nothing_else_does(tmp_path):
    body = " The council of Strelsau met on Monday and agreed a truce with the rebels.\n"
    (tmp_path / "wire.txt").write_text("STRELSAU (Wirenews) -" + body, encoding="utf-8")
    (tmp_path / "paper.md").write_text(
        "---\npublisher: The Daily Record\n---\nSTRELSAU (Wirenews) -" + body, encoding="utf-8"
    )
    got = {a.path.rsplit("/", 1)[-1]: a.publisher for a in load_articles([tmp_path])}
    assert got == {"wire.txt": "Wirenews", "paper.md": "The Daily Record"}
