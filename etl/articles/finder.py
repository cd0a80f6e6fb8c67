"""Find the checkable statements of an article: China–Russia trade, payments and energy only.

A sentence is in scope when it names both sides (China/Beijing and Russia/Moscow), or one side
and a bilateral word ("the two countries"), or follows closely on such a sentence and speaks of
trade; in an article about China–Russia trade (two or more such sentences), any sentence that
speaks of trade, payments, energy or a change is in scope too ("In January–April, trade fell
to 510.6 billion yuan"). A clause about a third partner, about one side's trade with the whole
world or about one side's economy is not. Within scope, each figure of a clause (a sum of money,
a percentage, a volume) is one statement, shaped by the words around it (etl/articles/shapes.py);
rank phrases (etl/articles/ranks.py), "more than doubled in a decade", the "ties over the past
decade" and "relying on Russian oil and gas" shapes are statements without a figure of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from etl.articles import entities, ranks, shapes
from etl.articles.numbers import Quantity, find_quantities
from etl.articles.sentences import Span, clauses, paragraphs, sentences
from etl.articles.shapes import TRADE_WORDS

WORLD_SCOPE = re.compile(
    r"\b(?:overall|global|worldwide|with the world|to the world|all (?:its|of its) partners|"
    r"foreign trade|abroad)\b",
    re.IGNORECASE,
)
# A region as a trade partner ("exports to Europe", "trade with Asia"), not a partner code of
# the snapshot's, is a third party too.
REGION_RE = re.compile(
    r"\b(?:to|from|with|into)\s+(?:the\s+)?(?:Europe|European\s+(?:markets|buyers|countries)|"
    r"the\s+West|Western\s+(?:markets|buyers|countries)|Asia|Asian\s+(?:markets|buyers|"
    r"countries)|Africa|Latin\s+America|the\s+Middle\s+East|the\s+Gulf)\b", re.IGNORECASE)
# "China's total exports": one side's trade with everyone (with no side named, in an article
# about China–Russia trade, "total trade" is the two sides')
TOTAL_SCOPE = re.compile(r"\btotal (?:foreign )?(?:trade|exports|imports)\b", re.IGNORECASE)
# In an article about China–Russia trade, a sentence that names neither side still speaks of it
# when it speaks of trade, of a change ("a 26.3% jump in 2023") or of a share ("put the share
# at 90%").
CHANGE_WORDS = re.compile(r"\b(?:jump(?:ed)?|surge[d]?|slump(?:ed)?|plunge[d]?|growth|rise|fall|"
                          r"drop|decline|increase|decrease|doubled|tripled|share)\b",
                          re.IGNORECASE)
# A third partner named only as a route ("across Mongolia") is not a partner of the statement.
ROUTE_RE = re.compile(r"\b(?:across|via|through|transiting|over)\s+(?:the\s+)?$", re.IGNORECASE)
CURRENCY_AFTER_RE = re.compile(r"\s*(?:dollars?|\$)", re.IGNORECASE)
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
    r"\b(?P<words>nearly all|almost all|virtually all|the vast majority|most)\s+(?:of\s+)?"
    r"(?:their|the|its|bilateral)?\s*(?:\w+\s+){0,3}?(?:transactions|payments|settlements|trade)",
    re.IGNORECASE,
)
SPEAKER_RE = re.compile(
    r"(?:\baccording to\s+(?P<d>(?:the\s+)?(?:[a-z]+\s+){0,2}[A-Z][^,.;]{2,60})"
    r"|\b(?:said|says|told|stated|noted|announced)\s+(?P<a>(?:[A-Z][\w.'’-]+"
    r"[\s,]*){1,5})|(?P<b>(?:[A-Z][\w.'’-]+\s+){1,4})(?:said|says|told|noted|stated|put)\b"
    r"|(?P<c>\b(?:Russian|Chinese)\s+officials)\s+(?:say|said))"
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


def _names(sentence: str) -> tuple[bool, bool, bool]:
    return (bool(entities.CHINA_RE.search(sentence)), bool(entities.RUSSIA_RE.search(sentence)),
            bool(entities.BILATERAL_RE.search(sentence)))


def _in_scope(sentence: Span, carried: bool, article: bool) -> Scope:
    china, russia, bilateral = _names(sentence.text)
    both = china and russia
    trade = bool(TRADE_WORDS.search(sentence.text)) or bool(
        shapes.TOTAL_NOUN_RE.search(sentence.text) and shapes.MONEY_HINT_RE.search(sentence.text))
    change = bool(CHANGE_WORDS.search(sentence.text))
    on = (both or ((china or russia) and bilateral) or (carried and (trade or change))
          or (article and (trade or change)))
    return Scope(on, both or ((china or russia) and bilateral))


def about_china_russia(text: str) -> bool:
    """An article about China–Russia trade: two sentences or more name both sides (or one side
    and a bilateral word) and speak of trade, payments or energy."""
    count = 0
    for paragraph in paragraphs(text):
        for sentence in sentences(paragraph):
            china, russia, bilateral = _names(sentence.text)
            if ((china and russia) or ((china or russia) and bilateral)) and TRADE_WORDS.search(
                    sentence.text):
                count += 1
                if count >= 2:
                    return True
    return False


def _third_party(clause: str, others: dict[str, re.Pattern[str]]) -> bool:
    """Does the clause name a partner other than China and Russia (not as a route, "across
    Mongolia", nor as a currency, "US dollars")?"""
    if REGION_RE.search(clause):
        return True
    for pattern in others.values():
        for m in pattern.finditer(clause):
            if ROUTE_RE.search(clause[max(0, m.start() - 20):m.start()]):
                continue
            if CURRENCY_AFTER_RE.match(clause[m.end():]):
                continue
            return True
    return False


def _one_side_world(clause: str) -> bool:
    """'China's total exports rose 5%' is about China and the world, not about Russia."""
    china, russia = bool(entities.CHINA_RE.search(clause)), bool(entities.RUSSIA_RE.search(clause))
    if WORLD_SCOPE.search(clause):
        return not (china and russia)
    return bool(TOTAL_SCOPE.search(clause)) and china != russia


def _macro(clause: str) -> bool:
    """'Russia's economy grew 4.1%': one side's economy, not the two sides' trade."""
    return bool(shapes.MACRO_RE.search(clause)) and not shapes.FLOW_WORDS.search(clause)


def _rank_statements(clause: Span, sentence: Span, others: dict, noun_before: str,
                     context: str, state: dict) -> list[Statement]:
    found = []
    ahead = ranks.partners_ahead(sentence.text, others)
    # the clause's own convention first ("seventh if Hong Kong and Taiwan are counted, and
    # eighth if the EU and ASEAN count as one partner each"), else the sentence's
    named = ranks.named_convention(clause.text) or ranks.named_convention(sentence.text)
    nearby = bool(state.get("rank_sides")) or bool(ranks.RANK_WORDS_RE.search(sentence.text))
    for phrase in ranks.find_ranks(clause.text, noun_before, nearby):
        before = clause.text[:phrase.at]
        if (_third_party(ranks.without_convention(before), others)
                and not entities.RUSSIA_RE.search(before)):
            continue  # "Saudi Arabia had been China's top crude supplier": another's rank
        product = ranks.rank_product(phrase.what, sentence.text + " " + context)
        # whose partners: the clause's or sentence's sides, else those of the rank before
        # ("Treat the EU and ASEAN as blocs and it drops to eighth")
        sides = ranks.owner_and_subject(clause.text, phrase.at)
        if sides[0] is None:
            sides = ranks.owner_and_subject(sentence.text, sentence.text.find(phrase.words))
        if sides[0] is None:
            subject = ranks.nearest_side(clause.text[:phrase.at])
            if subject:
                sides = ({"RUS": "CHN", "CHN": "RUS"}[subject], subject)
        if sides[0] is not None:
            state["rank_sides"] = sides
        found.append(Statement(
            "energy" if product else "rank", "rank", clause.start, clause.end, clause.text,
            sentence, extra={"rank": phrase.rank, "mode": phrase.mode, "match": phrase.words,
                             "what": phrase.what, "at": phrase.at, "product": product,
                             "flow": ranks.rank_flow(phrase.what, sentence.text),
                             "behind": ahead, "named_convention": named,
                             "sides": state.get("rank_sides")}))
    return found


def _shift(q: Quantity, offset: int) -> Quantity:
    return replace(q, start=offset + q.start, end=offset + q.end)


def _statements_in_clause(clause: Span, sentence: Span, scope: Scope, others: dict,
                          state: dict) -> list[Statement]:
    text = clause.text
    if _one_side_world(text) or _macro(text):
        return []
    out: list[Statement] = []
    found_ranks = _rank_statements(clause, sentence, others, state.get("rank_noun", ""),
                                   state.get("context", ""), state)
    if found_ranks and scope.on_topic:
        out += found_ranks
        state["rank_noun"] = found_ranks[-1].extra["what"]
    if _third_party(text, others) and not found_ranks:
        return out
    previous: Quantity | None = None
    for q in find_quantities(text):
        shifted = _shift(q, clause.start)
        future = shapes.is_future(text, q.start)
        if q.is_money:
            if (previous is not None and previous.is_money and previous.unit != q.unit
                    and text[previous.end:q.start].strip() in ("(", "(or", "or", ", or")):
                out[-1].extra["conversion"] = shifted
                continue
            previous = q
            shape = shapes.money_shape(q, text, sentence.text, state.get("context", ""))
        elif q.unit in ("pct", "pp"):
            previous = None
            shape = shapes.percentage_shape(q, text, sentence.text)
            if shape is None and shapes.ANAPHORA_RE.search(text[:q.start]) and state.get(
                    "last_shape") in ("settlement", "settlement_words"):
                # "put the share at 90%": the share the statement before spoke of
                shape = shapes.Shape("currency", "settlement",
                                     {"antecedent": state.get("settlement_sentence", "")})
            if shape is None and state.get("direction") and not re.search(
                    r"\b(?:share|of)\b", text[q.end:q.end + 5]):
                # "exports fell 4.2% and imports 8.0%": the verb is the earlier clause's
                shape = shapes.Shape("growth", "growth", {"direction": state["direction"]})
            if shape is None and scope.both_named and TRADE_WORDS.search(text):
                shape = shapes.Shape("other", "other")
        else:
            previous = None
            shape = shapes.volume_shape(q, text, sentence.text)
        if shape is None:
            continue
        statement = Statement(shape.topic, shape.shape, clause.start, clause.end, text,
                              sentence, shifted, dict(shape.extra))
        statement.extra["future"] = future
        statement.extra["services"] = bool(shapes.SERVICES_RE.search(text))
        out.append(statement)
        if shape.shape == "growth":
            offset = q.start
            around = text[max(0, offset - 60):offset] + " " + text[q.end:q.end + 25]
            state["direction"] = (q.sign or statement.extra.get("direction")
                                  or entities.direction(around) or 1)
    for m in NEARLY_ALL_RE.finditer(text):
        if shapes.LOCAL_CURRENCY_RE.search(text):
            out.append(Statement("currency", "settlement_words", clause.start, clause.end, text,
                                 sentence, extra={"words": m.group("words")}))
    multiple = shapes.multiple_shape(text)
    if multiple is not None:
        out.append(Statement(multiple.topic, multiple.shape, clause.start, clause.end, text,
                             sentence, extra=dict(multiple.extra)))
    m = TIES_RE.search(text)
    if m and scope.both_named and multiple is None:
        out.append(Statement("growth", "ties", clause.start, clause.end, text, sentence,
                             extra={"span": m.group("span")}))
    m = RELIANCE_RE.search(text)
    if m:
        out.append(Statement("energy", "reliance", clause.start, clause.end, text, sentence,
                             extra={"what": m.group("what")}))
    speaker = SPEAKER_RE.search(sentence.text)
    for s in out:
        if speaker:
            s.extra.setdefault("speaker", (speaker.group("d") or speaker.group("a")
                                           or speaker.group("b") or speaker.group("c")
                                           ).strip(" ,"))
    if out:
        state["last_shape"] = out[-1].shape
        if out[-1].shape in ("settlement", "settlement_words"):
            state["settlement_sentence"] = out[-1].extra.get("antecedent") or sentence.text
    return out


def find_statements(text: str, others: dict[str, re.Pattern[str]]) -> list[Statement]:
    """Every checkable China–Russia statement of `text`, in text order."""
    found: list[Statement] = []
    article = about_china_russia(text)
    since_both = 99  # sentences since the last one that named both sides
    memory: dict[str, Any] = {}  # the last statement's shape and words, for "put the share at"
    for paragraph in paragraphs(text):
        state: dict[str, Any] = dict(memory)
        previous_sentence = ""
        for sentence in sentences(paragraph):
            scope = _in_scope(sentence, since_both <= 2, article)
            since_both = 0 if scope.both_named else since_both + 1
            state["context"] = previous_sentence
            previous_sentence = sentence.text
            state.pop("direction", None)
            state.pop("rank_noun", None)
            if not scope.on_topic and state.get("rank_sides") and any(
                    ranks.find_ranks(c.text, "", True) for c in clauses(sentence)):
                # "Treat the EU and ASEAN as blocs and it drops to eighth": a rank that goes
                # on from the one before
                scope = Scope(True, False)
            if not scope.on_topic:
                continue
            for clause in clauses(sentence):
                found += _statements_in_clause(clause, sentence, scope, others, state)
        memory = {k: state[k] for k in ("last_shape", "settlement_sentence", "rank_sides")
                  if k in state}
    return found
