"""Constants shared by the write path and the queries (no SQLAlchemy here: the CLI reads fast)."""

FIGURE_KINDS = ["money", "percent", "count", "duration", "measure"]  # records.kinds: bit i = kind i
SHARDS = 64  # records.shard is 0..63, from the record id: a sample of the archive per shard

# Name fields: a record's people by role (signatory, addressee), and its entities by label.
NAME_FIELDS = {"PER": "person", "PERSON": "person", "LOC": "place", "GPE": "place", "ORG": "org"}
