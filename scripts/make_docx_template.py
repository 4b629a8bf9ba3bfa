"""Regenerate templates/brief.docx, the default Word template.

Editors restyle the result in Word (styles, fonts, header, logo); this script only
exists to create the first version reproducibly.  Run: python scripts/make_docx_template.py
Each Jinja tag sits in a run of its own, as docxtpl needs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "templates" / "brief.docx"


def _repeat_header_and_keep_rows(t) -> None:
    """Header row repeats on every page; no row splits across pages."""
    for i, row in enumerate(t.rows):
        tr_pr = row._tr.get_or_add_trPr()
        if i == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        tr_pr.append(OxmlElement("w:cantSplit"))


def table(doc, headers: list[str], cells: list[str], loop: str, widths_mm: list[int]) -> None:
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = "Light List Accent 1"
    t.autofit = False
    for col, w in zip(t.columns, widths_mm):
        col.width = Mm(w)
    for row in t.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)
    for cell, text in zip(t.rows[0].cells, headers):
        cell.text = text
    t.rows[1].cells[0].text = "{%tr for it in " + loop + " %}"
    for cell, text in zip(t.rows[2].cells, cells):
        cell.text = text
    t.rows[3].cells[0].text = "{%tr endfor %}"
    _repeat_header_and_keep_rows(t)


def _field(paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) in its own run."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _banner(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run("{{ brief.classification or '' }}")
    run.font.color.rgb = RGBColor(0xAA, 0, 0)
    run.font.size = Pt(8)
    run.bold = True


CITE = (
    "{{ it.cites | cite }}{{ ' +' ~ it.more_sources if it.more_sources else '' }}{{ ' †' if it.single_source else '' }}"
    "{{ ' E' ~ it.ref if brief.has_evidence and it.ref else '' }}"
)


def evidence(doc) -> None:
    """The evidence annex: per section, each item's E-number, text and source sentences."""
    doc.add_paragraph("{%p for s in annexes %}")
    doc.add_paragraph("{{ s.title }}", style="Heading 1")
    doc.add_paragraph("{%p for g in s.notes %}")
    doc.add_paragraph("{{ g.title }}", style="Heading 2")
    doc.add_paragraph("{%p for it in g.items %}")
    item = doc.add_paragraph()
    item.add_run("E{{ it.ref }}").bold = True
    item.add_run(" {{ it.text | truncate(110) }}")
    item.paragraph_format.keep_with_next = True
    item.paragraph_format.space_after = Pt(0)
    doc.add_paragraph("{%p for c in it.citations %}")
    doc.add_paragraph("{%p if c.sentence %}")
    sent = doc.add_paragraph("[{{ c.n }}] “{{ c.sentence | truncate(400) }}”")
    sent.paragraph_format.left_indent = Mm(8)
    sent.paragraph_format.space_after = Pt(2)
    sent.runs[0].font.size = Pt(9)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")


def main() -> int:
    doc = Document()
    styles = doc.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        styles[name].paragraph_format.keep_with_next = True
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    _banner(section.header.paragraphs[0])
    footer = section.footer.paragraphs[0]
    _banner(footer)
    page = section.footer.add_paragraph()
    page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page.add_run("Page ").font.size = Pt(8)
    _field(page, "PAGE")
    page.add_run(" of ").font.size = Pt(8)
    _field(page, "NUMPAGES")

    doc.add_paragraph("{%p if logo %}")
    doc.add_paragraph("{{ logo }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ brief.organisation or '' }}", style="Subtitle")
    doc.add_paragraph("{{ brief.title }}", style="Title")
    doc.add_paragraph("{{ brief.subtitle or '' }}", style="Subtitle")
    doc.add_paragraph(
        "{{ brief.date }}{% if brief.period %} · Period covered: {{ brief.period }}"
        "{% elif brief.method.date_from %} · Sources dated {{ brief.method.date_from | datefmt }} to "
        "{{ brief.method.date_to | datefmt }}{% endif %}"
    )

    doc.add_paragraph("{%p for s in sections %}")
    doc.add_paragraph("{%p if s.title %}")
    doc.add_paragraph("{{ s.title }}", style="Heading 1")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if s.type == 'actors' %}")
    table(
        doc,
        ["Name", "Role", "Kind", "Sources"],
        ["{{ it.text }}", "{{ it.role or '' }}", "{{ it.kind }}", "{{ it.n_sources }} " + CITE],
        "s.items",
        [50, 50, 30, 40],
    )
    doc.add_paragraph("{%p elif s.type == 'timeline' %}")
    doc.add_paragraph("{{ s.chart }}")
    table(
        doc,
        ["Date", "Event"],
        [
            "{{ it.date_label }}{{ ' (planned)' if it.planned else '' }}",
            "{{ it.text }} "
            + CITE
            + "{{ ' ⚠ Sources disagree: also dated ' + (it.conflict | join(', ')) if it.conflict else '' }}",
        ],
        "s.items",
        [34, 136],
    )
    doc.add_paragraph("{%p elif s.type == 'positions' %}")
    doc.add_paragraph("{%p for side in s.sides %}")
    doc.add_paragraph("{%p if side.title %}")
    doc.add_paragraph("{{ side.title }}", style="Heading 2")
    doc.add_paragraph("{%p for g in side.groups %}")
    doc.add_paragraph("{{ g.title }}", style="Heading 3")
    doc.add_paragraph("{%p for it in g.items %}")
    doc.add_paragraph("{{ it.text }} " + CITE, style="Quote")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{%p for g in side.groups %}")
    doc.add_paragraph("{{ g.title }}", style="Heading 2")
    doc.add_paragraph("{%p for it in g.items %}")
    doc.add_paragraph("{{ it.text }} " + CITE, style="Quote")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p elif s.type == 'open_questions' %}")
    doc.add_paragraph("{%p for it in s.items %}")
    doc.add_paragraph("{{ it.text }} " + CITE, style="List Number")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p elif s.type == 'sources' %}")
    doc.add_paragraph("{%p for src in sources %}")
    doc.add_paragraph(
        "[{{ src.n }}] {{ src.publisher + ', ' if src.publisher else '' }}{{ src.title or src.id }}"
        "{{ ', ' + (src.date | datefmt) if src.date else '' }}{{ '. ' + src.url if src.url else '' }}"
        "{% for c in src.copies %}. Duplicate set aside: {{ c.publisher + ', ' if c.publisher else '' }}"
        "{{ c.url or c.id }}{% endfor %}",
        style="List Bullet",
    )
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p elif s.type == 'text' %}")
    doc.add_paragraph("{{ s.text or '' }}")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{%p for it in s.items %}")
    doc.add_paragraph("{{ it.text }} " + CITE, style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("Method", style="Heading 1")
    doc.add_paragraph(
        "Generated by briefgen {{ brief.version }} on {{ brief.generated_at | timefmt }} from "
        "{{ brief.method.documents_read }} documents ({{ brief.method.duplicates }} set aside as "
        "duplicates){{ ', dated ' + (brief.method.date_from | datefmt) + ' to ' + (brief.method.date_to | datefmt) "
        "if brief.method.date_from else '' }}. Items are extracted automatically from the articles and are not "
        "verified. Each item cites its sources as [n], numbered as in the sources list. Corroboration is counted "
        "by distinct outlets: † marks an item reported by a single outlet, ⚠ a date on which sources disagree."
        "{{ ' E-numbers lead to the sentence each item was drawn from, in the evidence annex.' if brief.has_evidence else '' }}"
        "{{ (' The sources list holds the ' ~ (sources | length) ~ ' documents the items cite; ' ~ brief.method.uncited ~ "
        "' more were read (extraction.json lists every document), and +N after the citations counts the further "
        "sources of an item.') if brief.method.uncited else '' }}"
    )
    evidence(doc)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(OUT))
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
