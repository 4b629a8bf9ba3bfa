"""Cue lexicons for open questions, and the page furniture to reject.

The families follow the hedge and uncertainty cues of the CoNLL-2010 shared task
(speculation cues such as "unclear", "whether", "may", "could", "depends on"), grouped by
what they tell a reader:

- ``unknown``: "it is not known whether…", "officials could not say how…";
- ``unclear``: "the cause remains unclear", "the biggest question is this: …";
- ``investigation``: "investigators are trying to determine…", "investigating whether…";
- ``too_early``: "it is too early to tell how widespread…", "premature to conclude…";
- ``depends``: "depends on whether…";
- ``decision``: "a decision is expected on…", "will have to decide if…";
- ``disputed``: "analysts doubt that…", "questioned whether…";
- ``forecast`` (hedged): a modal claim ("lawmakers could block…") or a present-tense
  condition ("if the talks fail…"), found by the parse in ``question_detect``.

Explicit questions (a sentence ending in '?') are found by punctuation, not by cue.
Everything here is generic English; nothing belongs to one topic.
"""

from __future__ import annotations

import re

# Each family is a list of patterns; the clause the cue governs (a wh-, whether- or
# that-clause, or the cue's own subject) becomes the question.
FAMILIES: dict[str, list[str]] = {
    # "it is not known whether…", "officials could not say how…", "we don't know who…"
    "unknown": [
        r"\bunknown\b",
        r"\bnot (?:yet |entirely |immediately |at all )?known\b",
        r"\bno(?: ?one|body) (?:yet )?(?:knows|can say|can tell)\b",
        r"\b(?:do|does|did)(?: not|n't|n’t) (?:yet |really |fully )?know\b|\bnot yet know\b",
        r"\b(?:could|can|would)(?: not|n't|n’t| ?not) (?:yet )?(?:say|tell|predict|confirm)\b",
        r"\bno (?:clue|idea|indication)\b",
        r"\bremains? to be seen\b|\bmystery\b|\bmysterious\b",
    ],
    # "the cause remains unclear", "the biggest question is this: …", "questions remain over…"
    "unclear": [
        r"\b(?:unclear|uncertain|undecided|unresolved|unanswered)\b",
        r"\bnot (?:yet |entirely |immediately |at all |so |very )?(?:clear|certain)\b",
        r"\b(?:open|big|biggest|key|main|central|unanswered) questions? (?:is|was|are|were|remains?|remained)\b",
        r"\bquestions? (?:remains?|remained|persists?|lingers?)\b",
    ],
    # "investigators are trying to determine…", "investigating whether…"
    "investigation": [
        r"\b(?:trying|try|tries|tried|attempting|working|seeking|struggling|racing) to (?:determine|understand|establish|find out|work out|figure out|identify|pin down|learn|assess|ascertain|confirm)\b",
        r"\binvestigat(?:e|es|ed|ing|ion|ions|ors?) (?:into )?(?:whether|how|why|what|who|when|where|if)\b",
        r"\b(?:search|hunt) for the (?:source|cause|origin|reason)\b",
        r"\b(?:examining|studying|probing|looking into|checking) (?:whether|how|why|what|if)\b",
        r"\bmore (?:information|data|evidence|research|tests?) (?:is|was|are|were) needed\b",
    ],
    # "it is too early to tell how widespread…", "premature to conclude…"
    "too_early": [
        r"\b(?:too early|too soon|premature|hard|difficult|impossible) (?:too |yet )?to (?:say|tell|predict|know|judge|gauge|determine|assess|conclude|assume|calculate|estimate|quantify)\b",
        r"\btime will tell\b|\bpremature\b",
        r"\b(?:bear|worth|merit|deserve)s? (?:close |careful )?watching\b",
    ],
    # "depends on whether…", "hinges on…"
    "depends": [
        r"\b(?:depend(?:s|ed|ing)?|hing(?:e|es|ed|ing)|rest(?:s|ed)?|turn(?:s|ed)?) (?:largely |heavily |partly |in part |entirely )?(?:on|upon) (?:whether|how|what|when|if|who|which)\b",
        r"\bdepend(?:s|ed|ing)? (?:largely |heavily |partly |in part |entirely )?(?:on|upon)\b",
    ],
    # "a decision is expected next week on…", "will have to decide if…", "to discuss whether…"
    "decision": [
        r"\bdecid(?:e|es|ed|ing) (?:whether|if|when|how|what|who|which)\b",
        r"\bdecision (?:of |on |about |over )?(?:whether|when|if|how)\b",
        r"\bdecision (?:is|was) (?:expected|due|pending)\b|\b(?:yet|have|has|had) (?:yet )?to decide\b",
        r"\b(?:discuss|consider|weigh|debate|review|mull)(?:s|ed|ing)? (?:whether|if|when|how)\b",
    ],
    # "analysts doubt that…", "the claim is disputed", "questioned whether…"
    "disputed": [
        r"\bdoubts? (?:that|whether|if|over|about)\b",
        r"\b(?:sceptical|skeptical|unconvinced|not convinced) (?:that|whether|about|of)\b",
        r"\bquestion(?:s|ed|ing)? (?:whether|if)\b",
        r"\bwonder(?:s|ed|ing)? (?:whether|if|how|what|why|when)\b",
        r"\bshow me (?:how|what|why|where|when|that)\b",
        r"\b(?:disputed|contested|is disputing|are disputing)\b",
    ],
}
# the old three families, for callers that still group the cues that way
UNCERTAINTY = FAMILIES["unknown"] + FAMILIES["unclear"] + FAMILIES["too_early"]
DOUBT = FAMILIES["disputed"]
DEPENDS = FAMILIES["depends"]
# modal verbs that make a claim a possibility rather than a fact (hedged forecasts)
POSSIBILITY_MODALS = {"could", "may", "might"}

FAMILY_RES = {name: re.compile("|".join(pats), re.IGNORECASE) for name, pats in FAMILIES.items()}
UNCERTAINTY_RE = re.compile("|".join(UNCERTAINTY), re.IGNORECASE)
DOUBT_RE = re.compile("|".join(DOUBT), re.IGNORECASE)
DEPENDS_RE = re.compile("|".join(DEPENDS), re.IGNORECASE)

# where a reader-comment thread starts: nothing after it is the article's voice
COMMENT_START_RE = re.compile(
    r"^\W*(?:at \d{1,2}[:.]\d{2}\b.*\bwrote\s*:|.{0,80}\bwrote\s*:\s*$|comments? (?:are|is) (?:now )?closed|"
    r"add your comment|have your say|post a comment|(?:\d+ )?(?:reader )?comments?\s*(?:\(\d+\))?\s*$|"
    r"most recommended|readers'? comments)",
    re.IGNORECASE,
)


# a comment's own header inside a line: "January 31, 2011 at 4:52 pm | …"
COMMENT_STAMP_RE = re.compile(r"\b\d{1,2}:\d{2}\s*(?:am|pm)\s*\|", re.IGNORECASE)


def is_comment_start(text: str) -> bool:
    """A line that opens a reader-comment thread ("At 15:18 … Y wrote:", "Comments are
    closed", "January 31, 2011 at 4:52 pm | …")."""
    return bool(COMMENT_START_RE.search(text) or COMMENT_STAMP_RE.search(text))


# cues that say "unknown" without saying what: they refer back to the previous sentence
ANAPHORIC_RE = re.compile(
    r"^\W*(?:\w+\W+){0,8}?(?:it is |it's |it was )?(?:hard|difficult|impossible|too early|too soon) to "
    r"(?:say|tell|predict|know|judge)\W*$|\btime will tell\W*$",
    re.IGNORECASE,
)

# page furniture and promotion: questions put to the reader, calls to action
FURNITURE = [
    r"\b(?:do|did|have|are|would|will|can|could|should) you\b",
    r"^\W*(?:does|do|did|can|could|has|have) (?:anyone|anybody)\b",
    r"\byour (?:inbox|email|subscription|account|thoughts|questions|comments?|views|stories|story|experiences?)\b",
    r"\benjoying (?:this|our)\b",
    r"\bsubscri(?:be|ption|bers?)\b",
    r"\bnewsletters?\b",
    r"\bsign (?:up|in)\b|\blog ?in\b",
    r"\bclick here\b|\bread more\b|\bfind out (?:more|about)\b|\blearn more\b",
    r"\bfollow us\b|\bshare this\b|\bthis (?:article|story) (?:originally )?appeared\b",
    r"\brelated (?:posts|articles|stories|books)\b|\bmore from\b|\bsee also\b",
    r"\ball rights reserved\b|\bcopyright\b|\badvertisement\b|\bleave a (?:reply|comment)\b",
    r"\bget the answers\b|\bcurated content\b|\bwhy you can trust\b",
    r"^\W*(?:photograph|photo|picture|image|video|graphic)s?\s*:",
]
FURNITURE_RE = re.compile("|".join(FURNITURE), re.IGNORECASE)

# explainer headings and rhetorical asides: a question the article itself answers next
RHETORICAL_RE = re.compile(
    r"^\W*(?:so |and |but )?(?:why (?:does|did|is) (?:this|that|it) (?:matter|important)|"
    r"what (?:does|did) (?:this|that|it) mean|what happens (?:next|now)|what(?:'s| is) next|"
    r"what(?:'s| is) (?:going on|happening)|who (?:is|are) (?:he|she|they)|why now|so what|"
    r"what do we know|how did we get here|what you need to know|what about)\b",
    re.IGNORECASE,
)


# every FURNITURE pattern needs one of these strings in the lower-cased text: checking
# for them first skips the pattern search (slow for so many alternatives) on most text
FURNITURE_TRIGGERS = (
    "you",
    "anyone",
    "anybody",
    "enjoying ",
    "subscri",
    "newsletter",
    "sign ",
    "log",
    "click here",
    "read more",
    "find out ",
    "learn more",
    "follow us",
    "share this",
    "appeared",
    "related ",
    "more from",
    "see also",
    "rights reserved",
    "copyright",
    "advertisement",
    "leave a ",
    "get the answers",
    "curated content",
    "photo",
    "picture",
    "image",
    "video",
    "graphic",
)


def is_furniture(text: str) -> bool:
    """True for a call to action, a question put to the reader, or site boilerplate."""
    low = text.lower()
    if not any(t in low for t in FURNITURE_TRIGGERS):
        return False
    return bool(FURNITURE_RE.search(text))


# "What is bird flu?", "Who are the rebels?": a glossary heading, answered below it
DEFINITIONAL_RE = re.compile(
    r"^(?:what|who) (?:is|are|was|were) (?:a |an |the )?(?:[\w'’-]+ ?){1,3}\?$", re.IGNORECASE
)


def is_definitional(question: str) -> bool:
    return bool(DEFINITIONAL_RE.match(question))


def is_rhetorical(question: str) -> bool:
    """True for explainer headings ("Why does it matter?") and very short asides."""
    words = question.split()
    return len(words) < 5 or bool(RHETORICAL_RE.search(question))


# a sentence that plainly says something is not known: "remains unclear", "it is not known
# how…", "we don't know who…", "too early to tell", "trying to determine whether…".  Only
# such a sentence may be quoted as "Unresolved: …" when its rewrite fails; a sentence that
# merely holds a weak cue ("would be premature", "a judge must decide") is dropped instead.
_WH = r"(?:what|who|whom|whose|which|when|where|why|how|whether|if)"
CLEAR_UNCERTAINTY_RE = re.compile(
    r"\b(?:remains?|remained|is|are|was|were|still|be|become|stays?)\s+(?:still\s+|largely\s+|far\s+from\s+)?"
    r"(?:unclear|unknown|uncertain|not\s+(?:yet\s+)?(?:clear|known)|a\s+mystery|unexplained|undetermined)\b"
    r"|\b(?:unclear|not\s+(?:yet\s+)?(?:clear|known)|unknown|uncertain|no\s+(?:clear\s+)?(?:idea|clue|indication)"
    r"|(?:do|does|did)\s*(?:not|n't)\s+(?:yet\s+)?know|not\s+sure|could\s*(?:not|n't)\s+say"
    r"|(?:trying|tried|try|seeking|working)\s+to\s+(?:determine|establish|find\s+out|work\s+out|understand)"
    r"|investigat\w+|depends?\s+(?:\w+ly\s+)?on)\b[^.;:]{0,40}?\b" + _WH + r"\b"
    r"|\b(?:too\s+(?:early|soon)|premature)\s+to\s+(?:say|tell|know|determine|judge|assess|calculate|"
    r"conclude|predict|speculate|estimate|gauge)\b",
    re.IGNORECASE,
)


def clear_uncertainty(sentence: str) -> bool:
    """The sentence plainly states that something is not (yet) known."""
    return bool(CLEAR_UNCERTAINTY_RE.search(sentence))
