"""Search the records: free text plus filters, ranked, with a snippet showing the real words.

The query language is small and shared by both backends, so the same search finds the same
records on SQLite and PostgreSQL:

    sécurité policiers          every word (implicit AND), accents and plurals ignored
    "porte de la chapelle"      a phrase
    crack OR drogue             either word (OU works too)
    -manifestation              without this word (or -"a phrase")
    secu*                       words starting with "secu"

``find`` is the one query layer of the command line, the web pages and the API: hits of one
page, the number of matches and facet counts. ``query`` parses the language, ``sql`` runs the
search on either backend, ``snippets`` marks the matched words in a passage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from ..store import Store
from ..store.fields import decode_data
from .query import TYPES, Query, QueryError, Term, fts5_match, parse_query, tsquery_text
from .snippets import SNIPPET_CHARS, Highlight, snippet
from .sql import EXACT_LIMIT, Filters, Sql

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
    rank_exact: bool = True  # false: the best of the RANK_WINDOW newest matches come first (see sql)
    offset: int = 0
    limit: int | None = 20
    sort: str = "relevance"

    def to_dict(self) -> dict:
        return {"total": self.total, "total_exact": self.total_exact, "offset": self.offset,
                "limit": self.limit, "sort": self.sort, "hits": [h.to_dict() for h in self.hits],
                "facets": self.facets, "facets_exact": self.facets_exact, "rank_exact": self.rank_exact}


FACETS = ["type", "year", "signatory", "addressee", "person", "place", "org", "figure_kind", "review"]
SORTS = ["relevance", "newest", "oldest"]


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
    filters = Filters(type=type, date_from=date_from, date_to=date_to, signatory=signatory,
                       addressee=addressee, person=person, place=place, org=org, figure_kind=figure_kind,
                       figure_min=figure_min, figure_max=figure_max, review=review)
    results = Results(hits=[], offset=offset, limit=limit, sort=sort)
    if store.empty:
        results.total = 0 if count else None
        results.facets = {name: {} for name in wanted} if wanted else None
        return results
    store.check()
    with store.read() as cur:
        sql = Sql(store, cur, parsed, filters)
        if limit is None or limit > 0:
            keys = sql.top(sort, offset, limit)
            results.hits = _hits(store, cur, keys, Highlight.of(parsed))
            results.rank_exact = sql.rank_exact
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


def _hits(store: Store, cur, keys: list[tuple[int, float]], highlight: Highlight) -> list[Hit]:
    if not keys:
        return []
    marks = ", ".join([store.placeholder] * len(keys))
    cur.execute(f"SELECT key, data FROM records WHERE key IN ({marks})", tuple(k for k, _ in keys))
    data = dict(cur.fetchall())
    return [_hit(decode_data(data[key]), score, highlight) for key, score in keys if key in data]


def _hit(record: dict, score: float, highlight: Highlight) -> Hit:
    passage, matches = snippet(record.get("text") or "", highlight)
    hit = Hit(id=record["id"], type=record["type"], title=record.get("title"), date=record.get("date"),
              file=record["source"]["file"], pages=record["source"].get("pages", []),
              score=round(float(score or 0.0), 6), snippet="", passage=passage, matches=matches,
              review=record.get("review") or [])
    hit.snippet = hit.snippet_markup()
    return hit


def to_json(hits: Iterable[Hit]) -> list[dict]:
    return [hit.to_dict() for hit in hits]


__all__ = ["EXACT_LIMIT", "FACETS", "SNIPPET_CHARS", "TYPES", "Highlight", "Hit", "Query", "QueryError", "Results",
           "Term", "facets", "find", "fts5_match", "parse_query", "search", "snippet", "to_json", "tsquery_text"]
