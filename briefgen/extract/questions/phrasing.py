"""Turn a clause of a parsed sentence into a direct question, keeping its meaning.

The rules only move words; they never add content beyond an auxiliary:

- wh-clause, auxiliary present:   "when an upgrade could be agreed" → "When could an upgrade be agreed?"
- wh-clause, no auxiliary:        "what Paris wants" → "What does Paris want?" (do-support)
- whether/if/that-clause:         "whether the leader expressed a wish" → "Did the leader express a wish?"
- modal claim:                    "lawmakers could block sales" → "Could lawmakers block sales?"
- present-tense condition:        "if the talks fail" → "Will the talks fail?"

Each function returns ``None`` when the clause is not safe to rephrase (no subject, an
unknown tense, a fragment), and the caller then shows the source sentence instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefgen.extract.questions import grammar as grammar

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

WH_WORDS = {"when", "what", "how", "why", "who", "whom", "whose", "which", "where"}
YES_NO_MARKS = {"whether", "if", "that"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl"}
AUX_DEPS = {"aux", "auxpass"}
_CONTRACTIONS = {
    "'s": "is",
    "’s": "is",
    "'re": "are",
    "’re": "are",
    "'ll": "will",
    "’ll": "will",
    "'d": "would",
    "’d": "would",
    "'m": "am",
    "’m": "am",
    "ca": "can",
    "wo": "will",
}
_DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}
_MODAL_SWAP = {"may": "might"}
_QUOTES = "\"“”'‘’"
_LEAD_DROP = {"so", "but", "and", "yet", "then", "now", "still"}


def clause_verb(tok: Token) -> Token:
    """The predicate heading the clause that ``tok`` (a wh-word or mark) introduces."""
    verb = tok.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    return None


def _first_aux(verb: Token, subj: Token) -> Token | None:
    for child in verb.lefts:
        if child.dep_ in AUX_DEPS and child.i > subj.i and child.lower_ != "to":
            return child
    return None


def _neg_after(aux: Token) -> Token | None:
    doc = aux.doc
    if aux.i + 1 < len(doc) and doc[aux.i + 1].lower_ == "n't":
        return doc[aux.i + 1]
    return None


def _aux_text(aux: Token) -> str:
    low = aux.lower_
    if low in {"'s", "’s"} and aux.lemma_ == "have":
        return "has"
    return _MODAL_SWAP.get(low, _CONTRACTIONS.get(low, low))


def _word(tok: Token, first: bool) -> str:
    """A token's text moved out of sentence-initial position (lower-cased unless a name)."""
    text = tok.text
    if first and tok.tag_ not in {"NNP", "NNPS"} and text != "I" and not text.isupper():
        return text[:1].lower() + text[1:]
    return text


def render(pieces: Sequence[Token | str], sentence_start: int) -> str:
    """Join tokens and inserted words into a capitalised question ending with '?'."""
    out: list[str] = []
    for k, piece in enumerate(pieces):
        if isinstance(piece, str):
            text, ws = piece, " "
        else:
            text = _word(piece, piece.i == sentence_start)
            nxt = pieces[k + 1] if k + 1 < len(pieces) else None
            adjacent = nxt is not None and not isinstance(nxt, str) and nxt.i == piece.i + 1
            ws = piece.whitespace_ if adjacent else " "
            if not adjacent and not isinstance(nxt, str) and nxt is not None:
                ws = "" if nxt.text in {",", ".", ";", ":", "'s", "’s", "n't"} else " "
        out.append(text + ws)
    text = "".join(out).strip()
    return finish(text)


def finish(text: str) -> str:
    """Tidy a question: balanced quotes, no trailing punctuation, capitalised, one '?'."""
    text = detokenize(" ".join(text.split()))
    stripped = text.rstrip(" .,;:!?–—-" + _QUOTES)
    tail = text[len(stripped) :]
    text = stripped
    # a closing mark stripped from the end comes back when it closes an open quote
    if "”" in tail and text.count("“") == text.count("”") + 1:
        text += "”"
    elif '"' in tail and text.count('"') % 2 == 1:
        text += '"'
    elif ("'" in tail or "’" in tail) and re.search(r"(?:^|\s)['‘]\w[^'‘’]*$", text):
        text += "’" if "’" in tail else "'"
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count("‘") > text.count("’"):
        text = text.replace("‘", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    text = text.replace(" ?", "?").strip()
    if not text:
        return text
    return text[:1].upper() + text[1:] + "?"


def tidy_sentence(text: str) -> str:
    """A source sentence for quoting: Penn spacing undone, unbalanced quote marks dropped."""
    text = detokenize(" ".join(text.split()))
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text.strip()


def detokenize(text: str) -> str:
    """Undo Penn-Treebank spacing and quote marks ("it 's", " , ", `` … '') in corpus text."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("\\/", "/")
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r"\s+([,.;:!?%)]|'s\b|’s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b)", r"\1", text)
    return re.sub(r"([(])\s+", r"\1", text)


def clause_tokens(verb: Token, unit: Span, start: int | None = None) -> list[Token]:
    """The verb's clause inside ``unit`` from ``start`` on, without final punctuation."""
    toks = sorted(
        (
            t
            for t in verb.subtree
            if unit.start <= t.i < unit.end and (start is None or t.i >= start)
        ),
        key=lambda t: t.i,
    )
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].text in _QUOTES):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].dep_ == "cc"):
        toks.pop(0)
    return toks


def _wh_phrase(wh: Token, verb: Token, subj: Token | None = None) -> list[Token]:
    """'how' alone, or the whole phrase the wh-word opens ('how much protection', 'which
    side of the border') when it is one stretch of words before the subject."""
    top = wh
    while top.head.i != verb.i and top.head.i != top.i:
        top = top.head
    if top.i == wh.i or top.i < wh.i:
        return [wh]
    span = sorted(t.i for t in top.subtree if t.i >= wh.i)
    limit = subj.left_edge.i if subj is not None and subj.i > wh.i else verb.i
    span = [i for i in span if i < limit]
    if span and span == list(range(wh.i, span[-1] + 1)) and top.i in span:
        return list(wh.doc[wh.i : span[-1] + 1])
    if top.i - wh.i <= 4 and all(
        t.i in {x.i for x in top.subtree} for t in wh.doc[wh.i : top.i + 1]
    ):
        return list(wh.doc[wh.i : top.i + 1])
    return [wh]


def _contiguous(toks: Sequence[Token]) -> bool:
    idx = [t.i for t in toks]
    return bool(idx) and idx == list(range(idx[0], idx[-1] + 1))


def clause_complete(toks: Sequence[Token], unit: Span) -> bool:
    """True when the clause is one unbroken stretch that ends at a boundary.

    A parse that cuts a clause in the middle of a phrase ("if the government decides |
    vaccine production is necessary") leaves a gap or a following word that is not
    punctuation; rephrasing such a clause would change its meaning.
    """
    if not toks:
        return False
    idx = [t.i for t in toks]
    if idx != list(range(idx[0], idx[-1] + 1)):
        return False
    nxt = idx[-1] + 1
    if nxt >= unit.end:
        return True
    after = unit.doc[nxt]
    return after.is_punct or after.dep_ == "cc" or after.text in _QUOTES or after.is_space


def _conj_fix(
    verb: Token, subj_toks: list[Token], do_support: bool, toks: set[int]
) -> dict[int, list[Token | str]]:
    """Coordinated predicates sharing the subject: 'or was merely making' → 'or was <subj> merely making'."""
    fixes: dict[int, list[Token | str]] = {}
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ not in {"VERB", "AUX"} or conj.i not in toks:
            continue
        if subject_of(conj) is not None:
            continue
        aux = next((c for c in conj.lefts if c.dep_ in AUX_DEPS and c.lower_ != "to"), None)
        if aux is not None:
            fixes[aux.i] = [aux, *subj_toks]
        elif do_support and conj.tag_ == verb.tag_:
            fixes[conj.i] = [conj.lemma_]
    return fixes


def invert(verb: Token, unit: Span, toks: list[Token], wh: Token | None = None) -> str | None:
    """A direct question from a clause headed by ``verb`` (``toks`` its words in order).

    With ``wh`` the question starts with the wh-phrase; without it, it is a yes/no question.
    ``None`` when the clause cannot be inverted or the result fails the grammar check
    (``question_grammar``).
    """
    built = invert_pieces(verb, unit, toks, wh)
    if built is None:
        return None
    pieces, subj = built
    if not grammar.check(pieces, subj, verb).ok:
        return None
    return render(pieces, lead_index(unit))


def invert_pieces(
    verb: Token, unit: Span, toks: list[Token], wh: Token | None = None
) -> tuple[list[Token | str], Token] | None:
    """The pieces of the inverted question and its subject, before the grammar check."""
    subj = subject_of(verb)
    if subj is None or subj.i not in {t.i for t in toks}:
        return None
    # a subject clause ("what happened … remains a mystery") runs into its predicate
    if not (clause_complete(toks, unit) or (verb.dep_ == "csubj" and _contiguous(toks))):
        return None
    wh_toks = _wh_phrase(wh, verb, subj) if wh is not None else []
    if wh is not None and (wh.dep_ in SUBJECT_DEPS or any(t.i == subj.i for t in wh_toks)):
        # the wh-phrase is the subject: no inversion ("who will decide"); another noun
        # before the verb means the parse took the object for the subject
        after = wh_toks[-1].i + 1 if wh_toks else wh.i + 1
        if any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in verb.doc[after : verb.i]):
            return None
        hop = wh.head if wh.i != subj.i else subj
        while hop.i != subj.i and hop.i != hop.head.i:
            if hop.pos_ in {"NOUN", "PROPN"}:  # "how much protection current vaccines": a misparse
                return None
            hop = hop.head
        return list(toks), subj
    if subj.i > verb.i and verb.lemma_ != "be":  # an odd parse
        return None
    if wh is not None and _already_inverted(verb, subj, wh):
        # "how severe will the pandemic be": a direct question inside a statement
        return [t for t in toks if t.i >= wh.i], subj
    if subj.i > verb.i:
        return None
    moved = {t.i for t in wh_toks}
    aux = _first_aux(verb, subj)
    if aux is None and verb.lemma_ == "be" and verb.i > subj.i:
        aux = verb
    head_words: list[Token | str] = list(wh_toks)
    replace: dict[int, list[Token | str]] = {}
    do_support = False
    if aux is not None and _backshifted(aux, verb):
        # reported speech: "which side the virus had originated" → "did … originate"
        head_words.append("did")
        moved.add(aux.i)
        replace[verb.i] = [verb.lemma_]
        do_support = True
    elif aux is not None:
        neg = _neg_after(aux)
        word = _aux_text(aux) + ("n't" if neg is not None else "")
        head_words.append(word)
        moved.add(aux.i)
        if neg is not None:
            moved.add(neg.i)
    else:
        do = _DO_SUPPORT.get(verb.tag_)
        if do is None:
            return None
        head_words.append(do)
        replace[verb.i] = [verb.lemma_]
        do_support = True
    subj_toks = list(subj.subtree)
    replace.update(_conj_fix(verb, subj_toks, do_support, {t.i for t in toks}))
    body: list[Token | str] = []
    for t in toks:
        if t.i in moved or (wh is None and t.i == toks[0].i and t.lower_ in YES_NO_MARKS):
            continue
        body.extend(replace.get(t.i, [t]))
    return [*head_words, *body], subj


def _backshifted(aux: Token, verb: Token) -> bool:
    """A past perfect of reported speech ('had originated'), active and not negated."""
    return (
        aux.lower_ == "had"
        and verb.tag_ == "VBN"
        and verb.lemma_ not in {"be", "have"}
        and _neg_after(aux) is None
        and not any(c.dep_ in {"aux", "auxpass"} and c.i != aux.i for c in verb.children)
    )


def _already_inverted(verb: Token, subj: Token, wh: Token) -> bool:
    """An auxiliary (or the copula) stands between the wh-word and the subject."""
    between = [
        t
        for t in verb.doc[wh.i + 1 : subj.left_edge.i]
        if (t.head.i == verb.i and t.dep_ in AUX_DEPS) or (t.i == verb.i and t.lemma_ == "be")
    ]
    return bool(between) or (verb.lemma_ == "be" and verb.i < subj.i)


def _join_head(head: list[Token | str], body: list[Token | str], unit: Span) -> str:
    pieces: list[Token | str] = [*head, *body]
    return render(pieces, lead_index(unit))


def lead_index(unit: Span) -> int:
    """The unit's first word (after punctuation and dropped lead words like 'So', 'But')."""
    for t in unit:
        if not (t.is_punct or t.lower_ in _LEAD_DROP):
            return t.i
    return unit.start


def will_question(verb: Token, unit: Span, toks: list[Token]) -> str | None:
    """A present-tense condition as a future question: 'if the talks fail' → 'Will the talks fail?'."""
    subj = subject_of(verb)
    if subj is None or subj.i > verb.i or not clause_complete(toks, unit):
        return None
    body: list[Token | str] = [
        t for t in toks if not (t.i == toks[0].i and t.lower_ in YES_NO_MARKS)
    ]
    aux = _first_aux(verb, subj)
    present = {"VBZ", "VBP"}
    if aux is not None:
        if aux.tag_ == "MD":
            return invert(verb, unit, toks)
        if aux.lemma_ != "be" or aux.tag_ not in present:
            return None
        body = ["be" if not isinstance(t, str) and t.i == aux.i else t for t in body]
    elif verb.tag_ in present:
        word = "be" if verb.lemma_ == "be" else verb.lemma_
        body = [word if not isinstance(t, str) and t.i == verb.i else t for t in body]
    else:
        return None
    pieces: list[Token | str] = ["will", *body]
    if not grammar.check(pieces, subj, verb).ok:
        return None
    return render(pieces, lead_index(unit))


def strip_lead(text: str) -> str:
    """'So is Norway about to…?' → 'Is Norway about to…?' (discourse markers dropped)."""
    words = text.split(" ")
    while len(words) > 3 and words[0].strip(",").lower() in _LEAD_DROP:
        words = words[1:]
    out = " ".join(words)
    return finish(out)


# a reporting tail left on a rewrite: "…, according to analysts?", "…, the medic who
# carried out the autopsy has testified?", "…, officials said?"
_ATTRIBUTION_TAIL_RE = re.compile(
    r",\s+(?:according\s+to\s+[^,?]+|[^,?]{0,90}?\b(?:(?:has|have|had)\s+)?"
    r"(?:said|says|testified|told\s+[^,?]+|reported|reports|added|warned|noted|believes?|thinks?)"
    r"(?:\s+on\s+[^,?]+)?)\?$"
)
# an inverted question whose subject kept the capital of a sentence start: "Has The…"
_CAPITAL_AFTER_AUX_RE = re.compile(r"^(\w+ )(The|A|An|This|These|Those|Some|Many|Most) ")


def strip_attribution(question: str) -> str:
    """The question without a reporting tail, and with its subject's determiner in lower
    case: "Could X fall, according to analysts?" → "Could X fall?"."""
    question = _ATTRIBUTION_TAIL_RE.sub("?", question)
    # "Might the barracks well be…?" → "Might the barracks be…?"
    question = re.sub(
        r"^((?:Might|May|Could) [^?]*?) well (?=(?:be|have|become|prove)\b)", r"\1 ", question
    )
    return _CAPITAL_AFTER_AUX_RE.sub(lambda m: m.group(1) + m.group(2).lower() + " ", question)
