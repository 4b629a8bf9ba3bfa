"""Normalise one temporal expression against its document's date.

``normalise("on Saturday", date(2023, 4, 15), "past")`` gives a :class:`Timex` whose
``value`` is a TIMEX3 value (``2023-04-15``, ``2023-04``, ``2023``, ``2023-W15``,
``2023-Q1``, ``P3M``, ``PRESENT_REF`` ...).  :func:`calendar` turns a value into a
timeline date with its precision (day, month or year), or None when the value is not a
calendar date (durations, vague references, decades).

Rules, all generic English:

* absolute dates ("April 14, 2023", "14 April 2023", "April 2023", "2023", "mid-2023")
  need no anchor; relative ones need the document date and give None without it;
* weekdays and bare month names choose past or future from the clause's ``tense``
  (past unless the tense is future);
* "last/next/this week|month|year", "earlier this week", "a decade ago", ranges
  ("April 14-16") resolve to their first day;
* vague expressions ("recently", "in the coming weeks") are PAST_REF/FUTURE_REF, not dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from briefgen.models import Precision

Tense = Literal["past", "present", "future"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBERS.update({"a": 1, "an": 1, "a single": 1, "thirty": 30, "forty": 40, "fifty": 50,
                "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2,
                "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5})  # type: ignore[dict-item]
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "the past few", "numerous", "recent")
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "month": ("M", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "quarter": ("Q", False), "weekend": ("WE", False),
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
PAST_REF = {"recently", "lately", "the past", "in the past", "previously", "formerly",
            "earlier", "once", "before", "the recent past", "former times", "years ago",
            "ago", "the old days", "then", "at the time"}
PRESENT_REF = {"now", "currently", "today's", "nowadays", "these days", "at present",
               "the present", "right now", "presently", "this time", "the moment",
               "at the moment", "this moment", "the current", "current", "so far",
               "to date", "yet", "for now", "just now", "immediately"}
FUTURE_REF = {"the future", "in the future", "soon", "the weeks and months ahead", "the months ahead",
              "the years ahead", "the weeks ahead", "the days ahead", "in the coming weeks",
              "eventually", "later", "future", "the near future", "shortly", "someday",
              "the near term", "the short term", "near term", "short term"}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
_ORD = r"(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|to|through|until|and)\s*"


@dataclass(frozen=True)
class Timex:
    """A normalised temporal expression: TIMEX3 ``value`` and ``type``.

    ``future`` is True when the expression points after the document date.
    """

    value: str
    type: TimexType = "DATE"
    future: bool = False


def clean(expr: str) -> str:
    """Lower case, single spaces, plain dashes, no leading preposition or final dot."""
    e = expr.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    e = re.sub(r"\s+", " ", e).strip().lower().strip(" .,;:")
    e = re.sub(r"\s*-\s*(?=\d)", "-", e)
    e = re.sub(r"^(on|in|since|by|from|until|till|of|during|at|for|around|about|as of|before|"
               r"after|over|within|throughout|starting|beginning|through|between)\s+", "", e)
    return e


def normalise(expr: str, anchor: dt.date | None, tense: Tense | None = None) -> Timex | None:
    """The TIMEX3 value of ``expr`` read against the document date ``anchor``.

    Returns None when the expression is not understood, and for relative
    expressions when the anchor is unknown.
    """
    e = clean(expr)
    if not e:
        return None
    for rule in (_absolute, _reference, _duration, _set):
        t = rule(e)
        if t is not None:
            return t
    if anchor is None:
        return None
    return _relative(e, anchor, tense)


# ---- absolute ------------------------------------------------------------------------


def _spoken_years(e: str) -> str:
    """"nineteen ninety-six" → "1996", "the year two thousand" → "the year 2000"."""
    def repl(m: re.Match[str]) -> str:
        hi = NUMBERS.get(m.group(1))
        lo = _number(m.group(2))
        if hi is None or lo is None or not 10 <= hi <= 20 or lo >= 100:
            return m.group(0)
        return f"{hi * 100 + int(lo):04d}"
    e = re.sub(r"\b(nineteen|eighteen|twenty) ([a-z]+(?:-[a-z]+)?)\b", repl, e)
    def thousands(m: re.Match[str]) -> str:
        lo = _number(m.group(1)) if m.group(1) else 0.0
        return m.group(0) if lo is None else str(2000 + int(lo))
    return re.sub(r"\btwo thousand(?: and)?(?: ([a-z]+))?\b", thousands, e)


def _absolute(e: str) -> Timex | None:
    e = _spoken_years(e)
    e = re.sub(rf"^(?:(?:{_WD}),?\s+)?(?:the\s+)?", "", e)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", e)
    if m:
        return _day_timex(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(rf"({_MONTH})\.?\s+(\d{{1,2}}){_ORD}(?:{_DASH}\d{{1,2}}{_ORD})?,?\s+(\d{{4}})", e)
    if m:
        return _day_timex(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    m = re.fullmatch(rf"(\d{{1,2}}){_ORD}(?:{_DASH}\d{{1,2}}{_ORD})?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})", e)
    if m:
        return _day_timex(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    m = re.fullmatch(rf"(?:(?:early|mid|late|the end of|the beginning of|the start of|the middle of)[- ]?)?"
                     rf"({_MONTH})\.?(?:{_DASH}(?:{_MONTH})\.?)?,?\s+(?:of\s+)?(\d{{4}})", e)
    if m:
        return Timex(f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}")
    m = re.fullmatch(r"(?:(?:early|mid|late|the end of|the beginning of|the start of|the middle of|"
                     r"fiscal|calendar|fiscal year|the year|year|the fiscal year)[- ]?)?(\d{4})", e)
    if m and 1000 <= int(m.group(1)) <= 2100:
        return Timex(m.group(1))
    m = re.fullmatch(r"(?:(?:early|mid|late)[- ]?)?(\d{2,3})0'?s", e)
    if m:
        return Timex(m.group(1) if len(m.group(1)) == 3 else "19" + m.group(1)[0])
    decades = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
               "seventies": 7, "eighties": 8, "nineties": 9}
    m = re.fullmatch(r"(?:(?:early|mid|late)[- ]?)?(" + "|".join(decades) + ")", e)
    if m:
        return Timex(f"19{decades[m.group(1)]}")
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", e)
    if m:
        return Timex(f"{int(m.group(1)) - 1:02d}")
    m = re.fullmatch(rf"({'|'.join(SEASONS)})(?: of)? (\d{{4}})", e)
    if m:
        return Timex(f"{m.group(2)}-{SEASONS[m.group(1)]}")
    m = re.fullmatch(r"(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of)?,? (?:fiscal )?(\d{4})", e)
    if m:
        return Timex(f"{m.group(2)}-Q{_quarter_no(m.group(1))}")
    m = re.fullmatch(r"(\d{4}) (first|second|third|fourth) quarter", e)
    if m:
        return Timex(f"{m.group(1)}-Q{_quarter_no(m.group(2))}")
    m = re.fullmatch(r"(first|second) half(?: of)?,? (?:fiscal )?(\d{4})", e)
    if m:
        return Timex(f"{m.group(2)}-H{1 if m.group(1) == 'first' else 2}")
    m = re.fullmatch(r"(?:q([1-4])|([1-4])q) (\d{4})", e)
    if m:
        return Timex(f"{m.group(3)}-Q{m.group(1) or m.group(2)}")
    return None


def _quarter_no(word: str) -> int:
    return {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(word) or int(word[0])


def _day_timex(year: int, month: int, day: int) -> Timex | None:
    try:
        return Timex(dt.date(year, month, day).isoformat())
    except ValueError:
        return None


# ---- vague references ------------------------------------------------------------------


def _reference(e: str) -> Timex | None:
    e = re.sub(r"^(?:more|most|very|until|up until|even|only|just) ", "", e)
    if e in PRESENT_REF:
        return Timex("PRESENT_REF")
    if e in PAST_REF:
        return Timex("PAST_REF")
    if e in FUTURE_REF:
        return Timex("FUTURE_REF", future=True)
    return None


# ---- durations and sets ----------------------------------------------------------------


def _number(word: str) -> float | None:
    word = word.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in NUMBERS:
        return float(NUMBERS[word])
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS and NUMBERS[parts[0]] >= 20 and NUMBERS[parts[1]] < 10:
        return float(NUMBERS[parts[0]] + NUMBERS[parts[1]])
    return None


def _unit_value(n: float | None, unit: str) -> str | None:
    unit = unit.rstrip("s") if unit not in ("centuries",) else "century"
    if unit not in UNITS:
        return None
    code, is_time = UNITS[unit]
    if unit == "decade" and n is not None:
        code, n = "Y", n * 10
    if unit == "century" and n is not None:
        code, n = "Y", n * 100
    if n is None:
        amount = "X"
    elif n == int(n):
        amount = str(int(n))
    elif code in ("Y",) and n == 0.5:
        amount, code = "6", "M"
    else:
        amount = str(n)
    return ("PT" if is_time else "P") + amount + code


_NUM = r"(\d+(?:\.\d+)?|[a-z]+(?:[- ][a-z]+)?|a couple of|a single|half a)"


def _duration(e: str) -> Timex | None:
    m = re.fullmatch(r"(?:the )?(?:recent|coming|next few|next several|past few|last few|past several|"
                     r"last several|first few|several|few|many) (day|week|month|year|decade)s", e)
    if m:
        return Timex(_unit_value(None, m.group(1)) or "PXX", "DURATION")
    e = re.sub(r"^(?:the|a|an|its|their|his|her) (?=\S+[- ](?:second|minute|hour|day|week|month|year|decade|quarter)s?\b)", "", e)
    e = re.sub(r"^(?:no more than|more than|less than|fewer than|at least|up to|nearly|almost|about|around|roughly|some|over|only|just|barely|"
               r"the past|the last|the next|the first|the final|the previous|the following|the coming|a full|an additional|another|the entire|the whole) ", "", e)
    e = re.sub(r"(?<=\S)\s+(?:or so|or more|more|straight|running|consecutive)(?= )", "", e)
    e = re.sub(r"^(\S+)(?: to | or |-)\S+ (?=(?:second|minute|hour|day|week|month|year)s?$)", r"\1 ", e)
    e = re.sub(r"^(?:the |a |an )?(?:past|last|previous|next|first|final|latest|coming|"
               r"following|additional|another|more than|less than|nearly|almost|about|around|"
               r"some|over|at least|up to|roughly|only|just|full|entire|whole|better part of the)\s+", "", e)
    e = re.sub(r"^(?:the |a |an )?(?:past|last|previous|next|first|final|latest|coming|following|"
               r"additional|another|more than|nearly|almost|about|some|full|entire|whole)\s+", "", e)
    m = re.fullmatch(rf"{_NUM}[- ](second|minute|hour|day|week|month|year|decade|centur(?:y|ie)|quarter)s?(?:[- ]old|[- ]long)?", e)
    if m:
        word = m.group(1)
        if word in VAGUE_NUMBERS or word in ("few", "several", "many", "some"):
            n = None
        else:
            n = _number(word)
            if n is None:
                return None
        unit = "century" if m.group(2).startswith("centur") else m.group(2)
        v = _unit_value(n, unit)
        return Timex(v, "DURATION") if v else None
    m = re.fullmatch(r"(second|minute|hour|day|week|month|year|decade)s", e)
    if m:
        v = _unit_value(None, m.group(1))
        return Timex(v, "DURATION") if v else None
    m = re.fullmatch(r"(?:a|an|one) (decade|century)", e)
    if m:
        v = _unit_value(1, m.group(1))
        return Timex(v, "DURATION") if v else None
    if e in ("a while", "some time", "a long time", "long", "a period", "the period"):
        return Timex("PXX", "DURATION")
    return None


def _set(e: str) -> Timex | None:
    m = re.fullmatch(r"(?:every|each|per|a|an) (second|minute|hour|day|week|month|year|quarter)", e)
    if m:
        v = _unit_value(1, m.group(1))
        return Timex(v, "SET") if v else None
    simple = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
              "annual": "P1Y", "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D"}
    if e in simple:
        return Timex(simple[e], "SET")
    m = re.fullmatch(rf"(?:every|each) ({_WD})", e)
    if m:
        return Timex(f"XXXX-WXX-{WEEKDAYS.index(m.group(1)) + 1}", "SET")
    return None


# ---- relative --------------------------------------------------------------------------


def _relative(e: str, anchor: dt.date, tense: Tense | None) -> Timex | None:
    future = tense == "future"
    e = re.sub(r"^(?:early|earlier|late|later|mid|middle|the middle of|the end of|end of|the beginning of|"
               r"beginning of|the start of|start of|the rest of|rest of|just|only|as recently as)[- ]+(?=\S)", "", e)
    e = re.sub(r"^the\s+(?=(?:last|past|previous|next|coming|following|same|current|day|week|month|year|end|beginning|start|middle|first|second|third|fourth|weekend|latest|most recent)\b)", "", e)
    e = re.sub(r"^(?:early|earlier|late|later|mid|middle|the middle of|the end of|end of|the beginning of|"
               r"beginning of|the start of|start of|the rest of|rest of)[- ]+(?=\S)", "", e)
    e = re.sub(r"^(?:current|present) (?=(?:fiscal )?(?:year|quarter|month|week))", "this ", e)
    e = re.sub(r"^(?:this|last|next|the) fiscal (?=year|quarter)", lambda m: m.group(0).replace("fiscal ", "").replace("the ", "this "), e)

    t = _time_of_day(e, anchor, tense)
    if t is not None:
        return t
    m = re.fullmatch(rf"({_MONTH})\.?(?: (\d{{1,2}}))?,? (this|last|next) year", e)
    if m:
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[m.group(3)]
        month = MONTHS[m.group(1)]
        if m.group(2):
            return _day_timex(year, month, int(m.group(2)))
        return Timex(f"{year:04d}-{month:02d}", "DATE", (year, month) > (anchor.year, anchor.month))
    m = re.fullmatch(r"(?:latest|most recent|this|last|previous|past|recent|the) (?:quarter|period)|quarter", e)
    if m:
        shift = 0 if e.startswith("this") else -1
        return _shifted(anchor, "quarter", shift)
    e = re.sub(r"^the (week|weekend|month|year)$", r"this \1", e)
    if e in ("year-ago", "year ago", "year-earlier", "year earlier"):
        return Timex(f"{anchor.year - 1:04d}")

    # today, yesterday, tomorrow, tonight, this morning
    simple = {"today": 0, "this day": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "day before yesterday": -2, "the day after tomorrow": 2, "day after tomorrow": 2}
    if e in simple:
        d = anchor + dt.timedelta(days=simple[e])
        return Timex(d.isoformat(), "DATE", d > anchor)
    m = re.fullmatch(r"(this|yesterday|tomorrow|today|last|tonight)\s*(morning|afternoon|evening|night)?", e)
    if m and (m.group(2) or m.group(1) == "tonight"):
        shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(m.group(1), 0)
        part = PARTS_OF_DAY[m.group(2) or "night"]
        d = anchor + dt.timedelta(days=shift)
        return Timex(f"{d.isoformat()}T{part}", "TIME", d > anchor)

    # weekdays
    m = re.fullmatch(rf"(?:(last|next|this|past|coming|on)\s+)?({_WD})(?:\s+(morning|afternoon|evening|night))?"
                     rf"(?:,?\s+({_MONTH})\.?\s+(\d{{1,2}}){_ORD})?", e)
    if m:
        if m.group(4):
            return _month_day(anchor, MONTHS[m.group(4)], int(m.group(5)), tense)
        d = _weekday(anchor, WEEKDAYS.index(m.group(2)), m.group(1) or "", tense)
        if m.group(3):
            return Timex(f"{d.isoformat()}T{PARTS_OF_DAY[m.group(3)]}", "TIME", d > anchor)
        return Timex(d.isoformat(), "DATE", d > anchor)

    # month and day without a year, ranges included: "April 14", "April 14-16", "14 April"
    m = re.fullmatch(rf"({_MONTH})\.?\s+(\d{{1,2}}){_ORD}(?:{_DASH}(?:(?:{_MONTH})\.?\s+)?\d{{1,2}}{_ORD})?", e)
    if m:
        return _month_day(anchor, MONTHS[m.group(1)], int(m.group(2)), tense)
    m = re.fullmatch(rf"(?:the\s+)?(\d{{1,2}}){_ORD}(?:{_DASH}\d{{1,2}}{_ORD})?\s+(?:of\s+)?({_MONTH})\.?", e)
    if m:
        return _month_day(anchor, MONTHS[m.group(2)], int(m.group(1)), tense)

    # bare month: the nearest past one unless the tense says future
    m = re.fullmatch(rf"(?:(last|next|this|past|coming)\s+)?({_MONTH})\.?(?:{_DASH}(?:{_MONTH})\.?)?", e)
    if m:
        month = MONTHS[m.group(2)]
        mod = m.group(1) or ""
        if mod in ("next", "coming"):
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif mod in ("last", "past"):
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif mod == "this":
            year = anchor.year
        else:
            year = _nearest_year(anchor, month, tense)
        return Timex(f"{year:04d}-{month:02d}", "DATE", (year, month) > (anchor.year, anchor.month))

    # "last week", "next month", "this year", "the previous quarter", "earlier this week"
    m = re.fullmatch(r"(last|past|previous|prior|next|coming|following|this|current|same|that)\s+"
                     r"(week|weekend|month|year|quarter|spring|summer|autumn|fall|winter|decade)", e)
    if m:
        return _shifted(anchor, m.group(2), {"last": -1, "past": -1, "previous": -1, "prior": -1,
                                             "next": 1, "coming": 1, "following": 1}.get(m.group(1), 0))
    if e in ("weekend", "this weekend"):
        back = tense == "past" or (tense is None and anchor.weekday() < 3)
        return _shifted(anchor, "weekend", -1 if back and anchor.weekday() < 5 else 0)
    m = re.fullmatch(r"(?:(spring|summer|autumn|fall|winter))", e)
    if m:
        return _shifted(anchor, m.group(1), 0)
    m = re.fullmatch(r"(?:the\s+)?(?:fiscal\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter", e)
    if m:
        q = _quarter_no(m.group(1))
        year = anchor.year if q <= (anchor.month - 1) // 3 + 1 or future else anchor.year - 1
        return Timex(f"{year}-Q{q}")

    # "a decade ago", "three years ago", "two weeks ago", "a year from now"
    m = re.fullmatch(rf"{_NUM}\s+(day|week|month|year|decade)s?\s+(ago|earlier|before|from now|later|hence)", e)
    if m:
        word = m.group(1)
        n = _number(word)
        if n is None:
            return Timex("PAST_REF") if m.group(3) in ("ago", "earlier", "before") else Timex("FUTURE_REF", future=True)
        sign = -1 if m.group(3) in ("ago", "earlier", "before") else 1
        return _ago(anchor, int(n), m.group(2), sign)
    return None


_CLOCK = re.compile(r"(?:(?:at|around|about|by|before|after|until) )?(?:(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)|(noon|midday|midnight))"
                    r"(?:\s+(?:[a-z]{2,4}t|gmt|utc|local time))?", re.I)


def _time_of_day(e: str, anchor: dt.date, tense: Tense | None) -> Timex | None:
    """"10 p.m. Wednesday", "noon Thursday", "7:15 p.m.", "Friday at 5 p.m."."""
    m = _CLOCK.search(e)
    if m is None:
        return None
    rest = squash_spaces((e[: m.start()] + " " + e[m.end():]).strip(" ,")).strip(" ,")
    rest = re.sub(r"^(?:on|at)\s+|\s+(?:on|at)$", "", rest)
    if m.group(4):
        hhmm = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group(4).lower()]
    else:
        h = int(m.group(1)) % 12 + (12 if m.group(3).lower().startswith("p") else 0)
        hhmm = f"{h:02d}:{m.group(2) or '00'}"
    if rest in ("", "today", "tonight", "this evening", "this morning", "this afternoon"):
        day: str | None = anchor.isoformat()
    else:
        t = _absolute(rest) or _relative(rest, anchor, tense)
        day = t.value if t and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value) else None
    if day is None:
        return None
    return Timex(f"{day}T{hhmm}", "TIME", day > anchor.isoformat())


def squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _weekday(anchor: dt.date, target: int, mod: str, tense: Tense | None) -> dt.date:
    delta = target - anchor.weekday()
    if mod in ("next", "coming") or (tense == "future" and mod != "last"):
        if (mod == "next" and delta <= 0) or delta < 0:
            delta += 7
    elif mod in ("last", "past"):
        delta = delta if delta < 0 else delta - 7
    elif delta > 0:
        delta -= 7
    return anchor + dt.timedelta(days=delta)


def _month_day(anchor: dt.date, month: int, day: int, tense: Tense | None) -> Timex | None:
    """A month and day without a year: the next one when the tense is future, else the
    one nearest the document date (within six months either way), but never more than a
    month ahead in a past-tense clause.  The nearest beats
    "the past" here: "payable Dec. 7" or "said ... by Nov. 20" in a past-tense sentence
    name the coming date far more often than one almost a year back."""
    year = anchor.year
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    if tense == "future":
        if d < anchor - dt.timedelta(days=31):
            year += 1
    elif (d - anchor).days > 183:
        year -= 1
    elif (anchor - d).days > 183:
        year += 1
    if tense == "past" and _day_timex(year, month, day) and dt.date(year, month, day) > anchor + dt.timedelta(days=31):
        year -= 1  # "was shot on February 19" in an October story: this year's, already past
    t = _day_timex(year, month, day)
    if t is None:
        return None
    return Timex(t.value, "DATE", t.value > anchor.isoformat())


def _nearest_year(anchor: dt.date, month: int, tense: Tense | None) -> int:
    """The year of the nearest past ``month``, or of the nearest future one when the
    tense is future; with no tense (or the present), the nearest either way."""
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    if tense == "past":
        return anchor.year if month <= anchor.month else anchor.year - 1
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year


def _shifted(anchor: dt.date, unit: str, shift: int) -> Timex:
    fut = shift > 0
    if unit == "year":
        return Timex(f"{anchor.year + shift:04d}", "DATE", fut)
    if unit == "decade":
        return Timex(f"{(anchor.year // 10 + shift):03d}", "DATE", fut)
    if unit == "month":
        y, mth = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        return Timex(f"{y:04d}-{mth + 1:02d}", "DATE", fut)
    if unit == "quarter":
        q = anchor.year * 4 + (anchor.month - 1) // 3 + shift
        return Timex(f"{q // 4:04d}-Q{q % 4 + 1}", "DATE", fut)
    if unit in ("week", "weekend"):
        d = anchor + dt.timedelta(weeks=shift)
        y, w, _ = d.isocalendar()
        return Timex(f"{y:04d}-W{w:02d}" + ("-WE" if unit == "weekend" else ""), "DATE", fut)
    season = SEASONS[unit]
    return Timex(f"{anchor.year + shift:04d}-{season}", "DATE", fut)


def _ago(anchor: dt.date, n: int, unit: str, sign: int) -> Timex:
    fut = sign > 0
    if unit == "day":
        return Timex((anchor + dt.timedelta(days=sign * n)).isoformat(), "DATE", fut)
    if unit == "week":
        d = anchor + dt.timedelta(weeks=sign * n)
        y, w, _ = d.isocalendar()
        return Timex(f"{y:04d}-W{w:02d}", "DATE", fut)
    if unit == "month":
        y, mth = divmod(anchor.year * 12 + anchor.month - 1 + sign * n, 12)
        return Timex(f"{y:04d}-{mth + 1:02d}", "DATE", fut)
    years = n * (10 if unit == "decade" else 1)
    return Timex(f"{anchor.year + sign * years:04d}", "DATE", fut)


# ---- calendar dates for the timeline ------------------------------------------------------

def calendar(value: str) -> tuple[str, Precision] | None:
    """A TIMEX3 value as a timeline date and precision, or None when it is not one.

    Days, months and years are kept as they are (a time of day keeps its day); a week
    becomes its month when it lies inside one month, else its year; quarters, seasons
    and weekends become their year or month.  Durations, sets, decades and vague
    references (PAST_REF ...) are not calendar dates.
    """
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        return value, "month"
    if re.fullmatch(r"\d{4}", value):
        return value, "year"
    m = re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        sunday = monday + dt.timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return f"{monday.year:04d}-{monday.month:02d}", "month"
        if monday.year == sunday.year:
            return f"{monday.year:04d}", "year"
        return None
    m = re.fullmatch(r"(\d{4})-(Q[1-4]|SP|SU|FA|WI|H[12])", value)
    if m:
        return m.group(1), "year"
    return None
