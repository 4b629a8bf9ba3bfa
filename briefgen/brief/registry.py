"""The section registry: every section type the config may name, in one place.

Each :class:`SectionType` says how the type is filled (its view, see
:mod:`briefgen.brief.views`), its default heading, and whether its items are numbered
in the evidence annex.  Templates are found by name (``sections/<id>.html.j2``, then
``sections/<type>.html.j2``, then ``sections/default.html.j2``), so a new type needs no
renderer change.  ``docs/sections.md`` lists every step of adding a type.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen import config
from briefgen.brief import views
from briefgen.brief.views import View
from briefgen.extract.registry import Extractor, register_extractor


@dataclass(frozen=True)
class SectionType:
    name: str
    title: str
    view: View | None = None  # None: filled elsewhere (sources, evidence) or nothing to fill
    annexed: bool = True  # its items are numbered in the evidence annex (E1, E2, …)
    # a section with its own extraction: its observe/combine pair (briefgen.extract.registry);
    # its records reach the view as ``ctx.ext.sections[name]``
    extractor: Extractor | None = None


REGISTRY: dict[str, SectionType] = {}


def register(section_type: SectionType) -> SectionType:
    """Add (or replace) a section type; the config accepts its name from then on."""
    REGISTRY[section_type.name] = section_type
    config.SECTION_TYPES.add(section_type.name)
    if section_type.extractor is not None:
        register_extractor(section_type.extractor)
    return section_type


def get(name: str) -> SectionType:
    return REGISTRY[name]


for _t in (
    SectionType("summary", "Bottom line", views.summary),
    SectionType("actors", "Key actors", views.actors, annexed=False),
    SectionType("timeline", "Timeline", views.timeline),
    SectionType("positions", "Positions", views.positions),
    SectionType("open_questions", "Open questions", views.open_questions),
    SectionType("sources", "Sources", annexed=False),
    SectionType("evidence", "Evidence", annexed=False),
    SectionType("text", "", views.text, annexed=False),
):
    register(_t)
