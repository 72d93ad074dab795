"""People's corrections: a corrected value is found by search, kept in a history, exported as checked by a person,
and never overwritten when the pipeline stores the file again."""

from __future__ import annotations

import copy
import io
import json

import pytest

from archivage.corrections import CorrectionError
from archivage.export import write_jsonl
from archivage.search import search
from archivage.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, fresh_database, tmp_path):
    s = Store(fresh_database(request.param, tmp_path))
    s.migrate()
    yield s
    s.close()


def dossier(council_records) -> list[dict]:
    records = copy.deepcopy([r for r in council_records if r["source"]["file"] == "dossier-securite-18e.pdf"])
    records[0]["review"] = [{"field": "date", "reason": "the date line gives 2019-02-26, the title 2019-02-25"},
                            {"field": "text", "reason": "low OCR confidence on page 2"}]
    return records


def save(store: Store, records: list[dict]) -> None:
    source = records[0]["source"]
    store.save_original(sha256=source["sha256"], file=source["file"], stored_path="/archive/x.pdf", size=1,
                        pages=6, records=records)


def test_a_corrected_date_is_found_by_search_kept_in_history_and_clears_its_doubt(store, council_records):
    records = dossier(council_records)
    save(store, records)
    letter = records[0]["id"]
    assert {h.id for h in search(store, date_from="2019-02", date_to="2019-02")} == {letter}

    fixed = store.correct(letter, "date", "2019-03-04", by="marie")

    assert fixed["date"] == "2019-03-04" and store.get(letter)["date"] == "2019-03-04"
    assert [r["field"] for r in store.get(letter)["review"]] == ["text"]  # the date's doubt is settled
    assert search(store, date_from="2019-02", date_to="2019-02") == []
    assert [h.id for h in search(store, "castaner", date_from="2019-03-04", date_to="2019-03-04")] == [letter]
    [entry] = store.corrections(letter)
    assert (entry["field"], entry["before"], entry["after"], entry["by"]) == ("date", "2019-02-26", "2019-03-04", "marie")
    assert store.get(letter)["corrections"] == [entry]


def test_corrected_people_are_searched_by_their_new_names(store, council_records):
    records = dossier(council_records)
    save(store, records)
    letter = records[0]["id"]
    store.correct(letter, "signatories", [{"name": "Éric Lejoindre", "function": "Maire du 18e arrondissement"}],
                  by="marie")
    assert [h.id for h in search(store, signatory="lejoindre")] == [letter]
    store.correct(letter, "signatories", [{"name": "Colombe Brossel", "function": "Adjointe à la Maire"}], by="marie")
    assert letter not in {h.id for h in search(store, signatory="lejoindre")}
    assert letter in {h.id for h in search(store, signatory="brossel")}
    assert len(store.corrections(letter)) == 2


def test_a_human_value_survives_the_file_being_stored_again(store, council_records):
    records = dossier(council_records)
    save(store, records)
    letter = records[0]["id"]
    store.correct(letter, "type", "note", by="marie")
    store.correct(letter, "review", "text", by="paul")  # the OCR doubt checked and found right

    save(store, dossier(council_records))  # the pipeline extracts the file again (a new version, say)

    again = store.get(letter)
    assert again["type"] == "note" and again["review"] == [records[0]["review"][0]]
    assert [c["field"] for c in again["corrections"]] == ["type", "review"]
    assert [h.id for h in search(store, type="note")] == [letter]
    out = io.StringIO()
    write_jsonl(store.records(), out)
    exported = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert exported[letter]["corrections"][0]["by"] == "marie"  # exports say a person checked it


@pytest.mark.parametrize("field, value, message", [
    ("type", "letter", "The type must be one of"),
    ("date", "26/02/2019", "A date is written 2019, 2019-03 or 2019-03-15"),
    ("date", "2019-02-30", "A date is written"),
    ("figures", [{"value": "beaucoup", "kind": "count"}], "The value of a figure is a number"),
    ("signatories", [{"function": "Maire"}], "has a name"),
    ("text", "autre chose", "cannot be corrected"),
    ("review", "title", "nothing to check on its title"),
])
def test_a_bad_correction_is_one_sentence_and_changes_nothing(store, council_records, field, value, message):
    records = dossier(council_records)
    save(store, records)
    letter = records[0]["id"]
    with pytest.raises(CorrectionError, match=message):
        store.correct(letter, field, value, by="marie")
    assert store.get(letter) == records[0] and store.corrections(letter) == []


def test_an_unknown_record_is_one_sentence(store, council_records):
    save(store, dossier(council_records))
    with pytest.raises(CorrectionError, match="No record has the id 'nope-p1'"):
        store.correct("nope-p1", "date", "2019", by="marie")
