"""Page furniture patterns: the one place that lists what cleaning removes.

Every pattern is a case-insensitive regular expression matched against a whole,
stripped line (``^…$`` is added).  The lists are generic: they describe how web pages
and wire copy are built, never one site or one story.  A brief's config extends them
(``ingest.furniture``, ``ingest.teasers``, ``ingest.trailers``); it cannot remove them.

``FURNITURE``
    A line that is dropped on its own: ad markers, subscription and newsletter
    prompts, reading times, share counts, copyright and syndication notes, photo
    credits, "Why you can trust …" badges.
``TEASERS``
    A one-line teaser inside the body ("See also: …", "Read more: …"); only that line
    is dropped.
``TRAILERS``
    A heading that opens the page's trailer ("Related posts", "More from …", "Leave a
    Reply", "12 comments"): it and everything after it is dropped, but only when the
    heading sits in the second half of the text.  Earlier, only the heading line goes,
    so a misplaced heading can never cut the article proper.
``PROMO_WORDS``
    Words that mark a short line right before a subscription prompt as part of the
    prompt ("Get the story of the week in your inbox." / "Subscribe").

Bylines and credit lines ("By A – Outlet – July 31, 2023", "(Reporting by A) Editing
by B") are recognised by shape rather than by a pattern: see ``briefgen.ingest.byline``.
"""

from __future__ import annotations

FURNITURE: list[str] = [
    # ad markers
    r"(advertisement|advertising|ad|ads|sponsored|sponsored content|paid (content|post|partnership))",
    r"(story continues below|scroll to continue|continue reading)( (this|the))?( advertisement| with content| below)?",
    r"(skip|close) (advertisement|ad)",
    # subscription and newsletter prompts
    r"subscribe( now| today| here| newsletter| to (our|the) newsletter)?[.!]?",
    r"subscribe to .{0,80}",
    r"sign up( now| here| today)?[.!]?",
    r"sign up (for|to) .{0,120}",
    r"get (the|our) (free )?newsletter[.!]?",
    r"(enjoying this article|already a subscriber|not a subscriber)\??.*",
    r"(become a (member|subscriber)|support (our|independent) journalism|log ?in to (continue|read)).{0,200}",
    r"do you have questions about .*(answers?|subscribe|newsletter|platform).*",
    # reading time, share and comment counts standing alone
    r"reading time:?\s*\d+.*",
    r"\d+\s*min(ute)?s?\s+read",
    r"[\d.,]+\s*[km]?",
    r"[\d.,]+\s*[km]?\s*(shares?|comments?|views?|likes?|reactions?)",
    r"why you can trust .{0,60}",
    # copyright and syndication notes
    r"(copyright\s*)?©.{0,200}",
    r"(copyright\s*)?\(c\)\s*\d{4}\b.{0,200}",
    r"copyright\s+\d{4}\b.{0,200}",
    r".{0,200}all rights reserved\.?",
    r"(this|the) (article|story|piece|post) (originally|first) (appeared|ran|was published) (on|in) .{0,120}",
    r"our standards:.*",
    r"(share|tweet|email|print|save) (this|the) (article|story|page).{0,40}",
    r"(share|share this|share on)( (facebook|twitter|x|linkedin|whatsapp|email))+",
    r"click here .{0,120}",
    r".{0,200}\|\s*(report abuse|reply|flag)\s*\|.{0,2000}",  # a reader comment's header
    # photo and video credits
    r"(photo|photograph|image|picture|video|graphic|illustration)s?( credit)?:.{0,120}",
    r"\((photo|image|picture|video)s? by .{1,80}\)",
    r"(photo|image|picture|video)s? by [^.!?]{1,60}",
    r".*[.!?\"”]\s*(photo|photograph|picture|image|video)s?( credit)?:\s*[\w .,&/'()-]{1,60}",
]

TEASERS: list[str] = [
    r"see also\b.{0,200}",
    (
        r"(read (more|also|next)|also read|related( (story|stories|article|articles|coverage|content|link))?|"
        r"more on (this|that)( story| topic)?|recommended( reading)?|don't miss|must read|watch|listen)"
        r"(\s*[:|»›>]\s*|\s+[–—-]\s+).{1,200}"
    ),
]

TRAILERS: list[str] = [
    (
        r"(see also|related( posts| articles| stories| links| content| coverage| topics| books.*)?|"
        r"more stories|read more|recommended( for you| reading)?|"
        r"you (may|might) also (like|be interested in)|most (read|popular|viewed)|trending( now)?|"
        r"popular (stories|posts|articles)|latest (news|stories)|top stories)\s*[:.]?"
    ),
    r"more (from|on)(\s+[^\s.!?]+){1,6}\s*:?",
    r"articles similaires\s*/\s*related posts\s*:?",
    r"leave a (reply|comment)\.?",
    r"(post a|add a|write a) comment\.?",
    r"(\d+\s*)?comments?\s*\(?\d*\)?:?",
    r"reader comments?\s*\(?\d*\)?:?",
    r"(join|show|view|load|read) (the )?(discussion|comments).{0,40}",
    r"comments (are|have been) closed\.?",
]

PROMO_WORDS: list[str] = [
    "newsletter",
    "inbox",
    "stories",
    "story of the week",
    "briefing",
    "sign up",
    "subscribe",
    "delivered",
    "updates",
    "headlines",
]
