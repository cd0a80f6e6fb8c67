"""Sentences and clauses with their character offsets in the text as read."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? followed by space and a capital, a quote or a digit; common
# abbreviations (U.S., Jan.) do not end one.
_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“‘(])")
_ABBREVIATIONS = ("U.S.", "U.K.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
                  "Mr.", "Ms.", "Dr.", "St.", "No.", "approx.", "e.g.", "i.e.", "vs.")
MAX_SENTENCE = 1000  # characters (see _pieces)
_INITIAL = re.compile(r"\b[A-Z]\.$")  # "J." of a name: not a sentence's end
# Clauses split at these joints; each side can state its own figure (", after a 6.6% decline in
# the first quarter": the quarter is the later figure's, not the one before).
_JOINTS = re.compile(
    r";\s+|,\s+(?:while|whereas|but|and|with|as|after|following)\s+|\s+while\s+|\s+whereas\s+|"
    r"\s+and\s+(?=(?:imports|exports|its|China's|Russia's|Chinese|Russian|the)\b)",
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Span]:
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append(Span(offset + lead, offset + len(line.rstrip()), line.strip()))
        offset += len(line) + 1
    return spans


def sentences(paragraph: Span) -> list[Span]:
    """The sentences of a paragraph; one longer than MAX_SENTENCE is cut into pieces of at
    most that (see _pieces)."""
    out = []
    for sentence in _sentences(paragraph):
        out += _pieces(sentence) if len(sentence.text) > MAX_SENTENCE else [sentence]
    return out


def _pieces(sentence: Span) -> list[Span]:
    """A run-on "sentence" cut at the last joint (a semicolon, a comma, else a space) before
    each MAX_SENTENCE characters. The finder reads each clause with its whole sentence, so one
    100 KB sentence (a pasted list, text without stops) cost it minutes; no sentence of real
    prose is this long (the longest in the evaluation articles: 257 characters)."""
    out, text, start = [], sentence.text, 0
    while len(text) - start > MAX_SENTENCE:
        window = text[start + MAX_SENTENCE // 2:start + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "))
        cut = cut if cut >= 0 else window.rfind(" ")
        end = start + MAX_SENTENCE // 2 + cut + 1 if cut >= 0 else start + MAX_SENTENCE
        piece = text[start:end].rstrip()
        if piece.strip():
            out.append(Span(sentence.start + start, sentence.start + start + len(piece), piece))
        start = end + len(text[end:]) - len(text[end:].lstrip())
    if text[start:].strip():
        out.append(Span(sentence.start + start, sentence.end, text[start:]))
    return out


def _sentences(paragraph: Span) -> list[Span]:
    out, start = [], 0
    text = paragraph.text
    for m in _END.finditer(text):
        # only the words just before the stop are read: a paragraph can be a whole pasted
        # text, and copying or searching all of it at each stop made this quadratic
        if (text.endswith(_ABBREVIATIONS, 0, m.start())
                or _INITIAL.search(text[max(0, m.start() - 3):m.start()])):
            continue
        closing = m.group(0)
        end = m.start() + len(closing) - len(closing.lstrip("\"”’)"))
        if text[start:end].strip():
            out.append(Span(paragraph.start + start, paragraph.start + end, text[start:end]))
        start = m.end()
    if text[start:].strip():
        piece = text[start:].rstrip()
        out.append(Span(paragraph.start + start, paragraph.start + start + len(piece), piece))
    return out


def clauses(sentence: Span) -> list[Span]:
    out, start = [], 0
    text = sentence.text
    for m in _JOINTS.finditer(text):
        if text[start:m.start()].strip():
            out.append(Span(sentence.start + start, sentence.start + m.start(),
                            text[start:m.start()]))
        start = m.end()
    tail = text[start:].rstrip(" .")
    if tail.strip():
        out.append(Span(sentence.start + start, sentence.start + start + len(tail), tail))
    return out
