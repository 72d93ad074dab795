"""The write path: one record into ``records``, its names, figures and full-text rows.

Shared by ``Store.save_original`` and by migrations that rebuild records from their JSON.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator

from ..textfold import fold_name, index_text
from .dates import date_range
from .fields import FIGURE_KINDS, NAME_FIELDS, SHARDS, decode_data, encode_data


def _dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


class NameCache:
    """nid lookups for one transaction: the committed cache, plus names added in this one."""

    def __init__(self, committed: dict, new: dict):
        self.committed, self.new = committed, new

    def get(self, key):
        return self.committed.get(key) or self.new.get(key)

    def __setitem__(self, key, nid):
        self.new[key] = nid


# -- the write path, shared with migrations -----------------------------------------------------

def _sql(backend: str, sql: str) -> str:
    return sql if backend == "sqlite" else sql.replace("?", "%s")


def delete_records(conn, backend: str, sha256: str) -> None:
    """Remove an original's records and everything indexed from them (nothing for a new file)."""
    for (key,) in conn.exec_driver_sql(_sql(backend, "SELECT key FROM records WHERE sha256 = ?"), (sha256,)).all():
        delete_record(conn, backend, key)


def delete_record(conn, backend: str, key: int) -> None:
    """Remove one record (by its row ``key``) and everything indexed from it. A contentless FTS5 table forgets
    a row when given the words it indexed: the same function (textfold.index_text) of the same stored record
    gives them again. Explicit deletes: the side tables carry no foreign key (one check fewer per insert)."""
    row = conn.exec_driver_sql(_sql(backend, "SELECT title, data, shard FROM records WHERE key = ?"), (key,)).first()
    if row is None:
        return
    if backend == "sqlite":
        title, data, shard = row
        conn.exec_driver_sql(
            "INSERT INTO records_fts(records_fts, rowid, title, body, shard) VALUES('delete', ?, ?, ?, ?)",
            (key, index_text(title), index_text(decode_data(data).get("text")), f"s{shard}"))
    for table, column in (("record_names", "record"), ("figures", "record"), ("records", "key")):
        conn.exec_driver_sql(_sql(backend, f"DELETE FROM {table} WHERE {column} = ?"), (key,))


def shard_of(record_id: str) -> int:
    return zlib.crc32(record_id.encode()) % SHARDS


_COLUMNS = ("id", "sha256", "file", "first_page", "type", "title", "date", "date_start", "date_end",
            "sort_date", "year", "review", "kinds", "shard", "data")
_INSERT = {
    "sqlite": f"INSERT INTO records ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
              "RETURNING key",
    "postgresql": f"INSERT INTO records ({', '.join(_COLUMNS)}, tsv) VALUES ({', '.join(['%s'] * len(_COLUMNS))}, "
                  "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')) "
                  "RETURNING key",
}


def insert_record(conn, backend: str, sha256: str, record: dict, names, data: str | None = None) -> None:
    """Insert one record and its index rows. ``data``: the JSON text to keep (default: dumped)."""
    source = record["source"]
    start, end = date_range(record.get("date"))
    rid = record["id"]
    if not isinstance(rid, str) or not rid or len(rid) > 80:
        raise TypeError(f"record id {rid!r} is not a string of 1 to 80 characters")
    if not isinstance(record["type"], str):
        raise TypeError(f"record {rid} has no type")
    kinds = 0
    figure_rows = []
    for f in record.get("figures") or []:
        if f.get("value") is None:
            continue
        if not isinstance(f.get("kind"), str):
            raise TypeError(f"a figure of record {rid} has no kind")
        if f["kind"] in FIGURE_KINDS:
            kinds |= 1 << FIGURE_KINDS.index(f["kind"])
        figure_rows.append((f["kind"], float(f["value"])))
    title, text = record.get("title"), record.get("text") or ""
    shard = shard_of(rid)
    values = (rid, sha256, source["file"], (source.get("pages") or [1])[0], record["type"], title,
              record.get("date"), start, end, start or "", int(start[:4]) if start else None,
              len(record.get("review") or []), kinds, shard,
              encode_data(data if data is not None else _dumps(record), backend))
    title_words, body_words = index_text(title), index_text(text)
    if backend == "postgresql":
        values += (title_words, body_words)
    key = conn.exec_driver_sql(_INSERT[backend], values).scalar_one()
    if figure_rows:
        conn.exec_driver_sql(_sql(backend, "INSERT INTO figures (record, kind, value) VALUES (?, ?, ?)"),
                             [(key, kind, value) for kind, value in figure_rows])
    nids = {_nid(conn, backend, names, field, name) for field, name in _names_of(record)}
    if nids:
        conn.exec_driver_sql(_sql(backend, "INSERT INTO record_names (nid, record) VALUES (?, ?)"),
                             [(nid, key) for nid in sorted(nids)])
    if backend == "sqlite":
        conn.exec_driver_sql("INSERT INTO records_fts (rowid, title, body, shard) VALUES (?, ?, ?, ?)",
                             (key, title_words, body_words, f"s{shard}"))


def _names_of(record: dict) -> Iterator[tuple[str, str]]:
    for field, key in (("signatory", "signatories"), ("addressee", "addressees")):
        for p in record.get(key) or []:
            if p.get("name") and fold_name(p["name"]):
                yield field, p["name"]
    for e in record.get("entities") or []:
        field = NAME_FIELDS.get(e["label"])
        if field and e.get("text") and fold_name(e["text"]):
            yield field, e["text"]


def _nid(conn, backend: str, names, field: str, name: str) -> int:
    nid = names.get((field, name))
    if nid is None:
        found = conn.exec_driver_sql(_sql(backend, "SELECT nid FROM names WHERE field = ? AND name = ?"),
                                     (field, name)).first()
        if found is None:
            nid = conn.exec_driver_sql(
                _sql(backend, "INSERT INTO names (field, name, folded) VALUES (?, ?, ?) RETURNING nid"),
                (field, name, fold_name(name))).scalar_one()
        else:
            nid = found[0]
        names[(field, name)] = nid
    return nid
