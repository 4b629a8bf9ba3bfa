"""Undo Penn Treebank tokenisation; pure functions.

Some corpora ship text as PTB tokens: "Ruritania 's capital -LRB- Strelsau -RRB- .",
"`` occupying ''", "# 60m" for £60m.  Every later stage (sentences, quotes, dates,
figures) reads such text badly, so ingest turns it back into ordinary text, but only
when the document *looks* tokenised at a measured rate (``looks_ptb``): a text that
merely holds one " 's" or one " ," is left alone.

The line structure is kept: a tokenised line becomes one line of text.
"""

from __future__ import annotations

import re

BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
CLITICS = ("'s", "n't", "'re", "'ve", "'ll", "'d", "'m")
# tokens glued to the token before them, and tokens the next token is glued to
_GLUE_LEFT = frozenset([",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "”", "’", "...", *CLITICS])
_GLUE_RIGHT = frozenset(["(", "[", "{", "“", "‘", "$", "£", "#"])

MIN_SPACED = 2  # spaced punctuation marks a document needs before it counts as tokenised
MIN_SPACED_SHARE = 0.5  # of its sentence and clause punctuation marks
MIN_MARKERS = 2  # bracket tokens or `` quotes that make a document tokenised on their own

_SPACED_PUNCT = re.compile(r"(?<=\S) [.,;:!?](?=\s|$)", re.MULTILINE)
_ANY_PUNCT = re.compile(r"(?<=\S) ?[.,;:!?](?=\s|$)", re.MULTILINE)
_MARKERS = re.compile(r"-[LR][RSC]B-|(?:^|\s)``(?=\s)")
_SPACED_CLITIC = re.compile(r"\w (?:'s|n't|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE)
_POUND = re.compile(r"(?<![\w)\]])# (?=\d)")


def ptb_signals(text: str) -> tuple[int, int, int, int]:
    """(spaced punctuation marks, all punctuation marks, bracket/quote markers, split clitics)."""
    return (
        len(_SPACED_PUNCT.findall(text)),
        len(_ANY_PUNCT.findall(text)),
        len(_MARKERS.findall(text)),
        len(_SPACED_CLITIC.findall(text)),
    )


def looks_ptb(text: str) -> bool:
    """True when the text is PTB-tokenised: most of its punctuation marks stand apart
    ("quake .", "Port-au-Prince ,"), or it holds bracket tokens / `` quotes together
    with spaced punctuation."""
    spaced, total, markers, clitics = ptb_signals(text)
    if total == 0:
        return markers >= MIN_MARKERS
    share = spaced / total
    if spaced >= MIN_SPACED and share >= MIN_SPACED_SHARE:
        return True
    return markers >= MIN_MARKERS and (share >= MIN_SPACED_SHARE / 2 or clitics >= 1)


def detokenise(text: str) -> str:
    """PTB-tokenised text back to ordinary text, line by line.

    Bracket tokens become brackets, `` and '' curly double quotes, ` and ' curly single
    quotes; punctuation and clitics are glued to the word before; "\\/" and "\\*" lose
    their escape; "# 60" becomes "£60" (the tokeniser's stand-in for the pound sign).
    Whether a double quote is open is carried across lines.
    """
    state = {"dq": False}
    return "\n".join(_detok_line(line, state) for line in text.split("\n"))


def _detok_line(line: str, state: dict[str, bool]) -> str:
    line = _POUND.sub("£", line)
    out: list[str] = []
    glue = True
    for raw in line.split():
        tok = BRACKETS.get(raw, raw).replace("\\/", "/").replace("\\*", "*")
        if tok == "``":
            tok, state["dq"] = "“", True
        elif tok == "''":
            # closes an open quote; opens one when none is open (some sources type '' for both)
            tok = "”" if state["dq"] else "“"
            state["dq"] = not state["dq"]
        elif tok == "`":
            tok = "‘"
        elif tok == "'":
            tok = "’"
        if tok == "." and out and out[-1].endswith("."):  # "U.S. ." -> "U.S."
            continue
        left = tok.lower() in _GLUE_LEFT
        out.append(tok if (glue or left or not out) else " " + tok)
        glue = tok in _GLUE_RIGHT
    return "".join(out)


def detokenise_if_ptb(text: str) -> str:
    """``detokenise(text)`` when the text looks tokenised, else the text unchanged."""
    return detokenise(text) if looks_ptb(text) else text
