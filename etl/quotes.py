"""Is a curated value in its own quote? The reading behind the quote contract
(tests/test_quotes.py).

A quote is the text a figure was copied from, in whatever language and number style the outlet
used: "US$244.81 billion", "244,81 млрд долларов", "2448.1亿美元", "1.74 trillion yuan", "34%",
"two-thirds", "fifth-largest". `readings(quote)` lists every number a reader could take from it,
each with its scale word (so "1.74 trillion" is 1.74e12 and "2448.1亿" is 2.4481e11), and
`value_in_quote` says whether a value, in its curated unit, is one of them:

- a number followed by a scale word is compared in base units (244.81 "USD bn" = 2.4481e11);
- a bare number is compared with the value as curated (34 "%" against "34%") and in base
  units ("405,000 cars" for 405 "thousand units");
- fraction words ("two-thirds", "две трети", "三分之二") and number words ("five", "fifth",
  "пятым", "第五") count too; fractions match when the value is the fraction rounded.

A row may instead declare how its value follows from the quote, in its note:
``[from quote: 44 + 0.02]`` says the value is 44 plus 0.02 (44 billion 20 million dollars). Every
number of the expression (but the constants 1 and 100 of percentages) must itself be in the quote,
and the arithmetic must give the value.

Pure functions of text; nothing here reads files.
"""

from __future__ import annotations

import ast
import itertools
import math
import operator
import re
from dataclasses import dataclass

# --- scale words ---------------------------------------------------------------------------------
# Longest first, so "万亿" wins over "亿" and "mil millones" over "millones".
SCALES: list[tuple[str, float]] = [
    ("万亿", 1e12), ("兆", 1e12), ("亿", 1e8), ("億", 1e8), ("万", 1e4), ("萬", 1e4),
    ("千", 1e3),
    ("mil millones", 1e9), ("nghìn tỷ", 1e12), ("ngàn tỷ", 1e12),
    ("trillions", 1e12), ("trillion", 1e12), ("trln", 1e12), ("trn", 1e12), ("tn", 1e12),
    ("триллиона", 1e12), ("триллионов", 1e12), ("триллион", 1e12), ("трлн", 1e12),
    ("تريليون", 1e12),
    ("billions", 1e9), ("billion", 1e9), ("bln", 1e9), ("bn", 1e9), ("b", 1e9),
    ("миллиардов", 1e9), ("миллиарда", 1e9), ("миллиард", 1e9), ("млрд", 1e9),
    ("milliards", 1e9), ("milliard", 1e9), ("milliarden", 1e9), ("mrd", 1e9),
    ("милиарда", 1e9), ("милиарди", 1e9), ("bilhões", 1e9), ("bilhão", 1e9),
    ("miliardi", 1e9), ("miliar", 1e9), ("milyar", 1e9),
    ("tỷ", 1e9), ("tỉ", 1e9), ("مليار", 1e9),
    ("millions", 1e6), ("million", 1e6), ("mln", 1e6), ("mn", 1e6), ("m", 1e6),
    ("миллионов", 1e6), ("миллиона", 1e6), ("миллион", 1e6), ("млн", 1e6),
    ("millones", 1e6), ("milhões", 1e6), ("triệu", 1e6), ("مليون", 1e6),
    ("thousand", 1e3), ("тысяч", 1e3), ("тыс", 1e3), ("k", 1e3),
]
_SCALE_PATTERN = "|".join(re.escape(word) for word, _ in SCALES)
_SCALE_OF = {word: factor for word, factor in SCALES}

# A number: digits with optional thousands groups (",", ".", spaces) and a decimal part.
_NUMBER = (r"(?<!\d)(?<!\d[.,])"
           r"(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)")
# Latin and Cyrillic scale words must end at a word boundary ("5 bn", not "5 bnp"); CJK need not.
_TOKEN = re.compile(
    rf"(?P<number>{_NUMBER})\s?(?:(?P<cjk>万亿|兆|亿|億|万|萬|千)|(?P<word>{_SCALE_PATTERN})(?![\w]))?",
    re.IGNORECASE,
)

# --- words for numbers -------------------------------------------------------------------------
FRACTIONS: dict[str, float] = {
    "half": 50, "one-half": 50, "a third": 100 / 3, "one-third": 100 / 3, "one third": 100 / 3,
    "two-thirds": 200 / 3, "two thirds": 200 / 3, "a quarter": 25, "one-quarter": 25,
    "one quarter": 25, "three-quarters": 75, "three quarters": 75, "a fifth": 20,
    "one-fifth": 20, "половин": 50, "две трети": 200 / 3, "треть": 100 / 3, "четверть": 25,
    "一半": 50, "三分之一": 100 / 3, "三分之二": 200 / 3, "四分之一": 25, "四分之三": 75,
}
CARDINALS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
    "a hundred": 100, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9, "十": 10,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "top": 1, "largest": 1, "biggest": 1,
    # Russian ordinal stems (первый, второго, третьем, пятым...)
    "перв": 1, "втор": 2, "трет": 3, "четв": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10,
    "第一": 1, "第二": 2, "第三": 3, "第四": 4, "第五": 5, "第六": 6, "第七": 7, "第八": 8,
    "第九": 9, "第十": 10, "首位": 1, "最大": 1,
}


@dataclass(frozen=True)
class Reading:
    """One number a reader can take from a quote: its value as written, and times its scale."""

    number: float
    scaled: float | None  # number x scale word; None when no scale word follows
    exact: bool = True  # False for fraction words: they match a rounded value


def _number_readings(token: str) -> set[float]:
    """Every way to read a written number: '1,234' is 1234 (thousands) or 1.234 (decimal comma);
    '190,27' is 190.27; '1 234,5' and '1.234,5' are 1234.5."""
    out: set[float] = set()
    compact = token.replace("\u00a0", " ").replace("\u202f", " ")
    for thousands, decimal in ((",", "."), (".", ","), (" ", ","), (" ", "."), ("", "."),
                               ("", ",")):
        text = compact
        if thousands:
            groups = text.split(thousands)
            if len(groups) > 1 and not all(
                len(g.split(decimal)[0]) == 3 for g in groups[1:]
            ):
                continue
            text = text.replace(thousands, "")
        if any(sep in text for sep in ", ." if sep != decimal):
            continue
        if text.count(decimal) > 1:
            continue
        try:
            out.add(float(text.replace(decimal, ".")))
        except ValueError:
            continue
    # Space-separated groups may also be separate numbers ("2024 155"): read each part too.
    for part in re.split(r"\s", compact):
        if part and part != compact:
            out |= _number_readings(part)
    return out


def readings(quote: str) -> list[Reading]:
    """Every number in a quote, with and without its scale word."""
    found: list[Reading] = []
    scaled_parts: list[tuple[float, float, int, int]] = []  # value, scale, start, end
    for match in _TOKEN.finditer(quote):
        word = match.group("cjk") or match.group("word")
        scale = _SCALE_OF.get(word.lower(), _SCALE_OF.get(word)) if word else None
        for number in _number_readings(match.group("number")):
            found.append(Reading(number, number * scale if scale else None))
            if scale:
                scaled_parts.append((number, scale, match.start(), match.end()))
    # "44 billion 20 million dollars" = 44.02 billion: adjacent amounts of falling scale add up.
    for (n1, s1, _, e1), (n2, s2, b2, _) in itertools.pairwise(scaled_parts):
        if s2 < s1 and quote[e1:b2].strip() in ("", "and", "и", "e", "y"):
            total = n1 * s1 + n2 * s2
            found.append(Reading(total / s1, total))
    lowered = quote.lower()
    for word, share in FRACTIONS.items():
        if word in lowered:
            found.append(Reading(share, None, exact=False))
    for words in (CARDINALS, ORDINALS):
        for word, number in words.items():
            if _has_word(lowered, word):
                found.append(Reading(float(number), None))
    return found


def _has_word(text: str, word: str) -> bool:
    if re.match(r"[a-z ]+$", word):
        return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) is not None
    return word in text


def _close(a: float, b: float) -> bool:
    return math.isclose(abs(a), abs(b), rel_tol=1e-9, abs_tol=1e-12)


def _rounds_to(share: float, value: float, text: str) -> bool:
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(abs(value) - share) <= 0.5 * 10 ** (-decimals) + 1e-9


# Units whose name carries a scale word: "4.1 billion cubic metres" is 4.1 bcm.
WRITTEN_SCALE = {"bcm": 1e9, "bcm/yr": 1e9}


def value_in_quote(value_text: str, factor: float, quote: str, unit: str = "") -> bool:
    """Is the curated `value_text` (in a unit `factor` times its base unit) in `quote`?

    Signs are not compared: a fall of 6.9% is usually written "fell 6.9%", not "-6.9%"."""
    value = float(value_text)
    base = value * WRITTEN_SCALE.get(unit, factor)
    for reading in readings(quote):
        if not reading.exact:
            if _rounds_to(reading.number, value, value_text):
                return True
        elif reading.scaled is not None:
            if _close(reading.scaled, base):
                return True
        elif _close(reading.number, value) or _close(reading.number, base):
            return True  # "34%" for 34 %, or "405,000 cars" for 405 thousand units
    return False


# --- declared conversions ------------------------------------------------------------------------
DECLARED = re.compile(r"\[from quote:\s*(?P<expression>[^\]]+)\]")
# Numbers an expression may use without the quote containing them: the arithmetic of percentages
# and ranks ("2.6 times" is (2.6 - 1) * 100 %; "not in the top five" is 5 + 1).
UNIT_CONSTANTS = {1.0, 100.0}
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv}


def declared_conversion(note: str) -> str | None:
    """The expression of a `[from quote: ...]` declaration in a row's note, if any."""
    match = DECLARED.search(note or "")
    return match.group("expression").strip() if match else None


def evaluate(expression: str) -> tuple[float, list[float]]:
    """The value of an arithmetic expression (numbers, + - * / and brackets only) and the
    numbers it uses. Raises ValueError for anything else."""
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not an arithmetic expression: {expression!r}") from exc
    numbers: list[float] = []

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            numbers.append(float(node.value))
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise ValueError(f"only numbers and + - * / are allowed: {expression!r}")

    return walk(tree), numbers


def conversion_holds(value_text: str, expression: str, quote: str) -> str:
    """'' when the declared expression uses only numbers of the quote and gives the value;
    otherwise what is wrong, in words."""
    try:
        result, numbers = evaluate(expression)
    except ValueError as exc:
        return str(exc)
    found = readings(quote)
    missing = [n for n in numbers
               if n not in UNIT_CONSTANTS and not any(_close(r.number, n) for r in found)]
    if missing:
        return f"the declared conversion uses {', '.join(f'{n:g}' for n in missing)}, " \
               "which the quote does not contain"
    value = float(value_text)
    decimals = len(value_text.split(".")[1]) if "." in value_text else 0
    if abs(result - value) > 0.5 * 10 ** (-decimals) + 1e-9:
        return f"the declared conversion {expression} gives {result:g}, not {value_text}"
    return ""


# --- the contract over a curated table ----------------------------------------------------------
CHECKED_STATUSES = ("official", "sourced", "sourced_approx", "sourced_secondary",
                    "sourced_ambiguous")


def quote_problem(row: dict, factor: float) -> str:
    """'' when a curated row (text columns) keeps the contract; else the problem in words."""
    if row["status"] not in CHECKED_STATUSES or not row["quote"] or row["value"] == "":
        return ""
    expression = declared_conversion(row["note"])
    if expression is not None:
        return conversion_holds(row["value"], expression, row["quote"])
    if value_in_quote(row["value"], factor, row["quote"], row["unit"]):
        return ""
    return (f"value {row['value']} {row['unit']} is not in its quote; find the figure in the "
            "cited text, cite the outlet it came from, declare the conversion in the note "
            "([from quote: ...]) or change the status")
