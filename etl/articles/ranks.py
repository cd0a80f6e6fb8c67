"""The grammar of ranks: "fifth-largest trading partner", "top supplier", "ranked sixth among",
"in the top five", "the second-largest" (the noun left out), with who ranks whom, by which flow,
and the convention the sentence names ("among individual countries", "counting Hong Kong and
Taiwan", "with the EU as one partner") or implies ("behind the US, South Korea and Japan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.articles import entities

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
_ORD = (r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINALS) + r"|No\.\s?\d{1,2}|number[\s-](?:"
        + "|".join(NUMBERS) + r"|\d{1,2}))")
_ADJ = r"(?:largest|biggest|most\s+important|leading|top|major)"
_PRODUCT = r"(?:crude(?:\s+oil)?|oil|natural\s+gas|gas|LNG|coal|energy)"
_NOUN = (
    rf"(?:(?:single[\s-](?:country\s+)?)?(?:(?:trading|trade|commercial)\s+)?partner|"
    rf"{_PRODUCT}\s+(?:supplier|exporter|source|seller)|"
    rf"(?:supplier|source|exporter|seller)\s+of\s+{_PRODUCT}|"
    r"supplier|"
    r"export\s+(?:market|destination)|(?:market|destination)\s+for\s+(?:Chinese|Russian|its)\s+"
    r"(?:goods|exports|products)|"
    r"source\s+of\s+(?:Chinese\s+|Russian\s+)?imports|buyer|customer)"
)
RANK_RE = re.compile(
    rf"(?:(?P<ord>{_ORD})[\s-]+(?:{_ADJ}[\s-]+)?(?P<what>{_NOUN})"
    rf"|(?P<top>largest|biggest|top|leading|number[\s-]one|No\.\s?1|main|chief|principal|"
    rf"single\s+largest)\s+(?P<what1>{_NOUN}))",
    re.IGNORECASE,
)
# "the second-largest." / "only the sixth-biggest, behind ...": the noun is the one named before.
ELLIPSIS_RE = re.compile(
    rf"\b(?P<ord>{_ORD})[\s-]+(?:largest|biggest)\b(?=\s*(?:[,.;:)–—-]|$|among\b|in\b|behind\b|"
    r"after\b|by\b|with\b|counting\b|if\b|when\b|once\b))",
    re.IGNORECASE,
)
PLACE_RE = re.compile(
    rf"\b(?P<ord>{_ORD})\s+(?:among\s+(?:\w+['’]s\s+|its\s+|the\s+)?(?:\w+\s+){{0,2}}?"
    rf"(?:partners|suppliers|markets|destinations)|on\s+the\s+list|in\s+the\s+ranking)\b"
    rf"|\b(?P<ord2>{_ORD})\s+(?:place|spot|position)\b",
    re.IGNORECASE,
)
# "..., and eighth if the EU and ASEAN are counted as one partner each": a bare ordinal opening a
# clause after a rank, with its condition
BARE_RE = re.compile(
    rf"^\s*(?:and\s+|or\s+|but\s+|while\s+)?(?:only\s+)?(?:the\s+)?(?P<ord>{_ORD})\b"
    r"(?=\s*,?\s+(?:if|when|counting|with|under|by|excluding|including|once|on)\b)",
    re.IGNORECASE,
)
# "Russia slips to seventh", "it drops to eighth", "Russia ranked sixth among countries", "came
# fourth": a bare ordinal after a verb of ranking, with no noun of its own. The noun is the one
# the sentence gives ("as a destination for Chinese goods"), the one named before, or "trading
# partner"; a verb that ranks by itself (ranked, placed) needs nothing else, any other (is,
# drops to) needs a rank nearby.
_RANK_VERB = (r"(?:rank(?:s|ed)?|placed|places|came|comes|finished|finishes|slipped|slips|slid|"
              r"slides|dropped|drops|fell|falls|rose|rises|climbed|climbs|moved|moves|jumped|"
              r"jumps|sits|sat|stood|stands|ended\s+up|ends\s+up|is|was|remains|remained|"
              r"returned|returns|stays|stayed|been)")
VERB_ORD_RE = re.compile(
    rf"\b(?P<verb>{_RANK_VERB})\s+(?:down\s+|up\s+|back\s+|only\s+|just\s+)?"
    rf"(?:(?:to|into|in|at|in\s+at)\s+)?(?:the\s+|an?\s+(?:distant|close|comfortable|solid|"
    rf"respectable)\s+)?(?P<ord>{_ORD})\b(?!-)"
    r"(?=\s*(?:[,.;:)–—]|$|(?:among|in|on|behind|after|by|with|counting|if|when|once|as|"
    r"overall|last|this|that|place|position|spot|again|now|then|and|or|but|only)\b))",
    re.IGNORECASE,
)
RANKING_VERB_RE = re.compile(r"^(?:rank(?:s|ed)?|placed|places)$", re.IGNORECASE)
# The noun a sentence gives a bare rank: "as a destination for Chinese goods", "as a supplier"
AS_NOUN_RE = re.compile(rf"\bas\s+(?:an?|the|its)\s+(?:\w+\s+)?(?P<what>{_NOUN})", re.IGNORECASE)
# Words that say a sentence is about ranking
RANK_WORDS_RE = re.compile(r"\b(?:partners?|rank(?:s|ed|ing|ings)?|list|league\s+table|table|"
                           r"suppliers?|markets?|destinations?|place|position)\b", re.IGNORECASE)
TOP_N_RE = re.compile(
    r"\btop[\s-](?P<n>\d{1,2}|three|five|ten)\s+(?:trading\s+|trade\s+)?partners\b",
    re.IGNORECASE,
)
BEHIND_RE = re.compile(
    r"\b(?:behind|after|trailing)\s+(?P<list>(?:only\s+)?(?:the\s+)?[A-Z][^.;]*)")

# Conventions a sentence can name, most specific first (the blocs convention also counts Hong
# Kong and Taiwan, so it is tested before the Hong Kong one).
CONVENTION_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("blocs_as_units", re.compile(
        r"\b(?:EU|European\s+Union|ASEAN)(?:\s+and\s+(?:the\s+)?(?:EU|ASEAN))?\s+(?:each\s+|both\s+)?"
        r"(?:(?:is|are|was|were|being)\s+)?(?:counted|treated|taken|ranked)?\s*as\s+(?:a\s+|one\s+|"
        r"single\s+)?(?:single\s+|whole\s+)?(?:partner|bloc|unit|block|trading\s+partner)s?\b"
        r"|\bas\s+(?:single\s+)?blocs\b|\bblocs?\s+(?:counted\s+)?as\s+(?:single|one)\b"
        r"|\b(?:EU|European\s+Union)\s+as\s+a\s+whole\b",
        re.IGNORECASE)),
    ("incl_hk_tw", re.compile(
        r"\b(?:count(?:ing|ed)?|includ(?:ing|ed)|with|add(?:ing|ed|s)?)\s+(?:in\s+)?Hong\s+Kong"
        r"\s+and\s+Taiwan\b|\bHong\s+Kong\s+and\s+Taiwan\s+(?:as\s+separate|separately)\b"
        r"|\bHong\s+Kong\s+and\s+Taiwan\s+(?:are\s+|were\s+|being\s+)?(?:counted|included|"
        r"listed|treated)\b|\bamong\s+(?:countries\s+and\s+)?territories\b", re.IGNORECASE)),
    ("countries_only", re.compile(
        r"\bamong\s+(?:individual|single|sovereign)\s+(?:countries|nations|states)\b"
        r"|\bcount(?:ing|ed)?\s+(?:only\s+)?(?:individual\s+|single\s+)?countries(?:\s+only)?\b"
        r"|\bcountries\s+only\b|\bexcluding\s+(?:the\s+EU|Hong\s+Kong)\b"
        r"|\b(?:single|individual)[\s-]country\b|\bas\s+a\s+single\s+country\b"
        r"|\bamong\s+countries\b", re.IGNORECASE)),
]
EXPORT_MARKET_RE = re.compile(r"export\s+(?:market|destination)|(?:market|destination)\s+for|"
                              r"buyer|customer", re.IGNORECASE)
IMPORT_SOURCE_RE = re.compile(r"source\s+of\s+(?:\w+\s+)?imports|supplier|seller|exporter",
                              re.IGNORECASE)
CRUDE_NOUN_RE = re.compile(r"crude|oil", re.IGNORECASE)
GAS_NOUN_RE = re.compile(r"gas|LNG|coal|energy", re.IGNORECASE)
BY_FLOW_RE = re.compile(r"\bby\s+(?P<flow>exports|imports)\b|\bas\s+an?\s+(?P<as>export|import)\s+"
                        r"(?:market|partner|destination)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RankPhrase:
    rank: int
    mode: str  # exact, top
    words: str  # the words read
    what: str  # the noun: trading partner, supplier, export market ("" when left out)
    at: int  # offset of the phrase in the clause


def _ordinal(word: str) -> int:
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    number = re.sub(r"^(?:no\.\s?|number[\s-])", "", word)
    if number in NUMBERS:
        return NUMBERS[number]
    return int(re.sub(r"\D", "", number))


def find_ranks(text: str, noun_before: str = "", rank_context: bool = False) -> list[RankPhrase]:
    """Every rank phrase of a clause, in text order. `noun_before` is the noun of a rank named
    earlier in the sentence, for a phrase that leaves it out ("the second-largest");
    `rank_context` says a rank was stated nearby, so "it drops to eighth" is one too."""
    found: list[RankPhrase] = []
    for m in RANK_RE.finditer(text):
        what = m.group("what") or m.group("what1") or ""
        if m.group("top"):
            top = m.group("top").lower()
            if top in ("main", "chief", "principal", "major") and "partner" not in what.lower():
                continue
            rank = 1
        else:
            rank = _ordinal(m.group("ord"))
        found.append(RankPhrase(rank, "exact", m.group(0), what, m.start()))
    for m in TOP_N_RE.finditer(text):
        n = NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
        found.append(RankPhrase(n, "top", m.group(0), "trading partner", m.start()))
    for m in PLACE_RE.finditer(text):
        if any(r.at <= m.start() < r.at + len(r.words) for r in found):
            continue
        among = re.search(r"\b(suppliers|markets|destinations)\b", m.group(0), re.IGNORECASE)
        what = (among.group(1)[:-1].lower() if among else "") or noun_before or "trading partner"
        found.append(RankPhrase(_ordinal(m.group("ord") or m.group("ord2")), "exact", m.group(0),
                                what, m.start()))
    for m in VERB_ORD_RE.finditer(text):
        if any(r.at <= m.start("ord") < r.at + len(r.words) for r in found):
            continue
        if not (rank_context or RANKING_VERB_RE.match(m.group("verb"))
                or RANK_WORDS_RE.search(text)):
            continue
        given = AS_NOUN_RE.search(text)
        what = (given.group("what") if given else "") or noun_before or (
            found[0].what if found else "") or "trading partner"
        found.append(RankPhrase(_ordinal(m.group("ord")), "exact", m.group(0)[m.start("ord")
                                - m.start():], what, m.start("ord")))
    earlier = noun_before or (found[0].what if found else "")
    bare = BARE_RE.match(text)
    if bare and earlier and not found:
        found.append(RankPhrase(_ordinal(bare.group("ord")), "exact", bare.group(0).strip(),
                                earlier, bare.start("ord")))
    for m in ELLIPSIS_RE.finditer(text):
        if earlier and not any(r.at <= m.start() < r.at + len(r.words) for r in found):
            found.append(RankPhrase(_ordinal(m.group("ord")), "exact", m.group(0), earlier,
                                    m.start()))
    return sorted(found, key=lambda r: r.at)


def named_convention(text: str) -> str | None:
    """The convention a sentence names for its rank, if it names one."""
    for convention, pattern in CONVENTION_WORDS:
        if pattern.search(text):
            return convention
    return None


def partners_ahead(sentence: str, others: dict[str, re.Pattern[str]]) -> list[str]:
    """The partners a sentence names as ranking ahead ("behind the US, the EU and Japan")."""
    behind = BEHIND_RE.search(sentence)
    if behind is None:
        return []
    return [code for code, p in others.items() if p.search(behind.group("list"))]


def implied_convention(ahead: list[str]) -> str | None:
    """The convention a list of partners ahead implies: a bloc among them means blocs count as
    partners; Hong Kong or Taiwan means territories count; countries alone, countries only."""
    if not ahead:
        return None
    if set(ahead) & {"EU27", "ASEAN"}:
        return "blocs_as_units"
    if set(ahead) & {"HKG", "TWN"}:
        return "incl_hk_tw"
    return "countries_only"


def rank_flow(what: str, sentence: str) -> str:
    """Which flow a rank is by: 'export market' is by exports, 'supplier' by imports."""
    by = BY_FLOW_RE.search(sentence)
    if by:
        word = (by.group("flow") or by.group("as")).lower()
        return "export" if word.startswith("export") else "import"
    if EXPORT_MARKET_RE.search(what):
        return "export"
    if IMPORT_SOURCE_RE.search(what):
        return "import"
    return "total"


def rank_product(what: str, context: str) -> str:
    """'crude' for a rank among crude suppliers (the noun or, for a bare 'supplier', the
    sentence or the one before says crude), 'other' for another product, '' for goods trade."""
    if CRUDE_NOUN_RE.search(what):
        return "crude"
    if GAS_NOUN_RE.search(what):
        return "other"
    if re.fullmatch(r"(?:supplier|exporter|seller|source)", what.strip(), re.IGNORECASE):
        if re.search(r"\b(?:crude|oil|barrels)\b", context, re.IGNORECASE):
            return "crude"
        if re.search(r"\b(?:gas|LNG|coal)\b", context, re.IGNORECASE):
            return "other"
    return ""


def nearest_side(words: str) -> str | None:
    """The side named last in `words` ("as a destination for Chinese goods, Russia ranked"):
    the one a rank that follows is said of."""
    last = None
    for m in re.finditer(rf"\b(?:{entities.CHINA}|{entities.RUSSIA})\b", words, re.IGNORECASE):
        last = entities.side_of(m.group(0))
    return last


def without_convention(words: str) -> str:
    """`words` without the convention they name ("Treat the EU and ASEAN as single blocs"), so
    the partners a convention names are not taken for the partner ranked."""
    for _, pattern in CONVENTION_WORDS:
        words = pattern.sub(" ", words)
    return re.sub(r"\b(?:Treat|Count|Add)\s+(?:the\s+)?(?:EU|European\s+Union|ASEAN|Hong\s+Kong)"
                  r"[^,;]*?\s+as\b", " ", words, flags=re.IGNORECASE)


def owner_and_subject(clause: str, at: int) -> tuple[str | None, str | None]:
    """'Russia is China's fifth-largest partner' -> owner CHN (whose partners), subject RUS."""
    before = clause[:at]
    poss = list(re.finditer(rf"\b({entities.CHINA}|{entities.RUSSIA})(?:'s|’s|')", before,
                            re.IGNORECASE))
    owner = entities.side_of(poss[-1].group(1)) if poss else None
    if owner is None:
        after = re.search(rf"\b(?:of|for|among|to)\s+(?:the\s+)?({entities.CHINA}|"
                          rf"{entities.RUSSIA})", clause[at:], re.IGNORECASE)
        owner = entities.side_of(after.group(1)) if after else None
    if owner is None:
        poss_after = re.search(rf"\b({entities.CHINA}|{entities.RUSSIA})(?:'s|’s|')",
                               clause[at:], re.IGNORECASE)
        owner = entities.side_of(poss_after.group(1)) if poss_after else None
    if owner is None:
        return None, None
    return owner, "RUS" if owner == "CHN" else "CHN"
