"""Constants and helpers shared by the write path and the queries (no SQLAlchemy: the CLI reads fast)."""

import json
import zlib

FIGURE_KINDS = ["money", "percent", "count", "duration", "measure"]  # records.kinds: bit i = kind i
SHARDS = 64  # records.shard is 0..63, from the record id: a sample of the archive per shard

# Name fields: a record's people by role (signatory, addressee), and its entities by label.
NAME_FIELDS = {"PER": "person", "PERSON": "person", "LOC": "place", "GPE": "place", "ORG": "org"}


def encode_data(text: str, backend: str) -> str | bytes:
    """``records.data``: the record's JSON text; zlib-compressed on SQLite (a third of the size),
    as PostgreSQL's TOAST already does by itself."""
    return zlib.compress(text.encode("utf-8"), 6) if backend == "sqlite" else text


def decode_data(value: str | bytes) -> dict:
    if isinstance(value, bytes | memoryview):
        value = zlib.decompress(value).decode("utf-8")
    return json.loads(value)
