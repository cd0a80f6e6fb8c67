"""Numbers with their units in prose: money with scale words, percentages, tonnes, barrels a day,
cubic metres, and the hedge words a writer puts before them ("about", "more than", "nearly").

Our own small grammar rather than a general quantity extractor: quantulum3 reads "bn" as
bit·newton and loses the billion (see /work/shared/libraries.md). Number words ("two hundred")
go through `text2num`. Every quantity keeps its character span in the text and the precision
the writer gave (the value of the last digit written), so comparisons can be tolerant where the
writer rounds and strict where the writer is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

SCALES = {
    "trillion": 1e12,
    "trn": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "thousand": 1e3,
}
CURRENCY_WORDS = {
    "USD": r"US\s?dollars?|U\.S\.\s?dollars?|dollars?|USD",
    "CNY": r"yuan|renminbi|RMB|CNY",
    "RUB": r"roubles?|rubles?|RUB",
    "EUR": r"euros?|EUR",
}
CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "USD": "USD", "¥": "CNY", "CN¥": "CNY",
                    "RMB": "CNY", "€": "EUR", "₽": "RUB"}
# Hedge words, longest first; each maps to a qualifier of the observations table.
HEDGES = [
    ("more than", "lower_bound"), ("over", "lower_bound"), ("above", "lower_bound"),
    ("exceeding", "lower_bound"), ("in excess of", "lower_bound"), ("upwards of", "lower_bound"),
    ("at least", "at_least"), ("no less than", "at_least"),
    ("up to", "upper_bound"), ("less than", "upper_bound"), ("under", "upper_bound"),
    ("below", "upper_bound"),
    ("just under", "nearly"), ("nearly", "nearly"), ("almost", "nearly"),
    ("close to", "nearly"), ("just shy of", "nearly"),
    ("about", "approx"), ("around", "approx"), ("roughly", "approx"),
    ("approximately", "approx"), ("some", "approx"), ("an estimated", "approx"),
    ("just over", "approx"), ("a little over", "approx"),
]
NUMBER_WORDS = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|a hundred)"
)
_WORDS = rf"(?:{NUMBER_WORDS}(?:[\s-]+(?:and\s+)?{NUMBER_WORDS})*)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"trillion|billion|million|thousand|trn|bln|mln|bn|tn|mn|b|m"
_CUR = "|".join(CURRENCY_WORDS.values())
_SYMBOL = r"US\$|CN¥|\$|¥|€|₽|USD\s?|RMB\s?"
_HEDGE = "|".join(re.escape(h) for h, _ in sorted(HEDGES, key=lambda h: -len(h[0])))

MONEY = re.compile(
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?:a\s+record\s+(?:high\s+of\s+)?)?"
    rf"(?P<symbol>{_SYMBOL})?\s?(?P<number>{_DIGITS}|{_WORDS})"
    rf"(?:[\s-]?(?P<scale>{_SCALE})\b\.?)?"  # "200-billion-dollar target" too
    rf"(?:[\s-]+(?P<currency>{_CUR})\b)?",
    re.IGNORECASE,
)
PERCENT = re.compile(
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?:(?<=[\s(])(?P<sign>[+\-−–]))?(?P<number>{_DIGITS}|{_WORDS})\s?"
    r"(?P<unit>%|per\s?cent\b|percent\b|percentage points?\b|pp\b|pc\b)",
    re.IGNORECASE,
)
# "a fifth of", "about half of", "two-thirds of": shares in words, read as percentages. They are
# rough by nature, so each is taken to the nearest twentieth (a fifth: 17.5–22.5%).
FRACTIONS = {"half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3,
             "one third": 100 / 3, "two thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0,
             "three quarters": 75.0, "a fifth": 20.0, "one fifth": 20.0, "two fifths": 40.0,
             "a tenth": 10.0, "one tenth": 10.0}
FRACTION_PRECISION = 5.0
FRACTION = re.compile(
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?<!first\s)(?<!second\s)\b(?P<fraction>a\s+half|one\s+half|half|"
    r"(?:a|one|two|three)[\s-](?:thirds?|quarters?|fifths?|tenth))"
    r"(?=\s+of\b|\s*[.,;:)]|\s*$)",  # "a fifth of ...", "... is about a third."
    re.IGNORECASE,
)
VOLUME = re.compile(
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?P<number>{_DIGITS}|{_WORDS})"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?\s?"
    r"(?P<unit>(?:metric\s)?tonnes|tons|t\b|barrels\s(?:a|per)\sday|b/d|bpd|"
    r"bcm|cubic\smet(?:re|er)s)",
    re.IGNORECASE,
)
UNIT_OF_VOLUME = {"tonnes": "t", "tons": "t", "t": "t", "metric tonnes": "t",
                  "barrels a day": "b/d", "barrels per day": "b/d", "b/d": "b/d", "bpd": "b/d",
                  "bcm": "bcm", "cubic metres": "bcm", "cubic meters": "bcm"}


@dataclass(frozen=True)
class Quantity:
    """A number the text states, with its unit, currency and how the writer hedged it."""

    value: float  # in base units: US dollars, yuan, percent points, tonnes, b/d, bcm
    unit: str  # USD, CNY, RUB, EUR, pct, pp, t, b/d, bcm ("" for a bare number)
    qualifier: str  # exact, approx, nearly, lower_bound (more than), at_least, upper_bound
    precision: float  # the value of the last digit written, in base units
    start: int
    end: int
    text: str
    record: bool = False  # "a record $245 billion"
    sign: int = 0  # +1 or -1 for a signed figure ("(-6.6%)"), 0 when no sign is written

    @property
    def is_money(self) -> bool:
        return self.unit in CURRENCY_WORDS


def parse_number(text: str) -> tuple[float, float] | None:
    """'244.81' -> (244.81, 0.01); '1,234' -> (1234, 1); 'two hundred' -> (200, 100)."""
    cleaned = text.replace(",", "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        decimals = len(cleaned.split(".")[1]) if "." in cleaned else 0
        return float(cleaned), 10.0**-decimals
    words = re.sub(r"\s+", " ", cleaned.lower().replace("-", " ")).replace("a hundred", "one "
                                                                           "hundred")
    try:
        value = float(text2num(words, "en"))
    except ValueError:
        return None
    return value, 1.0


def _hedge(word: str | None) -> str:
    if not word:
        return "exact"
    return dict(HEDGES)[re.sub(r"\s+", " ", word.lower())]


def _currency(symbol: str | None, word: str | None) -> str:
    if word:
        for code, pattern in CURRENCY_WORDS.items():
            if re.fullmatch(pattern, word, re.IGNORECASE):
                return code
    if symbol:
        return CURRENCY_SYMBOLS.get(symbol.strip().upper().replace("US$", "US$"), "USD")
    return ""


def find_money(text: str) -> list[Quantity]:
    """Sums of money: '$244.81bn', 'US$ 245 billion', '1.74 trillion yuan', 'RMB 1.28 trillion'."""
    found = []
    for m in MONEY.finditer(text):
        symbol, word, scale = m.group("symbol"), m.group("currency"), m.group("scale")
        if not (symbol or word):
            continue
        if scale and scale.lower() in ("b", "m") and not symbol:
            continue  # '5 m' without a currency sign is not money
        parsed = parse_number(m.group("number"))
        if parsed is None:
            continue
        number, step = parsed
        factor = SCALES[scale.lower()] if scale else 1.0
        if factor == 1.0 and number < 1000 and not word:
            continue  # "$5" in an article on national trade is not a statement
        span_start = m.start("hedge") if m.group("hedge") else m.start()
        span_start += len(text[span_start:m.end()]) - len(text[span_start:m.end()].lstrip())
        record = "record" in text[m.start():m.start("number")].lower()
        found.append(
            Quantity(number * factor, _currency(symbol, word), _hedge(m.group("hedge")),
                     step * factor, span_start, m.end(), text[span_start:m.end()].strip(),
                     record)
        )
    return found


def find_percentages(text: str) -> list[Quantity]:
    found = []
    for m in PERCENT.finditer(text):
        parsed = parse_number(m.group("number"))
        if parsed is None:
            continue
        unit = "pp" if m.group("unit").lower().startswith(("percentage", "pp")) else "pct"
        start = m.start("hedge") if m.group("hedge") else (
            m.start("sign") if m.group("sign") else m.start("number"))
        sign = 0 if not m.group("sign") else (1 if m.group("sign") == "+" else -1)
        found.append(Quantity(parsed[0], unit, _hedge(m.group("hedge")), parsed[1], start,
                              m.end(), text[start:m.end()], sign=sign))
    return found


def find_fractions(text: str) -> list[Quantity]:
    """Shares in words: 'nearly a fifth of', 'about half of', 'two-thirds of'."""
    found = []
    for m in FRACTION.finditer(text):
        words = re.sub(r"[\s-]+", " ", m.group("fraction").lower())
        value = FRACTIONS.get(words)
        if value is None:
            continue
        hedge = _hedge(m.group("hedge")) if m.group("hedge") else "approx"
        start = m.start("hedge") if m.group("hedge") else m.start("fraction")
        found.append(Quantity(value, "pct", hedge, FRACTION_PRECISION, start, m.end(),
                              text[start:m.end()]))
    return found


def find_volumes(text: str) -> list[Quantity]:
    """Physical quantities: '108.5 million tonnes', '2.17 million barrels per day', '38 bcm',
    '38 billion cubic metres'."""
    found = []
    for m in VOLUME.finditer(text):
        parsed = parse_number(m.group("number"))
        if parsed is None:
            continue
        unit_text = re.sub(r"\s+", " ", m.group("unit").lower())
        unit = UNIT_OF_VOLUME.get(unit_text.replace("metric ", ""), unit_text)
        factor = SCALES[m.group("scale").lower()] if m.group("scale") else 1.0
        if unit == "bcm" and unit_text.startswith("cubic"):
            factor /= 1e9  # '38 billion cubic metres' = 38 bcm
        start = m.start("hedge") if m.group("hedge") else m.start("number")
        found.append(Quantity(parsed[0] * factor, unit, _hedge(m.group("hedge")),
                              parsed[1] * factor, start, m.end(), text[start:m.end()]))
    return found


def find_quantities(text: str) -> list[Quantity]:
    """Every money amount, percentage and physical quantity, in text order, without overlaps
    (a percentage inside a money match cannot happen; a volume wins over a bare number)."""
    found = find_money(text) + find_percentages(text) + find_fractions(text) + find_volumes(text)
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Quantity] = []
    for q in found:
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return kept
