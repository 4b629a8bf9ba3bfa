"""Cluster mentions into actors across all documents.

Order of decisions, each recorded as merge evidence:

1. countries: a name, short form or capital (metonym) from the gazetteer is its country;
2. typos: near-identical full names join the better-attested spelling;
3. short forms: a surname, first token, name prefix or suffix joins the only full name
   that contains it (in the same document when it names one there, else in the corpus);
   an acronym joins the only organisation whose initials it spells.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein

from briefgen.extract.actors import variants as variants
from briefgen.extract.actors.gazetteer import Gazetteer
from briefgen.extract.actors.lexicon import GROUP_HEADS, ORG_HEADS
from briefgen.extract.actors.mentions import Mention, initials

KINDS = ("person", "organization", "country", "group")
NOT_ACTOR_KINDS = ("thing", "outlet")  # kinds that evidence may give and that are not actors


@dataclass
class Cluster:
    """The mentions of one actor, gathered from all documents."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None  # gazetteer name, when the actor is a country
    merges: list[tuple[str, str, str]] = field(default_factory=list)  # (form, why, doc)

    @property
    def forms(self) -> Counter[str]:
        return Counter(m.name for m in self.mentions)

    @property
    def docs(self) -> list[str]:
        return list(dict.fromkeys(m.doc for m in self.mentions))

    @property
    def votes(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for m in self.mentions:
            total.update(m.votes)
        return total

    @property
    def quotes(self) -> int:
        return sum(m.quote for m in self.mentions)


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Matching key of a name: accents, case, dots and apostrophes folded."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace(".", "").casefold()
    text = re.sub(r"\b(?:al|el|ad|ash|as)-(?=\w)", "", text)  # "Omar al-Rashid" = "Omar Rashid"
    return re.sub(r"\s+", " ", re.sub(r"[\"“”]", "", text)).strip()


def shape_votes(name: str) -> Counter[str]:
    """Kind votes from the name itself: "… Institute" is an organisation."""
    words = [w.casefold().strip(".,") for w in name.split()]
    votes: Counter[str] = Counter()
    if any(w in GROUP_HEADS for w in words):
        votes["group"] += 3
    elif any(w in ORG_HEADS for w in words):
        votes["organization"] += 3
    if re.fullmatch(r"[A-Z]{2,6}", name.replace(".", "")):
        votes["organization"] += 1
    return votes


def kind_of(votes: Counter[str], country: str | None) -> str:
    """The kind decided by the vote.  A gazetteer country is a country; a name the model
    tags as a place but the gazetteer does not know (a city, a state) is a "place",
    which is not an actor."""
    if country:
        return "country"
    if not votes:
        return "organization"
    best = max(KINDS, key=lambda k: (votes.get(k, 0), -KINDS.index(k)))
    for other in NOT_ACTOR_KINDS:  # a product or an outlet, by the words around it:
        # cues outweigh the model's labels, which every mention casts
        if votes.get(other, 0) > votes.get(best, 0) or (
            votes.get(other, 0) >= 5 and 2 * votes.get(other, 0) >= votes.get(best, 0)
        ):
            return other
    return "place" if best == "country" else best


@dataclass
class Index:
    """Where each key's mentions are, kept in step through every merge.

    ``keyed`` holds each key's mentions (a key is a folded name, or after the variants
    step the name without news-style additions); ``docs_of``, ``first`` and ``weight`` are derived
    from it by :func:`index_of` and never widened by hand, so a merge cannot leave one
    of them behind (the KeyError of a typo merge that widened ``docs_of`` only).
    ``members`` lists the keys a merged key absorbed; ``joined`` says why.
    """

    keyed: dict[str, list[Mention]]
    docs_of: dict[str, set[str]]
    first: dict[tuple[str, str], int]  # (key, doc) → offset of its first mention there
    weight: dict[str, int]
    members: dict[str, set[str]]
    joined: dict[str, tuple[str, str]]  # absorbed key → (key it joined, why)


def index_of(
    keyed: dict[str, list[Mention]],
    members: dict[str, set[str]] | None = None,
    joined: dict[str, tuple[str, str]] | None = None,
) -> Index:
    """The index of ``keyed``: documents, first offsets and weights of every key."""
    docs_of: dict[str, set[str]] = {}
    first: dict[tuple[str, str], int] = {}
    for k, ms in keyed.items():
        docs_of[k] = {m.doc for m in ms}
        for m in ms:
            first[(k, m.doc)] = min(first.get((k, m.doc), m.span[0]), m.span[0])
    members = {k: set((members or {}).get(k, ())) | {k} for k in keyed}
    return Index(
        keyed=keyed,
        docs_of=docs_of,
        first=first,
        weight={k: len(ms) for k, ms in keyed.items()},
        members=members,
        joined=dict(joined or {}),
    )


def check_index(ix: Index, n_mentions: int) -> list[str]:
    """Problems with an index (empty when it is in step): every mention under one key,
    every (key, document) with a first offset, weights equal to mention counts."""
    problems = []
    if sum(len(ms) for ms in ix.keyed.values()) != n_mentions:
        problems.append("mentions lost or duplicated")
    for k, ms in ix.keyed.items():
        if not ms:
            problems.append(f"{k!r} has no mention")
        if ix.docs_of.get(k) != {m.doc for m in ms}:
            problems.append(f"documents of {k!r} out of step")
        if ix.weight.get(k) != len(ms):
            problems.append(f"weight of {k!r} out of step")
        problems += [
            f"no first offset for {(k, d)!r}"
            for d in ix.docs_of.get(k, ())
            if (k, d) not in ix.first
        ]
        if k not in ix.members.get(k, ()):
            problems.append(f"{k!r} missing from its own members")
    for src, (dst, _) in ix.joined.items():
        if src in ix.keyed or dst not in ix.keyed:
            problems.append(f"join {src!r} → {dst!r} does not point at a live key")
    return problems


def merge_keys(ix: Index, joins: dict[str, tuple[str, str]]) -> Index:
    """A new index with each key of ``joins`` merged into its target (chains followed,
    cycles broken): every derived table is rebuilt from the merged mentions."""
    root: dict[str, str] = {}

    def find(k: str) -> str:
        seen = [k]
        while k in joins and joins[k][0] not in seen:  # a target may be a new key
            k = joins[k][0]
            seen.append(k)
        return k

    for k in ix.keyed:
        root[k] = find(k)
    keyed: dict[str, list[Mention]] = defaultdict(list)
    members: dict[str, set[str]] = defaultdict(set)
    joined = {src: (root.get(dst, dst), why) for src, (dst, why) in ix.joined.items()}
    for k, ms in ix.keyed.items():
        r = root[k]
        keyed[r].extend(ms)
        members[r] |= ix.members.get(k, {k})
        if r != k:
            joined[k] = (r, joins[k][1])
    return index_of(dict(keyed), dict(members), joined)


def cluster(
    mentions: Sequence[Mention],
    gaz: Gazetteer,
    on_step: Callable[[str, Index, dict[tuple[str, str], tuple[str, str]]], None] | None = None,
) -> list[Cluster]:
    """Group mentions into actors; see the module docstring for the order of decisions.

    ``on_step(name, index, targets)`` is called after every step (tests check that the
    index stays in step)."""
    mentions = list(_split_compounds(mentions, gaz))
    keyed: dict[str, list[Mention]] = defaultdict(list)
    countries: dict[str, str] = {}
    for m in mentions:
        # a capital stands for its country's government when it acts or speaks
        # ("Capitalia said", "Capitalia has vetoed"); "fighting in Capitalia" is a place
        capital_ok = m.votes.get("person", 0) == 0 and (m.subject or m.quote)
        country = gaz.country(m.name, capital_ok=capital_ok)
        if country:
            k = fold(country)
            countries[k] = country
        else:
            k = fold(m.name)
        keyed[k].append(m)

    _surname_votes(keyed, countries)
    ix = index_of(dict(keyed))
    report = on_step or (lambda name, ix, t: None)
    report("keys", ix, {})

    ix = merge_keys(ix, _variant_targets(ix, countries, gaz))
    report("variants", ix, {})
    kinds = _kinds(ix, countries)
    ix = merge_keys(ix, _typo_targets(ix.keyed, kinds))
    report("typos", ix, {})
    ix = merge_keys(ix, _alias_targets(ix))
    report("aliases", ix, {})

    kinds = _kinds(ix, countries)
    target = _short_form_targets(ix, kinds, countries)
    report("short forms", ix, target)

    key_of = {id(m): k for k, ms in ix.keyed.items() for m in ms}
    clusters: dict[str, Cluster] = {}
    for m in mentions:  # in document order, so sources and evidence keep it
        k = key_of[id(m)]
        dst, why = target.get((k, m.doc), (k, ""))
        for _ in range(6):  # follow a chain: "Roe" → "Jane Roe" → …
            if (dst, m.doc) not in target or target[(dst, m.doc)][0] in (k, dst):
                break
            dst = target[(dst, m.doc)][0]
        cl = clusters.setdefault(dst, Cluster(key=dst, country=countries.get(dst)))
        cl.mentions.append(m)
        own = fold(m.name) if fold(m.name) in ix.joined else k
        if dst != k:
            note = (m.name, why, m.doc)
        elif own != k:
            note = (m.name, ix.joined[own][1], m.doc)
        elif cl.country and fold(m.name) != dst:
            note = (m.name, "gazetteer name, short form or capital of the country", m.doc)
        else:
            continue
        if note not in cl.merges:
            cl.merges.append(note)
    return _drop_compounds(list(clusters.values()))


def _kinds(ix: Index, countries: dict[str, str]) -> dict[str, str]:
    return {k: kind_of(_votes(ms), countries.get(k)) for k, ms in ix.keyed.items()}


def _alias_targets(ix: Index) -> dict[str, tuple[str, str]]:
    """ "NFU" defined in the text as "National Farmers Union": the acronym joins it."""
    key_of = {mk: k for k, mks in ix.members.items() for mk in mks}
    out: dict[str, tuple[str, str]] = {}
    for k, ms in ix.keyed.items():
        for m in ms:
            dst = key_of.get(fold(m.alias_of)) if m.alias_of else None
            if dst and dst != k and k not in out:
                out[k] = (dst, "defined in the text as its acronym")
    return out


def _variant_targets(
    ix: Index, countries: dict[str, str], gaz: Gazetteer
) -> dict[str, tuple[str, str]]:
    """Keys that are the same name once news-style additions are set aside (see
    ``actor_variants``) join the best-attested of them."""
    kinds = _kinds(ix, countries)
    acronyms = {k for k in ix.keyed if re.fullmatch(r"[a-z]{2,5}", k.replace(" ", ""))}

    def is_prefix(p: str) -> bool:
        if gaz.country(p, capital_ok=False):
            return True
        bare = p.replace(".", "")
        if re.fullmatch(r"[A-Z]{2,5}", bare):
            return bare.casefold() in acronyms
        return len(p.split()) > 1 and initials(p).casefold() in acronyms

    variant: dict[str, tuple[str, str]] = {}  # key → (variant key, why)
    for k, ms in ix.keyed.items():
        if k in countries:
            continue
        name, why = _display(ms), ""
        if kinds[k] == "person":
            bare = variants.drop_middle_initials(variants.strip_honorifics(name))
            why = "the same name without a title, honorific or middle initial"
        elif kinds[k] in ("organization", "group"):
            unprefixed = variants.strip_prefix(name, is_prefix)
            bare = variants.strip_corporate_suffix(unprefixed)
            why = (
                "the same name without its country or parent-body prefix"
                if unprefixed != name
                else "the same name without the company's legal form"
            )
        else:
            bare = name
        if fold(bare) == fold(name):
            why = "British and American spellings of the same name"
        variant[k] = (variants.spelling_key(fold(bare)), why)
    known = {vk for vk, _ in variant.values()}
    for k, (vk, _why) in list(variant.items()):
        if kinds[k] not in ("organization", "group"):
            continue
        unit = variants.strip_unit(vk)
        if unit and unit in known:  # "Acme Group" beside "Acme"
            variant[k] = (unit, "a unit of the company named alone elsewhere")
    for k, (vk, _why) in list(variant.items()):
        if kinds[k] != "person":
            continue
        words = vk.split()
        for i in range(len(words) - 2):  # "La Toya Roe" beside "LaToya Roe"
            joined = " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])
            if joined in known:
                variant[k] = (joined, "the same name with a given name written as one word")
                break
    # every key is re-keyed by its variant: the same variant, the same key
    return {k: (vk, why) for k, (vk, why) in variant.items() if vk != k and vk not in countries}


def _surname_votes(keyed: dict[str, list[Mention]], countries: dict[str, str]) -> None:
    """A full name whose last word is also used alone ("Anna Berg" … "Berg") is
    how people, not organisations, are named: a person vote for it and for the word."""
    for k, ms in keyed.items():
        toks = k.split()
        if len(toks) < 2 or len(toks) > 4 or k in countries or shape_votes(_display(ms)):
            continue
        last = toks[-1]
        if last in keyed and last not in countries and not shape_votes(_display(keyed[last])):
            ms[0].votes["person"] = ms[0].votes.get("person", 0) + 2
            keyed[last][0].votes["person"] = keyed[last][0].votes.get("person", 0) + 1


def _display(ms: list[Mention]) -> str:
    return max(Counter(m.name for m in ms).items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def _part_of(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    return len(ta) < len(tb) and (tb[: len(ta)] == ta or tb[-len(ta) :] == ta)


def _votes(ms: Iterable[Mention]) -> Counter[str]:
    total: Counter[str] = Counter()
    for m in ms:
        total.update(m.votes)
    names = Counter(m.name for m in ms)
    if names:
        total.update(shape_votes(names.most_common(1)[0][0]))
    return total


def _split_compounds(mentions: Iterable[Mention], gaz: Gazetteer) -> Iterable[Mention]:
    """ "U.S.-Canada" names two countries: one mention each."""
    for m in mentions:
        parts = [p for p in re.split(r"[-–/]", m.name) if p]
        if len(parts) > 1 and all(gaz.country(p) for p in parts):
            for p in parts:
                yield Mention(p, m.doc, m.sentence, {"country": 1.0}, via="compound")
        else:
            yield m


def _drop_compounds(clusters: list[Cluster]) -> list[Cluster]:
    """ "Roe-Berg", "Roe and Berg" are two actors named together, not a third one."""
    keys = {c.key for c in clusters}
    names = keys | {fold(f) for c in clusters for f in c.forms}
    out = []
    for c in clusters:
        parts = [p for p in re.split(r"[-–]|\s+and\s+", c.key) if p]
        if len(parts) > 1 and all(p.strip() in names for p in parts):
            continue
        out.append(c)
    return out


def _typo_targets(
    keyed: dict[str, list[Mention]], kinds: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """Near-identical spellings of the same full name join the better-attested one.

    Names are bucketed by all their tokens but one, so only names that differ in a
    single token are compared.
    """
    names = [k for k in keyed if kinds[k] != "country" and len(k.split()) > 1]
    buckets: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k in names:
        toks = k.split()
        for i in range(len(toks)):
            buckets[(*toks[:i], "*", *toks[i + 1 :])].append(k)
    out: dict[str, tuple[str, str]] = {}
    for group in buckets.values():
        for a in group:
            for b in group:
                if a >= b or a in out or b in out:
                    continue
                nickname = kinds[a] == kinds[b] == "person" and short_first_name(a, b)
                if not (same_name_typo(a, b) or nickname):
                    continue
                better = max((a, b), key=lambda k: (len(keyed[k]), len(k)))
                worse = b if better == a else a
                out[worse] = (
                    better,
                    "the short form of the same first name"
                    if nickname
                    else "spelling differs by one letter in one name token",
                )
    return out


def short_first_name(a: str, b: str) -> bool:
    """ "ed roe"/"edward roe": the same other names, and a first name of 2-4 letters that
    begins the other, which is at least two letters longer ("chris"/"christina" stay
    apart: five letters is a name of its own)."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2 or ta[1:] != tb[1:]:
        return False
    short, long_ = sorted((ta[0], tb[0]), key=len)
    return 2 <= len(short) <= 4 and len(long_) >= len(short) + 2 and long_.startswith(short)


def same_name_typo(a: str, b: str) -> bool:
    """Two full names that differ by one letter in one token, which is not short.

    "tran van min"/"tran van minh" join; "kim jong un"/"kim jong il",
    "mark smith"/"mary smith" do not (a different short token is a different name).
    """
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if DamerauLevenshtein.distance(x, y) != 1:
        return False
    short, long_ = sorted((x, y), key=len)
    if long_.startswith(short) and len(short) >= 3:
        return True  # a dropped final letter, as machine translation does
    return min(len(x), len(y)) >= 6


def _short_form_targets(
    ix: Index, kinds: dict[str, str], countries: dict[str, str]
) -> dict[tuple[str, str], tuple[str, str]]:
    """(short form, document) → the full name it stands for there, with the reason.

    Candidates in the same document win; else the only candidate in the corpus, or one
    that dominates it (three times the mentions of the next); else the form stays apart.
    """
    keyed, docs_of, first, weight = ix.keyed, ix.docs_of, ix.first, ix.weight
    full = [
        k for k in keyed if k not in countries and len(k.split()) > 1 and not _names_two(k, keyed)
    ]
    by_token: dict[str, set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for f in full:
        for t in {t for name in _spellings(ix, f) for t in name.split()}:
            by_token[t].add(f)  # every spelling the key absorbed ("Smit" and "Smith")
        if kinds[f] in ("organization", "group"):
            for form in {m.name for m in keyed[f]}:
                for variant in _initial_forms(form):
                    by_initials[initials(variant)].add(f)

    out: dict[tuple[str, str], tuple[str, str]] = {}
    for k, ms in keyed.items():
        if k in countries:
            continue
        toks = k.split()
        surface = _display(ms).replace(".", "")
        acronym = len(toks) == 1 and re.fullmatch(r"[A-Z]{2,6}", surface) is not None
        cands = {
            f
            for t in (toks[0], toks[-1])
            for f in by_token.get(t, ())
            if any(_fits(k, name, kinds, kinds[f]) for name in _spellings(ix, f))
            and not (acronym and kinds[f] == "person")  # "LA" is not "La Toya Roe"
        }
        if len(toks) == 1 and re.fullmatch(r"[A-Z]{2,6}", surface):
            # an acronym joins a name it abbreviates when, in some document, the name
            # comes first and the acronym after it, as news style introduces them
            # or when it spells the initials of one organisation only in the corpus
            spelt = by_initials.get(surface, set())
            for f in spelt:
                led = sum(first[(f, d)] < first[(k, d)] for d in docs_of[f] & docs_of[k])
                alone = len(spelt) == 1 and min(len(docs_of[f]), len(docs_of[k])) >= 2
                if led >= 2 or (led == 1 and len(surface) >= 3) or alone:
                    cands.add(f)
        cands.discard(k)
        if not cands:
            continue
        ranked: dict[frozenset[str], tuple[list[str], dict[str, int]]] = {}
        for doc in docs_of[k]:
            local = frozenset(c for c in cands if doc in docs_of[c])
            chain = local or frozenset(cands)
            if chain not in ranked:  # most documents share the same candidates
                # a full name weighs its own mentions and those of its parts among them
                w = {c: weight[c] + sum(weight[d] for d in chain if _part_of(d, c)) for c in chain}
                ranked[chain] = (sorted(_maximal(chain), key=lambda c: (-w[c], c)), w)
            pool, w = ranked[chain]
            where = "in the document" if local else "in the corpus"
            if len(pool) == 1:
                out[(k, doc)] = (pool[0], f"{_reason(k, pool[0])}, the only such name {where}")
            elif w[pool[0]] >= 3 * w[pool[1]] and w[pool[0]] >= 3:
                # two candidates: the surname goes to one only when it dominates
                out[(k, doc)] = (
                    pool[0],
                    f"{_reason(k, pool[0])}, by far the most mentioned {where}",
                )
    return out


def _names_two(k: str, keyed: dict[str, list[Mention]]) -> bool:
    """ "misrata and ajdabiyah": two names joined by "and", each a key of its own."""
    parts = re.split(r"\s+and\s+", k)
    return len(parts) == 2 and all(p in keyed for p in parts)


def _initial_forms(form: str) -> set[str]:
    """The forms of an organisation's name an acronym may spell: as written, without a
    country prefix or legal suffix, and its first conjunct ("Centers for Disease Control"
    of "… and Prevention")."""
    bare = variants.strip_corporate_suffix(form)
    out = {form, bare}
    words = bare.split()
    if len(words) > 2 and re.fullmatch(r"(?:[A-Z]\.?){2,4}", words[0]):
        out.add(" ".join(words[1:]))  # "U.S. Centers …"
    out |= {c for f in list(out) if (c := variants.first_conjunct(f))}
    return {f for f in out if len(f.split()) > 1}


def _maximal(cands: AbstractSet[str]) -> list[str]:
    """ "tran" → "tran van minh", not also → "tran van" (itself a part of it)."""
    return sorted(c for c in cands if not any(c != d and _part_of(c, d) for d in cands))


def head_word(name: str) -> str:
    """The head of a name: its last word before "of"/"for" ("party" in "Communist Party of X")."""
    words = name.split()
    for i, w in enumerate(words):
        if i and w in ("of", "for", "on", "in"):
            return words[i - 1]
    return words[-1] if words else ""


def _spellings(ix: Index, key: str) -> list[str]:
    """The multi-word keys a key absorbed, itself first."""
    return [key, *sorted(m for m in ix.members.get(key, ()) if m != key and " " in m)]


def _fits(k: str, f: str, kinds: dict[str, str], kind_f: str) -> bool:
    """``k`` can stand for the full name ``f`` (of kind ``kind_f``): a surname, a part with
    the same head, or an abbreviated first part ("UN Security Council" for "United Nations
    Security Council")."""
    toks, ft = k.split(), f.split()
    if len(toks) >= len(ft) or f == k:
        return False
    if len(toks) == 1:
        return kind_f == "person" and toks[0] in (ft[0], ft[-1])
    if ft[: len(toks)] == toks or ft[-len(toks) :] == toks:
        if kind_f == "person":
            return kinds[k] in ("person", "place", "organization")
        return head_word(k) == head_word(f)
    return any(
        ft[i:] == toks[1:] and initials(" ".join(ft[:i])).casefold() == toks[0]
        for i in range(2, len(ft))
    )


def _reason(k: str, f: str) -> str:
    toks, ft = k.split(), f.split()
    if len(toks) == 1 and toks[0] == ft[-1]:
        return "last name of the full name"
    if len(toks) == 1 and toks[0] == ft[0]:
        return "first token of the full name"
    if len(toks) == 1 and initials(f).casefold() == toks[0]:
        return "acronym of the full name"
    return "short form of the full name"
