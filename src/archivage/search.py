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
from functools import cached_property
from itertools import islice

from .errors import ArchivageError
from .store import Store
from .store.dates import date_range
from .store.fields import FIGURE_KINDS, SHARDS, decode_data
from .textfold import WORD, fold, fold_name, stem

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
    review: list[dict] = field(default_factory=list)  # the record's review list ([] when nothing is doubtful)

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


@dataclass
class Results:
    """One page of a search: the hits, and on demand the number of matches and facet counts.

    ``total`` is exact when ``total_exact``; otherwise it is an estimate from a sample of the
    matches (shown as "about N"), as are the facet counts when ``facets_exact`` is false. Exact
    counting stops at ``EXACT_LIMIT`` matches: beyond, reading every match would cost more than
    a search may take at a million records.
    """
    hits: list[Hit]
    total: int | None = None
    total_exact: bool = True
    facets: dict[str, dict[str, int]] | None = None
    facets_exact: bool = True
    offset: int = 0
    limit: int | None = 20
    sort: str = "relevance"

    def to_dict(self) -> dict:
        return {"total": self.total, "total_exact": self.total_exact, "offset": self.offset,
                "limit": self.limit, "sort": self.sort, "hits": [h.to_dict() for h in self.hits],
                "facets": self.facets, "facets_exact": self.facets_exact}


FACETS = ["type", "year", "signatory", "addressee", "person", "place", "org", "figure_kind", "review"]
NAME_FACETS = {"signatory", "addressee", "person", "place", "org"}
SORTS = ["relevance", "newest", "oldest"]
FACET_SIZE = 20  # names shown per name facet, most frequent first
EXACT_LIMIT = 5_000  # up to this many matches, counts are exact
SAMPLE_TARGET = 1_500  # beyond, about this many matches are read to estimate them
NAME_SAMPLE = 1_000  # name facets read the names of at most this many matches
SELECTIVE = 5_000  # a name or figure filter citing at most this many records drives the query


def search(store: Store, query: str = "", *, limit: int | None = 20, **options) -> list[Hit]:
    """Records matching the text query and every filter, best first (newest first without text).

    Name filters take a string or a list of strings (all must match); each matches names
    containing its words, accents and case ignored: "castaner" finds "Christophe CASTANER".
    Dates may be partial: from 2019-03 to 2019-06 includes a record dated just "2019".
    ``review=True``: only records whose review list is not empty. See :func:`find` for the rest.
    """
    if limit is not None and limit < 1:
        raise QueryError("The number of results must be at least 1.")
    return find(store, query, limit=limit, count=False, **options).hits


def facets(store: Store, query: str = "", **filters) -> dict:
    """Counts of the matching records by each facet of ``FACETS`` (see :func:`find`)."""
    return find(store, query, limit=0, count=False, facets=True, **filters).facets


def find(store: Store, query: str = "", *, type: str | None = None, date_from: str | None = None,
         date_to: str | None = None, signatory=None, addressee=None, person=None, place=None, org=None,
         figure_kind: str | None = None, figure_min: float | None = None, figure_max: float | None = None,
         review: bool | None = None, sort: str = "relevance", offset: int = 0, page: int | None = None,
         limit: int | None = 20, count: bool = True, facets=False) -> Results:
    """The one query layer of the CLI, the web pages and the API.

    ``sort``: "relevance" (best match first; newest first when there is no text), "newest" or
    "oldest" (by the document's own date, undated last). ``page`` (from 1) or ``offset`` with
    ``limit`` hits per page (``limit=None``: all). ``count``: also the number of matches.
    ``facets``: True for every facet of ``FACETS``, or a list of them: counts of the matching
    records by type, year, name (the ``FACET_SIZE`` most frequent), figure kind, and
    ``{"to_review": n}``. Results in the same order on SQLite and PostgreSQL.
    """
    if sort not in SORTS:
        raise QueryError(f"Unknown sort {sort!r}; choose one of: {', '.join(SORTS)}.")
    if page is not None:
        if page < 1:
            raise QueryError("Pages are numbered from 1.")
        offset = (page - 1) * (limit or 0)
    if offset < 0:
        raise QueryError("The offset must be 0 or more.")
    wanted = _facet_list(facets)
    parsed = parse_query(query or "")
    filters = _Filters(type=type, date_from=date_from, date_to=date_to, signatory=signatory,
                       addressee=addressee, person=person, place=place, org=org, figure_kind=figure_kind,
                       figure_min=figure_min, figure_max=figure_max, review=review)
    results = Results(hits=[], offset=offset, limit=limit, sort=sort)
    if store.empty:
        results.total = 0 if count else None
        results.facets = {name: {} for name in wanted} if wanted else None
        return results
    store.check()
    with store.read() as cur:
        sql = _Sql(store, cur, parsed, filters)
        if limit is None or limit > 0:
            keys = sql.top(sort, offset, limit)
            results.hits = _hits(store, cur, keys, Highlight.of(parsed))
        if count or wanted:
            total, exact, counts = sql.tally(wanted)
            results.total, results.total_exact = (total, exact) if count else (None, True)
            if wanted:
                results.facets, results.facets_exact = counts, exact
    return results


def _facet_list(facets) -> list[str]:
    if not facets:
        return []
    wanted = list(FACETS) if facets is True else list(facets)
    unknown = [f for f in wanted if f not in FACETS]
    if unknown:
        raise QueryError(f"Unknown facet {unknown[0]!r}; choose among: {', '.join(FACETS)}.")
    return wanted


@dataclass
class _Filters:
    type: str | None
    date_from: str | None
    date_to: str | None
    signatory: object
    addressee: object
    person: object
    place: object
    org: object
    figure_kind: str | None
    figure_min: float | None
    figure_max: float | None
    review: bool | None


class _Sql:
    """The SQL of one search: its conditions on ``records r`` and the queries built on them.

    SQL is written with ``?`` and run through the driver (no SQLAlchemy on the read path);
    ``_run`` turns ``?`` into ``%s`` for psycopg.
    """

    def __init__(self, store: Store, cur, parsed: Query | None, filters: _Filters):
        self.store, self.cur, self.pg = store, cur, store.backend == "postgresql"
        self.text = None if parsed is None else (tsquery_text(parsed) if self.pg else fts5_match(parsed))
        self.where: list[str] = []
        self.params: list = []
        self.nothing = False  # a filter that no record can meet (a name nobody has)
        self.names_exact = True
        self._conditions(filters)

    def _run(self, sql: str, params=()) -> list[tuple]:
        self.cur.execute(sql.replace("?", "%s") if self.pg else sql, tuple(params))
        return self.cur.fetchall()

    def _in(self, column: str, values: list) -> tuple[str, object]:
        """``column IN values`` with one parameter, whatever the number of values."""
        if self.pg:
            return f"{column} = ANY(?)", list(values)
        return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(list(values))

    def _from_keys(self, table: str, column: str, keys: list) -> tuple[str, object]:
        """FROM clause reading ``table`` for the given keys only, in that order (SQLite: CROSS JOIN)."""
        if self.pg:
            return f"FROM unnest(?::bigint[]) AS j(value) JOIN {table} ON {column} = j.value", list(keys)
        return f"FROM json_each(?) AS j CROSS JOIN {table} ON {column} = j.value", json.dumps(list(keys))

    def _add(self, condition: str, *params) -> None:
        self.where.append(condition)
        self.params.extend(params)

    # -- filters --------------------------------------------------------------------------

    def _conditions(self, f: _Filters) -> None:
        if f.type:
            self._add("r.type = ?", _type(f.type))
        if f.date_from and f.date_to and _date(f.date_from, "start") > _date(f.date_to, "end"):
            raise QueryError(f"The start date {f.date_from} is after the end date {f.date_to}.")
        if f.date_from:
            self._add("r.date_end >= ?", _date(f.date_from, "start"))
        if f.date_to:
            self._add("r.date_start <= ?", _date(f.date_to, "end"))
        if f.review is not None:
            self._add("r.review > 0" if f.review else "r.review = 0")
        keys: set | None = None
        for fields, value in ([(["signatory"], v) for v in _values(f.signatory)]
                              + [(["addressee"], v) for v in _values(f.addressee)]
                              + [(["signatory", "addressee", "person"], v) for v in _values(f.person)]
                              + [(["place"], v) for v in _values(f.place)]
                              + [(["org"], v) for v in _values(f.org)]):
            found = self._name_filter(fields, value)
            if found is not None:
                keys = found if keys is None else keys & found
        if f.figure_kind or f.figure_min is not None or f.figure_max is not None:
            found = self._figure_filter(f.figure_kind, f.figure_min, f.figure_max)
            if found is not None:
                keys = found if keys is None else keys & found
        if keys is not None:
            if not keys:
                self.nothing = True
            condition, param = self._in("r.key", sorted(keys))
            self._add(condition, param)

    def _name_filter(self, fields: list[str], value: str) -> set | None:
        """Records citing a name with every word of ``value``: their keys when few, else a condition."""
        words = fold_name(value).split()
        marks = ", ".join("?" * len(fields))
        like = " AND ".join(["folded LIKE ? ESCAPE '\\'"] * len(words))
        nids = [row[0] for row in self._run(f"SELECT nid FROM names WHERE field IN ({marks}) AND {like}",
                                            [*fields, *(f"%{_escape(w)}%" for w in words)])]
        if not nids:
            self.nothing = True
            return set()
        condition, param = self._in("nid", nids)
        few = self._run(f"SELECT count(*) FROM (SELECT 1 FROM record_names WHERE {condition} "
                        f"LIMIT {SELECTIVE + 1}) AS s", [param])[0][0]
        if few <= SELECTIVE:
            return {row[0] for row in self._run(f"SELECT DISTINCT record FROM record_names WHERE {condition}",
                                                [param])}
        condition, param = self._in("rn.nid", nids)
        self._add(f"EXISTS (SELECT 1 FROM record_names rn WHERE rn.record = r.key AND {condition})", param)
        return None

    def _figure_filter(self, kind: str | None, low: float | None, high: float | None) -> set | None:
        if kind and kind not in FIGURE_KINDS:
            raise QueryError(f"Unknown figure kind {kind!r}; choose one of: {', '.join(FIGURE_KINDS)}.")
        if low is None and high is None:
            self._add("(r.kinds & ?) <> 0", 1 << FIGURE_KINDS.index(kind))
            return None
        conditions, params = [], []
        for sql, value in (("kind = ?", kind), ("value >= ?", low), ("value <= ?", high)):
            if value is not None:
                conditions.append(sql)
                params.append(value)
        where = " AND ".join(conditions)
        few = self._run(f"SELECT count(*) FROM (SELECT 1 FROM figures WHERE {where} "
                        f"LIMIT {SELECTIVE + 1}) AS s", params)[0][0]
        if few <= SELECTIVE:
            return {row[0] for row in self._run(f"SELECT DISTINCT record FROM figures WHERE {where}", params)}
        inner = where.replace("kind", "fg.kind").replace("value", "fg.value")
        self._add(f"EXISTS (SELECT 1 FROM figures fg WHERE fg.record = r.key AND {inner})", *params)
        return None

    # -- the hits -------------------------------------------------------------------------

    def top(self, sort: str, offset: int, limit: int | None) -> list[tuple[int, float]]:
        """(key, score) of the hits of one page, in order."""
        if self.nothing:
            return []
        page = f" LIMIT {int(limit) if limit is not None else -1 if not self.pg else 'ALL'} OFFSET {int(offset)}"
        if self.text is not None and sort == "relevance":
            return self._top_relevance(offset, limit)
        where, params = list(self.where), list(self.params)
        if self.text is not None:
            if self.pg:
                where.insert(0, "r.tsv @@ to_tsquery('simple', ?)")
            elif sort == "newest" and self._common():
                # A word in many records: walk the date index and ask the text index about each
                # record (a few dozen lookups) rather than list every record it is in.
                where.insert(0, "EXISTS (SELECT 1 FROM records_fts WHERE records_fts MATCH ? "
                                "AND records_fts.rowid = r.key)")
            else:
                where.insert(0, "r.key IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)")
            params.insert(0, self.text)
        order = ("r.sort_date DESC, r.file, r.first_page" if sort != "oldest"
                 else "r.sort_date = '', r.sort_date, r.file, r.first_page")
        sql = f"SELECT r.key, 0.0 FROM records r {_where(where)} ORDER BY {order}{page}"
        return self._run(sql, params)

    def _common(self) -> bool:
        """Does the text match most records? (Counted in one shard: cheap.) Then the first
        records of the date index nearly all match, and each probe of the text index is cheap."""
        sql, params = self._keys_sql(1)
        matches = self._run(f"SELECT count(*) FROM ({sql}) AS s", params)[0][0]
        records = self._run("SELECT count(*) FROM records WHERE shard = 0")[0][0]
        return matches > 0.5 * records

    def _top_relevance(self, offset: int, limit: int | None) -> list[tuple[int, float]]:
        tie = "r.sort_date DESC, r.file, r.first_page"
        if self.pg:
            sql = (f"SELECT r.key, ts_rank(r.tsv, q) AS score FROM records r, to_tsquery('simple', ?) q "
                   f"WHERE r.tsv @@ q {''.join(' AND ' + w for w in self.where)} "
                   f"ORDER BY score DESC, {tie}")
            sql += f" LIMIT {int(limit) if limit is not None else 'ALL'} OFFSET {int(offset)}"
            return [(key, float(score)) for key, score in self._run(sql, [self.text, *self.params])]
        # FTS5 returns matches best first (ORDER BY rank is done inside the index); rows are read
        # only as far as the page needs, plus the rows tied with its last one, whose order
        # (newest first, then file and page) is settled here.
        # CROSS JOIN: SQLite keeps this order, the index first (the other way, it would run the
        # full-text match once per record).
        join = "CROSS JOIN records r ON r.key = records_fts.rowid" if self.where else ""
        conditions = "".join(" AND " + w for w in self.where)
        select = ", r.sort_date, r.file, r.first_page" if self.where else ""
        sql = (f"SELECT records_fts.rowid, records_fts.rank{select} FROM records_fts {join} "
               f"WHERE records_fts MATCH ?{conditions} ORDER BY records_fts.rank")
        self.cur.execute(sql, (self.text, *self.params))
        wanted = None if limit is None else offset + limit
        rows: list[tuple] = []
        while True:
            batch = self.cur.fetchmany(64)
            if not batch:
                break
            rows.extend(batch)
            if wanted is not None and len(rows) > wanted and rows[-1][1] != rows[wanted - 1][1]:
                break
        if wanted is not None:
            last = rows[wanted - 1][1] if len(rows) >= wanted else None
            rows = [row for i, row in enumerate(rows) if i < wanted or row[1] == last]
        if not self.where:
            tied = {row[0] for row in rows if sum(1 for other in rows if other[1] == row[1]) > 1}
            extra = dict(self._tie_columns(tied)) if tied else {}
            rows = [(row[0], row[1], *extra.get(row[0], ("", "", 0))) for row in rows]
        rows.sort(key=lambda row: (row[3], row[4]))  # file, page
        rows.sort(key=lambda row: row[2], reverse=True)  # newest first ("" = undated: last)
        rows.sort(key=lambda row: row[1])  # best rank first (the sorts are stable)
        end = None if limit is None else offset + limit
        return [(row[0], -row[1]) for row in rows[offset:end]]

    def _tie_columns(self, keys: set) -> list[tuple]:
        condition, param = self._in("key", sorted(keys))
        return [(key, (d, f, p)) for key, d, f, p in
                self._run(f"SELECT key, sort_date, file, first_page FROM records WHERE {condition}", [param])]

    # -- counts and facets ----------------------------------------------------------------

    def _keys_sql(self, shards: int | None) -> tuple[str, list]:
        """SELECT the keys of the matching records (of the first ``shards`` shards only, if given)."""
        where, params = list(self.where), list(self.params)
        if self.text is not None and not self.pg:
            text = self.text
            if shards is not None:
                text = f"({text}) AND shard : ({' OR '.join(f's{i}' for i in range(shards))})"
            join = "CROSS JOIN records r ON r.key = records_fts.rowid " if where else ""
            return (f"SELECT records_fts.rowid FROM records_fts {join}WHERE records_fts MATCH ?"
                    + "".join(" AND " + w for w in where)), [text, *params]
        if self.text is not None:
            where.insert(0, "r.tsv @@ to_tsquery('simple', ?)")
            params.insert(0, self.text)
        if shards is not None:
            where.append("r.shard < ?")
            params.append(shards)
        return f"SELECT r.key FROM records r {_where(where)}", params

    def tally(self, wanted: list[str]) -> tuple[int, bool, dict]:
        """(number of matches, exact?, facet counts): exact up to EXACT_LIMIT, estimated beyond."""
        if self.nothing:
            return 0, True, {name: {} for name in wanted}
        sql, params = self._keys_sql(1)
        in_first = self._run(f"SELECT count(*) FROM ({sql}) AS s", params)[0][0]
        shards, scale = None, 1.0
        if in_first * SHARDS > EXACT_LIMIT:
            shards = min(SHARDS, max(1, -(-SAMPLE_TARGET // in_first)))
            scale = SHARDS / shards
        sql, params = self._keys_sql(shards if shards and shards < SHARDS else None)
        keys = [row[0] for row in self._run(sql, params)]
        exact = shards is None or shards >= SHARDS
        total = len(keys) if exact else round(len(keys) * scale)
        counts: dict[str, dict[str, int]] = {}
        if wanted and keys:
            counts = self._facet_counts(keys, wanted, 1.0 if exact else scale)
        return total, exact and self.names_exact, {name: counts.get(name, {}) for name in wanted}

    def _facet_counts(self, keys: list[int], wanted: list[str], scale: float) -> dict:
        source, param = self._from_keys("records r", "r.key", keys)
        by: dict[str, dict] = {"type": {}, "year": {}, "figure_kind": {}, "review": {}}
        rows = self._run(f"SELECT r.type, r.year, r.review > 0, r.kinds, count(*) {source} "
                         "GROUP BY r.type, r.year, r.review > 0, r.kinds", [param])
        for type_, year, to_review, kinds, n in rows:
            by["type"][type_] = by["type"].get(type_, 0) + n
            if year is not None:
                by["year"][str(year)] = by["year"].get(str(year), 0) + n
            if to_review:
                by["review"]["to_review"] = by["review"].get("to_review", 0) + n
            for bit, kind in enumerate(FIGURE_KINDS):
                if kinds & (1 << bit):
                    by["figure_kind"][kind] = by["figure_kind"].get(kind, 0) + n
        fields = [f for f in wanted if f in NAME_FACETS]
        if fields:
            # Names are counted over at most NAME_SAMPLE of the records (every n-th one): reading
            # the names of every match costs ~15 rows a record.
            step = -(-len(keys) // NAME_SAMPLE)
            sample = keys[::step]
            name_scale = scale * len(keys) / len(sample)
            source, param = self._from_keys("record_names rn", "rn.record", sample)
            marks = ", ".join("?" * len(fields))
            rows = self._run(f"SELECT n.field, n.name, g.n FROM (SELECT rn.nid, count(*) AS n {source} "
                             f"GROUP BY rn.nid) g {'JOIN' if self.pg else 'CROSS JOIN'} names n ON n.nid = g.nid "
                             f"WHERE n.field IN ({marks})", [param, *fields])
            for name_field in fields:
                best = sorted(((n, name) for f, name, n in rows if f == name_field), key=lambda x: (-x[0], x[1]))
                by[name_field] = {name: max(1, round(n * name_scale / scale)) for n, name in best[:FACET_SIZE]}
            if step > 1:
                self.names_exact = False

        def scaled(counts: dict) -> dict:
            return {k: max(1, round(v * scale)) for k, v in counts.items()}

        out = {}
        for name in wanted:
            counts = scaled(by.get(name, {}))
            if name == "year":
                out[name] = dict(sorted(counts.items()))
            elif name in NAME_FACETS:
                out[name] = counts
            else:
                out[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return out


def _where(conditions: list[str]) -> str:
    return "WHERE " + " AND ".join(conditions) if conditions else ""


def _hits(store: Store, cur, keys: list[tuple[int, float]], highlight: Highlight) -> list[Hit]:
    if not keys:
        return []
    marks = ", ".join([store.placeholder] * len(keys))
    cur.execute(f"SELECT key, data FROM records WHERE key IN ({marks})", tuple(k for k, _ in keys))
    data = dict(cur.fetchall())
    return [_hit(decode_data(data[key]), score, highlight) for key, score in keys if key in data]


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


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
        if not (self.stems or self.phrases or self.prefixes):
            return []  # a search without text: nothing to stem
        folded = fold(text)
        if len(folded) != len(text):  # a ligature (œ -> oe) moved the positions: stem every word
            return self._spans(text, WORD.finditer(text))
        # Only words that begin like a query term can match it: stem those alone.
        return self._spans(text, (m for m in self._candidates.finditer(folded)))

    @cached_property
    def _candidates(self) -> re.Pattern:
        """Words whose folded form starts like a term (a stem keeps its word's first letters,
        but for i/y: "loyer" -> "loi")."""
        starts = {s[:3] for s in self.stems} | {p[0][:3] for p in self.phrases} | {p[:3] for p in self.prefixes}
        alternatives = sorted("".join("[iy]" if c in "iy" else re.escape(c) for c in start) for start in starts)
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")\w*")

    def _spans(self, text: str, words) -> list[tuple[int, int, str]]:
        found, skip_to = [], 0
        for m in words:
            a, b = m.start(), m.end()
            if a < skip_to:
                continue
            for phrase in self.phrases:
                run = list(islice(WORD.finditer(text, a), len(phrase)))
                if len(run) == len(phrase) and tuple(stem(w.group()) for w in run) == phrase:
                    found.append((a, run[-1].end(), " ".join(phrase)))
                    skip_to = run[-1].end()
                    break
            else:
                key = stem(text[a:b])
                if key in self.stems or (self.prefixes and fold(text[a:b]).startswith(self.prefixes)):
                    found.append((a, b, key))
        return found


def _hit(record: dict, score: float, highlight: Highlight) -> Hit:
    passage, matches = snippet(record.get("text") or "", highlight)
    hit = Hit(id=record["id"], type=record["type"], title=record.get("title"), date=record.get("date"),
              file=record["source"]["file"], pages=record["source"].get("pages", []),
              score=round(float(score or 0.0), 6), snippet="", passage=passage, matches=matches,
              review=record.get("review") or [])
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
