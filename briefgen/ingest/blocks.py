"""Page furniture that comes in blocks or glued to lines; pure functions.

Run on the cleaned text before ``debris.tidy`` (``strip_blocks`` does all):

* ``split_page_stamps``: a page's update stamp ("Page last updated at 07:02 GMT,
  Friday, 16 September 2011 08:02 UK", "24 April 2011 Last updated at 17:55 GMT Help",
  "30 August 11 11:00 GMT", "(an error occurred while processing this directive)")
  is cut out of the line it is printed in; the text before and after it become lines
  of their own (a headline glued to the lead through the stamp is parted).
* ``is_listing``: a broadcast programme listing ("7.00-10.30pm CITY RADIO 5 LIVE Mark
  Chapman introduces…"): a line that opens with a clock-time range.
  A document with 3 or more such lines is a schedule page: all of it goes.
* ``is_caption``: a photo caption standing as a line: "Picture taken March 16, 2011.",
  "EDITOR'S NOTE: …", or a wire caption that ends with a place and a full date
  ("Gas prices are seen at a petrol station in New York February 22, 2011.").
* ``drop_caption_sentences``: a sentence that places people in a picture ("X (R), …
  was part of Y's (L) inner circle") goes from the line it is glued into.
* ``is_fact_box``: a profile box run into one line ("Born: … Also known as: … Biggest
  hits: …"): three or more "Label:" parts, the first at the start.
* ``is_message_board``: a page of readers' posts (a genealogy or help board): a call
  for posts near the top ("here's the place to post a query", "email us") and 5 or
  more posts ("Margi: “I am looking for…”").  None of it is news: all of it goes.
* ``drop_chronology``: a chronology or fact box, 3 or more close lines that each
  open with a date and a dash ("March 5 - The rebel council declares itself…"), with
  its heading ("Here is a timeline of events:"): its lines carry no year and would be
  read as events of the article's date.

Rules only ever drop whole lines (or a stamp inside a line); prose that matches no rule
is kept.
"""

from __future__ import annotations

import re

CHRONOLOGY_MIN_LINES = 3
CHRONOLOGY_MAX_GAP = 2  # lines of an item's run-on text between two dated items
CAPTION_MAX_WORDS = 60
BOARD_MIN_POSTS = 5  # reader posts that, with a call for posts at the top, make a message board
BOARD_CALL_LINES = 10  # lines at the top where the call for posts stands
LISTING_PAGE_MIN = 3  # programme listings that make the whole document a schedule page
BOX_HEADING_MAX_CHARS = 240

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_CLOCK = r"\d{1,2}\s?[:.]\s?\d{2}"
_DASH = r"(?:-{1,2}|–|—)"

_STAMPS = [
    # "Page last updated at 07:02 GMT, Friday, 16 September 2011 08:02 UK"
    rf"Page last updated at {_CLOCK}\s*GMT\s*,?\s*(?:{_WEEKDAY}\s*,?\s*)?\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
    rf"(?:\s+{_CLOCK}\s*UK)?",
    # "24 April 2011 Last updated at 17:55 GMT Help"
    rf"(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\s+)?Last updated\s*(?:at\s*{_CLOCK}\s*(?:GMT|UTC|ET|EST|EDT)?"
    rf"|:\s*\d{{1,2}}\s+{_MONTH}\s+\d{{4}})(?:\s+Help\b)?",
    # a blog post's stamp at the start of a line: "30 August 11 11:00 GMT"
    rf"^\d{{1,2}}\s+{_MONTH}\s+\d{{2}}\s+{_CLOCK}\s*GMT",
    # a web server's error left in the page
    r"\(?\s*an error occurred while processing this directive\s*\)?",
]
_STAMP_RE = re.compile("|".join(f"(?:{p})" for p in _STAMPS), re.IGNORECASE)

# "7.00-10.30pm", "7.30-7 .45 am", "9-10pm", "9.00pm-12.00 midnight" at the start of a line
_LISTING_RE = re.compile(
    rf"^(?:{_CLOCK}|\d{{1,2}})\s*(?:[ap]\.?m\.?)?\s*{_DASH}\s*(?:{_CLOCK}|\d{{1,2}})\s*(?:[ap]\.?m\.?|midnight|noon)(?=\s|$)",
    re.IGNORECASE,
)

_PICTURE_TAKEN = re.compile(r"^(?:\(?\s*)?picture taken\b.{0,120}$", re.IGNORECASE)
_EDITORS_NOTE = re.compile(r"^editor'?s note\s*:", re.IGNORECASE)
# ends with "<Place> February 22, 2011." (optionally a "REUTERS/Name" credit): the
# date follows a capitalised word, where prose has a preposition ("on February 22")
_WIRE_CAPTION_END = re.compile(
    rf"(?<!\bon)(?<!\bby)\s(?P<prev>[A-Z][\w'’.-]*),?\s+{_MONTH}\s+\d{{1,2}},\s+(?:19|20)\d{{2}}\.?"
    r"(?:\s+[A-Z]{2,}(?: [A-Z]{2,})?\s*/.{0,60})?$"
)
_NOT_PLACE = re.compile(rf"^(?:{_WEEKDAY}|{_MONTH}|On|By|Since|Until|From|Before|After|Of|The)$")

# a line that opens with a date and a dash: "March 5 - ", "Feb. 24 -- ", "5 March - ",
# "March 2011 - ", "Oct 20, 2011 - ", "2009 - "
_DAY = r"\d{1,2}(?:/\d{1,2})?"  # "15/16": an item over two days
_DATED_ITEM = re.compile(
    rf"^(?:{_MONTH}\s+{_DAY}(?:\s*,\s*\d{{4}})?|{_DAY}\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{4}}|(?:19|20)\d{{2}})"
    rf"\s*{_DASH}\s+\S"
)
# a box's heading with its first item on the same line: "Here is a timeline of the
# war since March: March 5, 2011 - The council declares …"
_GLUED_HEADING = re.compile(
    r"^(?P<head>[^\n]{0,200}?\b(?:timeline|chronology|key (?:dates|events)|factbox|fact box|events so far)\b"
    r"[^:\n]{0,200}:)\s+(?P<item>\S.*)$",
    re.IGNORECASE,
)
# "Jo: “I am looking for…" or "Jo Roe : “…": a reader's post, named by the poster
_POST = re.compile(r"(?:^|[\s.])[A-Z][a-z]+(?: [A-Z][a-z]+)?\s?:\s?[“\"]")
_CALL_FOR_POSTS = re.compile(
    r"\b(?:post|send|submit|leave|add) (?:us )?(?:a|your) (?:query|queries|message|question|request|post)s?\b"
    r"|\b(?:queries|messages|posts) on this (?:page|board|site)\b"
    r"|\b(?:e-?mail|write to) us\b",
    re.IGNORECASE,
)
_BULLET_ITEM = re.compile(rf"^(?:{_DASH}|[•*])\s+\S")
_BOX_HEADING = re.compile(
    r"\b(?:timeline|chronology|key (?:dates|events)|factbox|fact box|events so far)\b.*:\s*$",
    re.IGNORECASE,
)


# where a person stands in a photo: "(L)", "(R)", "(C)", "(L-R)", "(2nd L)", "(left)", "(centre)"
_POSITION_MARK = re.compile(
    r"\((?:(?:\d(?:st|nd|rd|th)\s+)?[LRClrc]|L\s*-\s*R|R\s*-\s*L|left|right|centre|center|"
    r"far left|far right|front|back row|top|bottom)\)"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'])")
CAPTION_HEADER_LINES = 3  # lines at the top where a caption is glued to the headline or lead


def drop_caption_sentences(line: str, header: bool) -> tuple[str, list[str]]:
    """The line without the photo-caption sentences printed in it, and those sentences: a
    sentence that places people in a picture ("X (R), one of the ministers killed, was
    part of Y's (L) inner circle") is a caption when it has two such marks, or one in the
    page's first lines, where captions stick to the headline and lead."""
    if not _POSITION_MARK.search(line):
        return line, []
    kept: list[str] = []
    dropped: list[str] = []
    for sentence in _SENTENCE_SPLIT.split(line):
        marks = len(_POSITION_MARK.findall(sentence))
        (dropped if marks >= 2 or (marks and header) else kept).append(sentence)
    return " ".join(kept), dropped


# "Born: …", "Also known as: …": a label of one to four words and a colon
_FACT_LABEL = re.compile(r"(?:^|(?<=\s))[A-Z][a-z]+(?: [a-z]+){0,3}\s?:\s")
FACT_BOX_LABELS = 3


def is_fact_box(line: str) -> bool:
    """A profile or fact box run into one line ("Born: 29 August 1958, Gary Also known as:
    … Biggest hits: …"): it opens on a label and holds three or more labels."""
    return bool(_FACT_LABEL.match(line)) and len(_FACT_LABEL.findall(line)) >= FACT_BOX_LABELS


def split_page_stamps(line: str) -> list[str]:
    """The line's parts around any update stamp, the stamp removed; [line] without one."""
    if not _STAMP_RE.search(line):
        return [line]
    return [p.strip(" ,") for p in _STAMP_RE.split(line) if p and p.strip(" ,")]


def is_listing(line: str) -> bool:
    """A broadcast programme listing: the line opens with a clock-time range."""
    return bool(_LISTING_RE.match(line))


def is_caption(line: str) -> bool:
    """A photo caption standing as a line of its own."""
    if _PICTURE_TAKEN.match(line) or _EDITORS_NOTE.match(line):
        return True
    if len(line.split()) > CAPTION_MAX_WORDS:
        return False
    m = _WIRE_CAPTION_END.search(line)
    return m is not None and not _NOT_PLACE.match(m.group("prev"))


def is_message_board(lines: list[str]) -> bool:
    """A page of readers' posts: a call for posts near the top and 5+ posts."""
    text_lines = [ln for ln in lines if ln.strip()]
    if not any(_CALL_FOR_POSTS.search(ln) for ln in text_lines[:BOARD_CALL_LINES]):
        return False
    return sum(1 for ln in text_lines if _POST.search(ln)) >= BOARD_MIN_POSTS


def split_box_heading(line: str) -> list[str]:
    """A chronology box's heading and its first dated item as two lines, when the page
    prints them on one ("Here is a timeline …: May 5 - …"); [line] otherwise."""
    m = _GLUED_HEADING.match(line)
    if m and _DATED_ITEM.match(m.group("item")):
        return [m.group("head"), m.group("item")]
    return [line]


def drop_chronology(lines: list[str]) -> tuple[list[str], list[str]]:
    """(kept lines, dropped lines): every chronology box goes: 3 or more date-and-dash
    lines, each at most 2 lines after the one before (an item may run on over a
    sentence or two, and over any number of "-- " bullets), from the first item to the last, with bullet
    lines right after it and a heading line right before it that names a timeline
    ("Key dates:")."""
    items = [i for i, ln in enumerate(lines) if _DATED_ITEM.match(ln.strip())]
    drop: set[int] = set()
    group: list[int] = []

    def gap(a: int, b: int) -> int:
        return sum(
            1 for ln in lines[a + 1 : b] if ln.strip() and not _BULLET_ITEM.match(ln.strip())
        )

    def close() -> None:
        if len(group) >= CHRONOLOGY_MIN_LINES:
            first, last = group[0], group[-1]
            while last + 1 < len(lines) and _BULLET_ITEM.match(lines[last + 1].strip()):
                last += 1
            drop.update(range(first, last + 1))
            j = first - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            if (
                j >= 0
                and len(lines[j]) <= BOX_HEADING_MAX_CHARS
                and _BOX_HEADING.search(lines[j].strip())
            ):
                drop.add(j)
        group.clear()

    for i in items:
        if group and gap(group[-1], i) > CHRONOLOGY_MAX_GAP:
            close()
        group.append(i)
    close()
    kept = [ln for i, ln in enumerate(lines) if i not in drop]
    return kept, [lines[i] for i in sorted(drop) if lines[i].strip()]


def strip_blocks(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text without update stamps, programme listings, caption lines and
    chronology boxes ("" for a schedule page or a message board); and the dropped lines as (reason, line)."""
    dropped: list[tuple[str, str]] = []
    lines: list[str] = []
    seen = 0
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            lines.append("")
            continue
        seen += 1
        s, captions = drop_caption_sentences(s, header=seen <= CAPTION_HEADER_LINES)
        dropped.extend(("caption", c) for c in captions)
        if not s:
            continue
        parts = split_page_stamps(s)
        if parts != [s]:
            dropped.append(("stamp", s))
        for part in parts:
            if is_listing(part):
                dropped.append(("listing", part))
            elif is_caption(part):
                dropped.append(("caption", part))
            elif is_fact_box(part):
                dropped.append(("fact box", part))
            else:
                lines.extend(split_box_heading(part))
    if sum(1 for reason, _ in dropped if reason == "listing") >= LISTING_PAGE_MIN:
        # a schedule page: what is left are programme synopses, never news
        return "", [*dropped, *(("listing page", ln) for ln in lines if ln)]
    if is_message_board(lines):
        return "", [*dropped, *(("message board", ln) for ln in lines if ln)]
    lines, box = drop_chronology(lines)
    dropped.extend(("chronology", ln) for ln in box)
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return out, dropped
