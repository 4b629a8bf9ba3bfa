"""Merge the questions several sources raise, and rank them.

Two questions are the same when their content words overlap enough, or when one is a
document's headline question and the other the body question that restates it.  Groups
are ranked by the number of sources, then by the strength of the cue, then by their
centrality: the corpus's recurring words and key actors they name.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.extract.questions.aspects import primary_aspect
from briefgen.extract.text import merge_sources, norm_key
from briefgen.models import Actor, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc

# how strongly each family signals an open question
FAMILY_WEIGHT = {
    "question": 2.0,
    "unknown": 3.0,
    "unclear": 3.0,
    "investigation": 3.0,
    "too_early": 3.0,
    "decision": 2.5,
    "disputed": 2.5,
    "depends": 2.0,
    "forecast": 1.5,
    # the families' old names (facts cached by an older briefgen)
    "uncertainty": 3.0,
    "doubt": 2.5,
    "possibility": 1.5,
    "condition": 1.0,
}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


@dataclass
class Candidate:
    """One question found in one sentence unit of one document."""

    text: str
    family: str
    doc_id: str
    unit_index: int
    sentence: str
    lemmas: frozenset[str]
    headline: bool = False
    backed: int = 0  # anaphoric cues ("hard to say") that back it up
    evidence: list[Evidence] = field(default_factory=list)
    subject: tuple[str, ...] = ()  # lemmas of the question's subject (for centrality)
    outlet: str = ""  # the publisher, or the document when it has none
    date: str = ""  # the document's date, ISO, or ""
    rewritten: bool = True  # False: the source sentence quoted as "Unresolved: …"
    context: str = ""  # stems of its sentence and the two on each side, space-separated


@dataclass
class Group:
    best: Candidate
    members: list[Candidate]
    shown_score: float = 0.0  # its score once the questions ranked above it are counted
    # a question ranked above it is on the same aspect of the same subject
    repeats: bool = False

    @property
    def sources(self) -> list[str]:
        return merge_sources([m.doc_id for m in self.members])


def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words of a question, crudely stemmed, for matching."""
    words = re.findall(r"[a-z][a-z0-9'-]+", text.lower().replace("’", "'"))
    return frozenset(_stem(w) for w in words if w not in _STOP and len(w) > 2)


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_STOP = frozenset(
    re.findall(
        r"\w+",
        "the and for with that this from into over about will would could might may can does did "
        "what when where which who whom whose why how whether are was were been being has have had "
        "its their his her our your they them than then there here also just only very more most "
        "any some such other not nor but yet still so too even ever",
    )
)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two content-word sets (Jaccard).  Three shared words are enough only
    when they are nearly all the words; otherwise four are needed ('bird flu vaccine'
    alone does not make two questions the same)."""
    shared = len(a & b)
    if shared < 3:
        return 0.0
    jaccard = shared / len(a | b)
    if shared >= 4:
        # one question restating the other with more detail: most of the shorter is shared
        return max(jaccard, shared / min(len(a), len(b)) - 0.1)
    return jaccard if jaccard >= 0.75 else 0.0


def merge(cands: Sequence[Candidate], threshold: float = 0.5) -> list[Group]:
    """One group per distinct question; a group's best member gives the wording.

    Two questions are the same when their content words overlap enough, or when one is
    a document's headline question and the other an explicit question of its body that
    shares two content words with it (the body restates what the headline asks).  A
    question joins the earliest group it matches.  Members are indexed by content word
    and by document, so a question is compared only with those that can match it (a
    similarity of ``threshold`` needs three shared words).
    """
    groups: list[Group] = []
    group_of: list[int] = []  # member number → its group
    members: list[Candidate] = []
    by_word: dict[str, list[int]] = defaultdict(list)  # content word → member numbers
    by_doc: dict[str, list[int]] = defaultdict(list)  # document → member numbers
    by_key: dict[str, set[int]] = defaultdict(set)  # matching key of a group's best → groups
    for c in cands:
        key = norm_key(c.text)
        matched = set(by_key.get(key, ()))
        shared = Counter(i for w in c.lemmas for i in by_word.get(w, ()))
        for i, n in shared.items():
            if (
                group_of[i] not in matched
                and n >= 3
                and similarity(c.lemmas, members[i].lemmas) >= threshold
            ):
                matched.add(group_of[i])
        for i in by_doc.get(c.doc_id, ()):
            if group_of[i] not in matched and _restates(c, members[i]):
                matched.add(group_of[i])
        if matched:
            gi = min(matched)
            g = groups[gi]
            g.members.append(c)
            if _better(c, g.best):
                by_key[norm_key(g.best.text)].discard(gi)
                g.best = c
                by_key[key].add(gi)
        else:
            gi = len(groups)
            groups.append(Group(best=c, members=[c]))
            by_key[key].add(gi)
        number = len(members)
        members.append(c)
        group_of.append(gi)
        for w in c.lemmas:
            by_word[w].append(number)
        by_doc[c.doc_id].append(number)
    return groups


def _restates(a: Candidate, b: Candidate) -> bool:
    """A headline question and a body question of the same document asking the same."""
    if a.doc_id != b.doc_id or a.family != "question" or b.family != "question":
        return False
    if a.headline == b.headline:
        return False
    return len(a.lemmas & b.lemmas) >= 2


def _better(a: Candidate, b: Candidate) -> bool:
    """Prefer the stronger cue, then a body sentence over a headline, then the shorter."""
    ka = (a.rewritten, FAMILY_WEIGHT.get(a.family, 1.0), not a.headline, -len(a.text))
    kb = (b.rewritten, FAMILY_WEIGHT.get(b.family, 1.0), not b.headline, -len(b.text))
    return ka > kb


def doc_stems(doc: Doc) -> frozenset[str]:
    """The (crudely stemmed) content words one document uses."""
    return frozenset(
        _stem(t.lower_) for t in doc if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha
    )


def document_frequency(stems: Iterable[Iterable[str]]) -> Counter[str]:
    """In how many documents each stemmed content word occurs: ``stems`` holds each
    document's words (from :func:`doc_stems`), each once."""
    df: Counter[str] = Counter()
    for words in stems:
        df.update(words)
    return df


def salient_lemmas(df: Counter[str], n_docs: int, share: float = 0.5) -> set[str]:
    """Content words found in at least ``share`` of the ``n_docs`` documents (and in two
    or more): what the corpus is about."""
    need = max(2, math.ceil(n_docs * share))
    return {w for w, n in df.items() if n >= need}


def actor_names(actors: Sequence[Actor], top: int = 10) -> list[str]:
    ranked = sorted(actors, key=lambda a: -a.mentions)[:top]
    names: list[str] = []
    for a in ranked:
        names.extend(n.strip() for n in [a.name, *a.aliases] if len(n.strip()) > 2)
    return names


def on_topic(question: str, salient: set[str], names: Sequence[str]) -> bool:
    """The question names a key actor (case as written: 'WHO' is not 'who') or a word the
    corpus keeps coming back to; a reader call-out ('Whose plans fell apart?') does not."""
    if content_words(question) & salient:
        return True
    return any(re.search(rf"\b{re.escape(n)}\b", question) for n in names)


def outlets(g: Group) -> int:
    """How many distinct outlets (publishers; a document without one counts alone) raise it."""
    return len({m.outlet or m.doc_id for m in g.members})


def centrality(g: Group, df: Counter[str], n_docs: int) -> float:
    """How central the question's subject is to the story: for its subject words and its
    own content words, the share of documents using each word (capped at
    ``CENTRAL_SHARE`` of them), averaged; subject and question count half each."""
    subject: set[str] = set()
    for m in g.members:
        subject.update(
            _stem(w.lower())
            for w in m.subject
            if len(w) > 2 and w.lower() not in _STOP and w[0] != "~"
        )
    own = set(g.best.lemmas) if g.best.rewritten else set()
    if not own:  # a quoted sentence: the words of its cue's clause are its subject
        own = subject
    if not subject:
        subject = own
    need = max(1.0, CENTRAL_SHARE * n_docs)

    def spread(words: set[str]) -> float:
        return sum(min(1.0, df.get(w, 0) / need) for w in words) / len(words) if words else 0.0

    return 0.5 * spread(subject) + 0.5 * spread(own)


CENTRAL_SHARE = 0.5
# per further document asking on the same aspect
SUPPORT_WEIGHT = 0.1
# per key actor named (at most three): a tie-breaker only
ACTOR_WEIGHT = 0.05


def support(groups: Sequence[Group], common: set[str]) -> dict[int, int]:
    """For each group, how many documents pursue the same line of inquiry: its own
    and those of questions on the same aspect (``question_aspects``) or
    sharing half their words with it.  A softer merge than :func:`merge`: 'How severe
    will the pandemic be?' and 'What is the severity of the virus?' support each other
    without being one item."""
    words = [_topic_words(g, common) for g in groups]
    kinds = [primary_aspect(g.best.text) for g in groups]
    outlets_of = [{m.doc_id for m in g.members} for g in groups]
    out: dict[int, int] = {}
    for i, g in enumerate(groups):
        seen = set(outlets_of[i])
        for j in range(len(groups)):
            if j == i:
                continue
            same_aspect = bool(kinds[i]) and kinds[i] == kinds[j]
            if same_aspect or (words[i] and _overlap(words[i], words[j]) >= 0.5):
                seen |= outlets_of[j]
        out[id(g)] = len(seen)
    return out


def score(
    g: Group, df: Counter[str], n_docs: int, names: Sequence[str], supported: int = 0
) -> float:
    """Rank: distinct outlets first, then cue strength and the centrality of its subject;
    a rewritten question before a quoted sentence; actors and backing break ties."""
    best = g.best
    text = " ".join(m.sentence.lower() for m in g.members)
    lowered = {n.lower() for n in names}
    actors = sum(1 for n in lowered if re.search(rf"\b{re.escape(n)}\b", text))
    backed = sum(m.backed for m in g.members)
    return (
        2.0 * outlets(g)
        + 0.5 * (len(g.sources) - outlets(g))
        + SUPPORT_WEIGHT * max(0, supported - len(g.sources))
        + FAMILY_WEIGHT.get(best.family, 1.0)
        + 3.0 * centrality(g, df, n_docs)
        + ACTOR_WEIGHT * min(actors, 3)
        + 0.4 * min(backed, 2)
        - (FALLBACK_PENALTY if not best.rewritten else 0.0)
    )


# a quoted "Unresolved: …" sentence reads worse than a question: kept only when strong
FALLBACK_PENALTY = 1.5
REDUNDANCY_PENALTY = 3.0
ASPECT_PENALTY = 2.0
NO_ASPECT_PENALTY = 2.0


def diverse(ranked: Sequence[Group], scored: dict[int, float], common: set[str]) -> list[Group]:
    """Re-order ``ranked`` so that each next question adds something new: a group loses
    score for the words it shares with the questions already chosen (less the words
    nearly every document uses), and for each chosen question on its aspect (fully when
    they also share a subject word, a third otherwise: 'where did the virus come from?'
    and 'why are there so many deaths here?' are both about causes, not the same cause)."""
    left = list(ranked)
    chosen: list[tuple[frozenset[str], str, frozenset[str]]] = []
    out: list[Group] = []
    while left:
        best_i, best_s = 0, float("-inf")
        for i, g in enumerate(left[:60]):
            words, kind, subject = (
                _topic_words(g, common),
                primary_aspect(g.best.text),
                _subject_of(g, common),
            )
            overlap = max((_covered(words, w) for w, _, _ in chosen), default=0.0)
            s = scored[id(g)] - REDUNDANCY_PENALTY * overlap
            if not kind:
                s -= NO_ASPECT_PENALTY  # a question on no aspect analysts follow: a local detail
            for _, k, subj in chosen:
                if k == kind and kind:
                    s -= (
                        ASPECT_PENALTY
                        if subj & subject or not (subj and subject)
                        else ASPECT_PENALTY / 3
                    )
            if s > best_s:
                best_i, best_s = i, s
        g = left.pop(best_i)
        g.shown_score = best_s
        g.repeats = _repeats(g, chosen, common)
        out.append(g)
        chosen.append(
            (_topic_words(g, common), primary_aspect(g.best.text), _subject_of(g, common))
        )
    return out


def _repeats(
    g: Group, chosen: Sequence[tuple[frozenset[str], str, frozenset[str]]], common: set[str]
) -> bool:
    """A question already chosen asks about the same aspect of the same subject ('What is
    the severity of the virus?' after 'Was the virus a mild infection?')."""
    kind = primary_aspect(g.best.text)
    if not kind:
        return False
    subject = _subject_of(g, common)
    return any(k == kind and bool(subj & subject) for _, k, subj in chosen)


def _subject_of(g: Group, common: set[str]) -> frozenset[str]:
    """The stems of the question's subject, less the corpus's everyday words (its own
    content words when the subject is not known, e.g. 'why are there…')."""
    words = {
        _stem(w.lower())
        for m in g.members
        for w in m.subject
        if not w.startswith("~") and len(w) > 2
    }
    if not words:
        words = set(g.best.lemmas)
    return frozenset(w for w in words if w not in common and w not in _STOP)


def _topic_words(g: Group, salient: set[str]) -> frozenset[str]:
    """The question's own words, cut to five letters ('severity' and 'severe' meet), less
    the words the whole corpus shares."""
    return frozenset(
        w[:5] for w in content_words(g.best.text) if w not in _GENERIC and w not in salient
    )


def _subject_key(g: Group) -> frozenset[str]:
    return frozenset(w.lower()[:5] for m in g.members for w in m.subject)


def _covered(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of ``a``'s words that ``b`` already has."""
    return len(a & b) / len(a) if a else 0.0


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# reporting words every sentence of a news story may share
_GENERIC = frozenset(
    _stem(w)
    for w in "said says say told according officials official people new year week today also".split()
)
GENERIC_WORDS = _GENERIC | frozenset(
    _stem(w) for w in "time day month last first two one news report reports reported added".split()
)
