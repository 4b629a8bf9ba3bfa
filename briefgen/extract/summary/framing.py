"""Title and framing inferred from the corpus, for a brief whose config gives none.

- the **title** names the story: the most repeated headline phrase (a run of one to
  three content words shared by the most headlines), then the one or two most cited
  actors that the phrase does not already name: "Bird flu: Ruritania and World Health
  Organization";
- the **subtitle** gives the date window: "3 – 16 March 2031, 36 articles";
- the **topic terms** are the next most repeated headline phrases;
- the proposed **sides** group the speakers of the positions by their country or
  affiliation: the country or organisation actor named right before a speaker's name
  in the sentences about them ("Mexican Health Minister …", "WHO chief …").

Works on the extraction alone (documents' titles, actors and positions): no NLP, so
``briefgen render`` and the brief's build can call it.  Only generic word lists are
used (``briefgen/data/headline_words.yaml``, the country gazetteer).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

DEFAULT_TITLE = "Policy brief"
MAX_TITLE = 72
MAX_PHRASE = 3
TOPIC_TERMS = 6
MAX_SIDES = 4
_WORD = re.compile(r"[A-Za-z][\w'’.-]*[\w]|[A-Za-z0-9]+")
_TRUNCATED = "…"


@dataclass
class Framing:
    """What the corpus suggests for the config's title, subtitle, topic terms and sides."""

    title: str = DEFAULT_TITLE
    subtitle: str | None = None
    topic_terms: list[str] = field(default_factory=list)
    sides: dict[str, list[str]] = field(default_factory=dict)
    top_actors: list[str] = field(default_factory=list)


@functools.cache
def _stopwords() -> frozenset[str]:
    text = (
        resources.files("briefgen").joinpath("data/headline_words.yaml").read_text(encoding="utf-8")
    )
    return frozenset(yaml.safe_load(text)["stopwords"].casefold().split())


@functools.cache
def _title_words() -> frozenset[str]:
    text = (
        resources.files("briefgen").joinpath("data/headline_words.yaml").read_text(encoding="utf-8")
    )
    return frozenset(yaml.safe_load(text)["title_words"].casefold().split())


@functools.cache
def _event_nouns() -> frozenset[str]:
    text = (
        resources.files("briefgen").joinpath("data/headline_words.yaml").read_text(encoding="utf-8")
    )
    return frozenset(yaml.safe_load(text).get("event_nouns", "").casefold().split())


@functools.cache
def _demonyms() -> dict[str, str]:
    """Demonym (casefolded) → country, from the packaged gazetteer."""
    text = resources.files("briefgen").joinpath("data/countries.yaml").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for entry in yaml.safe_load(text) or []:
        for d in entry.get("demonyms") or []:
            out.setdefault(d.casefold(), entry["name"])
    return out


def infer(ext: Any) -> Framing:
    """The framing of an extraction (``documents``, ``actors``, ``positions``)."""
    docs = [d for d in ext.documents if not d.get("duplicate_of")]
    titles = [d.get("title") or "" for d in docs]
    publishers = {(d.get("publisher") or "").casefold() for d in docs} | byline_outlets(titles)
    counts = headline_counts(titles, exclude=publishers)
    phrases = [p for p, _ in counts]
    actors = [a for a in ext.actors if a.kind in ("person", "organization", "country", "group")]
    ranked = sorted(actors, key=lambda a: (-len(a.sources), -a.mentions, a.name))[:10]
    top = [a.name for a in ranked]
    named = {n.casefold() for a in ext.actors for n in (a.name, *a.aliases)} | set(_demonyms())
    named |= {c.casefold() for c in _demonyms().values()}
    lead = full_name(phrases[0], [a.name for a in ranked if a.kind == "person"]) if phrases else ""
    topic = None
    if lead.casefold() in named:
        roles = {w for a in ext.actors for w in (a.role or "").casefold().split()}
        topic = event_topic(counts, lead, named, titles) or story_topic(
            counts, lead, named | roles, titles
        )
    return Framing(
        title=make_title([lead, *phrases[1:]] if lead else [], top, topic=topic),
        subtitle=date_window([d.get("date") for d in docs], len(docs)),
        topic_terms=[p.casefold() for p in phrases[1:] if p.casefold() not in named][:TOPIC_TERMS],
        sides=propose_sides(ext.actors, ext.positions),
        top_actors=top,
    )


def full_name(phrase: str, people: Sequence[str]) -> str:
    """A one-word headline phrase that is the first or last name of one of ``people``
    (most salient first) as that person's full name: "Jane" → "Jane Doe"."""
    if len(phrase.split()) != 1:
        return phrase
    low = phrase.casefold()
    for name in people:
        parts = name.casefold().split()
        if len(parts) > 1 and low in (parts[0], parts[-1]):
            return name
    return phrase


TOPIC_SHARE = 0.2  # a topic phrase is in at least this share of the distinct headlines
EVENT_SHARE = 0.12  # an event noun ("war", "trial") names the story from this share on
EVENT_MIN_HEADLINES = 3


def event_topic(
    counts: Sequence[tuple[str, int]], lead: str, named: set[str], titles: Sequence[str]
) -> str | None:
    """What happens, as the headlines name it with an event noun ("civil war", "trial",
    "crisis" of "Ruritania crisis"): the most repeated headline phrase ending on a noun of
    the packaged event list, its actor and country words left out, when it is in
    ``EVENT_SHARE`` of the headlines (and at least ``EVENT_MIN_HEADLINES``).  A person
    noun ("doctor", "rebels") is never the topic: it names who, not what."""
    total = len({t.strip() for t in titles if t.strip()}) or 1
    events = _event_nouns()
    low_lead = lead.casefold()
    for phrase, n in counts:
        if n < max(EVENT_MIN_HEADLINES, EVENT_SHARE * total):
            return None
        words = [
            w
            for w in phrase.split()
            if w.casefold() not in named and w.casefold() not in low_lead.split()
        ]
        if not words or any(ch.isdigit() for ch in phrase):
            continue
        last = words[-1].casefold()
        if last in events or (last.endswith("s") and last[:-1] in events):
            return " ".join(words).casefold()
    return None


def story_topic(
    counts: Sequence[tuple[str, int]], lead: str, named: set[str], titles: Sequence[str]
) -> str | None:
    """What happens to the place or party the headlines name most: the most repeated
    headline phrase that names no actor, country or outlet ("earthquake", "protests"),
    when it is in ``TOPIC_SHARE`` of the headlines; lower case when the headlines write
    it so (a common noun)."""
    total = len({t.strip() for t in titles if t.strip()}) or 1
    low_lead = lead.casefold()
    for phrase, n in counts:
        if n < TOPIC_SHARE * total:
            return None
        low = phrase.casefold()
        if (
            low in named
            or low in low_lead
            or low_lead in low
            or not any(ch.islower() for ch in phrase)
            or any(ch.isdigit() for ch in phrase)
            or any(w in named for w in low.split())
        ):
            continue
        lower = re.compile(rf"\b{re.escape(low)}\b")
        return low if any(lower.search(t) for t in titles) else phrase
    return None


# the outlet in a byline or credit: "By Jane Doe, OUTLET", "From Jane Doe and John Roe,
# OUTLET", "By the OUTLET Wire Staff", "Special to OUTLET", "(OUTLET) --"
_BYLINE_OUTLET = re.compile(
    r"\b(?:By|From)\s+(?!the\b)[^,|:;]{2,60}?,\s*([A-Z][A-Za-z]{1,9})\b"
    r"|\bBy\s+the\s+([A-Z][A-Za-z]{1,9})\s+(?:Wire|News|Staff)\b"
    r"|\bSpecial\s+to\s+([A-Z][A-Za-z]{1,9})\b"
    r"|^\(([A-Z]{2,9})\)\s*(?:--|[-–—])"
)


def byline_outlets(titles: Sequence[str], min_docs: int = 2) -> set[str]:
    """Names (casefolded) that stand as the outlet in bylines or credits of at least
    ``min_docs`` titles: they name who reports, not what the story is."""
    found: Counter[str] = Counter()
    for title in set(titles):
        found.update(
            {next(g for g in m.groups() if g).casefold() for m in _BYLINE_OUTLET.finditer(title)}
        )
    return {name for name, n in found.items() if n >= min_docs}


def headline_phrases(
    titles: Sequence[str], exclude: frozenset[str] | set[str] = frozenset(), min_docs: int = 2
) -> list[str]:
    """Runs of 1–3 content words repeated across headlines, most headlines first (see
    ``headline_counts``)."""
    return [p for p, _ in headline_counts(titles, exclude, min_docs)]


def headline_counts(
    titles: Sequence[str], exclude: frozenset[str] | set[str] = frozenset(), min_docs: int = 2
) -> list[tuple[str, int]]:
    """Runs of 1–3 content words repeated across headlines, with the number of distinct
    headlines holding each, most first.

    Each distinct headline counts once (a sidebar headline repeated on every page says
    nothing about the story).  Forms of one word count as one: a possessive ("Ruritania's"),
    a demonym ("Ruritanian", counted as its country, "Ruritania"), a plural or an agent noun
    ("protests", "protesters" with "protest") when the shorter form is also in the
    headlines.  A longer phrase stands in for a shorter one inside it when at least 60 %
    of the headlines with the shorter one have the longer one ("bird flu" for "flu").
    Each is written in its most frequent spelling, a country by its name."""
    stop = _stopwords()
    heads = [t.rstrip(_TRUNCATED).strip() for t in dict.fromkeys(t.strip() for t in titles)]
    runs_of = [_content_runs(t, stop) for t in heads]
    vocab = {_bare(w).casefold() for runs in runs_of for run in runs for w in run}
    demonyms = _demonyms()
    df: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    for runs in runs_of:
        seen: set[str] = set()
        for run in runs:
            keys = [_word_key(w, vocab, demonyms) for w in run]
            for n in range(1, MAX_PHRASE + 1):
                for i in range(len(run) - n + 1):
                    words = run[i : i + n]
                    key = " ".join(keys[i : i + n])
                    if key.isdigit() or any(
                        w.casefold() in exclude or _bare(w).casefold() in exclude for w in words
                    ):
                        continue
                    spelling[key][" ".join(_bare(w) for w in words)] += 1
                    seen.add(key)
        df.update(seen)
    keys = [k for k, n in df.items() if n >= min_docs]
    kept = []
    for k in keys:
        longer = [o for o in keys if o != k and f" {k} " in f" {o} " and df[o] >= 0.6 * df[k]]
        if not longer:
            kept.append(k)
    kept.sort(key=lambda k: (-df[k], -len(k.split()), k))
    countries = {c.casefold(): c for c in demonyms.values()}
    return [(countries.get(k) or _display(spelling[k]), df[k]) for k in kept]


def _bare(word: str) -> str:
    """The word without a possessive ending: "Ruritania's" → "Ruritania"."""
    return re.sub(r"[’']s$", "", word) or word


# plural and agent-noun endings, longest first: "protesters" → "protest"
_ENDINGS = ("ers", "ors", "es", "er", "or", "s")


def _word_key(word: str, vocab: set[str], demonyms: dict[str, str]) -> str:
    """What a headline word counts as: casefolded, without a possessive; a demonym as
    its country; a plural or agent noun as the shorter form, when the headlines have it."""
    low = _bare(word).casefold()
    if low in demonyms:
        return demonyms[low].casefold()
    if word.isupper() and len(word) > 1:
        return low  # an acronym: "US" is not the plural of "U"
    for _ in range(2):
        for end in _ENDINGS:
            stem = low[: -len(end)]
            if low.endswith(end) and len(stem) >= 3 and stem in vocab:
                low = stem
                break
        else:
            break
    return low


def _content_runs(title: str, stop: frozenset[str]) -> list[list[str]]:
    """The title's maximal runs of content words (stopwords and punctuation split them)."""
    runs: list[list[str]] = [[]]
    pos = 0
    for m in _WORD.finditer(title):
        gap = title[pos : m.start()]
        pos = m.end()
        word = m.group().strip(".'’")
        if any(ch in gap for ch in ',;:!?()[]"“”|–—') or not word:
            runs.append([])
        if word.casefold() in stop and not (word.isupper() and len(word) > 1):
            runs.append([])
            continue
        runs[-1].append(word)
    return [r for r in runs if r]


def _display(forms: Counter[str]) -> str:
    """The most frequent spelling; capitalised when it starts lower case."""
    best = max(forms.items(), key=lambda kv: (kv[1], kv[0][:1].isupper()))[0]
    return best[:1].upper() + best[1:]


def make_title(phrases: Sequence[str], actors: Sequence[str], topic: str | None = None) -> str:
    """The headline phrase and the top actors it does not name ("Bird flu: Ruritania and
    World Health Organization"); with a ``topic`` (what happens to the place or party of
    the phrase), the topic first, then the top actor ("Ruritania: earthquake and United
    Nations"); without a repeated phrase, the top actors alone; without either, the
    default title."""
    lead = phrases[0] if phrases else ""
    low = lead.casefold()
    others = [a for a in actors if not low or (a.casefold() not in low and low not in a.casefold())]
    if topic:
        others = [topic, *(a for a in others if a.casefold() not in topic.casefold())]
    others = others[:2]
    if not lead:
        return " and ".join(others) if others else DEFAULT_TITLE
    for n in (2, 1):
        title = f"{lead}: {' and '.join(others[:n])}" if others[:n] else lead
        if len(title) <= MAX_TITLE:
            return title
    return lead


def date_window(dates: Sequence[str | None], n_docs: int) -> str | None:
    """'24 April – 7 May 2009, 36 articles' from the documents' ISO dates."""
    days = sorted(dt.date.fromisoformat(d) for d in dates if d)
    count = f"{n_docs} article{'s' if n_docs != 1 else ''}"
    if not days:
        return count if n_docs else None
    lo, hi = days[0], days[-1]
    if lo == hi:
        span = f"{lo.day} {lo:%B %Y}"
    elif lo.year != hi.year:
        span = f"{lo.day} {lo:%B %Y} – {hi.day} {hi:%B %Y}"
    elif lo.month != hi.month:
        span = f"{lo.day} {lo:%B} – {hi.day} {hi:%B %Y}"
    else:
        span = f"{lo.day}–{hi.day} {hi:%B %Y}"
    return f"{span}, {count}"


def propose_sides(
    actors: Sequence[Any], positions: Sequence[Any], min_speakers: int = 1
) -> dict[str, list[str]]:
    """Speakers grouped by the affiliation the sentences about them give most often.

    A speaker's affiliation is the country (also from a demonym: "Mexican") or
    organisation actor named in the few words right before the speaker's name or alias
    in that speaker's evidence sentences.  Sides are ordered by how many positions their
    speakers hold; at most ``MAX_SIDES``, each with ``min_speakers`` or more."""
    speaking = Counter(p.actor for p in positions if p.actor)
    groups = {a.name: a for a in actors if a.kind in ("country", "organization")}
    patterns = {g: group_patterns(groups[g]) for g in groups}
    by_name = {a.name: a for a in actors}
    side_of: dict[str, str] = {}
    for name in speaking:
        person = by_name.get(name)
        if person is None or person.kind != "person":
            continue
        found = affiliation(person, patterns, set(groups))
        if found:
            side_of[name] = found
    weight: Counter[str] = Counter()
    members: dict[str, list[str]] = defaultdict(list)
    for name, side in side_of.items():
        weight[side] += speaking[name]
        members[side].append(name)
    ordered = [s for s, _ in weight.most_common() if len(members[s]) >= min_speakers][:MAX_SIDES]
    return {s: sorted(members[s], key=lambda n: -speaking[n]) for s in ordered}


def group_patterns(group: Any) -> list[re.Pattern[str]]:
    """How a country or organisation is recognised: its name, and those aliases that are
    acronyms ("WHO") or of several words; a one-word alias such as "Health" is too
    often an ordinary word of a title ("Health Minister")."""
    names = {group.name} | {
        n for n in group.aliases if (n.isupper() and len(n) > 1) or len(n.split()) > 1
    }
    return [re.compile(rf"\b{re.escape(n)}\b") for n in names if len(n) > 1]


def affiliation(
    person: Any, patterns: dict[str, list[re.Pattern[str]]], groups: set[str], window: int = 5
) -> str | None:
    """The group most often named right before the person's name, in the same noun
    phrase: "Agency Deputy Director Anna Berg", "Ruritania's health secretary
    Karel Novak" (between the two only capitalised words, the person's role
    words, "'s", "of" or "the")."""
    names = sorted({person.name, *person.aliases}, key=len, reverse=True)
    role = set((person.role or "").casefold().split()) | _title_words()
    demonyms = _demonyms()
    votes: Counter[str] = Counter()
    for ev in person.evidence:
        sentence = ev.sentence
        for n in names:
            at = sentence.find(n)
            if at < 0:
                continue
            before = _same_phrase(sentence[:at].split()[-window:], role)
            hit = (
                _group_in(before, patterns)
                or _demonym_in(before, demonyms, groups)
                or _appositive(sentence[at + len(n) :], role, patterns)
            )
            if hit:
                votes[hit] += 1
            break
    if not votes:
        return None
    best, n = votes.most_common(1)[0]
    return best if n * 2 >= sum(votes.values()) else None


def _same_phrase(words: list[str], role: set[str]) -> str:
    """The words right before a name that can belong to its noun phrase (title words)."""
    kept: list[str] = []
    for w in reversed(words):
        bare = w.strip("'’")
        if any(ch in w for ch in ',;:.()[]"“”') and not re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)*", w):
            break
        if not (
            bare[:1].isupper()
            or bare.casefold() in role
            or bare.casefold() in {"of", "the", "for", "s"}
            or w.endswith(("'s", "’s"))
        ):
            break
        kept.append(w)
    return " ".join(reversed(kept))


_APPOSITIVE = re.compile(r",\s+((?:[\w'’-]+\s+){0,6}?)(?:of|at|for|from)\s+(?:the\s+)?")


def _appositive(
    after: str, role: set[str], patterns: dict[str, list[re.Pattern[str]]]
) -> str | None:
    """The group of an appositive after the name: "…, assistant director general of the
    World Health Organization"."""
    m = _APPOSITIVE.match(after)
    if not m or not all(w[:1].isupper() or w.casefold() in role for w in m.group(1).split()):
        return None
    rest = after[m.end() :]
    for g, pats in patterns.items():
        if any(p.match(rest) for p in pats):
            return g
    return None


def _group_in(text: str, patterns: dict[str, list[re.Pattern[str]]]) -> str | None:
    best: tuple[int, str] | None = None
    for g, pats in patterns.items():
        for p in pats:
            for m in p.finditer(text):
                if best is None or m.start() > best[0]:
                    best = (m.start(), g)
    return best[1] if best else None


def _demonym_in(text: str, demonyms: dict[str, str], groups: set[str]) -> str | None:
    for word in reversed(text.split()):
        country = demonyms.get(word.strip(",.'’s").casefold())
        if country and country in groups:
            return country
    return None
