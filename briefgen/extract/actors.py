"""Key actors: people, organisations and countries, clustered across the corpus.

First version: NER mentions plus a pre-nominal title pattern, surname joining,
a kind vote over mentions, and roles from titles and appositives.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.extract.common import span_text, squash
from briefgen.models import Actor, Evidence
from briefgen.nlp.load import AnnotatedDoc

LABEL_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": None}

# Generic titles that precede a person's name.  Not topic-specific: any news story.
TITLES = [
    "secretary of state", "secretary of defense", "defense secretary", "prime minister",
    "deputy prime minister", "foreign minister", "defence minister", "defense minister",
    "general secretary", "secretary general", "secretary-general", "president",
    "vice president", "chancellor", "minister", "ambassador", "speaker", "senator",
    "governor", "mayor", "chairman", "chairwoman", "chair", "king", "queen", "premier",
    "spokesperson", "spokesman", "spokeswoman", "director", "chief executive", "ceo",
    "general", "admiral", "judge", "justice", "rep.", "sen.", "gov.", "dr.", "professor",
]
_TITLE_RE = re.compile(
    r"\b(" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)) + r")\s+"
    r"((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)",
    re.I,
)
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")
# "Name, a senior fellow at the X Institute," → role
_APPOS_RE = re.compile(
    r"^,\s+(?:a|an|the)\s+([^,.;:\"“”]{3,120}?)(?:,|\.|;| said| told|$)"
)


@dataclass
class _Cluster:
    names: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    sources: list[str] = field(default_factory=list)
    source_set: set[str] = field(default_factory=set)  # membership test for `sources`
    evidence: list[Evidence] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)

    @property
    def mentions(self) -> int:
        return sum(self.names.values())


def _clean_name(text: str) -> str:
    text = squash(text).strip(" ,.;:\"“”'‘’")
    text = re.sub(r"(’s|'s)$", "", text)
    return re.sub(r"^(the|The)\s+", "", text)


def extract(docs: Sequence[AnnotatedDoc], not_actors: Sequence[str] = ()) -> list[Actor]:
    """All actors of the corpus, most salient first."""
    banned = {n.casefold() for n in not_actors}
    by_name: dict[str, _Cluster] = defaultdict(_Cluster)

    for ad in docs:
        doc = ad.doc
        text = ad.article.text  # == doc.text, which spaCy rebuilds from the tokens per access
        for ent in doc.ents:
            kind = LABEL_KIND.get(ent.label_)
            if kind is None:
                continue
            name = _clean_name(ent.text)
            if len(name) < 2 or "\n" in ent.text.strip() or name.casefold() in banned:
                continue
            cl = by_name[name]
            cl.names[name] += 1
            cl.kinds[kind] += 1
            if ad.id not in cl.source_set:
                _add_source(cl, ad.id, span_text(text, ent.sent))
            after = text[ent.end_char : ent.end_char + 160]
            m = _APPOS_RE.match(after)
            if m and kind == "person":
                cl.roles[squash(m.group(1))] += 1
        for m in _TITLE_RE.finditer(text):
            title, name = m.group(1), _clean_name(m.group(2))
            tokens = name.split()
            if not tokens or not all(_NAME_TOKEN.match(t) for t in tokens):
                continue
            if name.casefold() in banned:
                continue
            cl = by_name[name]
            cl.names[name] += 0  # registers the form without inflating mentions
            cl.kinds["person"] += 2  # a title is strong evidence of a person
            cl.roles[title.lower()] += 1

    clusters = _join(by_name)
    actors = []
    for cl in clusters:
        kind = cl.kinds.most_common(1)[0][0]
        canonical = max(cl.names, key=lambda n: (len(n.split()), cl.names[n], len(n)))
        role = cl.roles.most_common(1)[0][0] if cl.roles else None
        actors.append(
            Actor(
                id="",
                name=canonical,
                kind=kind,
                aliases=sorted(n for n in cl.names if n != canonical),
                role=role if kind == "person" else None,
                mentions=max(cl.mentions, 1),
                sources=list(cl.sources),
                evidence=cl.evidence[:3],
                merges=cl.merges,
            )
        )
    actors = [a for a in actors if a.mentions > 0 and a.sources]
    actors.sort(key=lambda a: (-len(a.sources), -a.mentions, a.name))
    for i, a in enumerate(actors, 1):
        a.id = f"a{i}"
    return actors


def _add_source(cl: _Cluster, doc_id: str, sentence: str) -> None:
    if doc_id not in cl.source_set:
        cl.source_set.add(doc_id)
        cl.sources.append(doc_id)
        cl.evidence.append(Evidence(doc=doc_id, sentence=squash(sentence)))


def _join(by_name: dict[str, _Cluster]) -> list[_Cluster]:
    """Join a one-word name into the only multi-word name that ends or starts with it."""
    by_word: dict[str, list[str]] = defaultdict(list)  # word → the multi-word names holding it
    for n in by_name:
        words = n.split()
        if len(words) > 1:
            for w in dict.fromkeys(words):
                by_word[w].append(n)
    target: dict[str, str] = {}
    for name in by_name:
        if len(name.split()) != 1:
            continue
        hits = by_word.get(name, [])
        if len(hits) == 1:
            target[name] = hits[0]
    out: dict[str, _Cluster] = {}
    for name, cl in by_name.items():
        root = target.get(name, name)
        if root not in out:
            out[root] = _Cluster()
        dst = out[root]
        dst.names.update(cl.names)
        for n in cl.names:
            dst.names.setdefault(n, 0)
        dst.kinds.update(cl.kinds)
        dst.roles.update(cl.roles)
        for s, ev in zip(cl.sources, cl.evidence):
            _add_source(dst, s, ev.sentence)
        if root != name:
            dst.merges.append(f"{name} → {root}: the only longer name containing it")
    return list(out.values())
