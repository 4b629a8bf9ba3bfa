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
``COMMENT_HEADERS``
    A line that opens one reader comment ("At 15:18 26th Apr 2009, Jo wrote:",
    "Comment number 4.", "1. Jo, Leeds wrote:", "April 21, 2011 at 12:33 pm | Reply";
    not a bare "Posted by …", which blogs also put over the post itself).  A thread
    (two such lines, or one in the second half of the text) is cut from its first
    header on, with the reader-call prompts right before it: comments are never the
    article's words.
``READER_CALLS``
    A line that asks readers to write in ("Tell us your experiences", "Add your
    comment", "Have your say"): a trailer heading, and the questions to the reader
    just before it ("Are you in the area?") go with it.
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
    # a broadcast transcript's header: "Interview With A; Interview With B Aired
    # February 13, 2011 - 10:00 ET THIS IS A RUSH TRANSCRIPT."
    r".{0,300}\baired\s+[a-z]+\.?\s+\d{1,2},?\s+\d{4}\s*[-–]\s*\d{1,2}:\d{2}(:\d{2})?\s*(et|est|edt|pt|pst|pdt|gmt|bst)\b.{0,200}",
    r"(.{0,300}\s)?this is a rush transcript\b.{0,200}",
    r"this copy may not be in its final form.{0,100}",
    r"(story|key) highlights:?",  # the heading over a page's summary bullets
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
    r"(complain about|report|reply to|recommend) this (comment|post)\.?",
    r"(recommended by \d+ (people|persons?|readers?)|\d+ (people|readers?) recommend(ed)? this)\.?",
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
    r"(this|the) (debate|discussion|entry|forum|thread|post|page) (is|has been) (now )?closed( for comments)?\.?",
    r"(most recommended|editors' picks|readers'?|latest|all|your) comments\s*(\(\d+\))?:?",
    r"(sort|order) by:? (oldest|newest|most recommended|readers' picks).{0,40}",
]

COMMENT_HEADERS: list[str] = [
    # "At 15:18 26th Apr 2009, Jo wrote:" (and the comment on the same line)
    r"(#?\d{1,4}[.):]?\s+)?at \d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?\s*(on\s+)?\d{1,2}(st|nd|rd|th)?\s+\w+,?\s+\d{4},?\s+.{1,80}?\s+wrote:.*",
    # "On 26 April 2009 at 3:18pm, Jo wrote:"
    r"(#?\d{1,4}[.):]?\s+)?on \d{1,2}(st|nd|rd|th)? \w+,? \d{4}.{0,30}, .{1,60}? wrote:.*",
    # "1. Jo, Leeds wrote:" / "#12 Jo wrote:": a numbered comment
    r"#?\d{1,4}[.):]\s+[^.!?:]{1,60}\s+wrote:.*",
    r"comment (number|no\.?|#)\s*\d{1,5}\.?",
    # "April 21, 2011 at 12:33 pm | Reply Nowhere has anyone …": a comment's stamp with
    # its comment run on (and the end of the comment above before it)
    r".{0,300}?\b[a-z]{3,9}\.?\s+\d{1,2}\s*,?\s*\d{4}\s*,?\s+at\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\|\s*(reply|report abuse)\b.*",
    # "… Posted by: jo71 | September 26, 2008 11:57 AM | Report abuse": a blog comment's
    # signature (a post's own "Posted by" line has no "Report abuse")
    r".{0,400}?\bposted by\s*:?\s*[^|]{1,60}\|\s*[a-z]{3,9}\.?\s+\d{1,2}\s*,?\s*\d{4}[^|]{0,20}\|\s*report abuse\b.*",
]

READER_CALLS: list[str] = [
    (
        r"((you can|please|why not)\s+)?(tell|send|give|share|e-?mail)(\s+us)?\s+(about\s+)?your\s+(own\s+)?"
        r"(experiences?|views?|comments?|stories|story|thoughts|pictures|photos).{0,300}"
    ),
    r".{0,60}\bmay edit your (comments|emails|messages).{0,160}",
    r"(add|post|leave|submit) your (comment|views?|thoughts)s?.{0,40}",
    r"have your say.{0,60}",
    r"(a selection of )?your comments (may|will) be (published|edited).{0,200}",
    r"(what do you think|what are your views|share your (views|thoughts|experiences?))\??.{0,120}",
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
