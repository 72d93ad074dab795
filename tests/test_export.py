"""Exports give back exactly what was stored: JSON Lines in the schema, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json

import pytest

from archivage.export import CSV_COLUMNS, write_csv, write_jsonl
from archivage.records import RECORD_KEYS
from archivage.store import Store


@pytest.fixture(scope="session")
def stored(council_records, tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('export') / 'archivage.db'}")
    for sha in dict.fromkeys(r["source"]["sha256"] for r in council_records):
        recs = [r for r in council_records if r["source"]["sha256"] == sha]
        store.save_original(sha256=sha, file=recs[0]["source"]["file"], stored_path="/archive/x.pdf",
                            size=1, pages=6, records=recs)
    yield store
    store.close()


def test_jsonl_round_trips_the_records(stored, council_records):
    out = io.StringIO()
    assert write_jsonl(stored.records(), out) == len(council_records)
    lines = out.getvalue().splitlines()
    back = [json.loads(line) for line in lines]
    by_file_page = sorted(council_records, key=lambda r: (r["source"]["file"], r["source"]["pages"][0]))
    assert back == by_file_page
    assert all(list(record) == RECORD_KEYS for record in back)
    assert "Vœu relatif" in out.getvalue()  # readable accents, not \u0153 escapes


def test_csv_has_a_header_and_one_flat_row_per_record(stored, council_records):
    out = io.StringIO()
    assert write_csv(stored.records(), out) == len(council_records)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == len(council_records)
    by_type = {row["type"]: row for row in rows if row["type"] != "lettre"}
    letters = [row for row in rows if row["type"] == "lettre"]

    assert letters[0]["signatories"] == "Eric Lejoindre (Maire du 18e)"
    assert letters[0]["addressees"] == "Christophe CASTANER (Ministre de l'Intérieur)"
    assert letters[0]["pages"] == "2-3" and letters[0]["dates"] == "2019-02-26"
    assert by_type["communique"]["figures"] == "9000000 money EUR [plan crack] ; 3 duration year [plan crack]"
    assert by_type["communique"]["organisations"] == "Ville de Paris ; Préfecture de police ; ARS"
    assert by_type["communique"]["people"] == "Anne Hidalgo" and by_type["communique"]["date"] == "2019-06"
    assert by_type["voeu"]["vote"] == "unanimité" and by_type["voeu"]["n_figures"] == "1"
    assert by_type["compte_rendu"]["places"] == "square Léon ; Goutte d'Or"
    excerpt = by_type["arrete"]["excerpt"]
    assert "\n" not in excerpt and excerpt.startswith("ARRÊTÉ N° 2020 P 0147 La Maire de Paris")


def test_exports_take_the_search_filters_or_ids(stored, council_records):
    from archivage.errors import ArchivageError
    from archivage.export import selected_records

    letters = [r["id"] for r in selected_records(stored, filters={"type": "lettre"})]
    assert sorted(letters) == sorted(r["id"] for r in council_records if r["type"] == "lettre")
    assert [r["id"] for r in selected_records(stored, query="crack", filters={"date_from": "2019-06"})] == \
        [next(r["id"] for r in council_records if r["type"] == "communique")]
    arrete = next(r for r in council_records if r["type"] == "arrete")
    dossier_sha = council_records[0]["source"]["sha256"]
    chosen = [r["id"] for r in selected_records(stored, ids=[arrete["id"], dossier_sha])]
    assert chosen == [arrete["id"], *(r["id"] for r in council_records if r["source"]["sha256"] == dossier_sha)]
    with pytest.raises(ArchivageError, match="No record has the id 'nope'"):
        list(selected_records(stored, ids=["nope"]))
    with pytest.raises(ArchivageError, match="not both"):
        list(selected_records(stored, ids=[arrete["id"]], filters={"type": "lettre"}))
