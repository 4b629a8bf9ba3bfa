"""The brief: the template contract (:mod:`.model`), the section registry
(:mod:`.registry`) with one view per section type (:mod:`.views`), and
:func:`build_brief`, which fills the configured sections from an extraction."""

from briefgen.brief.build import CHANGES_SECTION, build_brief, for_print
from briefgen.brief.model import (
    Brief,
    Citation,
    Copy,
    Group,
    Item,
    Method,
    SectionView,
    Side,
    Source,
    format_date,
)
from briefgen.brief.registry import REGISTRY, SectionType, register

__all__ = [
    "CHANGES_SECTION", "REGISTRY", "Brief", "Citation", "Copy", "Group", "Item", "Method",
    "SectionType", "SectionView", "Side", "Source", "build_brief", "for_print", "format_date",
    "register",
]
