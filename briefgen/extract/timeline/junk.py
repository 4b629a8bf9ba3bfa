"""Date expressions that date no event, and the cues that change what a date means.

Pure string functions over a date expression and the text around it (its sentence,
its line), so every rule is testable without a parse:

* :func:`junk_reason`: why an expression is not an event's date — a clock time read as a
  year ("at 1516 GMT"), a price or quantity ("$2009", "1918 cases"), the title of a work
  ("28 Days Later"), the far end of a range ("from 1918 to 1919" is one event, at its
  start), or a comparison ("a big change from yesterday");
* :func:`non_event_line`: captions, bylines, reader-comment time stamps and copyright
  lines, whose dates date the page, not the story;
* :func:`cue`: "until May 6" (the event happens at the article date and lasts until
  then) and "beginning on Friday" (a start, future by default).
"""

from __future__ import annotations

import re

_TZ = r"(?:GMT|BST|UTC|CET|CEST|EET|EEST|IST|JST|AEST|AEDT|[ECMP][SD]T|Z|hrs|hours|h)\b"
_HHMM = r"(?:[01]\d|2[0-3])[.:]?[0-5]\d"
_CLOCK_AFTER = re.compile(rf"^\s*{_TZ}")
_CLOCK_IN = re.compile(rf"\b{_HHMM}\s*{_TZ}")
_CLOCK_AT = re.compile(r"\bat\s+$", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:[$£€¥₹]|\b(?:US|A|C|HK|NZ)\$|\b(?:USD|EUR|GBP|JPY|Rs\.?|Rp|R)\s?)$")
_QUANTITY_AFTER = re.compile(
    r"^\s*(?:%|per\s?cent\b|percent\b|(?:m|bn|k)\b|million\b|billion\b|thousand\b|trillion\b|"
    r"people\b|persons\b|cases\b|deaths\b|patients\b|victims\b|residents\b|troops\b|soldiers\b|"
    r"dollars\b|pounds\b|euros\b|yuan\b|yen\b|tonnes\b|tons\b|barrels\b|doses\b|units\b|"
    r"km\b|kilomet|miles\b|metres\b|meters\b|feet\b|kg\b|votes\b|seats\b|jobs\b|homes\b|"
    r"flights\b|passengers\b|students\b|children\b|workers\b|pigs\b|animals\b|signatures\b)",
    re.IGNORECASE,
)
_TITLE_UNIT = re.compile(r"\b(?:Days|Weeks|Months|Years|Hours|Minutes|Seconds|Nights|Summers|Winters)\b")
_WORK_BEFORE = re.compile(
    r"\b(?:film|movie|novel|book|song|album|play|series|sitcom|documentary|opera|musical|"
    r"show|titled|entitled|called)\s+[\"“‘']?$",
    re.IGNORECASE,
)
_QUOTES = "\"“”‘’«»"
_RANGE_END_BEFORE = re.compile(r"(?:\b(?:to|and|through|thru|till|until)|[-\u2013\u2014])\s*$", re.IGNORECASE)
_RANGE_START = re.compile(r"\b(?:from|between)\b", re.IGNORECASE)
_COMPARISON_BEFORE = re.compile(
    r"(?:\bthan\s+$)|(?:\b(?:change|changes|different|difference|differs?|compared|comparison|up|down|"
    r"rise|rises|rose|fall|falls|fell|increase|decrease|jump|drop|shift)\b[^.;]{0,25}\bfrom\s+$)",
    re.IGNORECASE,
)
_DAY_WORDS = re.compile(r"^(?:yesterday|today|tomorrow|tonight|last|this|next)\b", re.IGNORECASE)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|til|up to|through)\s+$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\b[^,;.]{0,80}$", re.IGNORECASE)
_HAS_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\b(?!\d)|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_START_BEFORE = re.compile(
    r"\b(?:beginning|starting|from|effective|commencing|as from|with effect from)\s+(?:on\s+)?(?:this\s+)?$",
    re.IGNORECASE,
)
# "called a summit on Friday", "convened a meeting of ministers on Thursday": the weekday
# dates the gathering that was arranged, which is usually still to come
_ARRANGED_BEFORE = re.compile(
    r"\b(?:convene[ds]?|convening|call(?:s|ed)?|schedule[ds]?|set|announce[ds]?|arrange[ds]?|organi[sz]e[ds]?|"
    r"summon(?:s|ed)?|plan(?:s|ned)?)\b[^.;,]{0,80}\b(?:meeting|summit|talks|session|conference|vote|ballot|"
    r"hearing|referendum|election|debate)s?\b[^.;,]{0,80}\bon\s+(?:this\s+)?$",
    re.IGNORECASE,
)
# a fact box's label right after its date: "29 August 1958 Born: ...", "2004 Education: ..."
_FACT_LABEL_AFTER = re.compile(r"^\s*[-\u2013\u2014:]?\s*[A-Z][a-z]+:")
_FACT_LABEL_BEFORE = re.compile(r"^\s*[A-Z][a-z]+(?:\s[a-z]+)?:\s*$")  # "Born: August 29, 1958"
# a live page's time stamp: "1626: A correspondent writes ...", "It was 1040 on 25 June"
_STAMP_AFTER = re.compile(r"^(?::|\s+on\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})\b)")
# "between 1040 and 1050", "shortly after 1100": a four-digit clock time after a time
# word; only below 1500, so that "between 1914 and 1918" stays a pair of years
_TIME_WORD = r"between|after|before|by|around|about|until|till"
_TIME_WORD_BEFORE = re.compile(rf"\b(?:{_TIME_WORD})\s+$", re.IGNORECASE)
_WEEKDAY = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)

# lines that date the page, not the story
_NON_EVENT = re.compile(
    r"\b(?:picture|photo(?:graph)?|image|file photo)s?\s+(?:taken|dated|shot)\b|"
    r"\b(?:reporting|editing|writing|additional reporting|compiled|produced)\s+by\b|"
    r"^\s*(?:posted|submitted|comment(?:ed)?|report (?:this|abuse)|recommend|reply)\b|"
    r"\b(?:wrote|says|said)\s*:\s*$|\ba version (?:of this (?:article|story) )?appeared\b|\bappeared (?:on|in) p(?:age)?\s?\d|\bcaption\b|^\s*by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*[,|/–-]",
    re.IGNORECASE,
)
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.IGNORECASE)
_DATEISH = re.compile(
    r"\b(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2})\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)


def junk_reason(expr: str, before: str, after: str) -> str | None:
    """Why the date expression ``expr`` dates no event, or None.  ``before`` and
    ``after`` are the text of its sentence on either side of it."""
    e = expr.strip()
    bare = e.strip(_QUOTES)
    if re.fullmatch(_HHMM, bare) and (_CLOCK_AFTER.match(after) or _CLOCK_AT.search(before)):
        return "clock time"
    if _CLOCK_IN.search(e) and not re.search(r"\b(?:1[5-9]|20)\d\d\b(?!\s*" + _TZ + ")", e):
        return "clock time"
    if re.fullmatch(r"\d{3,4}", bare) and (_CURRENCY_BEFORE.search(before.rstrip()) or _QUANTITY_AFTER.match(after)):
        return "quantity"
    if _CURRENCY_BEFORE.search(before) and re.match(r"\d", bare):
        return "price"
    if _title(e, before, after):
        return "title"
    if _RANGE_END_BEFORE.search(before) and _RANGE_START.search(before[-60:]):
        return "range end"
    if _DAY_WORDS.match(e) and _COMPARISON_BEFORE.search(before):
        return "comparison"
    if (not before.strip() and _FACT_LABEL_AFTER.match(after)) or _FACT_LABEL_BEFORE.match(before):
        return "fact box"
    if re.fullmatch(_HHMM, bare) and _STAMP_AFTER.match(after):
        return "clock time"
    if _early_clock(bare, before):
        return "clock time"
    if not before.strip() and re.fullmatch(_HHMM, bare) and int(bare) < 1500 and re.match(r"\s+[A-Z]", after):
        return "clock time"  # a live page's stamp opening its entry: "1228 Eyewitness Jo Bell tells …"
    return None


_FOUR_DIGITS = re.compile(rf"(?:(?P<word>{_TIME_WORD})\s+)?(?P<a>\d{{4}})(?:\s*(?:and|to|-|\u2013)\s*(?P<b>\d{{4}}))?", re.IGNORECASE)


def _early_clock(bare: str, before: str) -> bool:
    """"between 1040 and 1050", "after 1100": four-digit clock times after a time word
    (in the expression or just before it), all below 1500 and valid as HHMM."""
    m = _FOUR_DIGITS.fullmatch(bare)
    if not m:
        return False
    nums = [n for n in (m["a"], m["b"]) if n]
    if not all(re.fullmatch(_HHMM, n) and int(n) < 1500 for n in nums):
        return False
    return bool(m["word"] or m["b"] or _TIME_WORD_BEFORE.search(before))


def _title(expr: str, before: str, after: str) -> bool:
    """The expression sits in the title of a work: "28 Days Later", the film "2012"."""
    at_start = not before.strip()
    if _TITLE_UNIT.search(expr) and not at_start:
        return True
    if _WORK_BEFORE.search(before):
        return True
    # wholly inside quotation marks with nothing else: 'the film "2012"'
    b, a = before.rstrip(), after.lstrip()
    return bool(b) and bool(a) and b[-1] in _QUOTES and a[0] in _QUOTES and len(expr.split()) <= 4 and not re.search(r"[a-z]", expr[:1])


def non_event_line(line: str) -> bool:
    """A caption, byline, reader comment's time stamp: its date dates no event."""
    if _NON_EVENT.search(line):
        return True
    words = len(line.split())
    # a short line holding both a clock time and a date: a time stamp
    return words <= 14 and bool(_CLOCK_TIME.search(line)) and bool(_DATEISH.search(line))


def cue(expr: str, before: str) -> str | None:
    """``"until"`` for "until DATE" (the event is the article's, lasting until then) and
    for "since DAY" (a statement of the article's day measured from then),
    ``"start"`` for a weekday after "beginning on", "from", "starting" or after a
    gathering that was arranged ("called a summit on Friday"): future by default; else None."""
    if _UNTIL_BEFORE.search(before) and not _RANGE_START.search(before[-60:]):
        return "until"
    if _SINCE_BEFORE.search(before) and _HAS_DAY.search(expr) and not re.fullmatch(r"\d{4}", expr.strip()):
        return "until"  # "since March 31, the alliance has flown 700 sorties": a statement of now
    if _WEEKDAY.match(expr.strip()) and (_START_BEFORE.search(before) or _ARRANGED_BEFORE.search(before)):
        return "start"
    return None
