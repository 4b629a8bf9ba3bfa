"""Who a pronoun or a bare title refers to: the antecedents of attribution speakers.

``resolve`` fills ``Attribution.antecedent`` in place: for a personal pronoun ("she
told …") the nearest preceding named person in a salient position (a subject, a
subject's appositive, a passive's agent, "according to"), skipping a person whose
honorific gives the other gender; for a definite title with no name ("the prime
minister said") the person named as the subject of a main clause in the same or the
previous paragraph.  Whether that person can hold the title is the speaker
resolver's check (``SpeakerResolver.role_anaphor``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.extract.actors.lexicon import TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefgen.extract.positions.attribution import Attribution, _Text

PERSONAL_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_HONORIFIC = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
_SUBJ = {"nsubj", "nsubjpass"}


def resolve(doc: Doc, items: Sequence[Attribution], tx: _Text) -> None:
    """Fill ``antecedent`` of pronoun speakers and of definite-title speakers."""
    mentions = _person_mentions(doc, tx)
    gender = _gender_hints(doc)
    named = [
        _Mention(a.speaker_span[0], a.speaker, a.speaker.split()[-1])
        for a in items
        if a.speaker
        and a.speaker_span
        and not a.is_pronoun
        and not a.inherited
        and doc[tx.tok_at(a.speaker_span[0])].pos_ == "PROPN"
    ]
    pool = sorted({(m.char, m.name): m for m in [*mentions, *named]}.values(), key=lambda m: m.char)
    described: list[Attribution] = []  # "the civil rights leader claimed …", in order
    for a in sorted(items, key=lambda a: a.speaker_span[0] if a.speaker_span else a.start):
        if a.is_pronoun and a.speaker_span and not a.inherited:
            a.antecedent = _antecedent(a.speaker_span[0], a.speaker or "", pool, gender)
            a.antecedent = _after_description(a, a.antecedent, pool, described)
        elif a.speaker and a.speaker_span and not a.inherited and is_role_description(a.speaker):
            a.antecedent = _not_in_content(_recent_person(a.speaker_span[0], pool, tx), a)
            described.append(a)
    # inherited speakers copy their source's antecedent
    last: Attribution | None = None
    for a in items:
        if a.kind != "quote":
            continue
        if a.inherited and last is not None and last.speaker == a.speaker:
            a.antecedent = last.antecedent
        last = a


def _gender_hints(doc: Doc) -> dict[str, str]:
    """Surname → 'm'/'f' from honorifics in the text ("Mr. Smith")."""
    out: dict[str, str] = {}
    for t in doc[:-1]:
        g = _HONORIFIC.get(t.lower_)
        nxt = t.nbor(1)
        if g and nxt.pos_ == "PROPN":
            out[nxt.text] = g
    return out


@dataclass
class _Mention:
    char: int
    name: str
    key: str  # last token, for gender lookup
    main: bool = False  # the subject of its sentence's main verb


def _person_mentions(doc: Doc, tx: _Text) -> list[_Mention]:
    """Named persons in subject position, outside quotes, in order."""
    person_tokens = {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    out: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or tx.inside[ent.start]:
            continue
        if ent.label_ == "ORG" and not all(t.text in person_tokens for t in ent):
            continue
        if _salient_position(ent.root):
            main = ent.root.dep_ in _SUBJ and ent.root.head.dep_ == "ROOT"
            out.append(_Mention(ent.start_char, ent.text, ent[-1].text, main))
    return out


def _salient_position(root: Token) -> bool:
    """A name a later pronoun can refer to: a subject, a subject's appositive ("The
    head of the agency, Name, said"), the agent of a passive ("confirmed by Name") or
    the source of "according to Name"."""
    if root.dep_ in _SUBJ:
        return True
    if root.dep_ == "appos":
        host = root.head  # "The head of the agency, Name,": the parse may hang it on "agency"
        for _ in range(4):
            if host.dep_ not in ("pobj", "prep") or host.head.i == host.i:
                break
            host = host.head
        return host.dep_ in _SUBJ
    if root.dep_ == "pobj":
        prep = root.head
        if prep.dep_ == "agent" or (prep.lower_ == "by" and prep.head.tag_ == "VBN"):
            return True
        return prep.lower_ == "to" and prep.head.lower_ == "according"
    return False


_ROLE_TITLES = tuple(t for t in TITLES if not t.startswith("spokes"))  # a spokesman is someone else
_ROLE_DESCRIPTION = re.compile(
    r"^the\s+(?:[\w.'’-]+\s+){0,3}?(?:"
    + "|".join(re.escape(t) for t in sorted(_ROLE_TITLES, key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)


def is_role_description(speaker: str) -> bool:
    """'the prime minister', 'the agency's secretary general': a definite title, no name."""
    return bool(_ROLE_DESCRIPTION.match(" ".join(speaker.split())))


def _recent_person(char: int, mentions: Sequence[_Mention], tx: _Text) -> str | None:
    """The last named person before ``char`` in its paragraph or the one before, as the
    subject of a main clause: the person a definite title ("the prime minister said") most likely refers back to.
    Whether that person can hold the title is the speaker resolver's check."""
    pstart, _ = tx.para_bounds(char)
    lo = tx.para_bounds(pstart - 2)[0] if pstart >= 2 else 0
    for m in reversed(mentions):
        if m.char >= char or not m.main:
            continue
        return m.name if m.char >= lo else None
    return None


def _after_description(
    a: Attribution,
    found: str | None,
    mentions: Sequence[_Mention],
    described: Sequence[Attribution],
    window: int = 600,
) -> str | None:
    """A speaker given only by a title ("The civil rights leader claimed Dr Roe …")
    after the named person a pronoun would go to, or around it, is the pronoun's
    referent: "He said …" then takes that title's own antecedent (None when it has
    none), not the person named before or inside its words."""
    char = a.speaker_span[0] if a.speaker_span else a.start
    named_at = max((m.char for m in mentions if m.name == found and m.char < char), default=-1)
    for d in reversed(described):
        start = d.speaker_span[0] if d.speaker_span else d.start
        if not (start < char and char - start <= window):
            continue
        if d.start <= named_at < d.end:  # named inside what d said: not d
            return None if _same_person(d.antecedent, found) else d.antecedent
        if named_at < start and d.antecedent and not _same_person(d.antecedent, found):
            return d.antecedent
    return found


def _same_person(a: str | None, b: str | None) -> bool:
    return bool(a and b) and (a or "").split()[-1] == (b or "").split()[-1]


def _not_in_content(name: str | None, a: Attribution) -> str | None:
    """A titled speaker is not the person their own words are about ("The leader
    claimed Dr Roe had gone missing" is not Roe speaking)."""
    if not name:
        return None
    said = a.sentence
    i = said.find(a.speaker or "")
    if i >= 0:
        said = said[i + len(a.speaker or "") :]
    return None if re.search(rf"\b{re.escape(name.split()[-1])}\b", said) else name


def _antecedent(
    char: int,
    pronoun: str,
    mentions: Sequence[_Mention],
    gender: dict[str, str],
    window: int = 2500,
) -> str | None:
    want = PERSONAL_PRONOUNS.get(pronoun.lower())
    if want is None:
        return None
    for m in reversed(mentions):
        if m.char >= char:
            continue
        if char - m.char > window:
            return None
        g = gender.get(m.key)
        if g and g != want:
            continue
        return m.name
    return None
