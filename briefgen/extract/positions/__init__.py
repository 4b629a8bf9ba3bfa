"""Positions: who said what, attributed to canonical actors, merged across sources.

``attribution`` finds direct quotes and reported speech in each document with the
speaker as written; ``speakers`` maps that to an actor of the actors section (or
None: never a guess, never a country or a pronoun).  This module keeps what is worth
showing, merges the same statement reported by several outlets into one entry with
several sources, assigns each speaker's side, tags a stance toward the brief's topic
terms, and orders the result by actor so the brief can group it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from briefgen.extract.actors.variants import lexicon
from briefgen.extract.positions.attribution import Attribution, attribute
from briefgen.extract.positions.select import content_words
from briefgen.extract.positions.speakers import SpeakerResolver, names_country, role_phrases
from briefgen.extract.positions.stance import stance
from briefgen.extract.text import doc_text, merge_evidence, merge_sources, norm_key, squash
from briefgen.models import Actor, Evidence, Position
from briefgen.nlp.load import AnnotatedDoc

MIN_WORDS = 4
TOPIC_SHARE = 0.1  # a word in this share of the documents' attributed sentences is the story's
TOPIC_CORE = 40  # the story's words: the most widely used ones ("said" is a stop word)
MAIN_ACTORS = 5  # the first actors' names are the story's words too
TOPIC_MIN_DOCS = 8
DOC_MIN_CORE = 5  # an article on the story uses this many of its core words  # with fewer documents every statement is taken as on topic
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# "April 10 - X does Y", "10 April 2011: …": a line of a chronology box, not a statement
DATED_LINE = re.compile(
    rf"^\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?\s*[-–—:]\s",
    re.IGNORECASE,
)
# "Asked whether X, he said: …": the reported clause is the question, not the answer
_ASKED = re.compile(
    r"\b(?:asked|wondered|questioned|inquired|enquired)\b[^.;]*?\b(?:whether|if)\s+$", re.I
)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|BST|CET|EST|EDT|PST|PDT|ET|PT)\b")
_BAD_NAME = re.compile(r"[\"“”„«»/]|&\s*$")


@dataclass
class PositionFacts:
    """What one document gives the positions: its attributions, and the roles it gives
    names ("Name, the role,"), which let descriptions be resolved across the corpus."""

    doc: str
    attributions: list[Attribution] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)


def observe(ad: AnnotatedDoc) -> PositionFacts:
    names = [
        (e.start_char, e.end_char, e.text) for e in ad.doc.ents if e.label_ in ("PERSON", "ORG")
    ]
    return PositionFacts(
        doc=ad.id, attributions=attribute(ad.doc), roles=role_phrases(doc_text(ad.doc), names)
    )


def extract(
    docs: Sequence[AnnotatedDoc],
    actors: Sequence[Actor],
    sides: Mapping[str, Sequence[str]] | None = None,
    topic_terms: Sequence[str] = (),
) -> list[Position]:
    """Quotes and reported speech across the corpus, merged across sources."""
    return combine([observe(ad) for ad in docs], actors, sides, topic_terms)


def combine(
    facts: Sequence[PositionFacts],
    actors: Sequence[Actor],
    sides: Mapping[str, Sequence[str]] | None = None,
    topic_terms: Sequence[str] = (),
) -> list[Position]:
    """Every document's attributions resolved to actors, merged across sources."""
    resolver = SpeakerResolver(actors, [r for f in facts for r in f.roles])
    raw: list[Position] = []
    for f in facts:
        raw.extend(_positions(f.doc, f.attributions, resolver))
    story = story_words(facts)
    if story:
        core = core_words(facts)
        for a in actors[:MAIN_ACTORS]:
            core |= content_words(" ".join([a.name, *a.aliases]))
        on_story = {f.doc for f in facts if len(_doc_words(f) & core) >= DOC_MIN_CORE}
        raw = [
            p for p in raw if on_topic(p, core) or (p.sources[0] in on_story and on_topic(p, story))
        ]
    kept = _drop_fragments(raw)
    merged = _merge(kept)
    side_of = _sides(
        actors, sides or {}, resolver.roles, {p.actor for p in merged if p.actor}, resolver
    )
    for p in merged:
        p.side = side_of.get(p.actor) if p.actor else None
        p.stance = stance(p.text, topic_terms) if topic_terms else None
    return _order(merged, actors)


def _positions(
    doc_id: str, items: Sequence[Attribution], resolver: SpeakerResolver
) -> list[Position]:
    out = []
    for a in items:
        text = squash(a.text).strip(" ,;:")
        if a.kind == "reported":
            text = without_speaker(text, a.speaker)
        if not is_statement(text) or (a.kind == "reported" and _asked(text, a.sentence)):
            continue  # a question (an interviewer's) or a chronology line is no position
        actor = resolver.resolve(a.named_speaker)
        if actor is None and a.antecedent and a.speaker and not a.is_pronoun:
            actor = resolver.role_anaphor(a.speaker, a.antecedent)  # "the prime minister said"
        named = _named_in_apposition(a, resolver)
        if named:
            actor = named  # "the country's health secretary, Name, said": Name
        if actor is not None and not _can_speak(resolver.actor(actor), resolver, text, a):
            actor = None
        if a.kind == "reported" and actor is None:
            continue  # an unattributed paraphrase says nothing about anyone's position
        if a.kind == "quote":
            text = text.rstrip(",")
        out.append(
            Position(
                actor=actor,
                kind=a.kind,
                text=text,
                sources=[doc_id],
                evidence=[Evidence(doc=doc_id, sentence=a.sentence)],
            )
        )
    return out


def without_speaker(text: str, speaker: str | None) -> str:
    """A reported clause without the reporting phrase that closes it ("Two cases were
    found, the health secretary, Name" → "Two cases were found"): the speaker's words,
    not the reporter's."""
    spk = (speaker or "").strip()
    if len(spk) < 2:
        return text
    m = re.search(
        r",\s+(?:(?:the|a|an|its|his|her|their)\s[^,]{1,60},\s+)?"  # ", the role, Name"
        + re.escape(spk)
        + r"(?:\W[^.;:!?]*)?$",
        text,
        re.IGNORECASE,
    )
    if m is None or m.start() == 0 or len(text[m.end() - len(m.group(0)) :].split()) > 8:
        return text
    return text[: m.start()].rstrip(" ,")


def story_words(facts: Sequence[PositionFacts]) -> set[str]:
    """The stems of the content words that at least ``TOPIC_SHARE`` of the documents use
    in their attributed sentences: what the corpus is about.  Empty for a small corpus."""
    if len(facts) < TOPIC_MIN_DOCS:
        return set()
    df: Counter[str] = Counter()
    for f in facts:
        df.update(_doc_words(f))
    need = max(3, round(TOPIC_SHARE * len(facts)))
    return {w for w, n in df.items() if n >= need}


def core_words(facts: Sequence[PositionFacts]) -> set[str]:
    """The ``TOPIC_CORE`` story words the most documents use: what every article of the
    story talks about ("flu", "rebels"), not what many articles happen to say ("bad")."""
    df: Counter[str] = Counter()
    for f in facts:
        df.update(_doc_words(f))
    need = max(3, round(TOPIC_SHARE * len(facts)))
    common = sorted(((n, w) for w, n in df.items() if n >= need), key=lambda nw: (-nw[0], nw[1]))
    return {w for _, w in common[:TOPIC_CORE]}


def _doc_words(f: PositionFacts) -> set[str]:
    return set().union(*(content_words(a.sentence) for a in f.attributions))


def on_topic(p: Position, story: AbstractSet[str]) -> bool:
    """Does the statement, or the sentence reporting it, use one of the story's words?
    (A president's words on another crisis, quoted in passing, are not a position here.)"""
    words = content_words(p.text)
    for e in p.evidence:
        words |= content_words(e.sentence)
    return bool(words & story)


def is_statement(text: str) -> bool:
    """Not a question ("Should people buy X?" is what was asked, not what anyone holds)
    and not a dated chronology line ("April 10 - X accepts a roadmap")."""
    t = text.strip().rstrip("\"”’' .")
    if _CLOCK.search(text) and len(text.split()) < 12:
        return False  # "Page last updated at 07:02 GMT": page furniture
    return bool(t) and not t.endswith("?") and not DATED_LINE.match(text)


def _asked(text: str, sentence: str) -> bool:
    """Is the reported clause the object of "asked whether/if"?"""
    i = squash(sentence).find(text[:40])
    return i > 0 and bool(_ASKED.search(squash(sentence)[:i]))


def _named_in_apposition(a: Attribution, resolver: SpeakerResolver) -> str | None:
    """The actor named right after a described speaker in the reporting sentence
    ("the country's health secretary, José Roe, has said"), else None."""
    spk = (a.speaker or "").strip()
    if (
        not spk
        or a.is_pronoun
        or (spk[:1].isupper() and spk.split()[0].lower() not in ("the", "a", "an"))
    ):
        return None
    m = re.search(
        re.escape(spk) + r",\s+((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s*,",
        a.sentence,
        re.IGNORECASE,
    )
    return resolver.resolve(m.group(1)) if m else None


# a journalist's words are the report, not a party's position
_JOURNALIST = re.compile(r"\b(?:correspondent|reporter|columnist|presenter)s?\b", re.IGNORECASE)


def _can_speak(actor: Actor, resolver: SpeakerResolver, text: str, a: Attribution) -> bool:
    """Can ``actor`` be the speaker of ``text``?  Not a name with quotation marks or
    slashes in it (page debris); not a lone first name with no known role and a single
    source (a message-board poster); not a person whose own first name the quote
    addresses ("I said to Dawn: …" is not Dawn speaking) unless the speaker as written
    gives it."""
    if _BAD_NAME.search(actor.name):
        return False
    if actor.kind == "person" and any(
        _JOURNALIST.search(r) for r in [actor.role or "", *resolver.roles.get(actor.name, ())]
    ):
        return False
    if actor.kind == "person" and _filed_by(actor, a):
        return False
    if actor.kind == "person" and a.is_pronoun and _named_after_pronoun(actor, a):
        return False
    words = actor.name.split()
    if actor.kind == "person" and len(words) == 1:
        known_role = actor.role or resolver.roles.get(actor.name)
        if (not known_role or len(actor.sources) <= 1) and not _reported_by_name(a, actor):
            return False
    if (
        actor.kind == "person"
        and len(words) >= 2
        and re.search(rf"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+{re.escape(words[-1])}\b", text)
    ):
        return False  # "Dr Roe did not follow the rules" is said about Roe, not by him
    if actor.kind == "person" and len(words) >= 2 and a.kind == "quote":
        first = words[0]
        written = a.named_speaker or a.speaker or ""
        if re.search(rf"\b{re.escape(first)}\b", text) and first not in written.split():
            return False
    return True


# cues of a comment or a post, not of speech the article reports
_POSTED_CUES = frozenset({"write", "wrote", "written", "writes", "post", "posted", "posts"})


def _reported_by_name(a: Attribution, actor: Actor) -> bool:
    """A single name the article itself gives as the speaker of a direct quote, with a
    speech verb right at the quote ("…," Roe said / Roe said: "…"): the news
    convention for someone known by surname.  A signature ("- Kit"), a transcript
    label or a "Kit wrote:" comment header is not this."""
    return (
        a.kind == "quote"
        and a.via in ("after", "before", "colon")
        and not a.inherited
        and (a.cue or "").lower() not in _POSTED_CUES
        and (a.speaker or "").strip() == actor.name
    )


def _named_after_pronoun(actor: Actor, a: Attribution) -> bool:
    """A pronoun speaker ("He said of Dr Roe's delay: …") is not the person the same
    sentence names after it, outside the quote (that would be "Dr Roe said")."""
    sentence = a.sentence.replace(a.text, " ") if a.text else a.sentence
    m = re.search(rf"\b{re.escape(a.speaker or '')}\b", sentence, re.IGNORECASE)
    if m is None:
        return False
    surname = actor.name.split()[-1]
    return bool(re.search(rf"\b{re.escape(surname)}\b", sentence[m.end() :]))


def _filed_by(actor: Actor, a: Attribution) -> bool:
    """Is the speaker the reporter filing the story: "…, reports X", or "…, says the
    OUTLET's X in CITY" (a reporter is named by the outlet and where they are posted)?"""
    if (a.cue or "").lower() in ("reports", "reported", "report", "reporting"):
        return True
    names = "|".join(re.escape(n) for n in [actor.name, *actor.aliases] if len(n) > 2)
    if not names:
        return False
    return bool(re.search(rf"\b[A-Z][\w.&-]*(?:'s|’s)\s+(?:{names})\s+in\s+[A-Z]", a.sentence))


def _drop_fragments(positions: list[Position]) -> list[Position]:
    """Drop fragments under MIN_WORDS words unless they are all a source has from that speaker."""
    longer: Counter[tuple[str, str | None]] = Counter()
    for p in positions:
        if len(p.text.split()) >= MIN_WORDS:
            longer[(p.sources[0], p.actor)] += 1
    out = []
    for p in positions:
        short = len(p.text.split()) < MIN_WORDS
        if short and (p.actor is None or longer[(p.sources[0], p.actor)]):
            continue
        out.append(p)
    return out


def _merge(positions: list[Position]) -> list[Position]:
    """One entry per statement: the same words from several outlets share an entry."""
    merged: dict[str, Position] = {}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for p in positions:
        key = _key(p.text)
        if key in merged:
            dst = merged[key]
            dst.sources = merge_sources(dst.sources, p.sources)
            dst.evidence = merge_evidence(dst.evidence, p.evidence)
            if p.kind == "quote":
                dst.kind = "quote"
        else:
            merged[key] = p
        if p.actor:
            votes[key][p.actor] += 1
    for key, p in merged.items():
        if votes[key]:
            top = votes[key].most_common(2)
            # the same words given to two speakers as often: one source is wrong, and
            # which one is not known
            p.actor = top[0][0] if len(top) == 1 or top[0][1] > top[1][1] else None
    # a paraphrase contained in a quote of the same speaker adds nothing
    quotes: dict[str | None, list[str]] = defaultdict(list)  # speaker → keys of their quotes
    for key, p in merged.items():
        if p.kind == "quote":
            quotes[p.actor].append(key)
    return [
        p
        for key, p in merged.items()
        if p.kind == "quote" or not any(key in q for q in quotes.get(p.actor, ()))
    ]


def _key(text: str) -> str:
    return norm_key(text)[:80]


def _sides(
    actors: Sequence[Actor],
    sides: Mapping[str, Sequence[str]],
    roles: Mapping[str, set[str]],
    speakers: AbstractSet[str],
    resolver: SpeakerResolver | None = None,
) -> dict[str, str]:
    """Speaker name → side: the config's ``sides`` first, else the one country its roles
    name (only for ``speakers``: reading every actor's roles for countries is costly)."""
    out: dict[str, str] = {}
    own = {a.name: a.side for a in actors if a.side and a.kind != "country"}
    lookup: dict[str, str] = {}
    for a in actors:
        for n in [a.name, *a.aliases]:
            lookup.setdefault(n.casefold(), a.name)
    for side, members in sides.items():
        for m in members:
            name = lookup.get(m.casefold(), m)
            out.setdefault(name, side)
    # a spokesperson's side is the organisation their role names; that organisation's
    # own statements then sit on the same side
    if resolver is not None:
        for a in actors:
            if a.name in out or a.name not in speakers:
                continue
            for p in [*sorted(roles.get(a.name, ())), a.role or ""]:
                org = resolver.organisation_of(p) if p and not media_role(p) else None
                if org:
                    out[a.name] = out.setdefault(org, own.get(org, org))
                    break
    countries = [a for a in actors if a.kind == "country"]
    orgs = _org_patterns(actors)
    for a in actors:
        if a.name in out or a.kind == "country" or a.name not in speakers:
            continue
        phrases = [
            _home_part(p)
            for p in [a.role or "", *sorted(roles.get(a.name, ()))]
            if p and not media_role(p)
        ]
        # an official of an organisation ("UN secretary general", "the agency's
        # director") speaks for it, whatever country he speaks about
        org = next(
            (
                o
                for p in phrases
                for o in [_org_named(p, orgs)]
                if o and not any(names_country(p, c) for c in countries)
            ),
            None,
        )
        if org:
            # the organisation's own statements sit beside him; a government body is
            # on its country's side
            out[a.name] = out.setdefault(org, own.get(org, org))
            continue
        # the country most of its role phrases name; ties go to the more salient country
        named = [
            (sum(names_country(p, c) for p in phrases), -i, c.name) for i, c in enumerate(countries)
        ]
        best = max(named, default=(0, 0, ""))
        if best[0]:
            out[a.name] = best[2]
    return out


def media_role(role: str) -> bool:
    """A role at a broadcaster or paper ("OUTLET Radio presenter", "the paper's
    editor"): the outlet reports the story and is nobody's side."""
    if _JOURNALIST.search(role):
        return True
    lex = lexicon()
    words = {w.casefold() for w in re.findall(r"[\w'’-]+", role)}
    return bool(
        words
        & (
            lex.outlet_name_words
            | {n for n in lex.outlet_nouns if " " not in n and n not in ("daily", "weekly")}
        )
    )


# "ambassador to X", "envoy in X": X is where the diplomat serves, not whom he speaks for
_POSTED = re.compile(
    r"\b(?:ambassador|envoy|consul(?:-general)?|representative|delegate|correspondent)s?"
    r"\s+(?:to|in|at)\s+.*$",
    re.IGNORECASE,
)


def _home_part(role: str) -> str:
    """A role phrase without where its holder is posted ("Ruritania's ambassador to Borduria"
    → "Ruritania's ambassador")."""
    return _POSTED.sub(lambda m: m.group(0).split()[0], role)


def _org_patterns(actors: Sequence[Actor]) -> list[tuple[re.Pattern[str], str]]:
    """Organisation actors' names, aliases and initials ("World Health Organization" →
    "WHO"), as patterns matching at the start of a role phrase ("WHO director general",
    "the agency's spokesman")."""
    out = []
    for a in actors:
        if a.kind != "organization" or _BAD_NAME.search(a.name):
            continue
        forms = [a.name, *a.aliases]
        words = [w for w in re.findall(r"[\w'’-]+", a.name) if w.lower() not in _INITIALS_SKIP]
        if len(words) >= 3 and all(w[:1].isupper() for w in words):  # not "Dr" for "Dee Ray"
            forms.append("".join(w[0] for w in words))
        for n in forms:
            if len(n) >= 2:
                out.append(
                    (
                        re.compile(rf"^(?:the\s+)?{re.escape(n)}(?:'s|’s)?\s+\w", re.IGNORECASE),
                        a.name,
                    )
                )
    return out


_INITIALS_SKIP = frozenset("of the and for on in at de du".split())


def _org_named(phrase: str, orgs: Sequence[tuple[re.Pattern[str], str]]) -> str | None:
    """The organisation a role phrase opens with ("UN secretary general" → UN).  An
    honorific after it is no role ("OUTLET Dr", from a photo credit before "Dr Name")."""
    for pat, name in orgs:
        m = pat.search(phrase.strip())
        if m and not _only_honorifics(phrase.strip()[m.end() - 1 :]):
            return name
    return None


_BARE_HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame rev".split())


def _only_honorifics(rest: str) -> bool:
    words = [w.casefold() for w in re.findall(r"[\w'’-]+", rest)]
    return all(w in _BARE_HONORIFICS for w in words)


def _order(positions: list[Position], actors: Sequence[Actor]) -> list[Position]:
    """Attributed quotes first, then paraphrases, each by actor (most salient first);
    unattributed last.  A section limit so keeps every speaker's own words."""
    rank = {a.name: i for i, a in enumerate(actors)}
    first_seen: dict[str | None, int] = {}
    for i, p in enumerate(positions):
        first_seen.setdefault(p.actor, i)
    return sorted(
        positions,
        key=lambda p: (
            p.actor is None,
            p.kind != "quote",
            rank.get(p.actor or "", len(rank)),
            first_seen[p.actor],
        ),
    )
