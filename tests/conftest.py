"""Shared fixtures. Helpers add theirs below; keep each built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SCAN = SAMPLES / "dossier-securite-18e-2019.pdf"
BORN_DIGITAL = SAMPLES / "dossier-securite-18e-2019-born-digital.pdf"

# Tesseract's OpenMP threads make it ~10x slower on 2 cores; the page stage sets this for its
# subprocesses, and tests that call tesseract directly inherit it from here.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a test that did not run: fail the run rather than pass it green."""
    if not os.environ.get("CI"):
        return
    stats = session.config.pluginmanager.get_plugin("terminalreporter").stats
    skipped, passed = len(stats.get("skipped", [])), len(stats.get("passed", []))
    if skipped or not passed:
        print(f"\nCI: {skipped} test(s) skipped, {passed} passed: every test must run in CI.")
        session.exitstatus = 1


# --- Store, search and export (records built by hand: these tests do not depend on extraction) ---

POSTGRES_ENV = "ARCHIVAGE_TEST_POSTGRES_URL"


def postgres_url() -> str:
    """The test PostgreSQL URL; in CI its absence is a failure, elsewhere a skip."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_ENV} is not set: in CI the PostgreSQL tests must run (see .ci/postgres.sh).")
    pytest.skip(f"{POSTGRES_ENV} is not set (run .ci/postgres.sh to get one)")


@pytest.fixture(scope="session")
def fresh_database():
    """``fresh_database(backend, folder)``: the URL of an empty database of that backend.

    SQLite: a new file in folder. PostgreSQL: a new schema in the test database (the URL sets
    its search_path), so tests never see each other's tables; the schemas go at session end.
    """
    import uuid

    import sqlalchemy as sa

    schemas: list[str] = []

    def make(backend: str, folder: Path) -> str:
        if backend == "sqlite":
            return f"sqlite:///{folder / 'archivage.db'}"
        url = sa.make_url(postgres_url())
        schema = f"test_{uuid.uuid4().hex[:12]}"
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        engine.dispose()
        schemas.append(schema)
        return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)

    yield make
    if schemas:
        engine = sa.create_engine(postgres_url())
        with engine.begin() as conn:
            for schema in schemas:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        engine.dispose()


def _record(sha: str, file: str, pages: list[int], type: str, title: str | None, date: str | None,
            text: str, *, signatories=(), addressees=(), dates=(), figures=(), entities=(), voeu=None) -> dict:
    """A record in the DESIGN.md schema; spans are found in the text so that start/end are true."""
    def span(s: str) -> dict:
        start = text.index(s)
        return {"page": pages[0], "start": start, "end": start + len(s)}

    return {
        "id": f"{sha[:16]}-p{pages[0]}",
        "source": {"file": file, "sha256": sha, "pages": pages},
        "type": type, "title": title, "date": date,
        "signatories": [{"name": n, "function": f, **span(n)} for n, f in signatories],
        "addressees": [{"name": n, "function": f, "address": a, **span(n)} for n, f, a in addressees],
        "dates": [{"value": v, "text": t, **span(t)} for v, t in dates],
        "figures": [{"value": v, "kind": k, "unit": u, "subject": s, "text": t, **span(t)}
                    for v, k, u, s, t in figures],
        "entities": [{"text": t, "label": lab, **span(t)} for t, lab in entities],
        "voeu": voeu,
        "sections": [],
        "text": text,
        "ocr": {"pages_ocr": len(pages), "pages_text_layer": 0, "mean_confidence": 91.5, "flagged_pages": []},
        "review": [],
        "corrections": [],
    }


@pytest.fixture(scope="session")
def save_by_file():
    """save_by_file(store, records, stored_path): store records grouped by their original, one save each."""
    def save(store, records: list[dict], stored_path: str) -> None:
        by_sha: dict[str, list[dict]] = {}
        for r in records:
            by_sha.setdefault(r["source"]["sha256"], []).append(r)
        for sha, recs in by_sha.items():
            store.save_original(sha256=sha, file=recs[0]["source"]["file"], stored_path=stored_path, size=1,
                                pages=max(n for r in recs for n in r["source"]["pages"]), records=recs)
    return save


@pytest.fixture(scope="session")
def council_records() -> list[dict]:
    """Six French council documents from three originals (a dossier, an arrêté, minutes)."""
    dossier, arrete, minutes = "a1" * 32, "b2" * 32, "c3" * 32
    return [
        _record(dossier, "dossier-securite-18e.pdf", [2, 3], "lettre",
                "Lettre d'Eric Lejoindre au ministre de l'Intérieur, Christophe Castaner", "2019-02-26",
                "Paris, le 26 février 2019\n\nMonsieur Christophe CASTANER\nMinistre de l'Intérieur\n"
                "Place Beauvau 75800 PARIS cedex 08\n\nMonsieur le Ministre,\n\nDepuis plusieurs mois, "
                "nous constatons une dégradation très rapide de la sécurité dans certains quartiers du 18e "
                "arrondissement. À la Porte de la Chapelle, deux agents de la propreté ont été agressés. "
                "Les effectifs sont passés de 800 policiers à bien moins aujourd'hui. Nous mettons en place "
                "un plan crack avec les services de l'État.\n\nJe vous prie de croire, Monsieur le "
                "Ministre, à l'assurance de mes sentiments respectueux.\n\nEric Lejoindre\nMaire du 18e",
                signatories=[("Eric Lejoindre", "Maire du 18e")],
                addressees=[("Christophe CASTANER", "Ministre de l'Intérieur",
                             "Place Beauvau 75800 PARIS cedex 08")],
                dates=[("2019-02-26", "26 février 2019")],
                figures=[(800, "count", None, "policiers", "800 policiers")],
                entities=[("Porte de la Chapelle", "LOC"), ("Christophe CASTANER", "PER")]),
        _record(dossier, "dossier-securite-18e.pdf", [4], "voeu",
                "Vœu relatif à la tranquillité publique dans le 18e", "2019-05-28",
                "VŒU VOTÉ À L'UNANIMITÉ AU CONSEIL D'ARRONDISSEMENT DU 28 MAI 2019\n\nConsidérant les "
                "fortes problématiques de sécurité et de tranquillité publique rencontrées par les "
                "habitants, notamment Porte de la Chapelle ;\nConsidérant que 30 % des appels concernent "
                "des nuisances nocturnes ;\n\nLe Conseil du 18e arrondissement émet le vœu que le Préfet "
                "de Police renforce les patrouilles.",
                dates=[("2019-05-28", "28 MAI 2019")],
                figures=[(30, "percent", "%", "appels", "30 %")],
                entities=[("Porte de la Chapelle", "LOC"), ("Préfet de Police", "ORG")],
                voeu={"considerants": ["les fortes problématiques de sécurité", "30 % des appels"],
                      "demandes": ["que le Préfet de Police renforce les patrouilles"],
                      "vote": "unanimité"}),
        _record(dossier, "dossier-securite-18e.pdf", [5], "lettre",
                "Lettre de Colombe Brossel à Christophe Castaner", "2019-06-19",
                "Paris, le 19 juin 2019\n\nMonsieur Christophe Castaner\nMinistre de l'Intérieur\n\nMonsieur le Ministre,\n\nJe me permets d'appeler votre attention "
                "sur les effectifs du commissariat du 18e : ils ne comptent plus que 480 agents. Chaque "
                "policier y assure des missions croissantes, alors que les manifestations du samedi "
                "mobilisent les équipes.\n\nColombe Brossel\nAdjointe à la Maire de Paris",
                signatories=[("Colombe Brossel", "Adjointe à la Maire de Paris")],
                addressees=[("Christophe Castaner", "Ministre de l'Intérieur", None)],
                dates=[("2019-06-19", "19 juin 2019")],
                figures=[(480, "count", None, "agents du commissariat", "480 agents")],
                entities=[("Colombe Brossel", "PER")]),
        _record(dossier, "dossier-securite-18e.pdf", [6], "communique",
                "Plan crack : 9 millions d'euros sur trois ans", "2019-06",
                "COMMUNIQUÉ DE PRESSE\n\nPlan crack : la Ville de Paris, la Préfecture de police et l'ARS "
                "s'engagent. Le plan mobilise 9 millions d'euros sur 3 ans pour l'accompagnement des "
                "usagers de crack et la réduction des risques. « Nous agissons ensemble », déclare "
                "Anne Hidalgo.",
                figures=[(9_000_000, "money", "EUR", "plan crack", "9 millions d'euros"),
                         (3, "duration", "year", "plan crack", "3 ans")],
                entities=[("Ville de Paris", "ORG"), ("Préfecture de police", "ORG"), ("ARS", "ORG"),
                          ("Anne Hidalgo", "PER")]),
        _record(arrete, "arrete-2020-0147.pdf", [1, 2], "arrete",
                "Arrêté portant réglementation de la circulation rue Myrha", "2020-07-03",
                "ARRÊTÉ N° 2020 P 0147\n\nLa Maire de Paris,\nVu le code général des collectivités "
                "territoriales ;\nVu le code de la route ;\n\nArrête :\n\nArticle 1 : la circulation est "
                "interdite rue Myrha pendant 2 mois. Tout contrevenant encourt une amende de 135 euros.\n\n"
                "Fait à Paris, le 3 juillet 2020\n\nAnne Hidalgo",
                signatories=[("Anne Hidalgo", "Maire de Paris")],
                dates=[("2020-07-03", "3 juillet 2020")],
                figures=[(2, "duration", "month", "interdiction de circuler", "2 mois"),
                         (135, "money", "EUR", "amende", "135 euros")],
                entities=[("rue Myrha", "LOC")]),
        _record(minutes, "cq-goutte-dor-2019.pdf", [1], "compte_rendu",
                "Compte rendu du conseil de quartier Goutte d'Or", "2019",
                "Conseil de quartier Goutte d'Or – Château Rouge\n\nLes habitants signalent des "
                "rassemblements nocturnes square Léon. La présence policière reste insuffisante le week-end. "
                "Une marche exploratoire réunira 25 habitants.",
                figures=[(25, "count", None, "habitants", "25 habitants")],
                entities=[("square Léon", "LOC"), ("Goutte d'Or", "LOC")]),
    ]


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect server and database for the tests that run flows (~10 s, once)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def flow_run(prefect_harness, tmp_path_factory):
    """One real flow run over an inbox holding the seed scan and a text file named like a PDF.

    The seed scan is OCRed by tesseract here, once per session; the flow, CLI and extraction
    tests all read this archive.
    """
    import shutil

    from archivage.config import load_settings
    from archivage.store import Store
    from flows.ingest import ingest

    home = tmp_path_factory.mktemp("flow-home")
    settings = load_settings(home).ensure()
    shutil.copyfile(SCAN, settings.inbox / SCAN.name)
    (settings.inbox / "ordre-du-jour.pdf").write_text("Ordre du jour : budget, voirie.\n", encoding="utf-8")
    summary = ingest(home=str(home))
    return settings, Store(settings.database_url), summary
