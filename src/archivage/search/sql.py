"""The SQL of a search, on ``records r`` and its side tables, run through the driver.

Hits: FTS5's own rank order (read only as far as the page needs) or ``ts_rank`` on
PostgreSQL, or a walk of the date index. Filters: narrow columns, and name or figure filters
that start from their few records when they cite at most ``SELECTIVE`` of them. Counts and
facets: exact up to ``EXACT_LIMIT`` matches; beyond, read from a sample of the 64 shards
(``records.shard``, and a token per shard in the FTS5 index) and scaled up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..store import Store
from ..store.dates import date_range
from ..store.fields import FIGURE_KINDS, SHARDS
from ..textfold import fold, fold_name
from .query import TYPES, Query, QueryError, fts5_match, tsquery_text

NAME_FACETS = {"signatory", "addressee", "person", "place", "org"}
FACET_SIZE = 20  # names shown per name facet, most frequent first
EXACT_LIMIT = 5_000  # up to this many matches, counts are exact
SAMPLE_TARGET = 1_500  # beyond, about this many matches are read to estimate them
NAME_SAMPLE = 1_000  # name facets read the names of at most this many matches
SELECTIVE = 5_000  # a name or figure filter citing at most this many records drives the query
WALK = 2_000  # a filter-only search first looks for its page among this many newest records
# SQLite probes records by key through their narrow index (migration 3): it would otherwise read
# the table's row, one page per record since each carries its JSON.
PROBE = "records r INDEXED BY records_narrow"
RANK_WINDOW = 2_000  # relevance ranks this many matches at a time, newest stored first
# PostgreSQL reads each match's tsvector (5 KB, out of line) to check and rank it: ~25 µs a match.
PG_RANK_WINDOW = 1_000


@dataclass
class Filters:
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


class Sql:
    """The SQL of one search: its conditions on ``records r`` and the queries built on them.

    SQL is written with ``?`` and run through the driver (no SQLAlchemy on the read path);
    ``_run`` turns ``?`` into ``%s`` for psycopg.
    """

    def __init__(self, store: Store, cur, parsed: Query | None, filters: Filters):
        self.store, self.cur, self.pg = store, cur, store.backend == "postgresql"
        self.text = None if parsed is None else (tsquery_text(parsed) if self.pg else fts5_match(parsed))
        self.where: list[str] = []
        self.params: list = []
        self.nothing = False  # a filter that no record can meet (a name nobody has)
        self.names_exact = True
        self.drivers: list[tuple[str, list]] = []  # for a filter checked by EXISTS: the IN form
        # The same conditions with each EXISTS in its IN form: read once, not probed per record.
        self.in_where: list[str] = []
        self.in_params: list = []
        self.rank_exact = True  # false when relevance ranked the newest RANK_WINDOW matches only
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

    def _add(self, condition: str, *params, in_form: tuple[str, list] | None = None) -> None:
        self.where.append(condition)
        self.params.extend(params)
        self.in_where.append(in_form[0] if in_form else condition)
        self.in_params.extend(in_form[1] if in_form else params)

    # -- filters --------------------------------------------------------------------------

    def _conditions(self, f: Filters) -> None:
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
        # SQLite: "+field" reads the table straight through; through the (field, name) index it
        # would fetch every row apart, four times slower.
        column = "field" if self.pg else "+field"
        nids = [row[0] for row in self._run(f"SELECT nid FROM names WHERE {column} IN ({marks}) AND {like}",
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
        # The nids as a list of literals: SQLite would read a json_each() inside EXISTS once per record.
        marks = ", ".join(str(int(nid)) for nid in nids)
        driver = (f"r.key IN (SELECT record FROM record_names WHERE nid IN ({marks}))", [])
        self._add(f"EXISTS (SELECT 1 FROM record_names rn WHERE rn.record = r.key AND +rn.nid IN ({marks}))",
                  in_form=driver)
        self.drivers.append(driver)
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
        driver = (f"r.key IN (SELECT record FROM figures WHERE {where})", params)
        self._add(f"EXISTS (SELECT 1 FROM figures fg WHERE fg.record = r.key AND {inner})", *params, in_form=driver)
        self.drivers.append(driver)
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
        if self.drivers and self.text is None and not self.pg and limit is not None:
            # Walk the newest WALK records first; when the filter is rare among them (it may be
            # common elsewhere: amounts in communiqués, not in the latest letters), start from
            # the records the filter names instead.
            window = f"(SELECT * FROM records r ORDER BY {order} LIMIT {WALK}) r"
            rows = self._run(f"SELECT r.key, 0.0 FROM {window} {_where(where)} ORDER BY {order}{page}", params)
            if len(rows) == limit:
                return rows
            # Every filter in its IN form (each read once), sorted through the narrow index.
            return self._run(f"SELECT r.key, 0.0 FROM {PROBE} {_where(self.in_where)} ORDER BY {order}{page}",
                             self.in_params)
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
        """Best match first, among at most RANK_WINDOW matches at a time (PG_RANK_WINDOW there).

        Scoring every match costs a few microseconds each: a word in nearly every record of a
        million would take seconds. So the matches are read newest stored first (the text
        index's own order, which stops reading when it has enough) in windows of RANK_WINDOW;
        each window is ranked (best first, then newest document, file and page) and the windows
        follow each other. Up to RANK_WINDOW matches (every test archive), that is the exact
        ranking of all of them; beyond, page 1 holds the best of the RANK_WINDOW newest matches
        (``rank_exact`` false) and later pages keep one consistent order.
        """
        size = PG_RANK_WINDOW if self.pg else RANK_WINDOW
        wanted = None if limit is None else offset + limit
        windows = None if wanted is None else -(-wanted // size)
        cap = "" if windows is None else f" LIMIT {windows * size + 1}"
        conditions = "".join(" AND " + w for w in self.where)
        if self.pg:
            sql = (f"SELECT r.key, -ts_rank(r.tsv, q), r.sort_date, r.file, r.first_page "
                   f"FROM records r, to_tsquery('simple', ?) q WHERE r.tsv @@ q{conditions} ORDER BY r.key DESC{cap}")
        else:
            # CROSS JOIN: SQLite keeps this order, the index first (the other way, it would run the
            # full-text match once per record).
            join = f" CROSS JOIN {PROBE} ON r.key = records_fts.rowid" if self.where else ""
            select = ", r.sort_date, r.file, r.first_page" if self.where else ""
            sql = (f"SELECT records_fts.rowid, records_fts.rank{select} FROM records_fts{join} "
                   f"WHERE records_fts MATCH ?{conditions} ORDER BY records_fts.rowid DESC{cap}")
        rows = self._run(sql, [self.text, *self.params])
        self.rank_exact = len(rows) <= size
        if windows is not None:
            rows = rows[:windows * size]  # the one more row only said that more exist
        ordered: list[tuple] = []
        end = len(rows) if wanted is None else wanted
        for first in range(0, min(len(rows), end), size):
            window = rows[first:first + size]
            # A window wholly before the page only holds places: its order does not matter.
            ordered += window if first + size <= offset else self._ranked(window, offset - first, end - first)
        return [(row[0], -row[1]) for row in ordered[offset:end]]

    def _ranked(self, rows: list[tuple], lo: int, hi: int) -> list[tuple]:
        """Rows (key, rank[, sort_date, file, first_page]) best first, ties newest first then by file
        and page, as far as position ``hi`` (and the rows tied with the last one); the tie columns
        are read only for ties that reach the positions lo..hi shown."""
        rows = sorted(rows, key=lambda row: row[1])
        if hi < len(rows):
            cut = hi
            while cut < len(rows) and rows[cut][1] == rows[hi - 1][1]:
                cut += 1
            rows = rows[:cut]
        if rows and len(rows[0]) == 2:
            tied: set[int] = set()
            i = min(max(0, lo), len(rows))
            while 0 < i < len(rows) and rows[i - 1][1] == rows[i][1]:  # a tie that starts before lo
                i -= 1
            while i < len(rows):
                j = i
                while j + 1 < len(rows) and rows[j + 1][1] == rows[i][1]:
                    j += 1
                if j > i:
                    tied.update(row[0] for row in rows[i:j + 1])
                i = j + 1
            extra = dict(self._tie_columns(tied)) if tied else {}
            rows = [(row[0], row[1], *extra.get(row[0], ("", "", 0))) for row in rows]
        rows.sort(key=lambda row: (row[3], row[4]))  # file, page
        rows.sort(key=lambda row: row[2], reverse=True)  # newest first ("" = undated: last)
        rows.sort(key=lambda row: row[1])  # best rank first (the sorts are stable)
        return rows

    def _tie_columns(self, keys: set) -> list[tuple]:
        condition, param = self._in("key", sorted(keys))
        return [(key, (d, f, p)) for key, d, f, p in
                self._run(f"SELECT key, sort_date, file, first_page FROM records WHERE {condition}", [param])]

    # -- counts and facets ----------------------------------------------------------------

    def _keys_sql(self, shards: int | None, in_form: bool = False) -> tuple[str, list]:
        """SELECT the keys of the matching records (of the first ``shards`` shards only, if given);
        ``in_form``: name and figure filters read as lists of records rather than probed."""
        where, params = (list(self.in_where), list(self.in_params)) if in_form else (list(self.where), list(self.params))
        if self.text is not None and not self.pg:
            text = self.text
            if shards is not None:
                text = f"({text}) AND shard : ({' OR '.join(f's{i}' for i in range(shards))})"
            join = f"CROSS JOIN {PROBE} ON r.key = records_fts.rowid " if where else ""
            return (f"SELECT records_fts.rowid FROM records_fts {join}WHERE records_fts MATCH ?"
                    + "".join(" AND " + w for w in where)), [text, *params]
        if self.text is not None:
            where.insert(0, "r.tsv @@ to_tsquery('simple', ?)")
            params.insert(0, self.text)
        if shards is not None:
            where.append("r.shard < ?")
            params.append(shards)
        # The IN forms name their records: read those through the narrow index, not the table.
        table = PROBE if in_form and not self.pg else "records r"
        return f"SELECT r.key FROM {table} {_where(where)}", params

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
        # Probing the sampled records one by one costs their number; reading the records a name
        # or figure filter lists costs the filter's own number: the smaller, when there is a choice.
        in_form = False
        if self.drivers and self.text is None:
            per_shard = self._run("SELECT count(*) FROM records WHERE shard = 0")[0][0]
            in_form = in_first * SHARDS < per_shard * (shards or SHARDS)
        sql, params = self._keys_sql(shards if shards and shards < SHARDS else None, in_form)
        keys = [row[0] for row in self._run(sql, params)]
        exact = shards is None or shards >= SHARDS
        total = len(keys) if exact else round(len(keys) * scale)
        counts: dict[str, dict[str, int]] = {}
        if wanted and keys:
            counts = self._facet_counts(keys, wanted, 1.0 if exact else scale)
        return total, exact and self.names_exact, {name: counts.get(name, {}) for name in wanted}

    def _facet_counts(self, keys: list[int], wanted: list[str], scale: float) -> dict:
        source, param = self._from_keys("records r" if self.pg else PROBE, "r.key", keys)
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
