"""Collect actor mentions from one annotated document.

NER gives most mentions; patterns add evidence where the small model cannot be trusted:
pre-nominal titles ("Prime Minister X"), appositives ("X, a senior fellow at Y"),
affiliations ("X of the Y"), and speech subjects ("…, said X").  Every mention carries
kind votes, so the kind of an actor is decided over the whole corpus.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.extract.actors.evidence import (
    before_clause,
    is_stale,
    kind_cues,
    org_role,
    person_role,
)
from briefgen.extract.actors.evidence import head_noun as _head_noun
from briefgen.extract.actors.lexicon import (
    CREDIT_CUES,
    HONORIFICS,
    NOT_ACTOR_NAMES,
    ORG_HEADS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACE_PREPOSITIONS,
    REPORTERS,
    SPEECH_VERBS,
    TITLES,
    TRAILING_STOPWORDS,
)
from briefgen.extract.actors.variants import strip_honorifics
from briefgen.extract.text import doc_text, squash

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# verbs right after a name that make it the subject when the parse misses it
_SUBJECT_VERBS = frozenset(
    [*SPEECH_VERBS, "replied", "responded", "announced", "denied", "urged", "vetoed"]
)
NOT_NAME_POS = frozenset({"ADJ", "ADV", "VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
LABEL_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country"}


@dataclass
class Mention:
    """One mention of a would-be actor in one document."""

    name: str
    doc: str
    sentence: str
    votes: dict[str, float] = field(default_factory=dict)
    role: str | None = None
    role_source: str | None = None  # "title", "appositive", "affiliation"
    quote: bool = False
    via: str = "ner"
    label: str | None = None  # the NER label, when from NER
    span: tuple[int, int] = (0, 0)  # character offsets in the document
    alias_of: str | None = None  # "NFU" defined in the text as "National Farmers Union"
    sentence_start: bool = False  # the mention opens its sentence
    before: str = ""  # the text just before the mention
    subject: bool = False  # the subject of a verb: the actor does or says something


class View:
    """One Doc with what the patterns read often computed once: text, entities, sentences."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.ents = join_split_orgs(doc)
        sents = list(doc.sents)
        self._sent_starts = [s.start_char for s in sents]
        self._sents = sents
        self._sent_text: dict[int, str] = {}
        self._ent_of: dict[int, Span] = {}
        for e in self.ents:
            for i in range(e.start, e.end):
                self._ent_of[i] = e

    def sent_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def sentence(self, char: int) -> str:
        """The squashed text of the sentence holding character ``char``."""
        i = self.sent_index(char)
        if i not in self._sent_text:
            self._sent_text[i] = squash(self._sents[i].text)
        return self._sent_text[i]

    def sent_start_token(self, char: int) -> int:
        return self._sents[self.sent_index(char)].start

    def ent_at(self, token_i: int) -> Span | None:
        return self._ent_of.get(token_i)


def join_split_orgs(doc: Doc) -> list[Span]:
    """The entities, with an organisation the model cut in two rejoined: "the Local
    Co-ordination" + "Committees" (nothing between them, the second one capitalised
    word) is one name."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == ent.label_ == "ORG"
            and prev.end == ent.start
            and len(ent) == 1
            and ent[0].is_title
            and prev[-1].is_alpha
        ):
            out[-1] = doc[prev.start : ent.end]
            out[-1].label_ = "ORG"
            continue
        out.append(_with_given_name(ent))
    return out


def _with_given_name(ent: Span) -> Span:
    """ "presenter Jane Roe" with only "Roe" tagged: after a lower-case role noun, the
    untagged capitalised word before a one-word person is the given name."""
    doc = ent.doc
    i = ent.start
    if ent.label_ != "PERSON" or len(ent) != 1 or i < 2:
        return ent
    given, role = doc[i - 1], doc[i - 2]
    if (
        given.is_title
        and given.is_alpha
        and not given.ent_type_
        and not given.is_sent_start
        and role.is_lower
        and (role.lower_ in PERSON_NOUNS or role.lower_ in REPORTERS)
    ):
        span = doc[i - 1 : ent.end]
        span.label_ = "PERSON"
        return span
    return ent


_ABBREV_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b[A-Z][a-z]{0,3}\.)$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def clean_name(text: str) -> str:
    """A mention's surface text made into a name: quotes, possessive and "the" dropped."""
    text = squash(text).strip(" ,;:!?\"“”'‘’()[]—–-")
    # "Free Army - army defectors": a spaced dash ends a name
    text = re.split(r"\s+[-–—]+\s+", text, maxsplit=1)[0]
    text = _POSSESSIVE.sub("", text)
    text = re.sub(r"^(?:the|The)\s+", "", text)
    words = text.split()
    while words and words[-1].casefold() in TRAILING_STOPWORDS:
        words.pop()
    while len(words) > 1 and words[0].casefold() in NOT_ACTOR_NAMES:
        words.pop(0)  # "BST Aspirin"
    while len(words) > 1 and words[-1].casefold() in NOT_ACTOR_NAMES:
        words.pop()
    text = " ".join(words).strip(" ,;:\"“”'‘’")
    if text.endswith(".") and not _ABBREV_END.search(text):
        text = text[:-1].rstrip()  # a full stop, not the dot of "U.S." or "Jr."
    return text


def plausible_name(name: str) -> bool:
    """A name starts with a capital, has a letter, no digits only, at most 8 words."""
    return (
        len(name) >= 2
        and name[0].isupper()
        and any(c.isalpha() for c in name)
        and len(name.split()) <= 8
        and not re.search(r"\d{3,}|[()\[\]|]", name)
        and not re.match(r"(?:pro|anti|non|ex|post|pre)-", name, re.I)
    )


def credit_spans(v: View) -> list[tuple[int, int]]:
    """Character spans of bylines and credits ("Editing by X", "Photo: AFP")."""
    text = v.text
    spans = []
    cues = "|".join(re.escape(c) for c in sorted(CREDIT_CUES, key=len, reverse=True))
    for m in re.finditer(
        rf"(?:^|(?<=[(\n])|(?<=[.!?]\s))[ \t]*({cues})(?!\w)\s*", text, re.I | re.M
    ):
        cue = m.group(1).lower()
        at_line_start = m.start() == 0 or text[m.start() - 1] in "\n("
        if cue == "by" and not at_line_start:
            continue
        if cue == "follow" and not at_line_start:
            continue
        end = m.end()
        # the names credited: people and organisations right after the cue, joined by
        # "and", ",", "/" ("By Tuesday, Roe …" credits nobody: a date breaks the run)
        for ent in v.ents:
            if ent.start_char < end:
                continue
            gap = text[end : ent.start_char]
            if ent.label_ in ("PERSON", "ORG") and re.fullmatch(r"\s*(?:,|/|&|and|;)?\s*", gap):
                end = ent.end_char
            else:
                break
        if cue == "by" and end == m.end():
            continue  # "By then, …": no name follows, no byline
        # a credit line credits everything up to the line end when it is short
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if at_line_start and end > m.end() and len(text[m.end() : line_end].split()) <= 12:
            end = max(end, line_end)
        spans.append((m.start(), end))
    # "(Reporting by X, editing by Y)": every name in the parenthesis is credited
    for m in _PAREN_CREDIT.finditer(text):
        spans.append((m.start(), m.end()))
    # "From Jane Roe in City, Country": a short line that credits its reporter
    for m in _FROM_LINE.finditer(text):
        spans.append((m.start(), m.end()))
    # a dateline's agency: "CITY, Country (AgencyName) --"
    for m in _DATELINE.finditer(text):
        spans.append((m.start(), m.end()))
    spans += author_boxes(v)
    # "Jane Roe contributed to this report."
    for m in _CONTRIBUTED.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        start = max(start, text.rfind(". ", 0, m.start()) + 1)
        spans.append((start, m.end()))
    return spans


_PAREN_CREDIT = re.compile(
    r"\([^()]{0,400}?\b(?:reporting|writing|editing|edited|compiled|written) by\b[^()]{0,400}\)",
    re.I,
)
_FROM_LINE = re.compile(
    r"^[ \t]*From (?:our |the )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}"
    r"(?: in [A-Z][^\n]{0,60})?[ \t]*$",
    re.M,
)
_AUTHOR_BOX = re.compile(
    r"\s*,?\s*(?:[A-Z][\w&'’.-]*\s+){1,3}(?:[A-Za-z]+\s+){0,3}?"
    r"(?:correspondent|editor|reporter|news|staff writer|writer)\b",
    re.I,
)
_DATELINE = re.compile(r"\(([A-Z][\w&.'-]{1,20}(?: [A-Z][\w&.'-]{1,20}){0,2})\)\s*(?:--|–|—|-)\s")
_CONTRIBUTED = re.compile(r"contributed (?:to this report|reporting|to this story)", re.I)


def dateline_agencies(text: str) -> set[str]:
    """Agencies named in datelines ("(AgencyName) --"): the outlets, not actors."""
    return {m.group(1) for m in _DATELINE.finditer(text)}


def author_boxes(v: View) -> list[tuple[int, int]]:
    """Author boxes at a line start: "Jane Roe Outlet Diplomatic Correspondent",
    "By Jane Roe Outlet News, City"."""
    text = v.text
    spans = []
    for ent in v.ents:
        if ent.label_ != "PERSON":
            continue
        line_start = text.rfind("\n", 0, ent.start_char) + 1
        lead = text[line_start : ent.start_char].strip()
        if lead and lead.lower() != "by":
            continue
        box = _AUTHOR_BOX.match(text, ent.end_char)
        if box:
            spans.append((line_start, box.end()))
    return spans


def outlets(v: View) -> set[str]:
    """The outlets that credit the article: organisations in author boxes and datelines."""
    found = dateline_agencies(v.text)
    for start, end in author_boxes(v):
        # the first organisation in "Jane Roe Outlet UN correspondent"; the rest is her beat
        org = next((e for e in v.ents if e.label_ == "ORG" and start <= e.start_char < end), None)
        if org is not None:
            found.add(clean_name(org.text))
    return found


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def collect(doc: Doc, doc_id: str, credited: set[str] | None = None) -> list[Mention]:
    """All mentions in one document, with their votes, roles and quote flags.

    The outlets named in its author boxes and datelines are added to ``credited``.
    """
    v = View(doc)
    if credited is not None:
        credited |= outlets(v)
    credits = credit_spans(v)
    out: list[Mention] = []
    for ent in v.ents:
        kind = LABEL_KIND.get(ent.label_)
        if kind is None or "\n" in ent.text.strip():
            continue
        if _inside(ent.start_char, ent.end_char, credits):
            continue
        name = clean_name(ent.text)
        if not plausible_name(name):
            continue
        if len(ent) == 1 and ent[0].pos_ in NOT_NAME_POS and not ent.text.isupper():
            continue  # "Empty" tagged ORG: an adjective, not a name
        m = Mention(
            name,
            doc_id,
            v.sentence(ent.start_char),
            {kind: 1.0},
            label=ent.label_,
            span=(ent.start_char, ent.end_char),
            sentence_start=ent.start == v.sent_start_token(ent.start_char),
            before=v.text[max(0, ent.start_char - 40) : ent.start_char],
        )
        if ent.start > 0 and doc[ent.start - 1].lower_ in PLACE_PREPOSITIONS:
            m.votes["country"] = m.votes.get("country", 0) + 1  # "in X": a place
        if ent.label_ == "PERSON":
            m.name = strip_honorifics(name)
        _appositive(v, ent, m)
        if not m.role and ent.label_ == "PERSON":
            person_role(v.text, ent, m)
        _affiliation(v, ent, m)
        if not m.role and ent.label_ != "GPE":
            org_role(v.text, ent, m)
            if m.role_source == "clause" and ent.label_ != "ORG":
                m.role = m.role_source = None
        kind_cues(v.text, ent, m)
        m.subject = ent.root.dep_ in ("nsubj", "nsubjpass") and ent.root.head.pos_ in (
            "VERB",
            "AUX",
        )
        if ent.end < len(doc) and doc[ent.end].lower_ in _SUBJECT_VERBS:
            m.subject = True  # "Capitalia said": the parse may miss it
        _speech(v, ent, m)
        out.append(m)
    _share_in_lists(v.text, out)
    for t in _titled(v, doc_id, credits):
        if t.alias_of == "consumed":  # an organisation used up as part of a title
            out = [m for m in out if m.span != t.span]
            continue
        same = [m for m in out if m.span[0] < t.span[1] and t.span[0] < m.span[1]]
        if not same:
            out.append(t)
            continue
        m = same[0]  # the title names the span the model tagged: one mention, more votes
        m.name = t.name
        m.votes["person"] = m.votes.get("person", 0) + t.votes["person"]
        # the title's role, unless it is one word or a former one and the text says more
        # ("Professor X, head of immunisation at …"; "Former Governor X, sworn in as …")
        weak = len(t.role.split()) == 1 or is_stale(t.role) if t.role else True
        if t.role and not (m.role and m.role_source != "title" and weak):
            m.role, m.role_source = t.role, t.role_source
        for extra in same[1:]:
            out.remove(extra)
    out.extend(_acronyms(v, doc_id))
    out.extend(_speakers(v, doc_id, out, credits))
    return out


def _share_in_lists(text: str, found: list[Mention]) -> None:
    """ "giants X and Y", "the drugs X and Y": the second name of a pair shares the
    first's description and thing votes."""
    ordered = sorted(found, key=lambda m: m.span)
    for a, b in itertools.pairwise(ordered):
        if not re.fullmatch(r"\s*(?:,|and|, and|or)\s*", text[a.span[1] : b.span[0]]):
            continue
        if a.role_source in ("description", "class") and not b.role:
            b.role, b.role_source = a.role, a.role_source
            b.votes["organization"] = b.votes.get("organization", 0) + 2
        if a.votes.get("thing", 0) >= 3 and b.votes.get("thing", 0) < 3:
            b.votes["thing"] = b.votes.get("thing", 0) + 3


# ---------------------------------------------------------------- titles

_TITLE_FIRST = frozenset(t.split()[0] for t in TITLES)
_TITLE_SEQS = sorted((re.findall(r"[\w.]+|-", t) for t in TITLES), key=len, reverse=True)
# first word → the title word sequences starting with it, longest first
_TITLES_BY_FIRST: dict[str, list[list[str]]] = {}
for _seq in _TITLE_SEQS:
    _TITLES_BY_FIRST.setdefault(_seq[0], []).append(_seq)


def _titled(v: View, doc_id: str, credits: list[tuple[int, int]]) -> Iterator[Mention]:
    """Names right after a title: "Secretary of State Jane Roe"."""
    doc = v.doc
    words = [t.lower_ for t in doc]
    i = 0
    while i < len(doc):
        seq = next(
            (s for s in _TITLES_BY_FIRST.get(words[i], ()) if words[i : i + len(s)] == s), None
        )
        if seq is None:
            i += 1
            continue
        j = i + len(seq)
        while j < len(doc):  # "Director General Dr X": one title run
            more = next(
                (s for s in _TITLES_BY_FIRST.get(words[j], ()) if words[j : j + len(s)] == s), None
            )
            if more is None or (not doc[j].text[:1].isupper() and doc[i].text[:1].isupper()):
                break
            j += len(more)
        name_toks = _name_run(v, j)
        if not name_toks:
            i = j
            continue
        start, end = doc[j].idx, name_toks[-1].idx + len(name_toks[-1].text)
        if _inside(start, end, credits):
            i = j
            continue
        name = strip_honorifics(clean_name(v.text[start:end]))
        if plausible_name(name):
            role, used = _title_role(v, i, j)
            if used is not None:
                yield Mention("", doc_id, "", alias_of="consumed", span=used)
            for ent in v.ents:  # "State" in "Secretary of State" is part of the title
                if i <= ent.start and ent.end <= j:
                    yield Mention(
                        "", doc_id, "", alias_of="consumed", span=(ent.start_char, ent.end_char)
                    )
            rwords = role.split()
            while rwords and rwords[-1] in HONORIFICS:
                rwords.pop()  # "Mr", "Dr": a person, but no role
            title_role = " ".join(rwords) or None
            yield Mention(
                name,
                doc_id,
                v.sentence(doc[i].idx),
                {"person": 3.0},
                role=title_role,
                role_source="title" if title_role else None,
                via="title",
                span=(start, end),
            )
        i = j + len(name_toks)


def _name_run(v: View, j: int) -> list:
    """Capitalised tokens from ``j`` that form a name (cut at a PERSON entity's end)."""
    doc = v.doc
    toks: list[Token] = []
    k = j
    while k < min(len(doc), j + 6):
        tok = doc[k]
        k += 1
        text = tok.text
        if (
            text == "-"
            and toks
            and not toks[-1].whitespace_
            and not tok.whitespace_
            and k < len(doc)
        ):
            toks += [tok, doc[k]]  # "Lee Ki-hoon"
            k += 1
            continue
        if not (text[:1].isupper() and re.fullmatch(r"[\w'’.-]+", text)):
            break
        if tok.lower_ in ORG_HEADS or (tok.is_sent_start and toks):
            break
        if toks and tok.lower_ in _TITLE_FIRST:
            break
        toks.append(tok)
        if tok.ent_type_ == "PERSON":
            ent_end = v.ent_at(tok.i).end  # type: ignore[union-attr]
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if ent_end == tok.i + 1 and not (nxt is not None and nxt.ent_type_ == "PERSON"):
                break  # the name ends with the model's PERSON (two adjacent ones join)
    while toks and toks[-1].lower_ in TRAILING_STOPWORDS:
        toks.pop()
    if toks and any(t.lower_ in ORG_HEADS for t in toks):
        return []
    return toks


def _title_role(v: View, i: int, j: int) -> tuple[str, tuple[int, int] | None]:
    """The title text, with the organisation or lower-case modifiers right before it;
    and the span of that organisation, which is part of the title, not an actor."""
    doc = v.doc
    if (
        i >= 2
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
    ):
        i -= 2  # "director-general"
    role = doc[i:j].text.lower()
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and prev.ent_type_ == "ORG":
        ent = v.ent_at(prev.i)
        if ent is not None and ent.end == i:
            return f"{clean_name(ent.text)} {role}", (ent.start_char, ent.end_char)
    mods: list[str] = []
    if doc[i].text[:1].isupper():
        return _capital_modifiers(v, i, role)
    k = i - 1
    while k >= 0 and len(mods) < 4:
        t = doc[k]
        if t.is_lower and t.pos_ in ("ADJ", "NOUN", "CCONJ") and t.is_alpha:
            mods.insert(0, t.text)
            k -= 1
        else:
            break
    while mods and mods[0] in ("and", "or"):
        mods.pop(0)
    return " ".join([*mods, role]), None


_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april june july august september october november december".split()
)
_NOT_MODIFIER_POS = frozenset(
    {"DET", "PRON", "ADP", "ADV", "VERB", "AUX", "NUM", "SCONJ", "CCONJ", "PUNCT"}
)


def _capital_modifiers(v: View, i: int, role: str) -> tuple[str, tuple[int, int] | None]:
    """ "Former Kansas Governor", "WHO Assistant Director General", "French Health
    Minister": up to three capitalised words before a capitalised title are part of it
    (an organisation among them is used up by the title)."""
    doc = v.doc
    sent_start = v.sent_start_token(doc[i].idx)
    k = i - 1
    mods: list[str] = []
    used = None
    while k >= sent_start and len(mods) < 3:
        t = doc[k]
        acronym = t.is_alpha and t.is_upper and len(t.text) >= 2  # "WHO", tagged a pronoun
        if not (t.text[:1].isupper() or t.text == "&") or (
            t.pos_ in _NOT_MODIFIER_POS and not acronym
        ):
            break
        if t.ent_type_ in ("PERSON", "DATE", "TIME") or t.text.endswith(("'s", "’s")):
            break
        if t.lower_ in _CALENDAR_WORDS:  # "On Wednesday Foreign Minister X"
            break
        ent = v.ent_at(k)
        if ent is not None and ent.label_ == "ORG" and ent.end == k + 1:
            mods.insert(0, clean_name(ent.text))
            used = (ent.start_char, ent.end_char)
            break
        mods.insert(0, t.text if t.ent_type_ or t.text.isupper() else t.lower_)
        k -= 1
    return " ".join([*mods, role]), used


# ---------------------------------------------------------------- appositives

_APPOS = re.compile(
    r"^,\s+((?:a|an|the)\s+[^,;:\"“”()]{3,200}?|"
    r"(?:" + "|".join(re.escape(t.title()) for t in TITLES) + r")"
    r"\s+(?:of|for|at)\s[^,;:\"“”()]{0,120}?)(?=,|\.\s|\.$|;|\s\(|$)"
)


_BEFORE_APPOS = re.compile(r"\b(?:the|its|his|her|their)\s+([a-z][\w'’ -]{1,60}?)\s*,\s*$")


def _appositive(v: View, ent: Span, m: Mention) -> None:
    """ "X, a senior fellow at Y," or "the health secretary, X," → role and a kind vote."""
    doc = v.doc
    if ent.label_ != "GPE":
        bm = _BEFORE_APPOS.search(v.text[max(0, ent.start_char - 80) : ent.start_char])
        if bm and _head_noun(bm.group(1)) in PERSON_NOUNS:
            m.votes["person"] = m.votes.get("person", 0) + 3
            m.role, m.role_source = squash(bm.group(1)), "appositive"
            return
    after = v.text[ent.end_char : ent.end_char + 240]
    am = _APPOS.match(after)
    if not am:
        return
    phrase = squash(am.group(1))
    start = ent.end_char + am.start(1)
    span = doc.char_span(start, start + len(am.group(1)), alignment_mode="expand")
    if span is not None and _clause(span):
        return  # ", the United States mobilized …" is a clause, not an appositive
    phrase = re.sub(r"^(?:a|an|the)\s+", "", phrase, flags=re.I)
    phrase = before_clause(phrase)
    head = _head_noun(phrase)
    if head in PERSON_NOUNS:
        m.votes["person"] = m.votes.get("person", 0) + 3
        m.role, m.role_source = _shorten_role(phrase, v, ent.end_char), "appositive"
    elif head in ORG_NOUNS and re.match(r"(?:a|an|the)\s", am.group(1), re.I):
        m.votes["organization"] = m.votes.get("organization", 0) + 2
        m.role, m.role_source = _shorten_role(phrase, v, ent.end_char), "description"


def _clause(span: Span) -> bool:
    """A finite verb before the first preposition: the phrase is a clause."""
    for t in span:
        if t.lower_ in ("of", "at", "to", "for", "in", "with", "from", "on", "who", "which"):
            return False
        if t.tag_ in FINITE_VERB_TAGS:
            return True
    return False


def _shorten_role(phrase: str, v: View, offset: int) -> str:
    """A long appositive cut to its head and the last organisation it names."""
    words = phrase.split()
    if len(words) <= 14:
        return phrase
    end = offset + 2 + len(phrase) + 10
    orgs = [e.text for e in v.ents if e.label_ == "ORG" and offset <= e.start_char < end]
    cut = next(
        (k for k, w in enumerate(words) if w.lower() in ("of", "at", "to", "for", "in", "with")),
        8,
    )
    head = " ".join(words[:cut])
    return f"{head}, {clean_name(orgs[-1])}" if orgs else " ".join(words[:14]) + " …"


# ---------------------------------------------------------------- affiliation

_AFFIL = re.compile(r"^\s+(?:of|at|from|with|(?:wrote|writes|writing) for)\s+(?:the\s+)?")


def _affiliation(v: View, ent: Span, m: Mention) -> None:
    """ "X of the Harbor Policy Center" → the organisation as X's affiliation."""
    if m.role or ent.label_ not in ("PERSON", "ORG"):
        return
    after = v.text[ent.end_char : ent.end_char + 80]
    am = _AFFIL.match(after)
    if not am:
        return
    start = ent.end_char + am.end()
    for other in v.ents:
        if other.label_ == "ORG" and start <= other.start_char <= start + 40:
            gap = v.text[start : other.start_char]
            if "." in gap.replace("D.C.", "").replace("U.S.", ""):
                return
            m.role, m.role_source = clean_name(other.text), "affiliation"
            return


# ---------------------------------------------------------------- speech

_VERBS = "|".join(SPEECH_VERBS)
_SAID_X = re.compile(rf"[,\"”’]\s*(?:{_VERBS})\s*$")
_X_SAID = re.compile(rf"^\s+(?:{_VERBS})\b")


def _speech(v: View, ent: Span, m: Mention) -> None:
    """ "…," said X → a person vote and a quote; "X said" → a quote."""
    before = v.text[max(0, ent.start_char - 40) : ent.start_char]
    after = v.text[ent.end_char : ent.end_char + 12]
    if _SAID_X.search(before):
        m.quote = True
        if ent.label_ != "GPE":
            m.votes["person"] = m.votes.get("person", 0) + 2
    elif _X_SAID.match(after):
        m.quote = True


# ---------------------------------------------------------------- acronyms

_DEFINED = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|the|on|in|&)\s+)*){1,8})\(([A-Z]{2,6})\)"
)
_SMALL = {"of", "and", "for", "the", "on", "in", "&"}


def initials(name: str) -> str:
    """ "Center for Strategic Studies" → "CSS" (small words skipped)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL).upper()


def _acronyms(v: View, doc_id: str) -> Iterator[Mention]:
    """ "National Farmers Union (NFU)": the long name, and the acronym as its alias."""
    for m in _DEFINED.finditer(v.text):
        words = m.group(1).split()
        acr = m.group(2)
        # the shortest tail of the capitalised run whose initials spell the acronym
        for k in range(len(words) - 1, -1, -1):
            long_name = clean_name(" ".join(words[k:]))
            if initials(long_name) == acr:
                sent = v.sentence(m.start())
                yield Mention(long_name, doc_id, sent, {"organization": 1.0}, via="acronym")
                yield Mention(
                    acr, doc_id, sent, {"organization": 1.0}, via="acronym", alias_of=long_name
                )
                break


_SAID_NAME = re.compile(rf"[,\"”’]\s*(?:{_VERBS})\s+((?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+)")


def _speakers(
    v: View, doc_id: str, found: list[Mention], credits: list[tuple[int, int]]
) -> Iterator[Mention]:
    """ "…," said Kent, where the model tagged no entity: the speaker is a person."""
    for m in _SAID_NAME.finditer(v.text):
        start, end = m.span(1)
        if any(x.span[0] < end and start < x.span[1] for x in found):
            continue
        if _inside(start, end, credits):
            continue
        name = clean_name(m.group(1))
        words = name.split()
        if not plausible_name(name) or words[0].casefold() in _NOT_SPEAKER_START:
            continue
        if any(w.casefold() in _TITLE_FIRST or w.casefold() in ORG_HEADS for w in words):
            continue  # "said NATO Secretary General X": the title pattern handles it
        yield Mention(
            name,
            doc_id,
            v.sentence(start),
            {"person": 2.0},
            quote=True,
            via="speech",
            span=(start, end),
        )


# capitalised words after "said" that do not start a name ("said The Times" is an outlet)
_NOT_SPEAKER_START = frozenset(
    "the a an he she they it we i this that his her their its mr mrs ms dr on in at".split()
)
