"""The query language, parsed once and written for each backend's full-text index.

    sécurité policiers          every word (implicit AND), accents and plurals ignored
    "porte de la chapelle"      a phrase
    crack OR drogue             either word (OU works too)
    -manifestation              without this word (or -"a phrase")
    secu*                       words starting with "secu"

A malformed query raises ``QueryError`` with one sentence. Words become the stems of
``textfold`` on both backends: an FTS5 MATCH expression, or a ``to_tsquery('simple', …)`` text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ArchivageError
from ..textfold import WORD, fold, stem

TYPES = ["lettre", "voeu", "communique", "compte_rendu", "note", "deliberation", "arrete", "autre"]
OR_WORDS = {"OR", "OU"}


class QueryError(ArchivageError):
    """A search the user typed that cannot be understood."""


# -- the query language -----------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or several for a phrase ("d'Or" is the phrase "d or")
    prefix: bool = False


@dataclass
class Query:
    groups: list[list[Term]]  # every group must match; a group matches if any of its terms does
    excluded: list[Term]


def parse_query(text: str) -> Query | None:
    """The parsed query, or None when there is nothing to search for (blank query)."""
    tokens = _lex(text)
    if not tokens:
        return None
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for i, token in enumerate(tokens):
        if token == "OR":
            before, after = tokens[i - 1] if i else None, tokens[i + 1] if i + 1 < len(tokens) else None
            if not isinstance(before, tuple) or not isinstance(after, tuple):
                raise QueryError("OR must stand between two words, as in: crack OR drogue.")
            if before[0] or after[0]:
                raise QueryError("OR cannot join an excluded word; write -tag -graffiti to exclude both.")
            join_next = True
            continue
        negated, term = token
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        raise QueryError("The search only excludes words; add at least one word to look for.")
    return Query(groups, excluded)


def _lex(text: str) -> list:
    """Tokens: "OR", or (negated, Term). Punctuation-only words are dropped."""
    tokens: list = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-"
        if negated:
            i += 1
            if i >= n or text[i].isspace():
                raise QueryError("A lone '-' must be followed by the word to exclude, as in: -manifestation.")
        if text[i] == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise QueryError('The search has an unbalanced quote: close the phrase with a second ".')
            raw, i = text[i + 1:close], close + 1
            term = Term(tuple(WORD.findall(raw)))
        else:
            m = re.compile(r'[^\s"]+').match(text, i)
            raw, i = m.group(), m.end()
            if raw in OR_WORDS and not negated:
                tokens.append("OR")
                continue
            found = tuple(WORD.findall(raw))
            term = Term(found, prefix=raw.endswith("*") and len(found) == 1)
        if term.words:
            tokens.append((negated, term))
    return tokens


def fts5_match(query: Query) -> str:
    """The FTS5 MATCH expression over the title and body columns; every word is quoted, so user
    text never becomes FTS5 syntax."""
    def one(term: Term) -> str:
        if term.prefix:
            return f'"{fold(term.words[0])}"*'
        return '"' + " ".join(stem(w) for w in term.words) + '"'

    expr = " AND ".join("(" + " OR ".join(one(t) for t in group) + ")" for group in query.groups)
    for term in query.excluded:
        expr = f"({expr}) NOT {one(term)}"
    return "{title body} : (" + expr + ")"


def tsquery_text(query: Query) -> str:
    """The text for PostgreSQL's to_tsquery('simple', …): the same stems as SQLite's, quoted."""
    def one(term: Term) -> str:
        if term.prefix:
            return f"'{fold(term.words[0])}':*"
        return "(" + " <-> ".join(f"'{stem(w)}'" for w in term.words) + ")"

    expr = " & ".join("(" + " | ".join(one(t) for t in group) + ")" for group in query.groups)
    for term in query.excluded:
        expr += f" & !{one(term)}"
    return expr
