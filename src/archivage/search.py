"""Search the records: free text plus filters, ranked, with a snippet showing the real words.

The query language is small and shared by both backends, so the same search finds the same
records on SQLite and PostgreSQL:

    sécurité policiers          every word (implicit AND), accents and plurals ignored
    "porte de la chapelle"      a phrase
    crack OR drogue             either word (OU works too)
    -manifestation              without this word (or -"a phrase")
    secu*                       words starting with "secu"

The query is parsed here; a malformed one raises ``QueryError`` with one sentence. The
parsed query becomes an FTS5 MATCH expression (over folded and stemmed words, see
``textfold``) or a PostgreSQL ``to_tsquery('french', unaccent(...))``. Filters are SQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import sqlalchemy as sa

from .errors import ArchivageError
from .store import (
    Store,
    date_range,
    entities_table,
    figures_table,
    people_table,
    records_table,
)
from .textfold import WORD, fold, fold_name, stem

TYPES = ["lettre", "voeu", "communique", "compte_rendu", "note", "deliberation", "arrete", "autre"]
FIGURE_KINDS = ["money", "percent", "count", "duration", "measure"]
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
    """The FTS5 MATCH expression; every word is quoted, so user text never becomes FTS5 syntax."""
    def one(term: Term) -> str:
        if term.prefix:
            return f'"{fold(term.words[0])}"*'
        return '"' + " ".join(stem(w) for w in term.words) + '"'

    expr = " AND ".join("(" + " OR ".join(one(t) for t in group) + ")" for group in query.groups)
    for term in query.excluded:
        expr = f"({expr}) NOT {one(term)}"
    return expr


def tsquery_text(query: Query) -> str:
    """The text for PostgreSQL's to_tsquery('french', …): only \\w words and operators."""
    def one(term: Term) -> str:
        if term.prefix:
            return f"{term.words[0]}:*"
        return "(" + " <-> ".join(term.words) + ")"

    expr = " & ".join("(" + " | ".join(one(t) for t in group) + ")" for group in query.groups)
    for term in query.excluded:
        expr += f" & !{one(term)}"
    return expr


# -- results ----------------------------------------------------------------------------------

@dataclass
class Hit:
    id: str
    type: str
    title: str | None
    date: str | None
    file: str
    pages: list[int]
    score: float
    snippet: str  # the passage with matches wrapped in [ ]
    passage: str = ""  # the same passage without markup
    matches: list[tuple[int, int]] = field(default_factory=list)  # spans of matched words in passage

    def snippet_markup(self, start: str = "[", end: str = "]") -> str:
        """The passage with each matched word wrapped, e.g. in terminal colour codes."""
        out, last = [], 0
        for a, b in self.matches:
            out += [self.passage[last:a], start, self.passage[a:b], end]
            last = b
        out.append(self.passage[last:])
        return "".join(out)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["matches"] = [list(span) for span in self.matches]
        return data


def search(store: Store, query: str = "", *, type: str | None = None, date_from: str | None = None,
           date_to: str | None = None, signatory=None, addressee=None, person=None, place=None, org=None,
           figure_kind: str | None = None, figure_min: float | None = None, figure_max: float | None = None,
           limit: int | None = 20) -> list[Hit]:
    """Records matching the text query and every filter, best first (newest first without text).

    Name filters take a string or a list of strings (all must match); each matches names
    containing its words, accents and case ignored: "castaner" finds "Christophe CASTANER".
    Dates may be partial: from 2019-03 to 2019-06 includes a record dated just "2019".
    """
    parsed = parse_query(query or "")
    select, score = _matching(store, parsed, type=type, date_from=date_from, date_to=date_to,
                              signatory=signatory, addressee=addressee, person=person, place=place,
                              org=org, figure_kind=figure_kind, figure_min=figure_min, figure_max=figure_max)
    r = records_table.c
    select = select.add_columns(r.data)
    if parsed:
        select = select.order_by(score.desc(), sa.nulls_last(r.date_start.desc()), r.file, r.first_page)
    else:
        select = select.order_by(sa.nulls_last(r.date_start.desc()), r.file, r.first_page)
    if limit is not None:
        if limit < 1:
            raise QueryError("The number of results must be at least 1.")
        select = select.limit(limit)
    highlight = Highlight.of(parsed)
    with store.engine.connect() as conn:
        rows = conn.execute(select).all()
    return [_hit(json.loads(row.data), row.score, highlight) for row in rows]


def facets(store: Store, query: str = "", **filters) -> dict:
    """Counts of the matching records by type, by year and by signatory (most frequent first)."""
    select, _ = _matching(store, parse_query(query or ""), **filters)
    ids = select.subquery()
    r, p = records_table.c, people_table.c
    count = sa.func.count().label("n")
    year = sa.func.substr(r.date, 1, 4).label("year")
    matching = r.id.in_(sa.select(ids.c.id))
    with store.engine.connect() as conn:
        by_type = conn.execute(sa.select(r.type, count).where(matching).group_by(r.type)
                               .order_by(count.desc(), r.type)).all()
        by_year = conn.execute(sa.select(year, count).where(matching, r.date.is_not(None))
                               .group_by(year).order_by(year)).all()
        by_signatory = conn.execute(
            sa.select(p.name, count).where(p.record_id.in_(sa.select(ids.c.id)), p.role == "signatory")
            .group_by(p.name).order_by(count.desc(), p.name).limit(20)).all()
    return {"type": dict(by_type), "year": dict(by_year), "signatory": dict(by_signatory)}


def _matching(store: Store, parsed: Query | None, *, type=None, date_from=None, date_to=None,
              signatory=None, addressee=None, person=None, place=None, org=None, figure_kind=None,
              figure_min=None, figure_max=None) -> tuple[sa.Select, sa.ColumnElement]:
    """SELECT records.id, score FROM records [joined to the text index] WHERE every filter holds."""
    r = records_table.c
    if parsed is None:
        score = sa.literal(0.0, sa.Float).label("score")
        select = sa.select(r.id, score)
    elif store.backend == "sqlite":
        fts = (sa.text("SELECT record_id, -bm25(records_fts, 0.0, 5.0, 1.0) AS score "
                       "FROM records_fts WHERE records_fts MATCH :match")
               .bindparams(match=fts5_match(parsed))
               .columns(record_id=sa.String, score=sa.Float).subquery("fts"))
        score = fts.c.score
        select = sa.select(r.id, score.label("score")).join_from(records_table, fts, fts.c.record_id == r.id)
    else:
        tsv = sa.literal_column("records.tsv")
        tsq = sa.func.to_tsquery(sa.literal_column("'french'::regconfig"),
                                 sa.func.archivage_unaccent(tsquery_text(parsed)))
        score = sa.func.ts_rank(tsv, tsq)
        select = sa.select(r.id, score.label("score")).where(tsv.op("@@")(tsq))
    return select.where(*_filters(type=type, date_from=date_from, date_to=date_to, signatory=signatory,
                                  addressee=addressee, person=person, place=place, org=org,
                                  figure_kind=figure_kind, figure_min=figure_min,
                                  figure_max=figure_max)), score


def _filters(*, type, date_from, date_to, signatory, addressee, person, place, org,
             figure_kind, figure_min, figure_max) -> list[sa.ColumnElement]:
    r = records_table.c
    where: list[sa.ColumnElement] = []
    if type:
        where.append(r.type == _type(type))
    if date_from:
        where.append(r.date_end >= _date(date_from, "start"))
    if date_to:
        where.append(r.date_start <= _date(date_to, "end"))
    if date_from and date_to and _date(date_from, "start") > _date(date_to, "end"):
        raise QueryError(f"The start date {date_from} is after the end date {date_to}.")
    for value in _values(signatory):
        where.append(_person_exists(value, "signatory"))
    for value in _values(addressee):
        where.append(_person_exists(value, "addressee"))
    for value in _values(person):
        where.append(sa.or_(_person_exists(value, None), _entity_exists(value, ["PER", "PERSON"])))
    for value in _values(place):
        where.append(_entity_exists(value, ["LOC", "GPE"]))
    for value in _values(org):
        where.append(_entity_exists(value, ["ORG"]))
    if figure_kind or figure_min is not None or figure_max is not None:
        where.append(_figure_exists(figure_kind, figure_min, figure_max))
    return where


def _type(value: str) -> str:
    wanted = re.sub(r"[\s-]+", "_", fold(value.strip()))
    if wanted not in TYPES:
        raise QueryError(f"Unknown document type {value!r}; choose one of: {', '.join(TYPES)}.")
    return wanted


def _date(value: str, end: str) -> str:
    start, last = date_range(value.strip())
    if start is None:
        raise QueryError(f"Dates are written 2019, 2019-03 or 2019-03-15, not {value!r}.")
    return start if end == "start" else last


def _values(value) -> list[str]:
    if value is None:
        return []
    values = [value] if isinstance(value, str) else list(value)
    return [v for v in values if v and fold_name(v)]


def _like_all(column: sa.ColumnElement, value: str) -> sa.ColumnElement:
    """Every word of the value appears in the folded column ("castaner christophe" works too)."""
    def escape(word: str) -> str:
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

    return sa.and_(*(column.like(f"%{escape(w)}%", escape="\\") for w in fold_name(value).split()))


def _person_exists(value: str, role: str | None) -> sa.ColumnElement:
    p = people_table.c
    conditions = [p.record_id == records_table.c.id, _like_all(p.name_folded, value)]
    if role:
        conditions.append(p.role == role)
    return sa.exists().where(*conditions)


def _entity_exists(value: str, labels: list[str]) -> sa.ColumnElement:
    e = entities_table.c
    return sa.exists().where(e.record_id == records_table.c.id, e.label.in_(labels),
                             _like_all(e.folded, value))


def _figure_exists(kind: str | None, low: float | None, high: float | None) -> sa.ColumnElement:
    f = figures_table.c
    conditions = [f.record_id == records_table.c.id]
    if kind:
        if kind not in FIGURE_KINDS:
            raise QueryError(f"Unknown figure kind {kind!r}; choose one of: {', '.join(FIGURE_KINDS)}.")
        conditions.append(f.kind == kind)
    if low is not None:
        conditions.append(f.value >= low)
    if high is not None:
        conditions.append(f.value <= high)
    return sa.exists().where(*conditions)


# -- snippets ---------------------------------------------------------------------------------

SNIPPET_CHARS = 220


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
        tokens = [(m.start(), m.end(), stem(m.group())) for m in WORD.finditer(text)]
        found, i = [], 0
        while i < len(tokens):
            for phrase in self.phrases:
                if tuple(t[2] for t in tokens[i:i + len(phrase)]) == phrase:
                    found.append((tokens[i][0], tokens[i + len(phrase) - 1][1], " ".join(phrase)))
                    i += len(phrase)
                    break
            else:
                a, b, key = tokens[i]
                if key in self.stems or (self.prefixes and fold(text[a:b]).startswith(self.prefixes)):
                    found.append((a, b, key))
                i += 1
        return found


def _hit(record: dict, score: float, highlight: Highlight) -> Hit:
    passage, matches = snippet(record.get("text") or "", highlight)
    hit = Hit(id=record["id"], type=record["type"], title=record.get("title"), date=record.get("date"),
              file=record["source"]["file"], pages=record["source"].get("pages", []),
              score=round(float(score or 0.0), 6), snippet="", passage=passage, matches=matches)
    hit.snippet = hit.snippet_markup()
    return hit


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


def to_json(hits: Iterable[Hit]) -> list[dict]:
    return [hit.to_dict() for hit in hits]
