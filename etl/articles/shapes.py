"""What a figure in a clause states: a trade value, a growth rate, a share of payments in a
currency, a share of China's crude imports, what a product makes up of a flow, a target or a
milestone, a contract's value, a volume, a forecast. Pure functions of the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from etl.articles import entities
from etl.articles.numbers import Quantity

TRADE_WORDS = re.compile(
    r"\b(?:trade|traded|turnover|exports?|imports?|exported|imported|shipments?|shipped|ships|"
    r"surplus|deficit|balance|commerce|bought|buys|sold|sells|purchases?|purchased|supplies|"
    r"supplied|supply|deliveries|"
    r"delivered|payments?|settlements?|settled|transactions?|transfers?|target|goal|partner|"
    r"suppliers?|crude|oil|gas|pipeline|Power of Siberia|barrels|tonnes|bcm|cubic met(?:re|er)s|"
    r"energy|market|contract)\b",
    re.IGNORECASE,
)
# "The first-quarter total had been $56.7 billion": in an article about China–Russia trade, a
# sum named as a total is the trade's (one side's total with the world is told apart by the
# finder's world scope)
TOTAL_NOUN_RE = re.compile(r"\b(?:total|tally)\b", re.IGNORECASE)
MONEY_HINT_RE = re.compile(r"[$¥€₽]|\b(?:billion|trillion|bn|dollars|yuan|roubles|rubles)\b",
                           re.IGNORECASE)
FLOW_WORDS = re.compile(r"\b(?:trade|turnover|exports?|imports?|exported|imported|shipments?|"
                        r"purchases?|deliveries|delivered|supplies|payments?|settlements?)\b",
                        re.IGNORECASE)
# Trade in services: the snapshot holds goods trade only.
SERVICES_RE = re.compile(r"\b(?:trade\s+in\s+services|services\s+trade|services\s+(?:exports|"
                         r"imports)|(?:exports|imports)\s+of\s+services)\b", re.IGNORECASE)
# Figures about one side's economy, not about the two sides' trade.
MACRO_RE = re.compile(r"\b(?:economy|GDP|gross domestic product|inflation|budget|revenues?|"
                      r"population|unemployment|wages|stock market|index|key rate|interest rates?"
                      r"|industrial output|retail sales)\b", re.IGNORECASE)
SETTLEMENT_RE = re.compile(
    r"\b(?:payments?|settlements?|settled|transactions?|paid|invoiced|denominated|receipts?|"
    r"transfers?|conducted)\b", re.IGNORECASE)
LOCAL_CURRENCY_RE = re.compile(
    r"\b(?:national|local|own|domestic)\s+currencies\b|\b(?:roubles?|rubles?)\s+(?:and|or)"
    r"\s+(?:yuan|renminbi)\b|\b(?:yuan|renminbi)\s+(?:and|or)\s+(?:roubles?|rubles?)\b",
    re.IGNORECASE,
)
CURRENCY_NAME_RE = re.compile(r"\b(?:roubles?|rubles?|yuan|renminbi|(?:US\s+)?dollars?|euros?)"
                              r"(?:['’]s)?\b(?!\s+terms)", re.IGNORECASE)
SHARE_WORD_RE = re.compile(r"\bshare\b|\bproportion\b|\bportion\b", re.IGNORECASE)
OF_PAYMENTS_RE = re.compile(
    r"^\s*of\s+(?:\w+[\s-]+){0,4}?(?:payments|settlements|transactions|trade|transfers|"
    r"receipts|deals|contracts)\b", re.IGNORECASE)
# "put the share at 90%", "said the share was 90%": the share the statement before spoke of
ANAPHORA_RE = re.compile(r"\b(?:the|that|this|its)\s+(?:share|figure|proportion)\b",
                         re.IGNORECASE)
CRUDE_SHARE_RE = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:of|in)\s+(?:China's|China’s|Chinese|its|the\s+country's|"
    r"Beijing's)\s+(?:total\s+)?(?:seaborne\s+)?(?:crude(?:\s+oil)?|oil)(?:\s+(?:imports|purchases|"
    r"supplies|needs|demand))?\b", re.IGNORECASE)
ALL_IMPORTS_RE = re.compile(
    r"^\s*of\s+(?:everything|all|what|the\s+total|all\s+the\s+(?:crude|oil))\s+(?:that\s+)?"
    r"(?:China|Beijing|it|the\s+country)\s+(?:imported|imports|bought|buys|purchased)\b"
    r"|^\s*of\s+(?:China's|China’s|its|Beijing's)\s+(?:total\s+)?imports\b", re.IGNORECASE)
CRUDE_RE = re.compile(r"\b(?:crude|oil|petroleum|barrels)\b", re.IGNORECASE)
# "oil made up 40% of the value of everything it imported from Russia"
COMPOSITION_RE = re.compile(
    r"^\s*of\s+(?:the\s+value\s+of\s+)?(?:\w+[\s’']+){0,4}?(?:imports|exports|purchases|sales|"
    r"shipments|everything|all|what|trade)\b[^.;]{0,40}?\b(?:from|to|with)\s+(?:Russia|China)\b"
    r"|^\s*of\s+(?:the\s+value\s+of\s+)?(?:all\s+(?:of\s+)?)?(?:China's|China’s|Russia's|"
    r"Russia’s|Chinese|Russian|its|bilateral)\s+(?:\w+\s+){0,2}?(?:imports|exports|purchases|"
    r"sales|shipments|trade)\b", re.IGNORECASE)
COMMODITIES: list[tuple[str, re.Pattern[str], str]] = [
    # (commodity code, words, how the explanation names it)
    ("27", re.compile(r"\b(?:energy(?:\s+products)?|mineral\s+fuels|fuels|oil\s+and\s+gas|"
                      r"gas\s+and\s+oil|hydrocarbons|oil,\s+gas\s+and\s+coal)\b", re.I),
     "energy (HS 27)"),
    ("2709", re.compile(r"\b(?:crude(?:\s+oil)?|oil|petroleum)\b", re.I), "crude oil (HS 2709)"),
    ("84-89", re.compile(r"\bmachinery\b[^.;]{0,40}\b(?:vehicles|cars)\b", re.I),
     "machinery, equipment and vehicles (HS 84–89)"),
    ("84-85", re.compile(r"\b(?:machinery|electrical\s+equipment|equipment)\b", re.I),
     "machinery and electrical equipment (HS 84–85)"),
    ("8703", re.compile(r"\b(?:passenger\s+)?cars?\b", re.I), "passenger cars (HS 8703)"),
    ("86-89", re.compile(r"\bvehicles\b", re.I), "vehicles (HS 86–89)"),
    ("2701-2702", re.compile(r"\bcoal\b", re.I), "coal (HS 2701–2702)"),
    ("2711", re.compile(r"\b(?:natural\s+)?gas\b", re.I), "gas (HS 2711)"),
]
PARTNER_SHARE_RE = re.compile(r"^\s*of\s+(?:Russia|China)\S*\s+(?:total\s+|foreign\s+)*trade",
                              re.IGNORECASE)
# "Russia's share of China's total trade is tiny, about 4%": the share is named before the figure
SHARE_OF_TRADE_BEFORE = re.compile(
    r"\bshare\s+of\s+(?:China's|China’s|Russia's|Russia’s)\s+(?:total\s+|foreign\s+)*trade\b"
    r"[^.;%]{0,40}$", re.IGNORECASE)
SHARE_OF_CRUDE_BEFORE = re.compile(
    r"\bshare\s+of\s+(?:China's|China’s|Chinese)\s+(?:total\s+)?(?:crude(?:\s+oil)?|oil)\s+"
    r"(?:imports|purchases)\b[^.;%]{0,40}$", re.IGNORECASE)
GROWTH_WORDS = re.compile(r"\b(?:year[- ]on[- ]year|from a year earlier|a year earlier|"
                          r"on the year|y/y|yoy|growth|compared with|from the previous month|"
                          r"month[- ]on[- ]month)\b", re.IGNORECASE)
_PRODUCT = (r"(?:crude(?:\s+oil)?|oil|petroleum|natural\s+gas|gas|LNG|coal|energy|cars?|"
            r"vehicles|machinery|equipment)")
_TRADE_NOUN = r"(?:imports|exports|shipments|sales|purchases|deliveries|supplies)"
# "car exports", "exports of machinery", "$60 billion worth of Russian oil": a product's trade
PRODUCT_VALUE_RE = re.compile(
    rf"\b(?P<a>{_PRODUCT})\s+{_TRADE_NOUN}\b|\b{_TRADE_NOUN}\s+of\s+(?:\w+\s+){{0,2}}?"
    rf"(?P<b>{_PRODUCT})\b|\bworth\s+of\s+(?:Russian\s+|Chinese\s+)?(?P<c>{_PRODUCT})\b",
    re.IGNORECASE)
ENERGY_CODES = {"27", "2709", "2711", "2701-2702"}
CAPACITY_RE = re.compile(r"\b(?:design\s+|full\s+|annual\s+|planned\s+)*capacity\b", re.I)
DELIVERY_RE = re.compile(r"\b(?:deliveries|delivered|supplies|supplied|flows?|shipments|"
                         r"exports|pumped|carried)\b", re.IGNORECASE)
REACHED_RE = re.compile(r"\b(?:reached|hit|met|surpassed|exceeded|achieved|topped|passed|"
                        r"crossed|cleared|past|beyond|above)\b", re.IGNORECASE)
REACHED_CAPACITY_RE = re.compile(
    r"\b(?:reached|hit|met|matched|achieved)\s+(?:the\s+pipeline['’]s\s+|its\s+|the\s+|their\s+)?"
    r"(?:full\s+|design\s+|planned\s+|annual\s+)*capacity\s+(?:of\s+)?$", re.IGNORECASE)
# A target: "the $200 billion target", "a goal of $300 billion", "$300 billion by 2030".
TARGET_BEFORE = re.compile(
    r"\b(?:target|goal|aim|objective|milestone|benchmark)\s+(?:of\s+|to\s+(?:reach|hit|"
    r"achieve)\s+|for\s+)?(?:reaching\s+)?(?:annual\s+|bilateral\s+)?(?:trade\s+)?"
    r"(?:of\s+|worth\s+)?$", re.IGNORECASE)
TARGET_AFTER = re.compile(
    r"^\s*(?:(?:(?:in|of)\s+)?(?:annual\s+|bilateral\s+|two-way\s+)?trade\s+)?(?:a\s+year\s+)?"
    r"(?:target|goal|mark|milestone|threshold|barrier|objective|benchmark)\b", re.IGNORECASE)
BY_YEAR_AFTER = re.compile(
    r"^\s*(?:(?:in|of)\s+(?:annual\s+|bilateral\s+|two-way\s+)?trade\s+)?by\s+"
    r"(?:the\s+end\s+of\s+)?(?P<y>(?:19|20)\d{2})\b", re.IGNORECASE)
MILESTONE_VERB = re.compile(r"\b(?:crossed|passed|topped|surpassed|exceeded|broke(?:\s+through)?"
                            r"|cleared|hit|reached)\s+(?:the\s+)?$", re.IGNORECASE)
FIRST_TIME_RE = re.compile(r"\bfor\s+the\s+first\s+time\b|\bmilestone\b|\brecord\s+threshold\b",
                           re.IGNORECASE)
CONTRACT_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:contract|deal|agreement)\b", re.IGNORECASE)
GAS_WORDS = r"\b(?:gas|LNG|pipeline|Power of Siberia|Gazprom|bcm|cubic met(?:re|er)s)\b"
CONTRACT_PRODUCT_RE = re.compile(GAS_WORDS + r"|\b(?:oil|crude|Rosneft|barrels)\b", re.IGNORECASE)
CONTRACT_BEFORE = re.compile(r"\b(?:contract|deal|agreement)\s+(?:worth|valued\s+at|of)\s+$",
                             re.IGNORECASE)
IN_CURRENCY_AFTER = re.compile(
    r"^\s*(?:in|of)\s+(?P<cur>yuan|renminbi|roubles?|rubles?|US\s+dollars|dollars|euros)\b"
    r"(?!\s+terms)", re.IGNORECASE)
RECEIVED_RE = re.compile(r"\b(?:received|receipts|paid|payments?|settled|settlements?)\b",
                         re.IGNORECASE)
# A forecast, plan or hypothesis, before the figure in its clause: nothing statistics can settle.
FUTURE_RE = re.compile(
    r"\b(?:will|would|could|might|(?-i:may)|expects?|expected|expecting|forecasts?|"
    r"forecasting|projects?|projected|predicts?|predicted|plans?\s+to|planned|aims?\s+to|"
    r"set\s+to|on\s+track\s+to|hopes?\s+to|talk\s+of|speak\s+of|is\s+to|are\s+to)\b",
    re.IGNORECASE)
MULTIPLE_RE = re.compile(
    r"\b(?:(?P<hedge>more\s+than|nearly|almost|roughly|about|over)\s+)?(?P<verb>doubled|"
    r"tripled|trebled|quadrupled|halved)\b", re.IGNORECASE)
MULTIPLES = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}
SPAN_RE = re.compile(
    r"\b(?:in|over|during|within)\s+(?:the\s+(?:past|last)\s+|a\s+|one\s+)?(?P<span>decade|"
    r"ten\s+years|\d+\s+years|(?:two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)"
    r"\s+years)\b|\bsince\s+(?P<since>(?:19|20)\d{2})\b", re.IGNORECASE)
SPAN_WORDS = {"decade": 10, "ten years": 10, "two years": 2, "three years": 3, "four years": 4,
              "five years": 5, "six years": 6, "seven years": 7, "eight years": 8,
              "nine years": 9, "fifteen years": 15, "twenty years": 20}


@dataclass(frozen=True)
class Shape:
    topic: str
    shape: str
    extra: dict[str, Any] = field(default_factory=dict)


def is_future(clause: str, at: int) -> bool:
    """Is the figure at `at` a forecast, plan or hypothesis ('expect trade to reach')?"""
    return bool(FUTURE_RE.search(clause[:at]))


def _commodity(words: str) -> tuple[str, str] | None:
    for code, pattern, name in COMMODITIES:
        if pattern.search(words):
            return code, name
    return None


def _composition_flow(after: str) -> str:
    """In China's terms: 'imported from Russia' is China's imports; 'exports to Russia' its
    exports; 'Russia's exports to China' China's imports."""
    if re.search(r"\b(?:imports?|imported|bought|purchases?|purchased)\b[^.;]{0,40}?\bfrom\s+"
                 r"Russia|Russia(?:'s|’s|n)\s+(?:\w+\s+)?(?:exports|sales|shipments)|\bexports?\s+"
                 r"to\s+China", after, re.IGNORECASE):
        return "import"
    return "export"


def settlement_currency(words: str) -> str:
    """Whose share of payments: roubles and yuan together, or one currency."""
    if LOCAL_CURRENCY_RE.search(words):
        return "RUB+CNY"
    named = {m.group(0).lower().rstrip("’'s") for m in CURRENCY_NAME_RE.finditer(words)}
    codes = set()
    for name in named:
        codes.add("CNY" if name.startswith(("yuan", "renminbi")) else
                  "RUB" if name.startswith(("roub", "rub")) else
                  "EUR" if name.startswith("euro") else "USD")
    if codes == {"USD", "EUR"}:
        return "USD+EUR"
    return codes.pop() if len(codes) == 1 else "RUB+CNY"


def percentage_shape(q: Quantity, clause: str, sentence: str) -> Shape | None:
    """What a percentage in `clause` states (offsets of `q` are the clause's)."""
    before, after = clause[:q.start], clause[q.end:]
    settlement = SETTLEMENT_RE.search(clause)
    currency = LOCAL_CURRENCY_RE.search(clause) or CURRENCY_NAME_RE.search(clause)
    if settlement and currency and (OF_PAYMENTS_RE.match(after) or SHARE_WORD_RE.search(clause)):
        return Shape("currency", "settlement")
    if OF_PAYMENTS_RE.match(after) and settlement:
        return Shape("currency", "payments_other")
    if CRUDE_SHARE_RE.match(after) or (ALL_IMPORTS_RE.match(after) and CRUDE_RE.search(sentence)
                                       and not re.search(r"\bfrom\s+Russia", after[:80])):
        return Shape("energy", "crude_share")
    if COMPOSITION_RE.match(after) or (re.match(r"\s*of\b", after) and re.search(
            r"\b(?:made\s+up|makes?\s+up|accounted\s+for|accounts?\s+for|comprised?)\s+"
            r"(?:\w+\s+){0,2}$", before)):
        product = _commodity(before) or _commodity(after[:60])
        if product and not PARTNER_SHARE_RE.match(after):
            return Shape("commodity", "commodity_share",
                         {"commodity": product[0], "commodity_name": product[1],
                          "flow": _composition_flow(after)})
    if PARTNER_SHARE_RE.match(after) or SHARE_OF_TRADE_BEFORE.search(before):
        return Shape("trade_value", "partner_share")
    if SHARE_OF_CRUDE_BEFORE.search(before):
        return Shape("energy", "crude_share")
    if q.sign or entities.direction(before[-60:] + " " + after[:30]) or GROWTH_WORDS.search(
            clause[max(0, q.start - 80):q.end + 80]):
        return Shape("growth", "growth")
    return None


def money_shape(q: Quantity, clause: str, sentence: str, context: str = "") -> Shape | None:
    """What a sum of money in `clause` states."""
    before, after = clause[:q.start], clause[q.end:]
    by_year = BY_YEAR_AFTER.match(after)
    if TARGET_BEFORE.search(before[-60:]) or TARGET_AFTER.match(after) or by_year:
        return Shape("target", "target", {"by_year": int(by_year.group("y")) if by_year else None})
    if MILESTONE_VERB.search(before[-30:]) and FIRST_TIME_RE.search(clause):
        return Shape("target", "target", {"milestone": True})
    if CONTRACT_AFTER.match(after) or CONTRACT_BEFORE.search(before[-40:]):
        # which product: the sentence's words, else those of the sentence before it
        words = next((w for w in (sentence, context) if CONTRACT_PRODUCT_RE.search(w)), sentence)
        gas = re.search(GAS_WORDS, words, re.IGNORECASE)
        energy = gas or CONTRACT_PRODUCT_RE.search(words) or re.search(
            r"\b(?:energy|supply)\b", words, re.IGNORECASE)
        return Shape("energy" if energy else "other", "contract", {"gas": bool(gas)})
    paid_in = IN_CURRENCY_AFTER.match(after)
    if paid_in and RECEIVED_RE.search(clause):
        return Shape("currency", "settlement_value",
                     {"currency": settlement_currency(paid_in.group("cur"))})
    if (TRADE_WORDS.search(clause) or TRADE_WORDS.search(sentence)
            or TOTAL_NOUN_RE.search(clause) or TOTAL_NOUN_RE.search(sentence)):
        # the product is named before the figure, or right after it ("$60 billion worth of
        # Russian oil"), not in a comment after a comma ("..., hit by a collapse in car sales")
        tail = re.match(r"[^,;]{0,40}", after).group(0)
        product = PRODUCT_VALUE_RE.search(clause[:q.end] + tail)
        if product:
            code, name = _commodity(product.group("a") or product.group("b") or
                                    product.group("c")) or ("", "")
            if code:
                return Shape("energy" if code in ENERGY_CODES else "commodity", "value",
                             {"commodity": code, "commodity_name": name})
        return Shape("trade_value", "value")
    return None


def volume_shape(q: Quantity, clause: str, sentence: str) -> Shape | None:
    if q.unit in ("t", "b/d") and CRUDE_RE.search(sentence):
        return Shape("energy", "crude_volume")
    if q.unit == "bcm":
        capacity = bool(CAPACITY_RE.search(clause[max(0, q.start - 30):q.start]))
        # "deliveries reached the design capacity of 38 bcm" speaks of deliveries; "the pipeline
        # reached its design capacity of 38 bcm" and "above the design capacity of 38 bcm" of
        # the capacity
        deliveries = not capacity or bool(REACHED_CAPACITY_RE.search(clause[:q.start])
                                          and DELIVERY_RE.search(clause[:q.start]))
        return Shape("energy", "pipeline", {"capacity": capacity, "deliveries": deliveries})
    return None


def multiple_shape(clause: str) -> Shape | None:
    """'Trade has more than doubled in a decade', 'tripled since 2015'."""
    m = MULTIPLE_RE.search(clause)
    span = SPAN_RE.search(clause)
    if m is None or span is None:
        return None
    hedge = (m.group("hedge") or "").lower()
    qualifier = ("lower_bound" if hedge in ("more than", "over") else
                 "nearly" if hedge in ("nearly", "almost") else
                 "approx" if hedge else "exact")
    if span.group("since"):
        extra: dict[str, Any] = {"since": int(span.group("since"))}
    else:
        words = re.sub(r"\s+", " ", span.group("span").lower())
        extra = {"years": SPAN_WORDS.get(words) or int(re.sub(r"\D", "", words) or 10)}
    return Shape("growth", "multiple", {**extra, "ratio": MULTIPLES[m.group("verb").lower()],
                                        "qualifier": qualifier, "words": m.group(0)})
