"""Generic English word lists used to find actors and their roles.

Linguistic knowledge only (titles, occupations, organisation head words, credit cues),
valid for any news story.
"""

from __future__ import annotations

# Titles that stand before a person's name ("Prime Minister X", "activist X").
TITLES: tuple[str, ...] = (
    "secretary of state",
    "secretary of defense",
    "secretary of defence",
    "defense secretary",
    "defence secretary",
    "foreign secretary",
    "home secretary",
    "treasury secretary",
    "secretary of the treasury",
    "deputy prime minister",
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "interior minister",
    "finance minister",
    "trade minister",
    "minister",
    "secretary",
    "commissioner",
    "administrator",
    "director general",
    "director-general",
    "surgeon general",
    "chief medical officer",
    "chief executive officer",
    "general secretary",
    "secretary general",
    "secretary-general",
    "vice president",
    "president",
    "vice premier",
    "premier",
    "chancellor",
    "ambassador",
    "speaker",
    "senator",
    "sen.",
    "representative",
    "rep.",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "mayor",
    "chairman",
    "chairwoman",
    "chairperson",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "emir",
    "sultan",
    "pope",
    "cardinal",
    "archbishop",
    "bishop",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "director",
    "chief executive",
    "ceo",
    "party chief",
    "party leader",
    "opposition leader",
    "leader",
    "chief",
    "general",
    "lieutenant general",
    "major general",
    "brigadier general",
    "admiral",
    "colonel",
    "commander",
    "judge",
    "justice",
    "attorney general",
    "prosecutor",
    "professor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof.",
    "sir",
    "dame",
    "envoy",
    "special envoy",
    "lawmaker",
    "legislator",
    "activist",
    "journalist",
    "analyst",
    "economist",
    "lawyer",
    "blogger",
    "dissident",
    "researcher",
    "historian",
    "author",
    "scholar",
    "diplomat",
    "official",
    "commentator",
    "correspondent",
    "editor",
)

# Honorifics: a person follows, but they are not a role.
HONORIFICS: frozenset[str] = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady".split()
)

# Head nouns of an appositive that describe a person ("X, a senior fellow at …").
PERSON_NOUNS: frozenset[str] = frozenset(
    """minister secretary president premier chancellor ambassador speaker senator governor
    mayor chairman chairwoman chair king queen prince princess spokesperson spokesman
    spokeswoman director chief executive ceo founder leader head general admiral colonel
    commander judge justice prosecutor professor lecturer fellow researcher scholar expert
    analyst adviser advisor consultant economist lawyer attorney activist journalist reporter
    correspondent editor writer author blogger dissident diplomat envoy official officer
    lawmaker legislator politician candidate member deputy representative vice historian
    scientist doctor student teacher worker resident witness survivor victim father mother
    son daughter wife husband brother sister strategist commentator partner manager
    coordinator negotiator aide minister-president monk priest pastor imam bishop singer
    star superstar legend actor actress musician rapper bodyguard detective nurse coroner
    pilot player coach designer artist entertainer promoter producer businessman
    businesswoman tycoon billionaire athlete soldier cleric sheikh chief""".split()
)

# Head words that make a name an organisation ("… Institute", "… Party").
ORG_HEADS: frozenset[str] = frozenset(
    """institute institution university college school academy party department ministry
    ministries agency council committee commission court assembly parliament congress senate
    house office bureau administration government corporation corp corp. inc inc. ltd ltd.
    company group bank fund foundation association union federation organization
    organisation center centre society league alliance network coalition army navy force
    forces police service services board authority program programme embassy consulate
    network times post news press journal agency tribunal cabinet secretariat""".split()
)

# Appositive head nouns that describe an organisation ("X, a think tank in …").
ORG_NOUNS: frozenset[str] = frozenset(
    """tank group organisation organization agency company firm party institute body coalition
    network alliance outlet newspaper broadcaster charity foundation union movement militia
    association ministry department bank regulator""".split()
)

# Words that make a name a group rather than an organisation.
GROUP_HEADS: frozenset[str] = frozenset(
    "movement front brigade brigades militia rebels insurgents protesters opposition".split()
)

# Verbs of saying: "…, said X" and "X said".
SPEECH_VERBS: tuple[str, ...] = (
    "said",
    "says",
    "told",
    "added",
    "noted",
    "wrote",
    "writes",
    "argued",
    "explained",
    "stated",
    "warned",
    "asked",
    "insisted",
    "claimed",
    "stressed",
    "observed",
)

# Lines or parentheses that credit people rather than mention them.
CREDIT_CUES: tuple[str, ...] = (
    "reporting by",
    "additional reporting by",
    "covering by",
    "editing by",
    "edited by",
    "writing by",
    "written by",
    "compiled by",
    "photograph:",
    "photo:",
    "photos:",
    "image:",
    "picture:",
    "illustration:",
    "graphic:",
    "video:",
    "source:",
    "credit:",
    "by",
    "author:",
    "contact:",
    "follow",
)

# Function words that cannot end a name ("Communist Party of").
TRAILING_STOPWORDS: frozenset[str] = frozenset(
    "of and the for in on at to by with from a an".split()
)

# Last words of names that denote things, places or events, not actors.
NOT_ACTOR_HEADS: frozenset[str] = frozenset(
    """strategy partnership region policy agreement accord treaty deal plan initiative act law
    bill summit war crisis conflict sea ocean river island islands strait peninsula mountains
    day week month year era doctrine declaration statement report index award prize games cup
    festival conference talks dialogue forum framework pact program programme project
    scheme campaign operation pandemic virus flu disease hotel hospital airport resort
    stadium""".split()
)

# Prepositions after which a name is a place ("in Springfield").
PLACE_PREPOSITIONS: frozenset[str] = frozenset(
    "in near outside around across into inside towards toward throughout".split()
)

# Page furniture that the model may tag as an organisation.
FURNITURE: frozenset[str] = frozenset(
    w.strip()
    for w in """terms of service|terms of use|privacy policy|cookie policy|all rights reserved|
    advertisement|subscribe|newsletter|sign up|log in|read more|related articles|
    most popular|comments|share this""".split("|")
)

# Names the model tags as organisations that are never actors (time zones and the like).
NOT_ACTOR_NAMES: frozenset[str] = frozenset(
    "bst gmt utc est edt cst cdt mst mdt pst pdt cet cest et pt ist jst aest".split()
)

# Roles of the journalists who cover a story: they are sources' staff, not actors.
REPORTERS: frozenset[str] = frozenset(
    "correspondent correspondents reporter reporters anchor presenter editor editors".split()
)
