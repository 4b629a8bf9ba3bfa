"""Attribution: who said each direct quote, and reported speech, in one parsed Doc.

Works on one spaCy ``Doc`` with a dependency parse.  For each quotation found by
``briefgen.extract.positions.quotes`` the cue verb is looked for right after the quote
(``"…," X said`` / ``"…," said X``), then before it in the same sentence
(``X said: "…"`` / ``according to X, "…"``); a quote with no cue of its own takes the
speaker of the quote it continues (``"X," he said. "Y"``) or of the previous
paragraph's quote when it fills its paragraph.  Reported speech is a cue verb's
content clause (``X said (that) …``, ``X told Y that …``, ``according to X, …``,
``X expressed hope that …``).

Speakers are the text as written; a pronoun speaker gets ``antecedent``, the nearest
preceding named person in subject or speaker position, or None.  Mapping to canonical
actors is ``briefgen.extract.positions``' job.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from briefgen.extract.positions import anaphora as anaphora
from briefgen.extract.positions.anaphora import _SUBJ, PERSONAL_PRONOUNS
from briefgen.extract.positions.quotes import MARKS, QuoteSpan, find_quotes, strip_marks
from briefgen.extract.text import doc_ents, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Generic English reporting verbs (lemmas).
CUE_LEMMAS = frozenset(
    """say tell add warn note describe suggest write explain argue stress insist remark
    comment assert declare claim acknowledge emphasise emphasize continue reply answer ask
    announce state report recall predict caution concede admit tweet contend complain urge
    observe agree testify confirm deny reiterate maintain allege vow pledge promise wonder affirm interject
    characterize characterise propose recount joke quip conclude respond tweet
    shout yell scream exclaim chant bark boom retort snap muse scoff sneer gush boast
    brag lament marvel demand chide scold plead implore counter interrupt whisper
    mutter grumble proclaim post email opine""".split()
)
# verbs that report speech with a particle or an object: "shot back", "as X put it"
_CUE_PARTICLES = {"back": frozenset("shoot fire hit push write snap strike".split())}
# nouns that carry someone's words: "Trump's claim that …"
SPEECH_NOUNS = frozenset(
    """claim statement remark remarks comment words warning promise pledge assertion argument
    view message letter tweet post speech interview call accusation description
    characterization charge insistence suggestion response reply answer""".split()
)
# nouns for documents whose words are their issuer's: "issued a statement saying …"
CARRIER_NOUNS = frozenset(
    """statement release email e-mail message letter memo note tweet post text ad advert
    advertisement video commercial sign banner""".split()
)
_DASHES = "―—–-"
# Verbs of belief and expectation: reported positions ("X believes that …"), never
# the cue of a direct quote.
BELIEF_LEMMAS = frozenset(
    "think believe hope fear expect worry doubt feel estimate predict".split()
)
# "X expressed hope that …": the noun that carries the content clause.
EXPRESS_NOUNS = frozenset(
    "hope concern confidence belief optimism doubt fear desire wish view".split()
)
OTHER_PRONOUNS = frozenset("i we you they it them us me who this that which".split())
_NOUNISH = {"PROPN", "NOUN", "PRON"}
_CLAUSE_DEPS = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis"}
MIN_REPORTED_WORDS = 4
# inflected cue words the NER sometimes folds into a name ("Said Okafor")
_CUE_WORDS = frozenset("said says told asked added wrote".split())
_NOT_SPEAKERS = {"DATE", "TIME"}


@dataclass
class Attribution:
    """One attributed statement in a document.

    ``start``/``end`` are the content's character offsets (quote marks excluded);
    ``speaker`` is the speaker as written, ``antecedent`` the named person a pronoun
    speaker refers to; ``inherited`` marks a speaker taken from the quote it continues;
    ``via`` says how a quote's speaker was found (for evaluation and debugging).
    """

    kind: Literal["quote", "reported"]
    start: int
    end: int
    text: str
    sentence: str
    cue: str | None = None
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    antecedent: str | None = None
    inherited: bool = False
    via: (
        Literal["after", "before", "colon", "inherited", "governor", "dash", "paragraph", "label"]
        | None
    ) = None
    parts: list[tuple[int, int]] = field(default_factory=list)

    @property
    def is_pronoun(self) -> bool:
        return bool(self.speaker) and (self.speaker or "").lower() in (
            set(PERSONAL_PRONOUNS) | OTHER_PRONOUNS
        )

    @property
    def named_speaker(self) -> str | None:
        """The speaker's name as written, the antecedent for a pronoun, else None."""
        if not self.speaker:
            return None
        if self.is_pronoun:
            return self.antecedent
        return self.speaker


# --------------------------------------------------------------------------- helpers


class _Text:
    """Offsets of a Doc: token lookup by character, paragraphs, quote masks."""

    def __init__(self, doc: Doc, quotes: Sequence[QuoteSpan]) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]
        self.quotes = list(quotes)
        inside: list[bool] = [False] * len(doc)
        for q in quotes:
            for s, e in q.parts or [(q.start, q.end)]:
                for i in range(self.tok_at(s), len(doc)):
                    if doc[i].idx >= e:
                        break
                    inside[i] = True
        for t in doc:  # the marks themselves count as inside
            if t.text in MARKS:
                inside[t.i] = True
        self.inside = inside
        text = doc_text(doc)
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def tok_at(self, char: int) -> int:
        """Index of the token at or just after ``char``."""
        return min(bisect.bisect_left(self.starts, char), max(len(self.doc) - 1, 0))

    def para_bounds(self, char: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.para_starts, char) - 1
        start = self.para_starts[k]
        end = (
            self.para_starts[k + 1] - 1
            if k + 1 < len(self.para_starts)
            else len(doc_text(self.doc))
        )
        return start, end


def is_cue(tok: Token) -> bool:
    """A reporting verb, "according (to)", or "express (hope …)"."""
    if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
        return True
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in (
        "VBD",
        "VBZ",
        "VBP",
        "VBG",
        "VBN",
        "VB",
    ):
        return False
    if tok.lemma_.lower() in CUE_LEMMAS:
        return True
    lemma = tok.lemma_.lower()
    for prt, verbs in _CUE_PARTICLES.items():
        if lemma in verbs and any(
            c.dep_ in ("prt", "advmod") and c.lower_ == prt for c in tok.children
        ):
            return True
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        return True  # "as X put it"
    if tok.lemma_.lower() == "express":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in EXPRESS_NOUNS for c in tok.children)
    return False


def _subject(verb: Token, inside: Sequence[bool] | None = None) -> Token | None:
    """The speaker's head token for a cue verb, following conjunctions and "adding".

    ``inside`` masks tokens within quotation marks: a quoted word is never the speaker.
    """
    doc = verb.doc

    def ok(t: Token) -> bool:
        return (inside is None or not inside[t.i]) and (
            t.ent_type_ not in _NOT_SPEAKERS or _aged(t)
        )

    if verb.lower_ == "according":
        for c in verb.children:
            if c.lower_ == "to":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    # "…," said X: only punctuation between the closing mark and the cue
    inverted = False
    for k in range(verb.i - 1, max(verb.i - 4, -1), -1):
        if doc[k].text in MARKS:
            inverted = True
            break
        if not (doc[k].is_punct or doc[k].is_space):
            break
    if nxt is not None and nxt.ent_type_ in ("DATE", "TIME") and not _aged(nxt):
        inverted = False
    if verb.tag_ == "VBG":
        inverted = False  # '"…," saying the city …': a participle opens a new clause
    elif verb.is_sent_start and verb.text[:1].isupper() and verb.lower_ == "said":
        inverted = True  # 'Said Ellis: "…"'

    if inverted:  # "…," said the official / said a spokesman for the campaign
        right = [c for c in verb.rights if c.dep_ in _SUBJ and ok(c) and c.i <= verb.i + 6]
        if right:
            return right[0]
        if nxt is not None and nxt.pos_ == "DET":
            for chunk in doc.noun_chunks:
                if chunk.start == verb.i + 1:
                    return chunk.root
            for t in doc[verb.i + 2 : min(verb.i + 6, len(doc))]:  # "said the 46-year-old"
                if t.is_punct:
                    break
                if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound":
                    return t
    if (
        nxt is not None
        and ok(nxt)
        and (
            (nxt.dep_ in _SUBJ and nxt.head.i == verb.i)
            or (inverted and (nxt.pos_ == "PROPN" or nxt.lower_ in PERSONAL_PRONOUNS))
        )
    ):
        while nxt.dep_ in ("compound", "flat", "poss") and nxt.head.i > nxt.i:
            nxt = nxt.head  # "…," said Clinton's introducer, Name: the introducer
        return nxt  # inverted: "…," said Hiep
    seen = 0
    v: Token = verb
    while seen < 4:
        quoted = inside is not None and inside[v.i] and v.i != verb.i
        subjects = [] if quoted else [c for c in v.children if c.dep_ in _SUBJ and ok(c)]
        if subjects:
            left = [c for c in subjects if c.i < v.i]
            subj = left[-1] if left else subjects[0]
            if subj.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                return v.head
            return subj
        if (v.dep_ in ("conj", "advcl", "xcomp", "dep") or quoted) and v.head.i != v.i:
            v = v.head
            seen += 1
            continue
        # "responded by saying": the participle hangs from a preposition of the verb
        if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX"):
            v = v.head.head
            seen += 1
            continue
        # "issued a statement saying …" / "a voice-over saying …": a participle
        # modifying a noun; a document's words are its issuer's, else the noun speaks
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN"):
            noun = v.head
            if (
                noun.lemma_.lower() in CARRIER_NOUNS
                and noun.dep_ == "dobj"
                and noun.head.pos_ in ("VERB", "AUX")
            ):
                v = noun.head
                seen += 1
                continue
            if noun.lemma_.lower() in CARRIER_NOUNS or not ok(noun):
                return None  # "in a statement announcing …": the issuer is elsewhere
            return noun if noun.ent_type_ not in ("GPE", "LOC") else None
        break
    if inverted:
        found = _inverted_phrase(verb, ok)
        if found is not None:
            return found
    # a parse that missed the subject: "…," said Hiep
    if (
        nxt is not None
        and ok(nxt)
        and nxt.pos_ in ("PROPN", "PRON")
        and nxt.dep_ not in ("dobj", "dative", "poss")
        and (inverted or nxt.head.i == verb.i)
    ):
        return nxt
    return _appositive_subject(verb) or _left_neighbour(verb, ok)


def _aged(tok: Token) -> bool:
    """'the 46-year-old': an age read as a date by the NER, standing for a person."""
    return tok.lower_ == "old" and tok.i > 0 and tok.nbor(-1).text == "-"


def _inverted_phrase(verb: Token, ok: Callable[[Token], bool]) -> Token | None:
    """'"…," said retired neurosurgeon Ben Carson, asked …': the noun phrase right
    after an inverted cue, when the parse gave it to another verb."""
    doc = verb.doc
    last = None
    for t in doc[verb.i + 1 : min(verb.i + 9, len(doc))]:
        if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
            break
        if t.ent_type_ in ("PERSON", "ORG") and ok(t):
            last = t
            if t.ent_iob_ == "B" or t.i + 1 >= len(doc) or doc[t.i + 1].ent_iob_ != "I":
                return t
        elif t.pos_ in ("NOUN", "PROPN") and ok(t):
            last = t
    return last


def _left_neighbour(verb: Token, ok: Callable[[Token], bool]) -> Token | None:
    """'"…," Tulsa police Chief Chuck Jordan said Monday': the noun right before a
    finite cue that the parse left without a subject."""
    if verb.i == 0 or not is_cue(verb):
        return None
    prev = verb.nbor(-1)
    if prev.text == ")":  # 'Sen. Name (D-Mass.) said': the bracket is the party and state
        doc = verb.doc
        k = prev.i - 1
        while k > max(0, prev.i - 8) and doc[k].text != "(":
            k -= 1
        if doc[k].text != "(" or k == 0:
            return None
        prev = doc[k - 1]
    if (
        verb.tag_ == "VBN"
        and prev.pos_ == "PROPN"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        pass  # 'Name described …' that the parse read as a participle
    elif verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if prev.pos_ in ("PROPN", "NOUN") and ok(prev) and prev.ent_type_ not in ("GPE", "LOC"):
        return prev
    return None


def _appositive_subject(verb: Token) -> Token | None:
    """ "Name, a long description, said …" when the parse lost the subject."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    sent = verb.sent
    for ent in reversed([e for e in sent.ents if e.end <= verb.i - 1]):
        if ent.label_ in ("PERSON", "ORG") and ent.end < len(doc) and doc[ent.end].text == ",":
            between = doc[ent.end + 1 : verb.i - 1]
            described = between and between[0].lower_ in ("a", "an", "the")
            aged = between and all(t.like_num or t.is_punct for t in between)  # "Ramos, 58,"
            if not between or ((described or aged) and not any(is_cue(t) for t in between)):
                return ent.root
            return None
    return None


def speaker_span(head: Token) -> Span:
    """The noun phrase of a speaker head: its entity, or its left modifiers and name parts."""
    doc = head.doc
    if head.ent_type_:
        for ent in doc_ents(doc):
            if ent.start <= head.i < ent.end:
                a, b = ent.start, ent.end
                while a < head.i and doc[a].lower_ in _CUE_WORDS:  # "Said Okafor"
                    a += 1
                return doc[a:b]
    start = head.i
    for t in reversed(list(head.lefts)):
        hyphen = t.text == "-" and t.i == start - 1
        if hyphen or t.dep_ in (
            "det",
            "amod",
            "compound",
            "poss",
            "nmod",
            "nummod",
            "flat",
            "quantmod",
            "case",
        ):
            start = min(start, t.left_edge.i)
        else:
            break
    end = head.i + 1
    for t in head.rights:
        if t.dep_ in ("compound", "flat", "prep", "pobj") and t.i == end:
            end = t.right_edge.i + 1 if t.dep_ == "prep" else t.i + 1
        else:
            break
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


# --------------------------------------------------------------------------- quotes


# a transcript's speaker label opening a quoted paragraph: "PENCE: Well, …"
_TRANSCRIPT_LABEL = re.compile(r"\s*((?:[A-Z][A-Z'’.-]+ ){0,2}[A-Z][A-Z'’.-]+):\s")
_NEAR_AFTER = 14  # tokens after a quote within which a cue needs no further check


def _cue_after(q: QuoteSpan, tx: _Text, limit: int = 28) -> Token | None:
    doc = tx.doc
    if q.text.rstrip().endswith("."):
        # the sentence ended inside the quote, unless a bare 'Name said.' follows
        return _bare_attribution_after(q, tx)
    i = tx.tok_at(q.end)
    _, pend = tx.para_bounds(q.end)
    n = 0
    while i < len(doc) and doc[i].idx < pend and n < limit:
        t = doc[i]
        if tx.inside[t.i]:
            if t.text in MARKS:
                i += 1
                continue
            break
        if t.text in ".!?" and n > 0:
            break
        if is_cue(t):
            # "…," adding, "…": a participle after a comma introduces the next quote
            if (
                t.tag_ == "VBG"
                and n <= 2
                and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
            ):
                return None
            return t
        n += 1
        i += 1
    return None


def _subordinate_between(q: QuoteSpan, tx: _Text, cue: Token) -> bool:
    """A conjunction or preposition between the closing mark and a cue after it."""
    doc = tx.doc
    for t in doc[tx.tok_at(q.end) : cue.i]:
        if tx.inside[t.i]:
            continue
        if t.tag_ in ("WDT", "WP", "WRB"):
            # '"…," Warren, who has not endorsed anyone, told …': a relative clause
            # inside the speaker's phrase; '"…" that was reported': no attribution
            host = t.head.head if t.head.dep_ == "relcl" else None
            if not (
                t.i > 0
                and doc[t.i - 1].text == ","
                and host is not None
                and host.pos_ in ("PROPN", "NOUN")
                and tx.tok_at(q.end) <= host.i < t.i
            ):
                return True
            continue
        if t.pos_ in ("SCONJ", "CCONJ") or (t.pos_ == "ADP" and t.dep_ != "case"):
            # "…," Name of the Institute said / the senator and candidate said: a
            # preposition or conjunction inside the speaker's phrase
            if t.pos_ in ("ADP", "CCONJ") and t.head.pos_ in ("PROPN", "NOUN") and t.head.i < cue.i:
                continue
            return True
    return False


def _name_between(q: QuoteSpan, tx: _Text, cue: Token) -> Token | None:
    """'"…," Name Surname barked': only a name between the closing mark and a cue the
    parse left without a subject; its last word."""
    doc = tx.doc
    toks = [
        t for t in doc[tx.tok_at(q.end) : cue.i] if not (tx.inside[t.i] or t.is_punct or t.is_space)
    ]
    if 1 <= len(toks) <= 4 and all(t.pos_ == "PROPN" for t in toks):
        return toks[-1]
    return None


def _bare_attribution_after(q: QuoteSpan, tx: _Text) -> Token | None:
    """'"…." Trump said.': a name or pronoun and a cue, then the sentence ends."""
    doc = tx.doc
    i = tx.tok_at(q.end)
    while i < len(doc) and doc[i].text in MARKS:
        i += 1
    toks: list[Token] = []
    while i < len(doc) and len(toks) < 5 and not doc[i].is_space:
        if doc[i].text in ".!?":
            break
        toks.append(doc[i])
        i += 1
    if not toks or i >= len(doc) or doc[i].text not in ".!?":
        return None
    cues = [t for t in toks if is_cue(t)]
    others = [t for t in toks if not is_cue(t)]
    if len(cues) == 1 and others and all(t.pos_ in ("PROPN", "PRON") for t in others):
        return cues[0]
    return None


def _verb_after(q: QuoteSpan, tx: _Text, limit: int = 6) -> Token | None:
    """'"…!" beamed Name' / '"…," an angry Name retaliated.': any verb closing the
    sentence right after a quote that ends with , ! ? or a dash is its attribution."""
    if q.text.rstrip()[-1:] not in (",", "!", "?", "—", "–"):
        return None
    doc = tx.doc
    _, pend = tx.para_bounds(q.end)
    i, n = tx.tok_at(q.end), 0
    while i < len(doc) and doc[i].idx < pend and n < limit:
        t = doc[i]
        if tx.inside[t.i]:
            if t.text in MARKS:
                i += 1
                continue
            return None
        if t.is_punct and t.text in ".!?;":
            return None
        if t.pos_ in ("VERB", "AUX"):
            return t if t.tag_ in ("VBD", "VBZ", "VBP") else None
        if t.pos_ in ("SCONJ", "ADP", "CCONJ"):
            return None
        n += 1
        i += 1
    return None


def _cue_before(q: QuoteSpan, tx: _Text, prev_end: int, below: int | None = None) -> Token | None:
    """The nearest cue before the quote in its sentence (and before token ``below``)."""
    doc = tx.doc
    pstart, _ = tx.para_bounds(q.start)
    first = tx.tok_at(max(pstart, prev_end))
    open_tok = tx.tok_at(q.start) - 1
    if open_tok < 0:
        return None
    sent_start = doc[max(open_tok, 0)].sent.start
    # a colon-introduced quote may sit in its own "sentence"
    if sent_start > 0 and doc[sent_start - 1].text == ":":
        sent_start = doc[sent_start - 1].sent.start
    lo = max(first, sent_start)
    top = open_tok if below is None else min(open_tok, below - 1)
    for i in range(top, lo - 1, -1):
        t = doc[i]
        if not tx.inside[i] and is_cue(t):
            return t
    return None


def _name_colon(q: QuoteSpan, tx: _Text) -> Token | None:
    """'Clinton: “…”' — a name and a colon right before the opening mark; also
    'Rep. Jo Hart (D-Ore.): “…”' and 'Ann Lee and Bo Park: “…”' (the last name)."""
    doc = tx.doc
    k = tx.tok_at(q.start) - 1  # the opening mark
    while k > 0 and (doc[k].text in MARKS or doc[k].is_space):
        k -= 1
    if k < 1 or doc[k].text not in (":", "):"):
        return None
    j = k if doc[k].text == "):" else k - 1  # the tokenizer may join "):"
    if doc[j].text in (")", "):"):  # a party and state, or an affiliation, in brackets
        i = j
        while i > max(0, j - 8) and doc[i].text != "(":
            i -= 1
        if doc[i].text != "(":
            return None
        j = i - 1
    if j < 0 or doc[j].pos_ != "PROPN" or tx.inside[j]:
        return None
    if j > 0 and doc[j - 1].pos_ == "VERB":
        return None
    first = j
    while first > 0 and j - first < 8:
        prev = doc[first - 1]
        if (prev.pos_ == "PROPN" and not tx.inside[prev.i]) or (
            prev.lower_ in ("and", "&") and first >= 2 and doc[first - 2].pos_ == "PROPN"
        ):
            first -= 1
        else:
            break
    before = doc[first - 1] if first > 0 else None
    if (
        before is None
        or before.is_punct
        or before.is_space
        or doc[first].is_sent_start
        or before.lower_ == "from"  # "More from Jones:"
    ):
        return doc[j]
    return None


def _clause_colon(q: QuoteSpan, tx: _Text) -> Token | None:
    """'Rubio fired back forcefully: "…"' / 'McConnell delivered a blunt message to
    Trump: "…"': a quote right after a colon ending a clause with no reporting verb
    is that clause's subject's; a pronoun or a non-nominal subject gives nothing."""
    doc = tx.doc
    k = tx.tok_at(q.start) - 1  # the opening mark
    while k > 0 and (doc[k].text in MARKS or doc[k].is_space):
        k -= 1
    if k < 2 or doc[k].text != ":" or tx.inside[k]:
        return None
    pstart, _ = tx.para_bounds(q.start)
    if doc[k].idx < pstart:
        return None
    verb = doc[k].head
    if verb.i > k or verb.pos_ not in ("VERB", "AUX") or tx.inside[verb.i]:
        return None
    if verb.lemma_.lower() == "be":
        return None  # 'the answer was: "…"' / 'here is the text:'
    if any(t.text in _DASHES for t in doc[verb.i : k]):
        return None  # 'HEADLINE - Name:': the colon ends another segment
    for c in verb.children:
        if c.dep_ == "nsubj" and c.i < verb.i and not tx.inside[c.i]:
            if c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in _NOT_SPEAKERS | {"GPE", "LOC"}:
                return c
            return None
    return None


def _paragraph_subject(q: QuoteSpan, tx: _Text) -> Token | None:
    """'Sen. X responded first, ripping into Y.' then a paragraph that is only a quote:
    the named subject of the previous paragraph's last sentence."""
    if not _fills_paragraph(q, tx) or not _bare(q, tx):
        return None
    doc = tx.doc
    pstart, _ = tx.para_bounds(q.start)
    prev_text = doc_text(doc)[:pstart].rstrip()
    if not prev_text or prev_text[-1:] in MARKS:
        return None
    last = doc[tx.tok_at(len(prev_text) - 1)]
    sent = last.sent
    if any(tx.inside[t.i] for t in sent):
        return None
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in _SUBJ]
    # a person the NER took for a place still speaks; a real country never maps to an actor
    named = ("PERSON", "ORG", "GPE", "")
    if subjects and subjects[0].pos_ == "PROPN" and subjects[0].ent_type_ in named:
        return subjects[0]
    return None


def _colon_intro(q: QuoteSpan, tx: _Text) -> Token | None:
    """'X issued this statement:' / 'As X observed:' ending the paragraph before a quote
    that opens its own paragraph: the subject of that sentence's cue or main verb."""
    if not _fills_paragraph(q, tx):
        return None
    pstart, _ = tx.para_bounds(q.start)
    prev_text = doc_text(tx.doc)[:pstart].rstrip()
    if not prev_text.endswith(":"):
        return None
    doc = tx.doc
    colon = tx.tok_at(len(prev_text) - 1)
    if doc[colon].text != ":":
        return None
    sent = doc[colon].sent
    cues = [t for t in sent if t.i < colon and not tx.inside[t.i] and is_cue(t)]
    if cues:
        return _subject(cues[-1], tx.inside)
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        subjects = [c for c in root.children if c.dep_ in _SUBJ and not tx.inside[c.i]]
        return subjects[0] if subjects else None
    return None


def _bare(q: QuoteSpan, tx: _Text) -> bool:
    """Nothing but punctuation follows the quote up to its paragraph's end or next quote."""
    doc = tx.doc
    _, pend = tx.para_bounds(q.end)
    for t in doc[tx.tok_at(q.end) : len(doc)]:
        if t.idx >= pend or (tx.inside[t.i] and t.text not in MARKS):
            return True
        if not (t.is_punct or t.is_space or t.text in MARKS):
            return False
    return True


def _starts_sentence(q: QuoteSpan, tx: _Text) -> bool:
    doc = tx.doc
    open_tok = tx.tok_at(q.start) - 1
    if open_tok <= 0:
        return True
    sent_start = doc[open_tok].sent.start
    between = [t for t in doc[sent_start:open_tok] if not t.is_space]
    return not between or all(t.text in MARKS or t.is_punct for t in between)


def _fills_paragraph(q: QuoteSpan, tx: _Text) -> bool:
    pstart, _ = tx.para_bounds(q.start)
    text = doc_text(tx.doc)
    before = text[pstart : q.start].strip().strip(MARKS)
    return before == ""


def _make(
    kind: Literal["quote", "reported"],
    start: int,
    end: int,
    text: str,
    sentence: str,
    cue: Token | None,
    head: Token | None,
    parts: list[tuple[int, int]] | None = None,
) -> Attribution:
    if head is not None:
        head = _appositive_name(head) or head
    span = speaker_span(head) if head is not None else None
    return Attribution(
        kind=kind,
        start=start,
        end=end,
        text=text,
        sentence=sentence,
        cue=cue.text if cue is not None else None,
        speaker=span.text.strip() if span is not None else None,
        speaker_span=(span.start_char, span.end_char) if span is not None else None,
        parts=parts or [(start, end)],
    )


def _appositive_name(head: Token) -> Token | None:
    """'The agency's secretary general, Jo Bloggs, said': the name in apposition to a
    described speaker, which names the speaker better than the description."""
    if head.ent_type_ in ("PERSON", "ORG") or head.pos_ != "NOUN":
        return None
    for c in head.rights:
        if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG") and c.pos_ == "PROPN":
            return c
    return None


def _sentence_of(tx: _Text, start: int, end: int) -> str:
    doc = tx.doc
    a = doc[tx.tok_at(start)].sent.start_char
    b = doc[min(tx.tok_at(end), len(doc) - 1)].sent.end_char
    pstart, _ = tx.para_bounds(start)
    _, pend = tx.para_bounds(end)
    a = max(a - 1, pstart) if a > 0 and doc_text(doc)[a - 1] in MARKS else max(a, pstart)
    return re.sub(r"\s+", " ", doc_text(doc)[a : min(max(b, end + 1), pend)]).strip()


def _token_table(doc: Doc, quotes: Sequence[QuoteSpan] | None, tx: _Text | None) -> _Text | None:
    """``tx`` when the caller built it, else the token table of ``doc`` and its quotes
    (found here when not given); None for an empty Doc."""
    if not len(doc):
        return None
    if tx is not None:
        return tx
    return _Text(doc, find_quotes(doc_text(doc)) if quotes is None else quotes)


def direct_quotes(
    doc: Doc, quotes: Sequence[QuoteSpan] | None = None, *, tx: _Text | None = None
) -> list[Attribution]:
    """Every direct quote of ``doc`` with its speaker as written (or None)."""
    tx = _token_table(doc, quotes, tx)
    if tx is None:
        return []
    out: list[Attribution] = []
    prev: Attribution | None = None
    prev_end = 0
    text = doc_text(doc)
    for q in tx.quotes:
        label = _TRANSCRIPT_LABEL.match(text, q.start)
        if label is None or not _fills_paragraph(q, tx):
            label = _paragraph_label(q, tx)
        if label is not None:
            # a transcript inside quotation marks: '"WALLACE: But, Governor, …', and
            # every quote the labelled paragraph quotes in turn
            sentence = _sentence_of(tx, q.start, q.end)
            att = _make("quote", q.start, q.end, q.text, sentence, None, None, q.parts)
            att.speaker, att.speaker_span = label.group(1), label.span(1)
            att.via = "label"
            out.append(att)
            prev, prev_end = att, q.end + 1
            continue
        after = _cue_after(q, tx)
        before = _cue_before(q, tx, prev_end)
        if after is None and before is None:
            after = _verb_after(q, tx)
        if after is not None and _subordinate_between(q, tx, after):
            after = None  # '"…" until X said': that cue belongs to another clause
        if before is not None:
            # prefer the cue that syntactically governs the quote over the nearest one
            gov = _governing_cue(q, tx)
            if gov is not None and gov.i < before.i and gov.sent == before.sent:
                before = gov
            # "X said the party should reiterate …": a hypothetical speech act inside
            # another cue's content clause is part of that content
            higher = _cue_above(before)
            if (
                higher is not None
                and not tx.inside[higher.i]
                and (_unasserted(before) or higher.sent == before.sent)
            ):
                before = higher
        cue: Token | None
        if after is not None and before is not None:
            near = tx.tok_at(q.end) + 4 >= after.i
            cue = after if (near or _starts_sentence(q, tx)) else before
        else:
            cue = after if after is not None else before
        head = _subject(cue, tx.inside) if cue is not None else None
        if cue is not None and head is None and cue is after:
            head = _name_between(q, tx, cue)
        while cue is not None and head is None and cue is before:
            # a cue whose speaker the parse lost: an earlier cue of the sentence
            before = _cue_before(q, tx, prev_end, below=cue.i)
            if before is None:
                break
            cue = before
            head = _subject(cue, tx.inside)
        if (
            cue is not None
            and cue is after
            and head is not None
            and cue.i - tx.tok_at(q.end) > _NEAR_AFTER
            and not tx.tok_at(q.end) <= head.i < cue.i
        ):
            # a far cue counts only with its speaker between: '"…," Name, a long
            # description of the speaker, said'
            head = None
        sentence = _sentence_of(tx, q.start, q.end)
        att = _make("quote", q.start, q.end, q.text, sentence, cue, head, q.parts)
        if cue is not None and head is not None:
            att.via = "after" if cue is after else "before"  # the cue's side of the quote
        if cue is None:
            intro = _colon_intro(q, tx) or _name_colon(q, tx) or _clause_colon(q, tx)
            if intro is not None:
                att = _make("quote", q.start, q.end, q.text, sentence, None, intro, q.parts)
                att.via = "colon"
        if cue is None and att.speaker is None:
            dash = _dash_source(q, tx)
            if dash is not None:
                att = _make("quote", q.start, q.end, q.text, sentence, None, dash, q.parts)
                att.via = "dash"
        if att.speaker is None:
            sig = _signature(q, tx)
            if sig is not None:  # '“…” ― Name' closing the paragraph
                att.speaker, att.speaker_span, att.via = sig.group(1), sig.span(1), "dash"
        if att.speaker is None:
            gov = _governor(q, tx)
            if gov is not None:
                att = _make("quote", q.start, q.end, q.text, sentence, None, gov, q.parts)
                att.via = "governor"
        if att.speaker is None and prev is not None and prev.speaker and _bare(q, tx):
            same_para = tx.para_bounds(prev.start)[0] == tx.para_bounds(q.start)[0]
            gap = doc_text(doc)[prev.end : q.start]
            # '"X," he said. "Y"': only the previous quote's attribution in between
            continues = (
                same_para
                and len(gap) < 160
                and prev.cue is not None
                and prev.cue in gap
                and _starts_sentence(q, tx)
            )
            # a paragraph that is nothing but a quote continues the previous speaker
            follows = (
                not same_para
                and _fills_paragraph(q, tx)
                and tx.para_bounds(q.start)[0] - tx.para_bounds(prev.end)[1] <= 3
            )
            if continues or follows:
                att.speaker, att.speaker_span = prev.speaker, prev.speaker_span
                att.antecedent, att.inherited = prev.antecedent, True
                att.cue, att.via = prev.cue, "inherited"
        if att.speaker is None:
            intro = _paragraph_subject(q, tx)
            if intro is not None:
                att = _make("quote", q.start, q.end, q.text, sentence, None, intro, q.parts)
                att.via = "paragraph"
        out.append(att)
        prev, prev_end = att, q.end + 1
    return out


def _paragraph_label(q: QuoteSpan, tx: _Text) -> re.Match[str] | None:
    """The transcript label opening the quote's paragraph ('"HALE: Well, …'), whose
    speaker says every quote in that paragraph."""
    pstart, _ = tx.para_bounds(q.start)
    text = doc_text(tx.doc)
    k = pstart
    while k < q.start and (text[k] in MARKS or text[k].isspace()):
        k += 1
    if k == pstart or k >= q.start:
        return None  # the label must sit inside an opening mark, before this quote
    return _TRANSCRIPT_LABEL.match(text, k)


# '― Name' (or '— Name') ending a paragraph right after a closing quotation mark
_SIGNATURE = re.compile(
    r"[" + re.escape(MARKS) + r"]\s*[―—–]\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\.?\s*$"
)


def _signature(q: QuoteSpan, tx: _Text) -> re.Match[str] | None:
    """'“…” ― Jo Bloggs' at the end of the quote's paragraph: the quoted person
    signs every quote of that paragraph."""
    _, pend = tx.para_bounds(q.end)
    text = doc_text(tx.doc)
    if pend - q.end > 1200:
        return None
    m = _SIGNATURE.search(text, q.end - 1, pend)
    return m if m is not None and m.end() >= pend - 1 else None


def _governor(q: QuoteSpan, tx: _Text) -> Token | None:
    """A mixed quote's source: the subject of the verb (or the owner of the speech noun)
    that governs the quoted words, e.g. 'Cruz called Trump a "liar"'."""
    doc = tx.doc
    first, last = tx.tok_at(q.start), tx.tok_at(q.end)
    inside = [t for t in doc[first:last] if tx.inside[t.i] and t.text not in MARKS]
    roots = [t for t in inside if not (first <= t.head.i < last) or t.head.i == t.i]
    if not roots:
        return None
    tok = roots[0]
    for _ in range(8):
        head = tok.head
        if head.i == tok.i or tx.inside[head.i]:
            return None
        if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in SPEECH_NOUNS:
            for c in head.children:
                if c.dep_ == "poss":
                    return c
        if head.pos_ in ("VERB", "AUX") and is_cue(head):
            return _subject(head, tx.inside)
        if head.pos_ in ("VERB", "AUX"):
            subjects = [
                c
                for c in head.children
                if c.dep_ in _SUBJ and not tx.inside[c.i] and c.ent_type_ not in _NOT_SPEAKERS
            ]
            higher = _cue_above(head)
            if higher is not None:
                return _subject(higher, tx.inside)
            if subjects:
                subj = subjects[0]
                if subj.dep_ == "nsubjpass":
                    agents = [
                        g
                        for c in head.children
                        if c.dep_ == "agent"
                        for g in c.children
                        if g.dep_ == "pobj"
                    ]
                    return agents[0] if agents else None
                if subj.tag_ in ("WP", "WDT") and head.dep_ == "relcl":
                    # 'praising Name, who ended his bid, as "…"': the relative clause
                    # is the parse's mistake or an aside; the speaker is further up
                    tok = head.head
                    continue
                if subj.lower_ in ("it", "this", "that", "which", "there", "what", "who"):
                    return None
                return subj
            if head.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "acl", "pcomp", "prep", "pobj"):
                return None
        tok = head
    return None


def _governing_cue(q: QuoteSpan, tx: _Text, limit: int = 8) -> Token | None:
    """The first reporting verb on the head chain above the quoted words."""
    doc = tx.doc
    first, last = tx.tok_at(q.start), tx.tok_at(q.end)
    inside = [t for t in doc[first:last] if tx.inside[t.i] and t.text not in MARKS]
    roots = [t for t in inside if not (first <= t.head.i < last)]
    if not roots:
        return None
    tok = roots[0]
    for _ in range(limit):
        head = tok.head
        if head.i == tok.i:
            return None
        if not tx.inside[head.i] and is_cue(head):
            return head
        tok = head
    return None


def _unasserted(cue: Token) -> bool:
    """A cue verb with a modal or in the infinitive: "should reiterate", "to say"."""
    return any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in cue.children)


def _cue_above(tok: Token, limit: int = 4) -> Token | None:
    """A reporting verb whose content clause holds ``tok`` ("X said that Y called …")."""
    for _ in range(limit):
        if tok.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if is_cue(tok):
            return tok
    return None


def _dash_source(q: QuoteSpan, tx: _Text) -> Token | None:
    """'"…" ― Name': a dash after the closing mark, then a name."""
    doc = tx.doc
    text = doc_text(doc)
    m = re.match(
        r"[" + re.escape(MARKS) + r"]?\s*[" + _DASHES + r"]\s*(?=[A-Z])", text[q.end : q.end + 8]
    )
    if not m:
        return None
    t = doc[tx.tok_at(q.end + m.end())]
    return t if t.pos_ == "PROPN" else None


# --------------------------------------------------------------------------- reported


def _content_clause(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        return None
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    right = [c for c in clauses if c.i > cue.i]
    if right or clauses:
        return (right or clauses)[0]
    if cue.lemma_.lower() == "express":
        for c in cue.children:
            if c.dep_ == "dobj":
                for g in c.children:
                    if g.dep_ in ("acl", "ccomp", "relcl"):
                        return g
    return None


def _span_minus(tokens: Iterable[Token], drop: set[int]) -> list[Token]:
    return [t for t in tokens if t.i not in drop]


def reported_speech(
    doc: Doc, quotes: Sequence[QuoteSpan] | None = None, *, tx: _Text | None = None
) -> list[Attribution]:
    """Indirect speech: the content clause of each reporting verb outside quotes."""
    tx = _token_table(doc, quotes, tx)
    if tx is None:
        return []
    out: list[Attribution] = []
    for cue in doc:
        belief = cue.pos_ == "VERB" and cue.lemma_.lower() in BELIEF_LEMMAS
        if tx.inside[cue.i] or not (is_cue(cue) or belief):
            continue
        clause = _content_clause(cue)
        if clause is not None:
            toks = list(clause.subtree)
        elif cue.lower_ == "according" or cue.dep_ == "parataxis":
            # "according to X, CLAUSE" / "CLAUSE, X said, CLAUSE": the host clause
            host = cue.head
            while host.dep_ in ("prep", "pobj") and host.head.i != host.i:
                host = host.head
            if host.i == cue.i:
                continue
            drop = {t.i for t in cue.subtree}
            toks = _span_minus(host.subtree, drop)
        else:
            continue
        pstart, pend = tx.para_bounds(cue.idx)
        toks = [t for t in toks if pstart <= t.idx < pend and not t.is_space]
        if clause is not None and not pstart <= clause.idx < pend:
            continue
        while toks and (toks[0].dep_ == "mark" or toks[0].is_punct or toks[0].is_space):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in MARKS:
            toks = toks[:-1]
        if not toks:
            continue
        quoted = sum(tx.inside[t.i] for t in toks)
        words = [t for t in toks if not t.is_punct]
        if len(words) < MIN_REPORTED_WORDS or quoted > len(toks) / 2:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        text = strip_marks(
            " ".join(
                t.text_with_ws.strip() if t.whitespace_ == "" else t.text_with_ws for t in toks
            )
        )
        text = (
            strip_marks(doc_text(doc)[start:end])
            if len(toks) == toks[-1].i - toks[0].i + 1
            else text
        )
        head = _subject(cue, tx.inside)
        out.append(_make("reported", start, end, text, _sentence_of(tx, start, end), cue, head))
    return out


# --------------------------------------------------------------------------- both


def attribute(doc: Doc) -> list[Attribution]:
    """Direct quotes and reported speech of ``doc`` in text order, pronouns resolved."""
    tx = _token_table(doc, None, None)  # built once: it walks every token
    if tx is None:
        return []
    items = direct_quotes(doc, tx=tx) + reported_speech(doc, tx=tx)
    items.sort(key=lambda a: a.start)
    resolve_pronouns(doc, items, tx.quotes, tx=tx)
    return items


def resolve_pronouns(
    doc: Doc, items: Sequence[Attribution], quotes: Sequence[QuoteSpan], *, tx: _Text | None = None
) -> None:
    """Fill ``antecedent`` for pronoun speakers (the nearest named person before it) and
    for definite titles ("the prime minister"): see ``attribution_anaphora``."""
    tx = _token_table(doc, quotes, tx)
    if tx is not None:
        anaphora.resolve(doc, items, tx)
