"""Find the checkable statements of an article: China–Russia trade, payments and energy only.

A sentence is in scope when it names both sides (China/Beijing and Russia/Moscow), or one side
and a bilateral word ("the two countries"), or follows closely on such a sentence and speaks of
trade; a clause about a third partner or about one side's trade with the whole world is not.
Within scope, each figure of a clause (a sum of money, a percentage, a volume) is one statement,
shaped by the words around it; rank phrases, the "ties over the past decade" and "relying on
Russian oil and gas" shapes are statements without a figure of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from etl.articles import entities
from etl.articles.numbers import Quantity, find_quantities
from etl.articles.sentences import Span, clauses, paragraphs, sentences

TRADE_WORDS = re.compile(
    r"\b(?:trade|traded|turnover|exports?|imports?|exported|imported|shipments?|surplus|"
    r"deficit|balance|commerce|bought|sold|purchases?|supplies|supplied|deliveries|delivered|"
    r"payments?|settlements?|settled|transactions?|target|goal|partner|crude|oil|gas|pipeline|"
    r"barrels|tonnes|bcm|energy|market)\b",
    re.IGNORECASE,
)
WORLD_SCOPE = re.compile(
    r"\b(?:overall|global|worldwide|with the world|to the world|all (?:its|of its) partners|"
    r"total (?:foreign )?(?:trade|exports|imports)|foreign trade)\b",
    re.IGNORECASE,
)
TARGET_RE = re.compile(r"\b(?:target|goal|aim|milestone)\b", re.IGNORECASE)
SETTLEMENT_RE = re.compile(
    r"\b(?:payments?|settlements?|settled|transactions?|paid|invoiced|denominated)\b",
    re.IGNORECASE,
)
LOCAL_CURRENCY_RE = re.compile(
    r"\b(?:national|local|their own|domestic)\s+currencies\b|\b(?:roubles?|rubles?)\s+(?:and|or)"
    r"\s+(?:yuan|renminbi)\b|\b(?:yuan|renminbi)\s+(?:and|or)\s+(?:roubles?|rubles?)\b",
    re.IGNORECASE,
)
SHARE_RE = re.compile(r"\b(?:share|accounted for|accounts for|account for|made up|makes up|"
                      r"make up|of (?:China|Russia|its|the|all|total|bilateral)\b)", re.IGNORECASE)
CRUDE_IMPORTS_RE = re.compile(
    r"\bof\s+(?:China's|China’s|Chinese|its|the country's|Beijing's)\s+(?:total\s+)?"
    r"(?:crude(?:\s+oil)?|oil)\s+(?:imports|purchases)\b",
    re.IGNORECASE,
)
CRUDE_RE = re.compile(r"\b(?:crude|oil|petroleum)\b", re.IGNORECASE)
CRUDE_VALUE_RE = re.compile(r"\b(?:crude|oil)(?:\s+oil)?\s+(?:imports|purchases|exports|"
                            r"shipments|sales)\b|\bworth\s+of\s+(?:Russian\s+)?(?:crude|oil)\b",
                            re.IGNORECASE)
GAS_RE = re.compile(r"\b(?:gas|Power of Siberia|pipeline|bcm|cubic met)", re.IGNORECASE)
ENERGY_RE = re.compile(r"\b(?:energy|mineral fuels|fuels|oil and gas|gas and oil|hydrocarbons|"
                       r"energy products|oil, gas and coal)\b", re.IGNORECASE)
CAPACITY_RE = re.compile(r"\b(?:design\s+|full\s+|annual\s+|planned\s+)?capacity\b", re.I)
GROWTH_WORDS = re.compile(r"\b(?:year[- ]on[- ]year|from a year earlier|a year earlier|"
                          r"on the year|y/y|yoy|growth|compared with|from the previous month|"
                          r"month[- ]on[- ]month)\b", re.IGNORECASE)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_ORD = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINALS) + r")"
RANK_RE = re.compile(
    rf"(?:(?P<ord>{_ORD})[\s-]+(?:largest|biggest|most important)|(?P<top>largest|biggest|top|"
    rf"leading|number[\s-]one|No\.\s?1|main)|number[\s-](?P<numword>two|three|four|five|\d))"
    r"\s+(?:single[\s-](?:country\s+)?)?(?P<what>(?:trading|trade|commercial)\s+partner|"
    r"partner|(?:supplier|source)\s+of\s+(?:crude|oil|crude\s+oil)|(?:crude(?:\s+oil)?|oil)\s+"
    r"(?:supplier|exporter)|supplier)",
    re.IGNORECASE,
)
TOP_N_RE = re.compile(
    r"\btop[\s-](?P<n>\d{1,2}|three|five|ten)\s+(?:trading\s+|trade\s+)?partners\b",
    re.IGNORECASE,
)
RANKS_AMONG_RE = re.compile(
    rf"\branks?\s+(?:as\s+)?(?P<ord>{_ORD})\s+among\b|\bin\s+(?P<ord2>{_ORD})\s+place\b",
    re.IGNORECASE,
)
BEHIND_RE = re.compile(
    r"\b(?:behind|after|trailing)\s+(?P<list>(?:only\s+)?(?:the\s+)?[A-Z][^.;]*)")
_TIES_NOUN = r"(?:ties|relations|relationship|trade|cooperation|partnership)"
_TIES_VERB = (r"(?:strengthened|deepened|grown|expanded|grew|increased|risen|rose|multiplied|"
              r"intensified|tightened|broadened)")
TIES_RE = re.compile(
    rf"(?:\b{_TIES_NOUN}\b[^.]{{0,60}}?\b{_TIES_VERB}\b|\b{_TIES_VERB}\s+(?:\w+\s+){{0,2}}"
    rf"{_TIES_NOUN}\b)[^.]{{0,40}}?\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?P<span>"
    r"decade|ten years|\d+ years|(?:two|three|four|five|six|seven|eight|nine|ten) years)\b",
    re.IGNORECASE,
)
RELIANCE_RE = re.compile(
    r"\brel(?:y|ies|ying|iant|iance)\s+(?:\w+\s+)?on\s+Russian\s+(?P<what>(?:natural\s+)?gas"
    r"(?:\s+and\s+oil)?|oil(?:\s+and\s+(?:natural\s+)?gas)?|energy|crude)",
    re.IGNORECASE,
)
NEARLY_ALL_RE = re.compile(
    r"\b(?P<words>nearly all|almost all|virtually all|the vast majority|most)\s+of\s+"
    r"(?:their|the|its|bilateral)?\s*(?:\w+\s+){0,3}?(?:transactions|payments|settlements|trade)",
    re.IGNORECASE,
)
SPEAKER_RE = re.compile(
    r"(?:\b(?:according to|said|says|told|stated|noted|announced)\s+(?P<a>(?:[A-Z][\w.'’-]+"
    r"[\s,]*){1,5})|(?P<b>(?:[A-Z][\w.'’-]+\s+){1,4})(?:said|says|told|noted|stated))"
)


@dataclass
class Statement:
    """One checkable statement: its words (an exact substring of the text) and what they say."""

    topic: str  # trade_value, growth, rank, energy, currency, commodity, target, other
    shape: str  # which detector found it (value, growth, rank, crude_share, ...)
    start: int
    end: int
    quote: str
    sentence: Span
    quantity: Quantity | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scope:
    """Whether a sentence speaks of China–Russia relations, and why."""

    on_topic: bool
    both_named: bool


def _in_scope(sentence: Span, carried: bool) -> Scope:
    china = bool(entities.CHINA_RE.search(sentence.text))
    russia = bool(entities.RUSSIA_RE.search(sentence.text))
    bilateral = bool(entities.BILATERAL_RE.search(sentence.text))
    both = china and russia
    on = both or ((china or russia) and bilateral) or (carried and bool(
        TRADE_WORDS.search(sentence.text)))
    return Scope(on, both or bilateral)


def _third_party(clause: str, others: dict[str, re.Pattern[str]]) -> bool:
    return any(p.search(clause) for p in others.values())


def _one_side_world(clause: str) -> bool:
    """'China's total exports rose 5%' is about China and the world, not about Russia."""
    if not WORLD_SCOPE.search(clause):
        return False
    return not (entities.CHINA_RE.search(clause) and entities.RUSSIA_RE.search(clause))


def _rank_statements(clause: Span, sentence: Span, others: dict) -> list[Statement]:
    found = []
    for m in RANK_RE.finditer(clause.text):
        if m.group("top") and m.group("top").lower() == "main" and "partner" not in m.group(
                "what").lower():
            continue
        if m.group("ord"):
            word = m.group("ord").lower()
            rank = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        elif m.group("numword"):
            word = m.group("numword").lower()
            rank = {"two": 2, "three": 3, "four": 4, "five": 5}.get(word) or int(word)
        else:
            rank = 1
        found.append(Statement("rank", "rank", clause.start, clause.end, clause.text, sentence,
                               extra={"rank": rank, "mode": "exact", "match": m.group(0),
                                      "what": m.group("what"), "at": m.start()}))
    for m in TOP_N_RE.finditer(clause.text):
        n = {"three": 3, "five": 5, "ten": 10}.get(m.group("n").lower()) or int(m.group("n"))
        found.append(Statement("rank", "rank", clause.start, clause.end, clause.text, sentence,
                               extra={"rank": n, "mode": "top", "match": m.group(0),
                                      "what": "trading partner", "at": m.start()}))
    for m in RANKS_AMONG_RE.finditer(clause.text):
        word = (m.group("ord") or m.group("ord2")).lower()
        rank = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        found.append(Statement("rank", "rank", clause.start, clause.end, clause.text, sentence,
                               extra={"rank": rank, "mode": "exact", "match": m.group(0),
                                      "what": "trading partner", "at": m.start()}))
    behind = BEHIND_RE.search(sentence.text)
    if behind and found:
        listed = [code for code, p in others.items() if p.search(behind.group("list"))]
        if listed:
            for s in found:
                s.extra["behind"] = listed
    return found


def _shape_of_percentage(q: Quantity, clause: str, both: bool) -> tuple[str, str] | None:
    before = clause[:q.start]
    after = clause[q.end:]
    near = clause[max(0, q.start - 80):q.end + 80]
    if SETTLEMENT_RE.search(near) and (LOCAL_CURRENCY_RE.search(near) or re.search(
            r"\b(?:roubles?|rubles?|yuan|renminbi|dollars?|euros?)\b", after, re.I)):
        return "currency", "settlement"
    if CRUDE_IMPORTS_RE.search(after[:60]):
        return "energy", "crude_share"
    if re.match(r"\s*(?:of|share)", after) and (ENERGY_RE.search(clause) or CRUDE_RE.search(
            clause)) and re.search(r"\b(?:imports|exports|purchases|buys|sells)\b", clause):
        return "energy", "energy_share"
    if re.match(r"\s*(?:of|share)", after) and re.search(r"\b(?:machinery|vehicles|cars|"
                                                         r"equipment)\b", clause, re.I):
        return "commodity", "commodity_share"
    if re.match(r"\s*of\s+(?:Russia|China)\S*\s+(?:total\s+|foreign\s+)*trade", after, re.I):
        return "trade_value", "partner_share"
    if entities.direction(before[-60:] + " " + after[:30]) or GROWTH_WORDS.search(near):
        return "growth", "growth"
    return None


def _statements_in_clause(clause: Span, sentence: Span, scope: Scope,
                          others: dict) -> list[Statement]:
    text = clause.text
    third = _third_party(text, others)
    if _one_side_world(text):
        return []
    out: list[Statement] = []
    ranks = _rank_statements(clause, sentence, others)
    if ranks and scope.on_topic:
        out += ranks
    if third and not ranks:
        return out
    quantities = find_quantities(text)
    previous: Quantity | None = None
    for q in quantities:
        shifted = Quantity(q.value, q.unit, q.qualifier, q.precision, clause.start + q.start,
                           clause.start + q.end, q.text, q.record)
        if q.is_money:
            if (previous is not None and previous.is_money and previous.unit != q.unit
                    and text[previous.end:q.start].strip() in ("(", "(or", "or", ", or")):
                out[-1].extra["conversion"] = shifted
                continue
            previous = q
            if TARGET_RE.search(text):
                out.append(Statement("target", "target", clause.start, clause.end, text,
                                     sentence, shifted))
            elif TRADE_WORDS.search(text) or TRADE_WORDS.search(sentence.text):
                topic = "energy" if CRUDE_VALUE_RE.search(text) else "trade_value"
                out.append(Statement(topic, "value", clause.start, clause.end, text, sentence,
                                     shifted))
            continue
        previous = None
        if q.unit in ("pct", "pp"):
            shape = _shape_of_percentage(q, text, scope.both_named)
            if shape:
                out.append(Statement(shape[0], shape[1], clause.start, clause.end, text,
                                     sentence, shifted))
            elif scope.both_named and TRADE_WORDS.search(text):
                out.append(Statement("other", "other", clause.start, clause.end, text, sentence,
                                     shifted))
        elif q.unit in ("t", "b/d") and CRUDE_RE.search(sentence.text):
            out.append(Statement("energy", "crude_volume", clause.start, clause.end, text,
                                 sentence, shifted))
        elif q.unit == "bcm":
            capacity = CAPACITY_RE.search(text[max(0, q.start - 30):q.start])
            out.append(Statement("energy", "pipeline", clause.start, clause.end, text, sentence,
                                 shifted, {"capacity": bool(capacity)}))
    for m in NEARLY_ALL_RE.finditer(text):
        if LOCAL_CURRENCY_RE.search(text):
            out.append(Statement("currency", "settlement_words", clause.start, clause.end, text,
                                 sentence, extra={"words": m.group("words")}))
    m = TIES_RE.search(text)
    if m and scope.both_named:
        out.append(Statement("growth", "ties", clause.start, clause.end, text, sentence,
                             extra={"span": m.group("span")}))
    m = RELIANCE_RE.search(text)
    if m:
        out.append(Statement("energy", "reliance", clause.start, clause.end, text, sentence,
                             extra={"what": m.group("what")}))
    for s in out:
        speaker = SPEAKER_RE.search(sentence.text)
        if speaker:
            s.extra.setdefault("speaker", (speaker.group("a") or speaker.group("b")).strip(
                " ,"))
    return out


def find_statements(text: str, others: dict[str, re.Pattern[str]]) -> list[Statement]:
    """Every checkable China–Russia statement of `text`, in text order."""
    found: list[Statement] = []
    since_both = 99  # sentences since the last one that named both sides
    for paragraph in paragraphs(text):
        for sentence in sentences(paragraph):
            scope = _in_scope(sentence, carried=since_both <= 2)
            since_both = 0 if scope.both_named else since_both + 1
            if not scope.on_topic:
                continue
            for clause in clauses(sentence):
                found += _statements_in_clause(clause, sentence, scope, others)
    return found
