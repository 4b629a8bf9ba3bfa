"""Which URLs may become links: ``http``, ``https`` and ``mailto`` only.

A URL comes from untrusted places (a sidecar's ``url:``, a feed's ``<link>``, an HTML
page's canonical link, an edited extraction file), and a ``javascript:`` or ``data:``
URL in an ``href`` runs or shows whatever its author chose.  Templates link a URL only
when it passes :func:`is_web_link` (the ``weblink`` test, or the ``href`` filter, which
gives an empty string otherwise) and show any other URL as text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# browsers drop tabs and line breaks inside a URL and controls around it, so
# "java\tscript:" is javascript: to them; a URL holding any such character is not linked
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]")


def is_web_link(url: object) -> bool:
    """Whether ``url`` is an http, https or mailto URL that is safe to put in an ``href``."""
    if not isinstance(url, str) or not url or _CONTROL_OR_SPACE.search(url):
        return False
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return False
    return scheme.lower() in LINK_SCHEMES and url[: len(scheme) + 1].lower() == scheme.lower() + ":"


def href(url: object) -> str:
    """``url`` when it may be linked (:func:`is_web_link`), else an empty string."""
    return url if isinstance(url, str) and is_web_link(url) else ""
