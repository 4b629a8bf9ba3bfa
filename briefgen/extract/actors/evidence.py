"""Evidence about one entity mention from the words around it: roles and kind cues.

Roles an editor would read: a possessive ("the Agency's chief scientist, X"; "the
Agency's X"), an appositive headed by a lower-case role noun ("X, head of Y at Z,"), a
role after "as" ("sworn in as health secretary"), "X, who heads Y"; for organisations a
descriptor ("Swiss drugmaker X", "carmakers such as X") or a relative clause ("X, which
operates the plant").  Kind cues: "the antiviral drug X" and "X, made by" are things;
"X news agency" is an outlet; "chief executive of X" makes X an organisation.
Every pattern is generic English; the nouns it needs are in ``actor_names.yaml``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefgen.extract.actors.lexicon import ORG_HEADS, ORG_NOUNS, PERSON_NOUNS, REPORTERS
from briefgen.extract.actors.variants import lexicon
from briefgen.extract.text import squash

if TYPE_CHECKING:
    from spacy.tokens import Span

    from briefgen.extract.actors.mentions import Mention

HONORIFIC_RE = r"(?:(?:Sir|Dame|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|Professor|Lord|Lady)\s+)?"
KIN = frozenset("father mother son daughter wife husband brother sister".split())
STALE = frozenset({"former", "ex", "then", "outgoing", "late", "erstwhile", "previous"})

# "the UK's chief medical officer, Sir X" / "The homeland security secretary, X"
_POSS_APPOS = re.compile(
    r"(?:(?:^|[\s(])(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+"
    r"(?:((?:[\w.&-]+\s+){0,2}[\w.&-]+)['’]s\s+)?"
    r"|(?:^|(?<=[\s(,]))([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})['’]s\s+)"
    r"((?:[\w.-]+\s+){0,7}?[\w.-]+)\s*,\s*" + HONORIFIC_RE + r"$"
)
# "the Agency's Dr. X" / "Acme's chief executive X"
_POSS_BEFORE = re.compile(
    r"(?:^|\s)(?:the\s+)?([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4})['’]s\s+"
    r"((?:[a-z][\w-]*\s+){0,4})" + HONORIFIC_RE + r"$"
)
# "X, head of immunisation at the Department," / "X, chief medical adviser, said"
_LOWER_APPOS = re.compile(
    r"^,\s+((?:[a-z][\w'’-]*\s+){0,4}[a-z][\w'’-]*"
    r"(?:\s+(?:of|for|at|to|in)\s+[^,;:\"“”()]{1,100}?)?)(?=\s*(?:,|\.\s|\.$|;|\s\())"
)
# "X, who heads the Agency," / "X, who leads Y"
_WHO_HEADS = re.compile(
    r"^,\s+who\s+(?:heads|headed|leads|led|runs|ran|chairs|chaired|directs|directed)\s+"
    r"((?:the\s+)?[^,;:.\"“”()]{2,80}?)(?=\s*(?:,|\.|;))"
)
# "sworn in as U.S. health secretary"
_AS_ROLE = re.compile(
    r"^[^.;:\"“”]{0,80}?(?<!such)(?<!well)\s+as\s+(?:the\s+|a\s+|an\s+|its\s+|his\s+|her\s+)?"
    r"((?:[A-Z][\w.]*\s+)?(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\b"
)
# "X, which operates the plant" / "X, that built it"
# "pop star X", "bodyguard X": lower-case words right before the name
_PRE_NAME = re.compile(r"(?:^|[\s(])((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+" + HONORIFIC_RE + r"$")
_FUNCTION_WORDS = frozenset(
    "of the a an to by with for from and or in on at as than that said says told how when "
    "where why while who whom after before then also now today yesterday his her their its "
    "my our your".split()
)
# plural or generic heads that name a group the person is in, not a role
_NOT_ROLES = frozenset({"member", "worker", "resident", "student", "victim", "witness"})
_CLAUSE = re.compile(r"^,\s+(?:which|that)\s+([a-z][^,;:.\"“”()]{4,90}?)(?=\s*(?:,|\.|;))")
_ORG_OF = re.compile(r"\b([a-z][\w-]*)\s+(?:of|at)\s+(?:the\s+)?$")
_MADE_BY = re.compile(r"^,?\s+(?:made|produced|manufactured|developed|marketed|sold|built)\s+by\b")


def head_noun(phrase: str) -> str:
    """The head of a noun phrase: the last word before a preposition or relative clause."""
    words = phrase.split()
    cut = len(words)
    for k, w in enumerate(words):
        if w.lower() in (
            "of",
            "at",
            "to",
            "for",
            "in",
            "with",
            "from",
            "on",
            "who",
            "which",
            "that",
            "and",
            "based",
        ):
            cut = k
            break
    head = (words[cut - 1] if cut else (words[0] if words else "")).lower().strip(".,'’")
    if head.endswith("s") and head[:-1] in PERSON_NOUNS | ORG_NOUNS:
        head = head[:-1]
    return head


_head = head_noun


_AUXILIARIES = frozenset(
    "is are was were has have had will would could can may might should must did does do "
    "been being also".split()
)


def before_clause(phrase: str) -> str:
    """ "activist who became a hero" → "activist": the role, not the story."""
    return re.split(r"\s+(?:who|whom|whose|which|that)\s+", phrase, maxsplit=1)[0]


_DETERMINERS = frozenset("the a an their his her its our own".split())


def _last_noun_phrase(phrase: str) -> str:
    """ "prosecution called their own drug expert" → "drug expert": a determiner inside
    the words before a name starts the noun phrase the name stands beside."""
    words = phrase.split()
    cut = max((i + 1 for i, w in enumerate(words) if w.casefold() in _DETERMINERS), default=0)
    return " ".join(words[cut:]) or phrase


def is_stale(role: str | None) -> bool:
    """ "former governor", "ex-minister": a role the actor no longer holds."""
    return role is not None and bool(set(re.split(r"[\s-]+", role.casefold())) & STALE)


def person_role(text: str, ent: Span, m: Mention) -> None:
    """Roles of a person from a possessive appositive, a possessive, a lower-case
    appositive, "who heads" or "as"; the first that matches wins."""
    sent_start = ent.sent.start_char if ent.doc.has_annotation("SENT_START") else 0
    before = text[max(0, sent_start, ent.start_char - 120) : ent.start_char]  # this sentence
    before = before.split("\n")[-1]
    after = text[ent.end_char : ent.end_char + 200]
    pm = _POSS_APPOS.search(before)
    if pm and _head(pm.group(3)) in PERSON_NOUNS:
        role = _last_noun_phrase(before_clause(squash(pm.group(3))))
        owner = pm.group(1) or pm.group(2)  # "the UK's", kept; "the agency's", not
        m.role = f"{owner}'s {role}" if owner and not owner.islower() else role
        m.role_source = "appositive"
        return
    pb = _POSS_BEFORE.search(before)
    if pb and (not pb.group(2).strip() or _head(pb.group(2)) in PERSON_NOUNS):
        words = pb.group(2).strip()
        m.role = f"{pb.group(1)}'s {words}" if words else pb.group(1)
        m.role_source = "appositive" if words else "affiliation"
        return
    am = _LOWER_APPOS.match(after)
    if am and _head(am.group(1)) in PERSON_NOUNS and _head(am.group(1)) not in KIN:
        m.role, m.role_source = before_clause(squash(am.group(1))), "appositive"
        return
    wm = _WHO_HEADS.match(after)
    if wm:
        m.role, m.role_source = f"head of {squash(wm.group(1))}", "appositive"
        return
    dm = _PRE_NAME.search(before)
    if dm:  # "pop star X", "the death of pop star X"
        words = dm.group(1).split()
        cut = max((i + 1 for i, w in enumerate(words) if w in _FUNCTION_WORDS), default=0)
        phrase = " ".join(words[cut:])
        head = phrase.split()[-1] if phrase else ""
        # "his brother X" too; "radio presenter X" (a reporter, dropped later)
        if (head in PERSON_NOUNS or head in REPORTERS) and head not in _NOT_ROLES:
            m.role, m.role_source = phrase, "appositive"
            return
    sent_after = after.split(". ")[0]
    asm = _AS_ROLE.match(sent_after)
    if asm and _head(asm.group(1)) in PERSON_NOUNS and _head(asm.group(1)) not in KIN:
        m.role, m.role_source = squash(asm.group(1)), "as"


def org_role(text: str, ent: Span, m: Mention) -> None:
    """What an organisation does in the story: "Swiss drugmaker X", "makers of drugs,
    such as X", "X, which operates the plant"."""
    doc = ent.doc
    k = ent.start - 1
    if k >= 1 and doc[k].lower_ == "as" and doc[k - 1].lower_ == "such":
        k -= 2
    elif k >= 0 and doc[k].lower_ in ("like", "including"):
        k -= 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    # "drugmaker X" describes X; "makers such as X" names a class X belongs to
    source = "description" if k == ent.start - 1 else "class"
    head = _descriptor_head(doc, k)
    if head is not None:
        start = head
        while start - 1 >= 0 and head - start < 2 and _modifier(doc[start - 1]):
            start -= 1
        m.role = _singular(squash(doc[start : k + 1].text))
        m.role_source = source
        m.votes["organization"] = m.votes.get("organization", 0) + 3
        return
    pre = _pre_name_modifiers(ent)
    if pre:
        m.role, m.role_source = pre, "modifier"
        return
    cm = _CLAUSE.match(text[ent.end_char : ent.end_char + 120])
    # "which operates the plant" says what it does; "which is bombing …", "which had
    # rejected …" tell an event, not a role
    if cm and not m.role and is_role_clause(cm.group(1)):
        m.role, m.role_source = squash(cm.group(1)), "clause"


# words that date a clause: it tells what happened once, not what the body does
_WHEN = re.compile(
    r"\b(?:again|yesterday|today|tonight|tomorrow|last|next|ago|earlier|later|recently|"
    r"this (?:week|month|year|morning|evening)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|\d+)\b",
    re.I,
)
MAX_CLAUSE_ROLE_WORDS = 10


def is_role_clause(clause: str) -> bool:
    """ "operates the plant", "built the dam": what a body does in the story.  Not an
    event ("is bombing …", "had rejected …", "meets again at the end of this month",
    "suspended the member in November and imposed sanctions"): no auxiliary first, no
    time, no second verb joined by "and", no other actor named, and short."""
    words = clause.split()
    return (
        bool(words)
        and words[0] not in _AUXILIARIES
        and not _WHEN.search(clause)
        and not re.search(r"\band\s+[a-z]+ed\b", clause)
        and len(words) <= MAX_CLAUSE_ROLE_WORDS
        and not any(w[:1].isupper() for w in words[1:])  # "backs Ruritania": a stance
    )


_NOT_MODIFIERS = frozenset(
    "same other new old whole entire main so-called then former ex late first last next "
    "said such own".split()
)
_OPEN_POS = frozenset({"ADJ", "NOUN", ""})  # "" when no tagger ran


def _pre_name_modifiers(ent: Span) -> str | None:
    """ "the rebel Transitional Council" → "rebel council", "its ruling Unity Party" →
    "ruling party": lower-case words between a determiner or possessive and a name that
    ends in an organisation head say what the body is in the story."""
    doc = ent.doc
    head = ent[-1].lower_
    if head not in ORG_HEADS:
        return None
    mods: list[str] = []
    k = ent.start - 1
    while k >= 0 and len(mods) < 2:
        t = doc[k]
        if (
            not (t.is_lower and t.is_alpha and t.pos_ in _OPEN_POS)
            or t.lower_ in _NOT_MODIFIERS
            or t.lower_ in _FUNCTION_WORDS
        ):
            break
        mods.insert(0, t.text)
        k -= 1
    if not mods or k < 0 or doc[k].lower_ not in ("the", "its", "their", "'s", "’s"):
        return None
    return " ".join([*mods, head])


def _descriptor_head(doc, k: int) -> int | None:  # type: ignore[no-untyped-def]
    """The index of a descriptor noun ending at ``k`` ("drugmaker"), or heading an
    of-phrase that ends at ``k`` ("makers of drugs and vaccines")."""
    descriptors = lexicon().org_descriptors

    def is_head(t) -> bool:  # type: ignore[no-untyped-def]
        w = t.lower_
        return t.is_lower and (w in descriptors or w.endswith(("maker", "makers")))

    if k < 0:
        return None
    if is_head(doc[k]):
        return k
    for h in range(k - 1, max(-1, k - 6), -1):
        if (
            doc[h + 1].lower_ == "of"
            and is_head(doc[h])
            and all(t.is_lower and t.is_alpha for t in doc[h + 2 : k + 1])
        ):
            return h
        if not doc[h].is_alpha:
            break
    return None


def _modifier(t) -> bool:  # type: ignore[no-untyped-def]
    """ "Swiss", "pharmaceutical", "state-owned": a word that can describe a company."""
    return (t.pos_ in ("ADJ", "NOUN") and t.is_lower) or t.ent_type_ == "NORP"


def _singular(phrase: str) -> str:
    words = phrase.split()
    if " of " not in f" {phrase} " and words and words[-1].endswith("s") and len(words[-1]) > 3:
        w = words[-1]
        words[-1] = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    elif " of " in f" {phrase} ":
        i = words.index("of")
        w = words[i - 1]
        if w.endswith("s") and len(w) > 3:
            words[i - 1] = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return " ".join(words)


def kind_cues(text: str, ent: Span, m: Mention) -> None:
    """Votes for "thing" (a product, vessel, disease), "outlet" and "organization" from
    the words right around the mention."""
    lex = lexicon()
    doc = ent.doc
    prev = [t.lower_ for t in doc[max(0, ent.start - 3) : ent.start]]
    nxt = doc[ent.end] if ent.end < len(doc) else None
    after2 = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
    before = text[max(0, ent.start_char - 40) : ent.start_char]
    after = text[ent.end_char : ent.end_char + 40]

    # "the antiviral drug X", "drugs like X", "X, made by", "X vaccine."
    if prev and (
        prev[-1] in lex.thing_nouns
        or (
            prev[-1] in ("like", "called", "named")
            and len(prev) > 1
            and prev[-2] in lex.thing_nouns
        )
    ):
        m.votes["thing"] = m.votes.get("thing", 0) + 3
    if (
        nxt is not None
        and nxt.lower_ in lex.thing_after_nouns
        and (after2 is None or after2.pos_ not in ("NOUN", "PROPN", "ADJ"))
    ):
        m.votes["thing"] = m.votes.get("thing", 0) + 2
    if len(prev) >= 2 and prev[-1] == "of" and prev[-2] in lex.thing_of_nouns:
        m.votes["thing"] = m.votes.get("thing", 0) + 3  # "a fatal dose of X"
    # "the oil port of X", "the town of X", "X province": a place
    if (
        prev
        and (
            prev[-1] in lex.place_nouns
            or (prev[-1] == "of" and len(prev) >= 2 and prev[-2] in lex.place_nouns)
        )
    ) or (nxt is not None and nxt.lower_ in lex.place_nouns and nxt.is_lower):
        m.votes["country"] = m.votes.get("country", 0) + 3
    if any(w.casefold() in lex.outlet_name_words for w in m.name.split()):
        m.votes["outlet"] = m.votes.get("outlet", 0) + 5  # "X TV", "Radio X"
    if _MADE_BY.match(after):
        m.votes["thing"] = m.votes.get("thing", 0) + 3
    # a code of letters and digits ("A1B2") is not a person's name
    if ent.label_ != "ORG" and any(
        re.search(r"\d", w) and re.search(r"[A-Za-z]", w) for w in m.name.split()
    ):
        m.votes["thing"] = m.votes.get("thing", 0) + 2
        m.votes.pop("person", None)

    # "X news agency", "X newspaper", "the newspaper X"
    low_after = after.casefold()
    for noun in lex.outlet_nouns:
        if re.match(rf"\s+{re.escape(noun)}\b", low_after):
            m.votes["outlet"] = m.votes.get("outlet", 0) + 4
            break
    if re.search(r"\bthe\s+(?:newspaper|news agency|broadcaster|magazine|tabloid)\s+$", before):
        m.votes["outlet"] = m.votes.get("outlet", 0) + 4

    # "chief executive of X": X is an organisation (not "son of X")
    om = _ORG_OF.search(before)
    if om and om.group(1) in PERSON_NOUNS and om.group(1) not in KIN:
        m.votes["organization"] = m.votes.get("organization", 0) + 3
        if "person" in m.votes:
            m.votes["person"] = 0
