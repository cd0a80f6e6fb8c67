"""Sentences and clauses with their character offsets in the text as read."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? followed by space and a capital, a quote or a digit; common
# abbreviations (U.S., Jan.) do not end one.
_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“‘(])")
_ABBREVIATIONS = ("U.S.", "U.K.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
                  "Mr.", "Ms.", "Dr.", "St.", "No.", "approx.", "e.g.", "i.e.", "vs.")
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
    out, start = [], 0
    text = paragraph.text
    for m in _END.finditer(text):
        before = text[:m.start()]
        if before.endswith(_ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", before):
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
