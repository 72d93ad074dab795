"""Snippets: the passage of a record's text with the most query terms, matches marked.

Computed from the original text (not the index), so the user sees "sécurité" highlighted when
they typed "securite".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice

from ..textfold import WORD, fold, stem
from .query import Query

SNIPPET_CHARS = 220
# "oe", "ae", "ss" of a term may be one letter (œ, æ, ß) in the text folded in place.
_LIGATURE_PAIRS = re.compile(r"(o|a)(e)|(s)(s)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _one_letter(char: str) -> str:
    return (fold(char) or " ")[0]


def _fold_in_place(text: str) -> str:
    """``fold`` keeping every character where it is (œ -> o, é -> e): the positions of its
    words are those of the text. Only to find candidate words, which are then stemmed."""
    return _NON_ASCII.sub(lambda m: _one_letter(m.group()), text).lower()


@dataclass(frozen=True)
class Highlight:
    """What to highlight: single words by stem, phrases as whole runs, prefixes by folded start."""
    stems: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()

    @classmethod
    def of(cls, parsed: Query | None) -> Highlight:
        if parsed is None:
            return cls()
        terms = [t for group in parsed.groups for t in group]
        return cls(stems=frozenset(stem(t.words[0]) for t in terms if len(t.words) == 1 and not t.prefix),
                   phrases=tuple(tuple(stem(w) for w in t.words) for t in terms if len(t.words) > 1),
                   prefixes=tuple(fold(t.words[0]) for t in terms if t.prefix))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, what matched) for each match in text, left to right, not overlapping."""
        if not (self.stems or self.phrases or self.prefixes):
            return []  # a search without text: nothing to stem
        folded = fold(text)
        if len(folded) != len(text):  # a ligature (œ -> oe) moved the positions
            folded = _fold_in_place(text)
            if len(folded) != len(text):  # a character whose lower case is longer: stem every word
                return self._spans(text, WORD.finditer(text))
        # Only words that begin like a query term can match it: stem those alone.
        return self._spans(text, (m for m in self._candidates.finditer(folded)))

    @cached_property
    def _candidates(self) -> re.Pattern:
        """Words whose folded form starts like a term (a stem keeps its word's first letters,
        but for i/y: "loyer" -> "loi")."""
        starts = {s[:3] for s in self.stems} | {p[0][:3] for p in self.phrases} | {p[:3] for p in self.prefixes}
        alternatives = sorted(_LIGATURE_PAIRS.sub(lambda m: m.group() + "?", "".join("[iy]" if c in "iy" else re.escape(c) for c in start))
                              for start in starts)
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")\w*")

    def _spans(self, text: str, words) -> list[tuple[int, int, str]]:
        found, skip_to = [], 0
        for m in words:
            a, b = m.start(), m.end()
            if a < skip_to:
                continue
            key = stem(text[a:b])
            for phrase in self.phrases:
                if phrase[0] != key:  # most candidates: the first word already differs
                    continue
                run = list(islice(WORD.finditer(text, a), len(phrase)))
                if len(run) == len(phrase) and all(stem(w.group()) == s for w, s in zip(run[1:], phrase[1:], strict=True)):
                    found.append((a, run[-1].end(), " ".join(phrase)))
                    skip_to = run[-1].end()
                    break
            else:
                if key in self.stems or (self.prefixes and fold(text[a:b]).startswith(self.prefixes)):
                    found.append((a, b, key))
        return found


def snippet(text: str, highlight: Highlight, size: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """The passage of ``text`` with the most distinct query terms, and the spans of the matches.

    Computed from the original text (not the index), so the user sees "sécurité" highlighted
    when they typed "securite".
    """
    found = highlight.spans(text)
    begin = 0
    if found:
        def distinct(first: tuple[int, int, str]) -> int:
            limit = max(0, first[0] - 40) + size
            return len({key for a, b, key in found if first[0] <= a and b <= limit})
        begin = max(0, max(found, key=distinct)[0] - 40)
    end = min(len(text), begin + size)
    # Snap to word boundaries so the passage does not start or end mid-word.
    if begin > 0:
        space = text.rfind(" ", 0, begin + 1)
        begin = space + 1 if space >= 0 and begin - space < 20 else begin
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    inside = [(a, b) for a, b, _ in found if begin <= a and b <= end]
    return _flatten(text, begin, end, inside)


def _flatten(text: str, begin: int, end: int,
             spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """text[begin:end] on one line (runs of whitespace become one space), spans moved along."""
    out = "…" if begin > 0 else ""
    moved: list[tuple[int, int]] = []
    cursor = begin
    for a, b in spans:
        out += re.sub(r"\s+", " ", text[cursor:a])
        moved.append((len(out), len(out) + (b - a)))
        out += text[a:b]
        cursor = b
    out += re.sub(r"\s+", " ", text[cursor:end])
    if begin == 0:
        stripped = out.lstrip()
        shift = len(out) - len(stripped)
        out, moved = stripped, [(a - shift, b - shift) for a, b in moved]
    out = out.rstrip()
    if end < len(text):
        out += " …"
    return out, moved
