"""Detect the open question a sentence unit raises, and phrase it.

Each unit is tried against the cue families in order (``question_cues``): an explicit
question; an uncertainty statement ("it remains unclear when…", "will bear close
watching"); a doubt ("show me how…"); a claim that depends on something ("depends on
how…"); a possibility ("lawmakers could block…"); a present-tense condition ("if the
talks fail…").  The clause the cue governs becomes a direct question through
``question_phrasing``; when no rule applies safely the unit raises no question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.extract.questions import cues as cues
from briefgen.extract.questions import phrasing as phr
from briefgen.extract.text import squash

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_QUOTE_CHARS = {'"', "“", "”", "``", "''"}


# the families whose cue states that something is unresolved: when the clause cannot be
# rewritten into a question, the source sentence is quoted instead ("Unresolved: …")
FALLBACK_FAMILIES = ("unknown", "unclear", "investigation", "too_early", "decision")
# tried in this order; the first family whose cue yields a question wins
FAMILY_ORDER = (
    "unclear",
    "unknown",
    "too_early",
    "investigation",
    "decision",
    "depends",
    "disputed",
)
UNRESOLVED = "Unresolved: "
MAX_FALLBACK_WORDS = 60


@dataclass(frozen=True)
class Found:
    """The question one unit raises: its family, wording, and the words of its subject."""

    family: str
    text: str
    subject: tuple[str, ...] = ()
    rewritten: bool = True


def detect(unit: Span) -> tuple[str, str] | None:
    """The family and phrased question of one unit, or None when it raises none."""
    found = find(unit)
    return None if found is None else (found.family, found.text)


def find(unit: Span) -> Found | None:
    """The open question one unit raises, rewritten as a question where the grammar
    check passes, else quoted as "Unresolved: <sentence>" (strong cues only)."""
    text = unit.text
    if "?" in text:
        q = _explicit(unit)
        if q and not _addresses_reader(unit):
            return Found("question", q, _subject_words_of_text(unit))
    fallback: Found | None = None
    for family in FAMILY_ORDER:
        for m in cues.FAMILY_RES[family].finditer(text):
            cue = _token_at(unit, m.start())
            if _attributive(cue) or _inside_negated_doubt(cue) or _in_relative(cue):
                continue
            if _letter_writer(cue, unit):
                break  # "I wonder what…", "we do not know…" in the writer's own voice
            phrased = _phrase(family, unit, cue)
            if phrased:
                return Found(family, phrased[0], phrased[1])
            if fallback is None and family in FALLBACK_FAMILIES:
                fallback = _fallback(family, unit, cue)
    q2 = _from_timing(unit)
    if q2:
        return Found("forecast", q2[0], q2[1])
    q2 = _from_possibility(unit)
    if q2:
        return Found("forecast", q2[0], q2[1]) if fallback is None else fallback
    q2 = _from_condition(unit)
    if q2 and fallback is None:
        return Found("forecast", q2[0], q2[1])
    return fallback


def _phrase(family: str, unit: Span, cue: Token) -> tuple[str, tuple[str, ...]] | None:
    if family == "depends":
        return _from_depends(unit, cue)
    if family == "too_early":
        watch = _from_uncertainty(unit, cue)
        if watch:
            return watch
    q = _from_clause_after(unit, cue, anywhere=family in {"unclear", "unknown"})
    if q:
        return q
    if family in {"unclear", "unknown"}:
        return _from_subject(unit, cue)
    return None


def _states_something(cue: Token, family: str) -> bool:
    """The cue says that something definite is unresolved: it is predicated of a subject
    ('the cause remains unclear'), or governs a wh- or whether-clause ('not known
    whether…'); 'too early to…' may govern any clause ('too early to know the full
    cost').  'They can not say anything more', 'does not know the whereabouts of her
    mother', 'trying to identify loved ones' and 'bringing mystery' do not."""
    if cue.dep_ in {"acomp", "attr", "oprd"} or (cue.dep_ == "ROOT" and cue.pos_ == "ADJ"):
        return True
    head = cue if cue.pos_ in {"VERB", "AUX"} else cue.head
    for t in head.subtree:
        if t.i <= cue.i:
            continue
        if t.lower_ in phr.WH_WORDS | {"whether", "if"} and t.tag_ in {
            "WRB",
            "WP",
            "WDT",
            "WP$",
            "IN",
        }:
            # "no idea where to go": what someone will do, not an unknown fact (but a
            # decision is about what to do: "decide whether to raise the alert")
            return family == "decision" or phr.subject_of(phr.clause_verb(t)) is not None
        if family in {"too_early", "decision"} and t.dep_ in {"ccomp", "xcomp", "csubj"}:
            return True
    return False


def _letter_writer(cue: Token, unit: Span) -> bool:
    """'I am trying to find out…' outside quotation marks: a reader's letter or a
    columnist, not a source saying what is unresolved."""
    head = cue if cue.pos_ in {"VERB", "AUX"} else cue.head
    for verb in (head, head.head):
        subj = phr.subject_of(verb)
        if subj is not None and subj.lower_ in {"i", "we"}:
            return not _inside_quote(subj, unit)
    return False


def _fallback(family: str, unit: Span, cue: Token) -> Found | None:
    if not _states_something(cue, family):
        return None
    sentence = phr.tidy_sentence(squash(unit.text))
    if not cues.clear_uncertainty(sentence):
        return None  # "would be premature", "a judge must decide": no plain unknown
    words = sentence.split()
    if len(words) > MAX_FALLBACK_WORDS or len(words) < 6:
        return None
    nouns = [
        t
        for t in unit
        if t.pos_ in {"NOUN", "PROPN"} and not t.is_stop and not cue.i <= t.i < cue.i + 3
    ]
    if len(nouns) < 2:  # "The reasons for that are not clear": about the sentence before
        return None
    text = UNRESOLVED + sentence.strip()
    subject = tuple(
        t.lemma_.lower()
        for t in cue.head.subtree
        if t.pos_ in {"NOUN", "PROPN"} and unit.start <= t.i < unit.end
    )
    return Found(family, text, subject, rewritten=False)


_ADJECTIVE_CUES = {
    "unknown",
    "unclear",
    "uncertain",
    "undecided",
    "unresolved",
    "unanswered",
    "mysterious",
    "premature",
    "disputed",
    "contested",
}


def _attributive(cue: Token) -> bool:
    """'an unknown number of deaths', 'a premature birth': the cue word describes a noun."""
    return cue.dep_ in {"amod", "compound"} and cue.lower_ in _ADJECTIVE_CUES


def _in_relative(cue: Token) -> bool:
    """'in ways we can not predict': the cue describes a noun, it does not raise a question."""
    return cue.dep_ == "relcl" or cue.head.dep_ == "relcl"


def _inside_negated_doubt(cue: Token) -> bool:
    """'any doubts … were dispelled', 'there is no doubt that': no open question."""
    if cue.lemma_ != "doubt":
        return False
    if any(c.lower_ in {"no", "any", "little"} for c in cue.children):
        return True
    return cue.head.lemma_ in {"dispel", "remove", "end", "erase"}


def _addresses_reader(unit: Span) -> bool:
    """'Here's my question to you: …': a question put to the reader."""
    return any(t.lower_ in {"you", "your"} for t in unit)


def _subject_words_of_text(unit: Span) -> tuple[str, ...]:
    for t in unit:
        if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ in {"NOUN", "PROPN"}:
            return tuple(x.lemma_.lower() for x in t.subtree if x.pos_ in {"NOUN", "PROPN", "ADJ"})
    return ()


PREDICATE_MARK = "~"


def _subject_words(subj: Token | None, verb: Token | None = None) -> tuple[str, ...]:
    """Lemmas of the subject's content words, then the predicate's (verb and complement
    heads) marked with ``PREDICATE_MARK``: what a later statement must repeat to answer it."""
    if subj is None:
        return ()
    words = [t.lemma_.lower() for t in subj.subtree if t.pos_ in {"NOUN", "PROPN", "ADJ"}]
    if verb is not None:
        pred = [verb] + [
            c for c in verb.children if c.dep_ in {"dobj", "attr", "acomp", "oprd", "xcomp"}
        ]
        words += [PREDICATE_MARK + t.lemma_.lower() for t in pred if not t.is_stop or t.i == verb.i]
    return tuple(words)


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
    "Bird flu or H5N1?" are not questions a reader can act on.  Questions that speak to
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
        or personal(q)
        or _TAG_QUESTION.search(q)
        or cues.is_definitional(q)
        or context_bound(q, short=8)
    ):
        return None
    return q


def personal(question: str) -> bool:
    """First or second person: a reader's or a columnist's question, a comment form."""
    return any(
        w.lower() in _PERSONAL and w != "US" for w in re.findall(r"[\w']+", question)
    )  # "US" is a country


def context_bound(question: str, short: int = 0) -> bool:
    """A question about 'it', 'they' or 'he' near its start (or anywhere in a short one)."""
    words = re.findall(r"[\w']+", question.lower())
    # "how long will it take to…": 'it' stands for nothing
    words = [
        w
        for k, w in enumerate(words)
        if not (w == "it" and words[k + 1 : k + 2] in (["take"], ["takes"]))
    ]
    scope = words if len(words) <= short else words[:4]
    return bool(_CONTEXT_PRONOUNS & set(scope))


def _token_at(unit: Span, char: int) -> Token:
    for t in unit:
        if t.idx - unit.start_char >= char:
            return t
    return unit[-1]


def _inside_quote(tok: Token, unit: Span) -> bool:
    return sum(1 for t in unit if t.i < tok.i and t.text in _QUOTE_CHARS) % 2 == 1


Phrased = tuple[str, tuple[str, ...]]


def _from_uncertainty(unit: Span, cue: Token) -> Phrased | None:
    watch = re.search(
        r"\b(bears?|worth|merits?|deserves?)\s+(?:close |careful )?watching\b",
        unit.text,
        re.IGNORECASE,
    )
    if watch:
        return _watch_question(unit, _token_at(unit, watch.start()))
    return None


def _watch_question(unit: Span, verb: Token) -> Phrased | None:
    """'X will bear close watching' → 'What will come of X?'."""
    subj = phr.subject_of(verb) or phr.subject_of(verb.head)
    if subj is None or subj.pos_ == "PRON":
        return None
    words = [t for t in subj.subtree if unit.start <= t.i < unit.end]
    if not words:
        return None
    return phr.render(["What", "will", "come", "of", *words], phr.lead_index(unit)), _subject_words(
        subj
    )


def _from_clause_after(unit: Span, cue: Token, anywhere: bool = False) -> Phrased | None:
    """The wh-, whether- or that-clause the cue governs, as a direct question; failing
    that, a bare complement clause ('too early to assume [the outbreak is mild]')."""
    if _attributive(cue):  # "an unknown number of deaths": no statement of uncertainty
        return None
    for n, intro in enumerate(_clause_intros(unit, cue, anywhere)):
        if n == 0 and _what_to_do(intro, unit):
            return None  # "did not know how to respond when…": what to do, not a fact
        verb = phr.clause_verb(intro)
        if verb.i == intro.i or not (unit.start <= verb.i < unit.end) or not _governs(cue, verb):
            continue
        if intro.lower_ == "that" and verb.head.i not in {cue.i, cue.head.i}:
            continue  # "rumours that…" under the cue's object: not what is unknown
        if verb.dep_ == "advcl" and verb.head.i not in {cue.i, cue.head.i}:
            # "did not know how to respond when the star stopped": a time, not a question
            continue
        toks = phr.clause_tokens(verb, unit, start=intro.i)
        toks = _cut_coordination(toks, verb)
        if len(toks) < 3:
            continue
        subj = phr.subject_of(verb)
        if subj is None and intro.lower_ == "whether":
            q2 = _whether_to(unit, cue, intro.head, toks)
            if q2:
                return q2
        if intro.lower_ in phr.YES_NO_MARKS:
            q = phr.invert(verb, unit, toks)
            return (q, _subject_words(subj, verb)) if q else None
        q = phr.invert(verb, unit, toks, wh=intro)
        return (q, _subject_words(subj, verb)) if q else None
    return _from_complement(unit, cue)


def _what_to_do(intro: Token, unit: Span) -> bool:
    """'how to respond', 'what to do': a wh-word opening an infinitive."""
    nxt = intro.i + 1
    return (
        intro.lower_ in phr.WH_WORDS
        and nxt < unit.end
        and unit.doc[nxt].lower_ == "to"
        and unit.doc[nxt].tag_ == "TO"
    )


def _whether_to(unit: Span, cue: Token, verb: Token, toks: list[Token]) -> Phrased | None:
    """'Experts will meet to discuss whether to raise the alert' → 'Will the experts
    raise the alert?': the deciders, found up the cue's chain of verbs, as the subject."""
    if (
        cue.pos_ not in {"VERB", "AUX"}
        or verb.tag_ != "VB"
        or not any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
    ):
        return None
    head, subj = cue, None
    for _ in range(4):
        subj = phr.subject_of(head)
        if subj is not None or head.head.i == head.i:
            break
        head = head.head
    if subj is None or subj.lower_ in _CONTEXT_PRONOUNS or subj.pos_ == "PRON":
        return None
    subject = [t for t in subj.subtree if unit.start <= t.i < unit.end]
    body = [t for t in toks if t.i >= verb.i]
    pieces: list[Token | str] = ["will", *subject, *body]
    if not phr.grammar.check(pieces, subj, verb).ok:
        return None
    return phr.render(pieces, phr.lead_index(unit)), _subject_words(subj, verb)


def _from_complement(unit: Span, cue: Token) -> Phrased | None:
    """'too early to assume the outbreak is mild' → 'Is the outbreak mild?'."""
    for verb in unit:
        if verb.dep_ != "ccomp" or verb.i <= cue.i or not _governs(cue, verb):
            continue
        if any(c.dep_ == "mark" for c in verb.children):
            continue
        subj = phr.subject_of(verb)
        if subj is None or subj.pos_ == "PRON" or subj.i < cue.i:
            continue
        toks = _cut_coordination(phr.clause_tokens(verb, unit, start=subj.left_edge.i), verb)
        q = phr.invert(verb, unit, toks)
        if q:
            return q, _subject_words(subj, verb)
    return None


# heads of a subject that name an attribute: "the cause of X is unclear" → "What is the cause of X?"
def _from_subject(unit: Span, cue: Token) -> Phrased | None:
    """'The severity of the virus remains uncertain' → 'What is the severity of the virus?'."""
    pred = cue.head if cue.dep_ in {"acomp", "attr", "oprd", "xcomp"} else None
    if pred is None or pred.lemma_ not in {"be", "remain", "stay", "seem", "appear"}:
        return None
    subj = phr.subject_of(pred)
    if subj is None or subj.pos_ not in {"NOUN", "PROPN"} or not _clean_subject(subj, unit):
        return None
    if any(c.dep_ in {"ccomp", "xcomp", "advcl", "prep"} and c.i > cue.i for c in pred.children):
        return None
    words = [t for t in subj.subtree if unit.start <= t.i < unit.end]
    plural = subj.tag_ in {"NNS", "NNPS"}
    pieces: list[Token | str] = ["What", "are" if plural else "is", *words]
    return phr.render(pieces, phr.lead_index(unit)), _subject_words(subj)


def _governs(cue: Token, verb: Token) -> bool:
    """The clause hangs off the cue or off the predicate the cue belongs to."""
    ancestors = {a.i for a in verb.ancestors}
    # "the biggest question is this: how…": the cue word modifies the predicate's subject
    heads = {cue.i, cue.head.i}
    if cue.head.dep_ in {"nsubj", "nsubjpass", "attr"}:
        heads.add(cue.head.head.i)
    return bool(heads & ancestors)


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


def _from_depends(unit: Span, cue: Token) -> Phrased | None:
    """'X depends on Y' → 'Does X depend on Y?' (the claim, put as a question)."""
    verb = cue if cue.pos_ in {"VERB", "AUX"} else None
    if verb is None or any(c.tag_ == "MD" for c in verb.children):
        return None  # "can only depend on help": a statement, not an open condition
    subj = phr.subject_of(verb)
    if subj is None or subj.pos_ == "PRON":
        return None
    toks = phr.clause_tokens(verb, unit, start=subj.left_edge.i)
    q = phr.invert(verb, unit, toks)
    return (q, _subject_words(subj, verb)) if q else None


_TIME_UNITS = {"minute", "hour", "day", "week", "month", "year", "decade"}
_CLAUSE_STOPS = {"if", "unless", "because", "although", "though", "while", "as", ",", ";", "but"}


def _from_timing(unit: Span) -> Phrased | None:
    """A hedged estimate of time: 'it could take six months to produce a vaccine' →
    'How long will it take to produce a vaccine?'; 'it may be months before a vaccine is
    ready' → 'When will a vaccine be ready?'."""
    for tok in unit:
        if tok.lower_ not in cues.POSSIBILITY_MODALS | {"will", "would"} or tok.dep_ != "aux":
            continue
        verb = tok.head
        subj = phr.subject_of(verb)
        if verb.lemma_ not in {"take", "be"} or subj is None or subj.lower_ != "it":
            continue
        if not any(t.lemma_ in _TIME_UNITS for t in verb.subtree if t.i < unit.end):
            continue
        for c in verb.children:
            if verb.lemma_ == "take" and c.dep_ == "xcomp" and c.i > verb.i:
                toks = _until_stop([t for t in c.subtree if unit.start <= t.i < unit.end])
                if len(toks) >= 3:
                    q = phr.render(
                        ["How", "long", "will", "it", "take", *toks], phr.lead_index(unit)
                    )
                    return q, (*_subject_words(_object_of(c)), PREDICATE_MARK + c.lemma_)
            mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ == "before"), None)
            if c.dep_ == "advcl" and mark is not None:
                inner = phr.subject_of(c)
                if inner is None or inner.pos_ == "PRON":
                    continue
                toks = phr.clause_tokens(c, unit, start=mark.i + 1)
                body = phr.will_question(c, unit, toks)
                if body:
                    q = "When w" + body[1:]
                    return q, _subject_words(inner, c)
    return None


def _object_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"dobj", "attr"}), None)


def _until_stop(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in toks:
        if t.lower_ in _CLAUSE_STOPS:
            break
        out.append(t)
    return out


def _from_possibility(unit: Span) -> Phrased | None:
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
        if subj is None or subj.pos_ not in {"NOUN", "PROPN"} or not _clean_subject(subj, unit):
            continue  # "some with heavy equipment may stay": whose forecast is it about?
        toks = phr.clause_tokens(verb, unit, start=subj.left_edge.i)
        toks = _cut_coordination(toks, verb)
        q = phr.invert(verb, unit, toks)
        if q:
            return q, _subject_words(subj, verb)
    return None


def _from_condition(unit: Span) -> Phrased | None:
    """A present-tense 'if' clause: the condition is unresolved ('Will the talks fail?')."""
    for tok in unit:
        if tok.lower_ != "if" or tok.dep_ != "mark" or _inside_quote(tok, unit):
            continue
        verb = tok.head
        subj = phr.subject_of(verb)
        if subj is None or not _concrete(subj) or not _clean_subject(subj, unit):
            continue
        toks = _cut_coordination(phr.clause_tokens(verb, unit, start=tok.i), verb)
        q = phr.will_question(verb, unit, toks)
        if q:
            return q, _subject_words(subj, verb)
    return None


def _concrete(subj: Token) -> bool:
    """A subject a reader can act on: a noun phrase, not 'it', 'this' or 'they'."""
    return subj.pos_ in {"NOUN", "PROPN"} or any(t.pos_ in {"NOUN", "PROPN"} for t in subj.subtree)


def _clean_subject(subj: Token, unit: Span) -> bool:
    """A subject the parse delimits clearly: short, no punctuation inside, not glued to a
    preceding name or noun (a run-on headline or a time stamp gives 'mayor Days of…')."""
    words = list(subj.subtree)
    if len(words) > 12 or any(t.text in {",", ":", ";", "(", ")", "-RRB-", "-LRB-"} for t in words):
        return False
    if any(
        t.lower_ in {"a.m.", "p.m.", "am", "pm"} and t.i > 0 and t.doc[t.i - 1].like_num
        for t in words
    ):
        return False  # a dateline ("Strelsau, 1 p.m. ET Multiple bursts…") run into the subject
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
