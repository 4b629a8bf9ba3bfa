"""Open questions: what the sources present as unresolved, phrased as questions.

Each sentence unit (``text_units``) is tried against the cue families in order
(``question_cues``): an explicit question; an uncertainty statement ("it remains unclear
when…", "will bear close watching"); a doubt ("show me how…"); a claim that depends on
something ("depends on how…"); a possibility ("lawmakers could block…"); a present-tense
condition ("if the talks fail…").  The clause the cue governs is turned into a direct
question by ``question_phrasing``; the source sentence is kept as evidence, and shown
instead when no rule applies safely.  "It is hard to say" and "time will tell" have no
clause of their own: they back up the question just before them.

The same question raised by several sources (similar content words) is one item with
several sources.  Items are ranked by the number of sources, the strength of the cue and
their centrality: how many of the corpus's recurring words and key actors they name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.extract import question_cues as cues
from briefgen.extract import question_phrasing as phr
from briefgen.extract.common import merge_evidence, merge_sources, norm_key, squash
from briefgen.extract.text_units import units
from briefgen.models import Actor, Evidence, Question
from briefgen.nlp.load import AnnotatedDoc

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# how strongly each family signals an open question
FAMILY_WEIGHT = {
    "question": 2.5,
    "uncertainty": 3.0,
    "doubt": 2.5,
    "depends": 2.0,
    "possibility": 1.5,
    "condition": 1.0,
}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
MAX_WORDS = 45
# below this many documents, "words the corpus keeps coming back to" mean little
MIN_DOCS_FOR_TOPIC = 5
# a question is on topic when it uses a word found in this share of the documents
TOPIC_SHARE = 0.4
_QUOTE_CHARS = {'"', "“", "”", "``", "''"}


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


@dataclass
class _Group:
    best: Candidate
    members: list[Candidate]

    @property
    def sources(self) -> list[str]:
        return merge_sources([m.doc_id for m in self.members])


def extract(
    docs: Sequence[AnnotatedDoc], limit: int | None = 8, actors: Sequence[Actor] = ()
) -> list[Question]:
    """The corpus's open questions, merged across sources and ranked, at most ``limit``."""
    found: list[Candidate] = []
    for ad in docs:
        found.extend(find_candidates(ad))
    groups = merge(found)
    df = document_frequency(docs)
    salient = salient_lemmas(docs, df=df)
    names = _actor_names(actors)
    if len(docs) >= MIN_DOCS_FOR_TOPIC:
        recurring = salient_lemmas(docs, share=TOPIC_SHARE, df=df)
        groups = [g for g in groups if on_topic(g.best.text, recurring, names)]
    ranked = sorted(groups, key=lambda g: -score(g, salient, names))
    out = [
        Question(
            text=g.best.text,
            sources=g.sources,
            evidence=merge_evidence(*(m.evidence for m in g.members)),
        )
        for g in ranked
    ]
    return out[:limit] if limit else out


def find_candidates(ad: AnnotatedDoc) -> list[Candidate]:
    """Every question one document raises, in document order."""
    out: list[Candidate] = []
    title_key = norm_key(ad.article.title or "")
    seen_title = False
    for index, unit in enumerate(units(ad.doc)):
        sentence = squash(unit.text)
        if len(sentence.split()) < 4 or cues.is_furniture(sentence):
            continue
        headline = norm_key(sentence) == title_key or (index <= 1 and _is_headline(unit))
        seen_title = seen_title or (bool(title_key) and title_key in norm_key(sentence))
        if cues.ANAPHORIC_RE.search(sentence) and not _has_wh(unit):
            _back_previous(out, index, ad.id, sentence)
            continue
        found = detect(unit)
        if found is None:
            continue
        family, text = found
        if not text.endswith("?") or cues.is_rhetorical(text) or len(text.split()) > MAX_WORDS:
            continue
        if _context_bound(text) or _personal(text):
            continue
        out.append(_candidate(text, family, ad.id, index, sentence, headline))
    title = squash(ad.article.title or "")
    if title.endswith("?") and not seen_title and not cues.is_furniture(title):
        text = phr.strip_lead(title)
        if not cues.is_rhetorical(text):
            out.insert(0, _candidate(text, "question", ad.id, -1, title, True))
    return out


def _candidate(
    text: str, family: str, doc_id: str, index: int, sentence: str, headline: bool
) -> Candidate:
    return Candidate(
        text=text,
        family=family,
        doc_id=doc_id,
        unit_index=index,
        sentence=sentence,
        lemmas=content_words(text),
        headline=headline,
        evidence=[Evidence(doc=doc_id, sentence=sentence)],
    )


def _back_previous(out: list[Candidate], index: int, doc_id: str, sentence: str) -> None:
    """Attach 'it is hard to say' to the question raised one or two units earlier."""
    if out and out[-1].doc_id == doc_id and 0 < index - out[-1].unit_index <= 2:
        out[-1].backed += 1
        out[-1].evidence.append(Evidence(doc=doc_id, sentence=sentence))


def _is_headline(unit: Span) -> bool:
    """A short line of its own with no final stop (a headline or a standfirst)."""
    last = unit[-1].text
    return last not in {".", "!", '"', "”"} and len(unit) <= 30


def _has_wh(unit: Span) -> bool:
    return any(t.lower_ in phr.WH_WORDS or t.lower_ == "whether" for t in unit)


# --- detection ---------------------------------------------------------------------


def detect(unit: Span) -> tuple[str, str] | None:
    """The family and phrased question of one unit, or None when it raises none."""
    text = unit.text
    if "?" in text:
        q = _explicit(unit)
        if q:
            return "question", q
    for family, regex, phrase in (
        ("uncertainty", cues.UNCERTAINTY_RE, _from_uncertainty),
        ("doubt", cues.DOUBT_RE, _from_clause_after),
        ("depends", cues.DEPENDS_RE, _from_depends),
    ):
        m = regex.search(text)
        if m:
            cue = _token_at(unit, m.start())
            q = phrase(unit, cue)
            if q:
                return family, q
    q = _from_possibility(unit)
    if q:
        return "possibility", q
    q = _from_condition(unit)
    if q:
        return "condition", q
    return None


_INTERROGATIVE = (
    "what|when|where|which|who|whom|whose|why|how|is|are|was|were|do|does|did|can|could|will|"
    "would|should|shall|has|have|had|may|might|must|isn't|aren't|wasn't|weren't|don't|doesn't|"
    "didn't|can't|couldn't|won't|wouldn't|shouldn't|hasn't|haven't|what's|who's|how's|where's"
)
# where a question can start inside a unit: after a stop, a colon, a dash or ", but"
_Q_START = re.compile(
    rf"(?:^|[.!?:;]\s+|\s[-–—]\s+|,\s+(?=(?:but|and|or|so)\s))(?:(?:but|and|or|so)\s+)?[\"“‘'`]*(?=(?:{_INTERROGATIVE})\b)",
    re.IGNORECASE,
)
# a headline run into the next line: "…interactive map What's in a name?"
_Q_START_CAPS = re.compile(rf"\s(?=(?:{_INTERROGATIVE.title()}|{_INTERROGATIVE.upper()})\b)")
_TAG_QUESTION = re.compile(
    r",\s*(?:right|eh|huh|no|yes|ok|okay|isn't it|don't you think)\?$", re.IGNORECASE
)
_PERSONAL = {"you", "your", "yours", "we", "us", "our", "i", "me", "my"}
_CONTEXT_PRONOUNS = {"it", "they", "them", "he", "she", "him", "her", "this", "these", "those"}


def _explicit(unit: Span) -> str | None:
    """The unit's last question, from its interrogative word to its '?'.

    A question must start with a wh-word or an auxiliary ("Is…", "Could…"): "…, eh?" and
    "Swine flu or H1N1?" are not questions a reader can act on.  Questions that speak to
    the reader or in the first person (Q&A and opinion devices), glossary headings ("What
    is X?") and short questions about 'it' are left out.
    """
    text = phr.detokenize(squash(unit.text))
    end = text.rfind("?")
    head = text[: end + 1]
    prev = head.rfind("?", 0, end)
    if prev >= 0:
        head = head[prev + 1 :]
    starts = [m.end() for m in _Q_START.finditer(head)]
    starts += [m.end() for m in _Q_START_CAPS.finditer(head)]
    if not starts:
        return None
    q = phr.strip_lead(head[max(starts) :].lstrip("\"“‘'` "))
    words = re.findall(r"[\w']+", q)
    if (
        len(words) < 4
        or _personal(q)
        or _TAG_QUESTION.search(q)
        or cues.is_definitional(q)
        or _context_bound(q, short=8)
    ):
        return None
    return q


def _personal(question: str) -> bool:
    """First or second person: a reader's or a columnist's question, a comment form."""
    return any(
        w.lower() in _PERSONAL and w != "US" for w in re.findall(r"[\w']+", question)
    )  # "US" is a country


def _context_bound(question: str, short: int = 0) -> bool:
    """A question about 'it', 'they' or 'he' near its start (or anywhere in a short one)."""
    words = re.findall(r"[\w']+", question.lower())
    scope = words if len(words) <= short else words[:4]
    return bool(_CONTEXT_PRONOUNS & set(scope))


def _token_at(unit: Span, char: int) -> Token:
    for t in unit:
        if t.idx - unit.start_char >= char:
            return t
    return unit[-1]


def _inside_quote(tok: Token, unit: Span) -> bool:
    return sum(1 for t in unit if t.i < tok.i and t.text in _QUOTE_CHARS) % 2 == 1


def _from_uncertainty(unit: Span, cue: Token) -> str | None:
    watch = re.search(
        r"\b(bears?|worth|merits?|deserves?)\s+(?:close |careful )?watching\b",
        unit.text,
        re.IGNORECASE,
    )
    if watch:
        q = _watch_question(unit, _token_at(unit, watch.start()))
        if q:
            return q
    return _from_clause_after(unit, cue, anywhere=True)


def _watch_question(unit: Span, verb: Token) -> str | None:
    """'X will bear close watching' → 'What will come of X?'."""
    subj = phr.subject_of(verb) or phr.subject_of(verb.head)
    if subj is None or subj.pos_ == "PRON":
        return None
    words = [t for t in subj.subtree if unit.start <= t.i < unit.end]
    if not words:
        return None
    return phr.render(["What", "will", "come", "of", *words], phr.lead_index(unit))


def _from_clause_after(unit: Span, cue: Token, anywhere: bool = False) -> str | None:
    """The wh-, whether- or that-clause the cue governs, as a direct question."""
    if cue.dep_ == "amod":  # "an unknown number of deaths": no statement of uncertainty
        return None
    for intro in _clause_intros(unit, cue, anywhere):
        verb = phr.clause_verb(intro)
        if verb.i == intro.i or not (unit.start <= verb.i < unit.end) or not _governs(cue, verb):
            continue
        toks = phr.clause_tokens(verb, unit, start=intro.i)
        if len(toks) < 3:
            continue
        if intro.lower_ in phr.YES_NO_MARKS:
            return phr.invert(verb, unit, toks)
        q = phr.invert(verb, unit, toks, wh=intro)
        if q is None and phr.clause_complete(toks, unit):  # the embedded question as it stands
            q = phr.render(toks, phr.lead_index(unit))
        return q
    return None


def _governs(cue: Token, verb: Token) -> bool:
    """The clause hangs off the cue or off the predicate the cue belongs to."""
    ancestors = {a.i for a in verb.ancestors}
    return cue.i in ancestors or cue.head.i in ancestors


def _clause_intros(unit: Span, cue: Token, anywhere: bool) -> list[Token]:
    """Wh-words and whether/if/that marks that could open the clause the cue governs."""
    after = [t for t in unit if t.i >= cue.i and _opens_clause(t)]
    before = (
        [t for t in unit if t.i < cue.i and _opens_clause(t) and t.lower_ != "that"]
        if anywhere
        else []
    )
    return after + before[::-1]


def _opens_clause(tok: Token) -> bool:
    low = tok.lower_
    if low in phr.WH_WORDS:
        return tok.tag_ in {"WRB", "WP", "WDT", "WP$"} and phr.clause_verb(tok).dep_ != "relcl"
    return low in {"whether", "if"} or (low == "that" and tok.dep_ == "mark")


def _from_depends(unit: Span, cue: Token) -> str | None:
    """'X depends on Y' → 'Does X depend on Y?' (the claim, put as a question)."""
    verb = cue if cue.lemma_ == "depend" else next((t for t in unit if t.lemma_ == "depend"), None)
    if verb is None:
        return None
    subj = phr.subject_of(verb)
    if subj is None or subj.pos_ == "PRON":
        return None
    toks = phr.clause_tokens(verb, unit, start=subj.left_edge.i)
    return phr.invert(verb, unit, toks)


def _from_possibility(unit: Span) -> str | None:
    """'lawmakers could block arms sales' → 'Could lawmakers block arms sales?'."""
    for tok in unit:
        if (
            tok.lower_ not in cues.POSSIBILITY_MODALS
            or tok.dep_ != "aux"
            or _inside_quote(tok, unit)
        ):
            continue
        verb = tok.head
        if verb.dep_ in {"relcl", "acl", "xcomp", "pcomp", "amod"}:
            continue
        subj = phr.subject_of(verb)
        if subj is None or not _concrete(subj) or not _clean_subject(subj, unit):
            continue
        toks = phr.clause_tokens(verb, unit, start=subj.left_edge.i)
        toks = _cut_coordination(toks, verb)
        q = phr.invert(verb, unit, toks)
        if q:
            return q
    return None


def _from_condition(unit: Span) -> str | None:
    """A present-tense 'if' clause: the condition is unresolved ('Will the talks fail?')."""
    for tok in unit:
        if tok.lower_ != "if" or tok.dep_ != "mark" or _inside_quote(tok, unit):
            continue
        verb = tok.head
        subj = phr.subject_of(verb)
        if subj is None or not _concrete(subj) or not _clean_subject(subj, unit):
            continue
        toks = phr.clause_tokens(verb, unit, start=tok.i)
        q = phr.will_question(verb, unit, toks)
        if q:
            return q
    return None


def _concrete(subj: Token) -> bool:
    """A subject a reader can act on: a noun phrase, not 'it', 'this' or 'they'."""
    return subj.pos_ in {"NOUN", "PROPN"} or any(t.pos_ in {"NOUN", "PROPN"} for t in subj.subtree)


def _clean_subject(subj: Token, unit: Span) -> bool:
    """A subject the parse delimits clearly: short, no punctuation inside, not glued to a
    preceding name or noun (a run-on headline or a time stamp gives 'mayor Days of…')."""
    words = list(subj.subtree)
    if len(words) > 12 or any(t.text in {",", ":", ";", "(", ")"} for t in words):
        return False
    first = words[0]
    if first.i > unit.start:
        before = first.doc[first.i - 1]
        if before.pos_ in {"PROPN", "NOUN", "NUM"}:
            return False
    return True


def _cut_coordination(toks: list[Token], verb: Token) -> list[Token]:
    """Drop a coordinated clause with its own subject ('…, but Beijing objected')."""
    for conj in verb.children:
        if conj.dep_ == "conj" and phr.subject_of(conj) is not None:
            cut = conj.left_edge.i
            cc = [c for c in verb.children if c.dep_ == "cc" and c.i < conj.i]
            if cc:
                cut = min(cut, cc[-1].i)
            return [t for t in toks if t.i < cut]
    return toks


# --- merging and ranking -----------------------------------------------------------


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
    when they are nearly all the words; otherwise four are needed ('swine flu vaccine'
    alone does not make two questions the same)."""
    shared = len(a & b)
    if shared < 3:
        return 0.0
    jaccard = shared / len(a | b)
    if shared >= 4:
        # one question restating the other with more detail: most of the shorter is shared
        return max(jaccard, shared / min(len(a), len(b)) - 0.1)
    return jaccard if jaccard >= 0.75 else 0.0


def merge(cands: Sequence[Candidate], threshold: float = 0.5) -> list[_Group]:
    """One group per distinct question; a group's best member gives the wording.

    Two questions are the same when their content words overlap enough, or when one is
    a document's headline question and the other an explicit question of its body that
    shares two content words with it (the body restates what the headline asks).
    """
    groups: list[_Group] = []
    for c in cands:
        for g in groups:
            if norm_key(c.text) == norm_key(g.best.text) or any(
                similarity(c.lemmas, m.lemmas) >= threshold or _restates(c, m) for m in g.members
            ):
                g.members.append(c)
                if _better(c, g.best):
                    g.best = c
                break
        else:
            groups.append(_Group(best=c, members=[c]))
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
    ka = (FAMILY_WEIGHT[a.family], not a.headline, -len(a.text))
    kb = (FAMILY_WEIGHT[b.family], not b.headline, -len(b.text))
    return ka > kb


def document_frequency(docs: Sequence[AnnotatedDoc]) -> Counter[str]:
    """In how many documents each (crudely stemmed) content word occurs."""
    df: Counter[str] = Counter()
    for ad in docs:
        df.update(
            {
                _stem(t.lower_)
                for t in ad.doc
                if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha
            }
        )
    return df


def salient_lemmas(
    docs: Sequence[AnnotatedDoc], share: float = 0.5, df: Counter[str] | None = None
) -> set[str]:
    """Content words found in at least ``share`` of the documents (and in two or more):
    what the corpus is about."""
    df = df if df is not None else document_frequency(docs)
    need = max(2, math.ceil(len(docs) * share))
    return {w for w, n in df.items() if n >= need}


def _actor_names(actors: Sequence[Actor], top: int = 10) -> list[str]:
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


def score(g: _Group, salient: set[str], names: Sequence[str]) -> float:
    """Rank: sources first, then cue strength; centrality and backing break ties."""
    best = g.best
    words = set().union(*(content_words(m.sentence) for m in g.members))
    central = len(words & salient) / len(words) if words else 0.0
    text = " ".join(m.sentence.lower() for m in g.members)
    lowered = {n.lower() for n in names}
    actors = sum(1 for n in lowered if re.search(rf"\b{re.escape(n)}\b", text))
    backed = sum(m.backed for m in g.members)
    return (
        2.0 * len(g.sources)
        + FAMILY_WEIGHT[best.family]
        + 1.0 * central
        + 0.2 * min(actors, 3)
        + 0.4 * min(backed, 2)
        + (0.5 if best.headline else 0.0)
    )
