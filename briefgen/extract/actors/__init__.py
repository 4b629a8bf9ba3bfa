"""Key actors: people, organisations, countries and groups, clustered across the corpus.

mentions (NER + title, appositive, affiliation and speech patterns; ``actor_mentions``)
→ clusters (countries, typos, short forms; ``actor_cluster``) → kind by vote, canonical
name, role (``actor_roles``) → filters (``actor_filters``) → salience → editor overrides
(``actor_overrides``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from briefgen.extract.actors import gazetteer as actor_gazetteer
from briefgen.extract.actors import variants as actor_variants
from briefgen.extract.actors.cluster import Cluster, cluster, fold, kind_of, shape_votes
from briefgen.extract.actors.filters import (
    drop_banned,
    drop_boilerplate,
    drop_reporters,
    is_actor,
    is_cited_outlet,
    is_generic,
    lower_words,
    publisher_forms,
)
from briefgen.extract.actors.mentions import Mention, collect
from briefgen.extract.actors.overrides import Override, apply_overrides
from briefgen.extract.actors.roles import choose_role
from briefgen.models import Actor, Article, Evidence
from briefgen.nlp.load import AnnotatedDoc

MAX_EVIDENCE = 5
NEVER_ACTS = 0.25  # the weight of the mentions of an actor that never acts or speaks
# where an organisation's role may come from: a descriptor, a class it is named in, a clause
ORG_ROLE_SOURCES = ("description", "modifier", "class", "clause")


@dataclass
class ActorFacts:
    """What one document gives the actors section."""

    mentions: list[Mention] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)  # outlets its author boxes and datelines credit
    # the words it writes in lower case, space-separated: a string takes a tenth of the
    # memory of a set of them, and a corpus holds every document's facts at once
    lower_words: str = ""


def observe(ad: AnnotatedDoc) -> ActorFacts:
    outlets: set[str] = set()
    found = collect(ad.doc, ad.id, outlets)
    return ActorFacts(
        mentions=found, outlets=outlets, lower_words=" ".join(sorted(lower_words(ad.doc)))
    )


def extract(
    docs: Sequence[AnnotatedDoc],
    not_actors: Sequence[str] = (),
    overrides: Sequence[Override] = (),
) -> list[Actor]:
    """All actors of the corpus, most salient first, editor overrides applied."""
    return combine([(ad.article, observe(ad)) for ad in docs], not_actors, overrides)


def combine(
    docs: Sequence[tuple[Article, ActorFacts]],
    not_actors: Sequence[str] = (),
    overrides: Sequence[Override] = (),
) -> list[Actor]:
    """All actors of every document's facts, most salient first, overrides applied."""
    gaz = actor_gazetteer.load()
    credited = [
        variant
        for art, _ in docs
        for n in (art.publisher, art.author)
        if n
        for part in re.split(r"\s*[()]\s*|\s*,\s*|\s+and\s+", n)
        if part
        for variant in publisher_forms(part)
    ]
    mentions: list[Mention] = [m for _, f in docs for m in f.mentions]
    outlets: set[str] = set().union(*(f.outlets for _, f in docs))
    credited += sorted(outlets)
    mentions = drop_reporters(mentions, credited)
    mentions = drop_banned(mentions, [*not_actors, *credited])
    mentions = drop_boilerplate(mentions, len(docs))
    lower: set[str] = set().union(*(f.lower_words.split() for _, f in docs))
    clusters = [c for c in cluster(mentions, gaz) if not is_generic(c, lower)]
    cited = [c for c in clusters if is_cited_outlet(c)]
    clusters = [c for c in clusters if not any(c is o for o in cited)]
    pairs = _join_same_names([(c, to_actor(c, lower)) for c in clusters], lower)
    outlet_keys = {fold(c) for c in credited} | {fold(f) for c in cited for f in c.forms}
    pairs = [(c, a) for c, a in pairs if is_actor(a) and not _works_for(a, outlet_keys)]
    pairs.sort(key=lambda ca: (-salience(ca[1], ca[0]), ca[1].name))
    actors = [a for _, a in pairs]
    weight = {a.name: a.mentions for a in actors if a.kind == "country"}
    for a in actors:
        if a.kind != "country":
            a.side = side_of(a, gaz, weight)
    actors = apply_overrides(actors, overrides)
    for i, a in enumerate(actors, 1):
        a.id = f"a{i}"
    return actors


def _join_same_names(
    pairs: list[tuple[Cluster, Actor]], lower: AbstractSet[str]
) -> list[tuple[Cluster, Actor]]:
    """Clusters that end with the same name are one actor: a one-document long form
    ("Sunni Free Army", "One Free Army") collects that document's short forms and then
    takes the common name as its own."""
    first: dict[tuple[str, str], Cluster] = {}
    absorbed: dict[int, list[Cluster]] = {}
    for c, a in pairs:
        if c.country:
            continue
        k = (fold(a.name), a.kind)
        if k in first:
            absorbed.setdefault(id(first[k]), []).append(c)
        else:
            first[k] = c
    if not absorbed:
        return pairs
    gone = {id(o) for group in absorbed.values() for o in group}
    out = []
    for c, a in pairs:
        if id(c) in gone:
            continue
        for o in absorbed.get(id(c), []):
            c.mentions += o.mentions
            c.merges += [
                (f, "the same name as the actor", m.doc) for m in o.mentions for f in [m.name]
            ]
        out.append((c, to_actor(c, lower)) if id(c) in absorbed else (c, a))
    return out


def side_of(a: Actor, gaz: actor_gazetteer.Gazetteer, countries: dict[str, int]) -> str | None:
    """The country a person or body belongs to by its own words: a country or demonym
    opening its name ("U.S. State Department", "Egyptian Interior Ministry") or its role
    ("Egyptian vice president", "UK's chief medical officer"). A demonym shared by
    several countries goes to the one the corpus mentions most."""
    names = [a.name, *a.aliases] if a.kind in ("organization", "group") else []  # not
    # a person's name: "Dominique …" is a given name, not a country's short form
    phrases = [*(f for f in names if len(f.split()) > 1), a.role or ""]
    found: Counter[str] = Counter()
    for phrase in phrases:
        words = [re.sub(r"['’]s$", "", w) for w in phrase.split()[:3]]
        for n in (2, 1):
            head = " ".join(words[:n])
            if len(words) < n or (phrase is not a.role and len(phrase.split()) <= n):
                continue
            country = gaz.country(head, capital_ok=False)
            cands = (country,) if country else gaz.countries_of_demonym(head)
            if cands:
                best = max(cands, key=lambda c: (countries.get(c, 0), c == cands[0]))
                found[best] += 1
                break
    if not found:
        return None
    return found.most_common(1)[0][0]


def _works_for(a: Actor, outlet_keys: AbstractSet[str]) -> bool:
    """A person whose only role is a crediting outlet ("The Daily Record") is its reporter."""
    role = re.sub(r"^the\s+", "", (a.role or "").casefold())
    return a.kind == "person" and bool(role) and fold(role) in outlet_keys


def salience(a: Actor, cl: Cluster) -> float:
    """What the story is about: the documents in which the actor does or says something
    (the subject of a verb, or quoted) count most; then the documents that mention it,
    a known role, and only a little the number of mentions."""
    acting = {m.doc for m in cl.mentions if m.subject or m.quote}
    # named often but never doing or saying anything: a setting ("in London"), a
    # listing, not what the story is about
    presence = (1.0 if acting else NEVER_ACTS) * (len(a.sources) + 0.1 * a.mentions)
    return 4.0 * len(acting) + presence + 2.0 * cl.quotes**0.5 + (2.0 if a.role else 0.0)


def canonical_name(cl: Cluster, lower_words: AbstractSet[str] = frozenset()) -> str:
    """The fullest well-attested form; a form seen once that only extends another
    full form ("Jane Roe Travel" beside "Jane Roe") is not well attested."""
    if cl.country:
        return cl.country
    forms = cl.forms
    multi = [f for f in forms if len(f.split()) > 1]

    def extends(f: str) -> bool:
        """``f`` is another full form plus a common word ("Jane Roe Travel")."""
        return any(o != f and _is_noise_form(f, o, lower_words) for o in multi)

    pool = [f for f in forms if not (forms[f] == 1 and extends(f))] or list(forms)
    pool = [f for f in pool if not _swept_in(f, forms)] or pool
    pool = [f for f in pool if not _glued(f, cl)] or pool
    # "Acme" over "Acme Holding AG", "Centers for X" over "U.S. Centers for X"; "Jane Roe"
    # over "Jane Q. Roe", but not "Roe" over it
    pool = [f for f in pool if _plain(f)] or pool
    longest = max(len(f.split()) for f in pool)
    pool = [
        f
        for f in pool
        if actor_variants.drop_middle_initials(f) == f and len(f.split()) >= min(2, longest)
    ] or pool

    def support(f: str) -> int:
        toks = fold(f).split()
        return forms[f] + sum(
            n for o, n in forms.items() if o != f and set(fold(o).split()) < set(toks)
        )

    return max(pool, key=lambda f: (f[:1].isupper(), len(f.split()), support(f), len(f), f))


def _plain(form: str) -> bool:
    """A name without a company's legal form or an abbreviated country or body prefix."""
    words = form.split()
    prefixed = len(words) > 2 and re.fullmatch(r"(?:[A-Z]\.?){2,4}", words[0]) is not None
    return not prefixed and actor_variants.strip_corporate_suffix(form) == form


def _swept_in(form: str, forms: Counter[str]) -> bool:
    """ "Ruritania Health Council" or "Omar Bin Said Trade League", seen once,
    beside a form seen three times or more, plus words no other form has: the model
    swept neighbouring words into the entity."""
    if forms[form] != 1:
        return False
    words = form.split()
    attested = {w for f in forms if f != form for w in f.split()}
    for i in range(1, len(words)):
        for base, extra in ((words[i:], words[:i]), (words[:-i], words[-i:])):
            # the base is itself a full name: "Zara Kent" once beside "Kent" is fine
            if len(base) > 1 and forms.get(" ".join(base), 0) >= 3 and not set(extra) & attested:
                return True
    return False


def _glued(form: str, cl: Cluster) -> bool:
    """ "Roe Roe Jane", "Ann Jane Roe" from one document beside "Jane Roe" in two or
    more: a word repeated, or a word from a headline or a list glued in front of a
    well-attested full name."""
    words = form.split()
    if len({w.casefold() for w in words}) < len(words):
        return True
    docs_of: dict[str, set[str]] = {}
    for m in cl.mentions:
        docs_of.setdefault(m.name, set()).add(m.doc)
    rest = " ".join(words[1:])
    return len(words) > 2 and len(docs_of.get(form, ())) == 1 and len(docs_of.get(rest, ())) >= 2


def _is_noise_form(form: str, name: str, lower_words: AbstractSet[str]) -> bool:
    """ "Jane Roe Travel", "Reply John Smith": the name plus a common word."""
    if form.startswith(name + " "):
        extra = form.split()[-1]
    elif form.endswith(" " + name):
        extra = form.split()[0]
    else:
        return False
    # "Travel", "Reply": a capitalised common word; not "US" (an abbreviation)
    return extra.istitle() and extra.casefold() in lower_words


def to_actor(cl: Cluster, lower_words: AbstractSet[str] = frozenset()) -> Actor:
    name = canonical_name(cl, lower_words)
    votes = cl.votes + shape_votes(name)
    kind = kind_of(votes, cl.country)
    if kind == "person":
        role = choose_role(cl.mentions)
    elif kind in ("organization", "group"):
        role = choose_role(m for m in cl.mentions if m.role_source in ORG_ROLE_SOURCES)
    else:
        role = None
    evidence: list[Evidence] = []
    for doc in cl.docs:
        m = next(m for m in cl.mentions if m.doc == doc)
        evidence.append(Evidence(doc=doc, sentence=m.sentence))
    forms = cl.forms
    noise = {
        f
        for f in forms
        if _is_noise_form(f, name, lower_words) or _swept_in(f, forms) or _glued(f, cl)
    }
    aliases = sorted({f for f in cl.forms if f != name} - noise, key=lambda f: (-cl.forms[f], f))
    return Actor(
        id="",
        name=name,
        kind=kind,  # type: ignore[arg-type]
        aliases=aliases,
        role=role,
        mentions=len(cl.mentions),
        sources=cl.docs,
        evidence=evidence[:MAX_EVIDENCE],
        merges=_merge_notes(cl, name),
    )


def _merge_notes(cl: Cluster, name: str) -> list[str]:
    """Why each other form joined: "Roe → Jane Roe: last name of the full name …"."""
    docs: dict[tuple[str, str], list[str]] = {}
    for form, why, doc in cl.merges:
        if form != name:
            docs.setdefault((form, why), []).append(doc)
    notes = [f"{form} → {name}: {why} [{', '.join(d)}]" for (form, why), d in docs.items()]
    if fold(name) != cl.key and not cl.country:
        # the canonical form joined the cluster's first key (e.g. as a variant spelling):
        # the same reason holds the other way round
        why = next((w for f, w, _ in cl.merges if f == name), "the same actor")
        notes += [
            f"{f} → {name}: {why}; {name!r} is the fullest well-attested form"
            for f in cl.forms
            if fold(f) == cl.key
        ]
    return list(dict.fromkeys(notes))


__all__ = ["canonical_name", "extract", "salience", "to_actor"]
