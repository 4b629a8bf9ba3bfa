"""Headline and caption run-ins: a scraped page's headline or photo caption glued, without
its full stop, to the sentence after it.

    "Dr Vance denies any wrongdoing On 8 February, Dr Vance appeared in court ..."
    "Relief flight reaches the stricken city Aid workers unloaded food on Monday."

The glued sentence is one sentence to the parser.  :func:`run_in` finds where the real
sentence starts: after a word that ends a line without punctuation (a lower-case word
or a number that no sentence ends a phrase with: not "the", "of", "said"), a
capitalised word that opens sentences ("On", "The") or that the corpus writes in lower
case elsewhere ("Aid", "Court": a common word, not a name), or a name from the headline
again ("Anna Berg wins the vote Anna Berg has won ..."); a label that repeats the
sentence's first word ("Journalists Journalists trying to cover ...") goes too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable

# words a phrase does not end with: the next capitalised word belongs to the same clause
_CONTINUES = frozenset(
    "a an the of to in on at by for with from as and or but nor than that which who whom whose "
    "said says say told tells telling according into onto over under after before since during "
    "about against between among via per former late acting deputy vice new old its his her "
    "their our your my this these those is are was were be been being has have had "
    "many several some all both each every any no other such including".split()
)
_OPENERS = frozenset(
    "The A An On In At After Before When While As He She It They We I His Her Their Its This "
    "These Those There Earlier Later Meanwhile Officials Police".split()
)
_PLAIN = re.compile(r"[a-z0-9][a-z0-9'’-]*")  # a word ending a line: no punctuation, not a name
_TITLE = re.compile(r"[A-Z][a-z'’-]+")
MAX_PREFIX = 30  # a headline, or a headline and its standfirst, is short
MIN_REST = 6  # and the sentence after it is a sentence


def lower_words(sentences: Iterable[str]) -> frozenset[str]:
    """The words the corpus writes in lower case more often than capitalised inside a
    sentence: common words ("court", "relatives"), not names ("Brown", "Rose")."""
    lower: Counter[str] = Counter()
    title: Counter[str] = Counter()
    for s in sentences:
        words = s.split()
        for i, w in enumerate(words):
            if _PLAIN.fullmatch(w) and w[0].isalpha():
                lower[w] += 1
            elif i and _TITLE.fullmatch(w):
                title[w.lower()] += 1
    return frozenset(w for w, n in lower.items() if n >= title[w])


# words that open a quotation with a colon ("he said: The army …"), not a headline's end
_SPEECH = frozenset(
    "said says say told tells added adds warned warns wrote writes stated states declared declares announced "
    "announces explained explains asked asks noted notes insisted insists replied replies tweeted read reads".split()
)


def _after_colon(words: list[str]) -> int | None:
    """The word after the last colon that ends a headline ("Strel on Valdoria: Change must
    come now NEW: President Strel spoke …"): at least three words before it, a capital
    after it, no verb of saying before it."""
    found = None
    for k in range(3, min(MAX_PREFIX, len(words) - MIN_REST) + 1):
        prev, word = words[k - 1], words[k]
        if prev.endswith(":") and prev[:-1].lower() not in _SPEECH and word[:1].isupper():
            found = k
    return found


def run_in(sentence: str, common: Collection[str]) -> int | None:
    """The index of the word where the real sentence starts after a glued headline or
    caption, or None when the sentence is whole."""
    words = sentence.split()
    if len(words) > MIN_REST and _TITLE.fullmatch(words[0]) and words[0] == words[1]:
        return 1  # a section label over its text: "Journalists Journalists trying to cover …"
    colon = _after_colon(words)
    if colon is not None:
        return colon
    for k in range(2, min(MAX_PREFIX, len(words) - MIN_REST) + 1):
        prev, word = words[k - 1].rstrip("”\""), words[k]
        opener = word in _OPENERS
        # a headline may end in a capitalised common word ("… Anna Berg Travel The visit …")
        common_end = opener and _TITLE.fullmatch(prev) is not None and prev.lower() in common
        if not (_PLAIN.fullmatch(prev) or common_end) or prev.lower() in _CONTINUES or prev.endswith(("'s", "’s")) \
                or not _TITLE.fullmatch(word):
            continue
        nxt = words[k + 1] if k + 1 < len(words) else ""
        common_word = word.lower() in common and not nxt[:1].isupper()
        pair = words[k : k + 2]
        repeated = len(pair) == 2 and any(words[j : j + 2] == pair for j in range(k - 1))  # the headline's name again
        if opener or common_word or repeated:
            return k
    return None


def without_run_in(sentence: str, common: Collection[str]) -> tuple[str, str]:
    """(the glued headline or caption, the sentence); ("", sentence) when there is none."""
    k = run_in(sentence, common)
    if k is None:
        return "", sentence
    words = sentence.split()
    return " ".join(words[:k]), " ".join(words[k:])
