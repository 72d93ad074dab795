"""The tables of the current schema (``migrations`` says how an archive gets there).

Filters, sorts and facets read the narrow columns of ``records`` and the side tables; the
record itself is ``records.data`` (JSON text, key order kept), decoded only for the hits shown.
"""

from __future__ import annotations

import sqlalchemy as sa

from .fields import FIGURE_KINDS, NAME_FIELDS, SHARDS  # noqa: F401 - re-exported

metadata = sa.MetaData()

schema_version_table = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("migrated_at", sa.String(32), nullable=False),
)

originals_table = sa.Table(
    "originals", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("stored_path", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("pages", sa.Integer, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("added_at", sa.String(32), nullable=False),  # ISO 8601 UTC, same text on both backends
)

duplicates_table = sa.Table(
    "duplicates", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False, index=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("added_at", sa.String(32), nullable=False),
)

failures_table = sa.Table(
    "failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64)),
    sa.Column("added_at", sa.String(32), nullable=False),
)

# One row per record. ``key`` is the integer every index refers to (the FTS5 rowid on SQLite);
# ``id`` is the record's own id, never parsed. The whole record is ``data`` (JSON, key order
# kept); the other columns are what filters, sorting and facets read without decoding it.
records_table = sa.Table(
    "records", metadata,
    sa.Column("key", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True,
              autoincrement=True),
    sa.Column("id", sa.String(80), nullable=False, unique=True),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("originals.sha256", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("first_page", sa.Integer, nullable=False),
    sa.Column("type", sa.String(20), nullable=False, index=True),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.String(10)),  # as in the record: "2019-02-26", "2019-02", "2019" or NULL
    # First and last day the date covers, so "2019" overlaps a search from March to June 2019.
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    # date_start, or "" when undated: "newest first" is then one index walk, undated last.
    sa.Column("sort_date", sa.String(10), nullable=False),
    sa.Column("year", sa.Integer),
    sa.Column("review", sa.Integer, nullable=False),  # number of items in the record's review list
    sa.Column("kinds", sa.Integer, nullable=False),  # bit i set: a figure of FIGURE_KINDS[i]
    sa.Column("shard", sa.SmallInteger, nullable=False),  # 0-63 from the id: samples for estimates
    sa.Column("data", sa.Text().with_variant(sa.LargeBinary, "sqlite"), nullable=False),  # see fields.encode_data
    sa.Index("records_newest", sa.text("sort_date DESC"), "file", "first_page"),
    sa.Index("records_review", "review"),
    sa.Index("records_shard", "shard"),
)

# Migration 3: what a search reads of a record it probes by key (filters, sort and tie columns,
# facets), packed densely; SQLite is told to use it (INDEXED BY) where it probes ``records r``.
NARROW_COLUMNS = "key, type, sort_date, date_start, date_end, year, review, kinds, shard, file, first_page"
NARROW_INDEX = f"CREATE INDEX records_narrow ON records ({NARROW_COLUMNS})"

# Distinct names (people and entities) by field, and which records cite them: a name filter
# scans the short list of distinct names, then follows their records.
names_table = sa.Table(
    "names", metadata,
    sa.Column("nid", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("field", sa.String(12), nullable=False),  # signatory|addressee|person|place|org
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("folded", sa.Text, nullable=False),
    sa.UniqueConstraint("field", "name", name="names_field_name"),
)

record_names_table = sa.Table(
    "record_names", metadata,
    sa.Column("nid", sa.Integer, nullable=False, primary_key=True),
    sa.Column("record", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False,
              primary_key=True),
    sa.Index("record_names_record", "record", "nid"),
    sqlite_with_rowid=False,
)

figures_table = sa.Table(
    "figures", metadata,
    sa.Column("record", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Index("figures_record", "record", "kind", "value"),
    sa.Index("figures_kind_value", "kind", "value"),
)

# What people changed in records, oldest first: the history shown on a record page, and what is applied again
# when the pipeline stores the file anew (a human value is never overwritten by a new extraction).
corrections_table = sa.Table(
    "corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.String(80), nullable=False, index=True),
    sa.Column("sha256", sa.String(64), nullable=False, index=True),
    sa.Column("field", sa.String(20), nullable=False),  # a field of the record, or "review" (a doubt cleared)
    sa.Column("before", sa.Text),  # JSON
    sa.Column("after", sa.Text),  # JSON
    sa.Column("by", sa.Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),  # ISO 8601 UTC
)

# The web interface's accounts: a name, a role (lecteur, archiviste, admin) and an argon2 hash.
users_table = sa.Table(
    "users", metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)

# Signed-in browsers: the sha256 of the cookie's secret (a stolen database gives no session), the
# CSRF token of its forms, and when it ends.
sessions_table = sa.Table(
    "sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(80), nullable=False, index=True),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=False),
)

# Tokens for scripts calling the API (``Authorization: Bearer …``), kept as their sha256.
api_tokens_table = sa.Table(
    "api_tokens", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(80), nullable=False, index=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)

# How people fixed the cut of a file into documents: {"splits": [page, …], "joins": [[page, rank], …]},
# replayed over the automatic segmentation whenever the file's records are made again (see ``recut``).
cuts_table = sa.Table(
    "cuts", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("edits", sa.Text, nullable=False),  # JSON
    sa.Column("by", sa.Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
)

# Inbox files being worked on (migration 5), keyed by their path under the inbox: the same on
# every machine that mounts it. ``state``: "queued" (a run was submitted for it), "working"
# (``worker`` holds it until ``expires_at``, renewed by its heartbeat) or "committed" (its records
# are in; only the removal from the inbox is left). ``expires_at``: seconds since the epoch by the
# database's clock, so machines whose clocks differ agree on who has expired.
inbox_claims_table = sa.Table(
    "inbox_claims", metadata,
    sa.Column("path", sa.Text, primary_key=True),
    sa.Column("state", sa.String(10), nullable=False),
    sa.Column("worker", sa.Text),
    sa.Column("sha256", sa.String(64)),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("run_id", sa.Text),  # the orchestrator's run submitted for it, or working on it
)

# SQLite full text: a contentless FTS5 table (the text is in ``records.data`` already) whose
# rowid is ``records.key``; ``shard`` holds one token "s<shard>" so that an estimate can read a
# sample of the matches without reading them all. bm25 weights: title 5, body 1.
SQLITE_FTS = ["CREATE VIRTUAL TABLE records_fts USING fts5(title, body, shard, content='', "
              "tokenize='unicode61')",
              "INSERT INTO records_fts(records_fts, rank) VALUES('rank', 'bm25(5.0, 1.0, 0.0)')"]
# PostgreSQL full text: the same words as SQLite's (folded and stemmed by ``textfold``), title
# weighted A and body B, in a plain column with a GIN index.
POSTGRES_FTS = ["ALTER TABLE records ADD COLUMN tsv tsvector NOT NULL",
                "CREATE INDEX records_tsv ON records USING gin (tsv)"]


