"""Nothing of a file is lost to one of its documents: ids are unique by construction, and a document that
cannot be extracted or stored is kept with its text and pages, marked for review, beside the others."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from archivage.config import load_settings
from archivage.evaluate import pages_from_text
from archivage.intake import ingest_paths
from archivage.pipeline import records_from_pages
from archivage.store import Store

# A letter that ends in mid-page and a press release that begins under it: two documents, one page.
ONE_PAGE = """Mairie de Frotey-lès-Vesoul
Frotey-lès-Vesoul, le 3 mars 2023

Monsieur le Président,

Je vous informe que le conseil municipal a retenu le projet de salle polyvalente présenté en janvier.
Les travaux, estimés à 480 000 euros, commenceront au printemps et dureront huit mois environ.

Je vous prie d'agréer, Monsieur le Président, l'expression de mes salutations distinguées.

Le Maire,
Jean Girardot

COMMUNIQUÉ DE PRESSE

La commune de Frotey-lès-Vesoul annonce l'ouverture de la nouvelle salle polyvalente pour la
rentrée 2024. Cette salle accueillera les associations et les mariages. Le chantier a été confié à
une entreprise locale après un appel d'offres lancé le 12 février 2023."""

SECOND_PAGE = """ARRÊTÉ MUNICIPAL N° 2023-14

Le Maire de Frotey-lès-Vesoul,

Vu le code général des collectivités territoriales,

ARRÊTE :

Article 1 : la circulation est interdite rue des Écoles du 6 au 10 mars 2023.

Fait à Frotey-lès-Vesoul, le 4 mars 2023

Le Maire,
Jean Girardot"""


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, fresh_database, tmp_path):
    s = Store(fresh_database(request.param, tmp_path))
    s.migrate()  # the schema, before refuse() adds its trigger to records
    yield s
    s.close()


def dossier_records() -> list[dict]:
    pages = pages_from_text(ONE_PAGE + "\f" + SECOND_PAGE)
    return records_from_pages(pages, file="dossier-frotey.pdf", sha256="ab" * 32)


def save(store: Store, records: list[dict]) -> list[str]:
    return store.save_original(sha256="ab" * 32, file="dossier-frotey.pdf", stored_path="/archive/x.pdf",
                               size=1, pages=2, records=records)


def test_two_documents_beginning_on_one_page_get_distinct_ids_and_are_both_stored(store):
    records = dossier_records()
    assert [r["type"] for r in records] == ["lettre", "communique", "arrete"]
    assert [r["source"]["pages"] for r in records] == [[1], [1], [2]]
    ids = [r["id"] for r in records]
    assert ids == ["abababababababab-p1", "abababababababab-p1.2", "abababababababab-p2"]

    assert save(store, records) == []
    assert [r["id"] for r in store.records()] == ids
    assert store.get(ids[1])["text"].startswith("COMMUNIQUÉ DE PRESSE")
    # saving the file again (a re-run) gives the same ids and replaces, never duplicates
    assert save(store, dossier_records()) == []
    assert [r["id"] for r in store.records()] == ids


def refuse(store: Store, condition: str) -> None:
    """A real store failure: a trigger that makes the database refuse some inserts into records."""
    with store.engine.begin() as conn:
        if store.backend == "sqlite":
            conn.exec_driver_sql(f"CREATE TRIGGER refuse BEFORE INSERT ON records WHEN {condition} "
                                 "BEGIN SELECT RAISE(ABORT, 'disk quota exceeded'); END")
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF {condition} THEN RAISE EXCEPTION 'disk quota exceeded' USING ERRCODE = '23514'; END IF; "
                "RETURN NEW; END $$")
            conn.exec_driver_sql("CREATE TRIGGER refuse BEFORE INSERT ON records "
                                 "FOR EACH ROW EXECUTE FUNCTION refuse()")


def test_a_document_the_database_refuses_is_kept_as_text_beside_the_others(store):
    records = dossier_records()
    refuse(store, "NEW.type = 'communique'")

    problems = save(store, records)

    assert len(problems) == 1 and "pages 1" in problems[0] and "disk quota exceeded" in problems[0]
    stored = {r["id"]: r for r in store.records()}
    assert set(stored) == {r["id"] for r in records}
    assert stored[records[0]["id"]] == records[0] and stored[records[2]["id"]] == records[2]
    kept = stored[records[1]["id"]]
    assert kept["type"] == "autre" and kept["text"] == records[1]["text"]
    assert kept["source"] == records[1]["source"]
    assert kept["review"][0]["field"] == "record" and "disk quota exceeded" in kept["review"][0]["reason"]


def test_a_document_refused_twice_is_a_recorded_failure_and_the_others_stay(store):
    records = dossier_records()
    refuse(store, f"NEW.id = '{records[1]['id']}'")

    problems = save(store, records)

    assert len(problems) == 1 and "not stored" in problems[0]
    assert [r["id"] for r in store.records()] == [records[0]["id"], records[2]["id"]]
    [failure] = store.failures()
    assert failure["file"] == "dossier-frotey.pdf" and "disk quota exceeded" in failure["reason"]


def test_a_document_whose_extraction_fails_keeps_its_text(monkeypatch):
    from archivage import extract as extract_module  # the pipeline imports it lazily: patch it there

    original = extract_module.extract

    def flaky(doc):
        if doc.text.startswith("COMMUNIQUÉ"):
            raise ValueError("unexpected layout")
        return original(doc)

    monkeypatch.setattr(extract_module, "extract", flaky)
    records = dossier_records()

    assert [r["type"] for r in records] == ["lettre", "autre", "arrete"]
    assert records[1]["text"].startswith("COMMUNIQUÉ DE PRESSE")
    assert records[1]["review"] == [{"field": "record",
                                     "reason": "extraction failed (ValueError: unexpected layout)"}]
    assert records[0]["signatories"] and records[2]["date"] == "2023-03-04"


def test_intake_stores_a_file_whose_one_document_is_refused(tmp_path):
    """Through the intake, as an archivist runs it: the file is ingested and leaves nothing behind."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("serif", fname="/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.set_font("serif", size=10)
    for text in (ONE_PAGE, SECOND_PAGE):
        pdf.add_page()
        pdf.multi_cell(0, 5, text)
    path = tmp_path / "dossier.pdf"
    pdf.output(str(path))

    settings = load_settings(tmp_path / "home").ensure()
    store = Store(settings.database_url)
    store.migrate()  # as `archivage ingest` does at start
    try:
        refuse(store, "NEW.type = 'communique'")
        messages: list[str] = []
        [outcome] = ingest_paths([path], settings, store, progress=messages.append)
        assert outcome.status == "ingested" and outcome.records == 3
        assert any("refused" in m and "marked for review" in m for m in messages)
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM records")).scalar() == 3
        assert path.exists()  # the user's own file is left where it was
    finally:
        store.close()
