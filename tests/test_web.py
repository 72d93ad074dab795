"""The web interface and its API through the ASGI test client, over real archives (SQLite).

One archive is the born-digital sample ingested by the real pipeline (page images, word boxes);
the other is hand-made council records plus a hostile one, with accounts.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from archivage import accounts
from archivage.config import load_settings
from archivage.store import Store
from archivage.web import create_app

ROOT = Path(__file__).resolve().parent.parent
BORN_DIGITAL = ROOT / "samples" / "dossier-securite-18e-2019-born-digital.pdf"
PASSWORD = "correct horse battery"
HOSTILE = "<script>document.title='pwned'</script>"


@pytest.fixture(scope="module")
def sample_home(tmp_path_factory):
    """The born-digital dossier ingested by the real pipeline (no Prefect), no account: local use."""
    from archivage.intake import ingest_paths

    settings = load_settings(tmp_path_factory.mktemp("web-sample")).ensure()
    with Store(settings.database_url) as store:
        store.migrate()
        outcomes = ingest_paths([BORN_DIGITAL], settings, store)
    assert outcomes[0].status == "ingested"
    return settings


@pytest.fixture(scope="module")
def local(sample_home):
    return TestClient(create_app(sample_home))


@pytest.fixture(scope="module")
def council(tmp_path_factory, council_records):
    """Hand-made records (one hostile, one with a doubt) and three accounts."""
    settings = load_settings(tmp_path_factory.mktemp("web-council")).ensure()
    store = Store(settings.database_url)
    store.migrate()
    records = copy.deepcopy(council_records)
    records[0]["review"] = [{"field": "date", "reason": "stamp read as 2019-02-26 and 2019-02-20"}]
    hostile = copy.deepcopy(records[5])
    hostile.update(id="d4" * 8 + "-p1", title=f"Compte rendu {HOSTILE}", text=hostile["text"] + "\n" + HOSTILE,
                   source={"file": '<img src=x onerror=alert(1)>.pdf', "sha256": "d4" * 32, "pages": [1]})
    by_sha: dict[str, list] = {}
    for r in [*records, hostile]:
        by_sha.setdefault(r["source"]["sha256"], []).append(r)
    for sha, recs in by_sha.items():
        store.save_original(sha256=sha, file=recs[0]["source"]["file"], stored_path=f"/nonexistent/{sha}",
                            size=1, pages=6, records=recs)
    accounts.add_user(store, "claire", "archiviste", PASSWORD)
    accounts.add_user(store, "louis", "lecteur", PASSWORD)
    accounts.add_user(store, "ada", "admin", PASSWORD)
    return settings, store, records


def client_for(council, name: str | None = None) -> TestClient:
    settings, store, _ = council
    client = TestClient(create_app(settings, store=store), follow_redirects=False)
    if name:
        r = sign_in(client, name)
        assert r.status_code == 303, r.text
    return client


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD):
    page = client.get("/connexion")
    return client.post("/connexion", data={"nom": name, "mot_de_passe": password, "csrf": csrf_of(page.text),
                                           "suite": "/recherche"})


# -- search ------------------------------------------------------------------------------------

def test_search_page_marks_the_matched_words_and_counts_by_facet(local):
    page = local.get("/recherche", params={"q": "securite"})
    assert page.status_code == 200 and 'lang="fr"' in page.text
    marks = re.findall(r"<mark>([^<]*)</mark>", page.text)
    assert marks and all(m.lower() == "sécurité" for m in marks)  # typed without accents, found with them
    total = int(re.search(r"(\d+) documents?", page.text).group(1))
    facet = re.search(r'<a href="(/recherche\?q=securite&amp;type=lettre)"[^>]*>Lettre</a> <span class="count">(\d+)',
                      page.text)
    assert facet, "a facet link narrowing to letters, with its count"
    narrowed = local.get(facet.group(1).replace("&amp;", "&"))
    kinds = re.findall(r'<span class="type">([^<]+)</span>', narrowed.text)
    assert kinds and set(kinds) == {"Lettre"} and len(kinds) == int(facet.group(2)) <= total
    assert "Type : lettre" in narrowed.text  # the filter shows, with a link to remove it


def test_the_url_holds_the_state_sort_and_pages(local):
    newest = local.get("/recherche", params={"tri": "recent"}).text
    dates = re.findall(r'<div class="meta"><span class="type">[^<]+</span> · ([^·]+) ·', newest)
    assert len(dates) >= 3
    oldest = local.get("/recherche", params={"tri": "ancien"}).text
    assert re.findall(r'<div class="meta"><span class="type">[^<]+</span> · ([^·]+) ·', oldest)[0] != dates[0]
    assert "février 2019" in newest + oldest  # dates written in French
    ranged = local.get("/recherche", params={"du": "2019-06", "au": "2019-06"}).text
    for d in re.findall(r'<div class="meta"><span class="type">[^<]+</span> · ([^·]+) ·', ranged):
        assert "juin 2019" in d


def test_a_malformed_query_gets_one_sentence(local):
    page = local.get("/recherche", params={"q": "OR"})
    assert page.status_code == 200 and "OU se place entre deux mots" in page.text
    assert "La date de début 2020 est après la date de fin 2019." in local.get("/recherche?du=2020&au=2019").text
    assert "pas « hier »" in local.get("/recherche?du=hier").text
    for url in ("/a-verifier?page=abc", "/document/x?page=%00", "/image/abc/x/1000.png"):
        r = local.get(url)
        assert r.status_code in (400, 404) and "<html" in r.text and 'role="alert"' in r.text


# -- record page ---------------------------------------------------------------------------------

def first_record(client, q="Castaner") -> str:
    page = client.get("/recherche", params={"q": q}).text
    return re.search(r'href="/document/([^"]+)"', page).group(1)


def test_record_page_outlines_a_chosen_value_on_its_page_image(local):
    rid = first_record(local)
    page = local.get(f"/document/{rid}").text
    keys = re.findall(r'href="\?valeur=([^"#]+)', page)
    assert any(k.startswith("signatories.") for k in keys) and any(k.startswith("dates.") for k in keys)
    outlined = 0
    for key in keys:
        shown = local.get(f"/document/{rid}", params={"valeur": key}).text
        boxes = re.findall(r'class="box" style="left:([\d.]+)%;top:([\d.]+)%;width:([\d.]+)%;height:([\d.]+)%', shown)
        if boxes:
            outlined += 1
            assert all(0 <= float(x) <= 100 for box in boxes for x in box)
    assert outlined >= len(keys) * 0.8, f"only {outlined} of {len(keys)} values found on their page"
    img = re.search(r'<img src="(/image/[0-9a-f]{64}/\d+/1000\.png)"', page).group(1)
    r = local.get(img)
    assert r.status_code == 200 and r.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert local.get(img).content == r.content  # served from the cache the second time


def test_downloads_serve_only_the_archive_files(local, sample_home):
    rid = first_record(local)
    r = local.get(f"/document/{rid}/original")
    assert r.status_code == 200 and r.content == BORN_DIGITAL.read_bytes()
    assert "attachment" in r.headers["content-disposition"]
    sha = re.search(r"/image/([0-9a-f]{64})/", local.get(f"/document/{rid}").text).group(1)
    for bad in ("/image/../../etc/passwd", f"/image/{sha}/999/1000.png", f"/image/{sha}/1/123.png",
                "/image/" + "0" * 64 + "/1/200.png", "/document/..%2F..%2Fetc%2Fpasswd/original",
                "/document/nope/pdf"):
        assert local.get(bad).status_code == 404, bad
    text = local.get(f"/document/{rid}/texte")
    assert text.status_code == 200 and "Castaner".lower() in text.text.lower()


def test_record_page_lists_the_other_documents_of_its_file(local):
    rid = first_record(local)
    page = local.get(f"/document/{rid}").text
    section = page.split('id="sib"')[1].split("</section>")[0]
    assert len(re.findall(r"<li>", section)) == 5  # the dossier's five documents


# -- accounts, CSRF, roles ------------------------------------------------------------------------

def test_accounts_are_argon2_and_sessions_httponly_samesite(council):
    settings, store, _ = council
    [(stored,)] = store._rows("SELECT password_hash FROM users WHERE name = 'claire'")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    client = client_for(council)
    assert client.get("/recherche").headers["location"].startswith("/connexion")  # accounts exist: sign in first
    r = sign_in(client, "claire")
    cookie = r.headers["set-cookie"]
    assert "archivage_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    [(token_hash,)] = store._rows("SELECT token_hash FROM sessions WHERE username = 'claire' LIMIT 1")
    assert token_hash not in cookie  # the database keeps a hash, not the secret
    assert client.get("/recherche").status_code == 200


def test_login_attempts_are_limited(council):
    client = client_for(council)
    codes = [sign_in(client, "ada", "wrong password").status_code for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    assert sign_in(client, "ada").status_code == 429  # even the right password waits
    assert "Trop de tentatives" in sign_in(client, "ada").text


def test_forms_need_their_csrf_token(council):
    client = client_for(council, "claire")
    rid = council[2][1]["id"]
    for token in (None, "forged"):
        data = {"champ": "date", "valeur": "2019-05-29"} | ({"csrf": token} if token else {})
        r = client.post(f"/document/{rid}/corriger", data=data)
        assert r.status_code == 403
    assert council[1].get(rid)["date"] == "2019-05-28"  # nothing changed


def test_a_lecteur_cannot_correct(council):
    client = client_for(council, "louis")
    rid = council[2][2]["id"]
    page = client.get(f"/document/{rid}").text
    assert "Corriger la date" not in page
    r = client.post(f"/document/{rid}/corriger", data={"champ": "date", "valeur": "2019-06-20", "csrf": csrf_of(page)})
    assert r.status_code == 403 and "lecteur" in r.text
    assert council[1].get(rid)["date"] == "2019-06-19"


def test_correcting_the_date_keeps_the_history_and_the_search_follows(council):
    client = client_for(council, "claire")
    rid = council[2][4]["id"]  # the arrêté of 2020-07-03
    page = client.get(f"/document/{rid}").text
    r = client.post(f"/document/{rid}/corriger", data={"champ": "date", "valeur": "2020-07-04", "csrf": csrf_of(page)})
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    history = page.split('id="hist"')[1].split("</table>")[0]
    assert "claire" in history and "3 juillet 2020" in history and "4 juillet 2020" in history
    found = client.get("/recherche", params={"du": "2020-07-04", "au": "2020-07-04"}).text
    assert f"/document/{rid}" in found
    bad = client.post(f"/document/{rid}/corriger", data={"champ": "date", "valeur": "2020-13-45", "csrf": csrf_of(page)})
    assert "Date non corrigé : Une date" in client.get(bad.headers["location"]).text
    forged = client.get(f"/document/{rid}", params={"erreur": "Votre compte est bloqué : appelez le 0800…"}).text
    assert "Votre compte est bloqué" not in forged  # a message in a link made elsewhere is not shown
    assert council[1].get(rid)["date"] == "2020-07-04"


def test_the_review_queue_and_validating_a_field(council):
    client = client_for(council, "claire")
    queue = client.get("/a-verifier").text
    rid = council[2][0]["id"]
    assert f"/document/{rid}" in queue and "le tampon dateur se lit 26 février 2019 et 20 février 2019" in queue
    r = client.post(f"/document/{rid}/valider", data={"champ": "date", "retour": "file", "csrf": csrf_of(queue)})
    assert r.status_code == 303
    assert f"/document/{rid}" not in client.get("/a-verifier").text
    assert council[1].get(rid)["review"] == []


def test_hostile_text_and_queries_show_as_text(council):
    client = client_for(council, "louis")
    hostile_id = "d4" * 8 + "-p1"
    for html in (client.get(f"/document/{hostile_id}").text,
                 client.get("/recherche", params={"q": "pwned " + HOSTILE}).text,
                 client.get("/recherche", params={"q": "rassemblements"}).text):
        assert "<script>" not in html and "<img src=x" not in html
    page = client.get(f"/document/{hostile_id}").text
    assert "&lt;script&gt;document.title=" in page and "&lt;img src=x onerror=alert(1)&gt;.pdf" in page
    assert "script-src 'self'" in client.get("/recherche").headers["content-security-policy"]
    r = client.get("/connexion", params={"suite": "//evil.example/x"})
    assert 'value="/recherche"' in r.text  # no redirection off the site after signing in


# -- API -------------------------------------------------------------------------------------------

def test_api_with_tokens(council):
    settings, store, records = council
    client = TestClient(create_app(settings, store=store))
    assert client.get("/api/search").status_code == 401
    reader = {"Authorization": f"Bearer {accounts.new_token(store, 'louis')}"}
    writer = {"Authorization": f"Bearer {accounts.new_token(store, 'claire', 'script')}"}
    found = client.get("/api/search", params={"q": "castaner", "type": "lettre", "facets": "true"}, headers=reader).json()
    assert found["total"] == 2 and {h["type"] for h in found["hits"]} == {"lettre"} and found["facets"]["type"]
    assert client.get("/api/search", params={"from": "2020", "to": "2020"}, headers=reader).json()["total"] == 1
    assert client.get("/api/search", params={"q": "OR"}, headers=reader).status_code == 400
    rid = records[3]["id"]
    assert client.get(f"/api/records/{rid}", headers=reader).json()["type"] == "communique"
    assert client.patch(f"/api/records/{rid}", json={"date": "2019-06-12"}, headers=reader).status_code == 403
    r = client.patch(f"/api/records/{rid}", json={"date": "2019-06-12"}, headers=writer)
    assert r.status_code == 200 and r.json()["date"] == "2019-06-12"
    bad = client.patch(f"/api/records/{rid}", json={"type": "poème"}, headers=writer)
    assert bad.status_code == 400 and "type must be one of" in bad.json()["detail"]
    history = client.get(f"/api/records/{rid}/history", headers=reader).json()
    assert history[-1]["after"] == "2019-06-12" and history[-1]["by"] == "claire"
    assert client.get("/api/records/nope", headers=reader).status_code == 404
    assert client.get("/api/status", headers=reader).json()["archive"]["records"] == 7
    files = client.get("/api/files", headers=reader).json()
    assert len(files["done"]) == 4
    assert client.get("/api/search", headers={"Authorization": "Bearer arch_forged"}).status_code == 401
    pdf = BORN_DIGITAL.read_bytes()
    upload = [("files", ("lettre.pdf", pdf, "application/pdf")), ("files", ("note.pdf", b"not a pdf", "application/pdf"))]
    assert client.post("/api/upload", files=upload, headers=reader).status_code == 403
    r = client.post("/api/upload", files=upload, headers=writer)
    assert [x["status"] for x in r.json()] == ["waiting", "failed"]
    assert (settings.inbox / "lettre.pdf").read_bytes() == pdf and (settings.failed / "note.pdf.error.txt").exists()
    status = client.get("/api/status", headers=reader).json()
    assert status["waiting"] == 1 and status["failed"][0]["name"] == "note.pdf"
    spec = client.get("/api/openapi.json").json()
    assert {"/api/search", "/api/records/{record_id}", "/api/files", "/api/status", "/api/upload"} <= set(spec["paths"])
    assert not any(p.startswith("/recherche") for p in spec["paths"])


# -- upload and status -------------------------------------------------------------------------------

def test_upload_into_the_inbox(local, sample_home, monkeypatch):
    from archivage.web import files

    page = local.get("/depot").text
    token = csrf_of(page)
    pdf = BORN_DIGITAL.read_bytes()
    r = local.post("/depot", data={"csrf": token}, files=[
        ("fichiers", ("../../dossier copie.pdf", pdf, "application/pdf")),
        ("fichiers", ("notes.pdf", b"just some text, no PDF", "application/pdf"))])
    assert r.status_code == 200
    inbox = sample_home.inbox
    assert (inbox / "dossier copie.pdf").read_bytes() == pdf  # the path part of the name is dropped
    assert not (inbox.parent / "dossier copie.pdf").exists()
    assert (sample_home.failed / "notes.pdf.error.txt").exists() and "_failed" in r.text
    monkeypatch.setattr(files, "MAX_UPLOAD", 1000)
    r = local.post("/depot", data={"csrf": token}, files=[("fichiers", ("big.pdf", pdf, "application/pdf"))])
    assert "dépasse la taille permise" in r.text and not (inbox / "big.pdf").exists()
    assert local.post("/depot", files=[("fichiers", ("x.pdf", pdf, "application/pdf"))]).status_code == 403
    status = local.get("/suivi").text
    assert "dossier copie.pdf" in status and "notes.pdf" in status and "Réessayer" in status
    r = local.post("/suivi/reessayer", data={"csrf": token, "nom": "../archivage.db"}, follow_redirects=False)
    assert r.status_code == 404
    (inbox / "dossier copie.pdf").unlink()


# -- the command line ---------------------------------------------------------------------------------

def test_serve_refuses_a_network_address_without_accounts(tmp_path, capsys):
    from archivage.cli import main

    assert main(["--home", str(tmp_path), "serve", "--host", "0.0.0.0", "--port", "8765"]) == 1
    assert "no account exists" in capsys.readouterr().err


def test_user_add_and_token(tmp_path, capsys, monkeypatch):
    from archivage.cli import main

    monkeypatch.setenv("ARCHIVAGE_PASSWORD", "short")
    assert main(["--home", str(tmp_path), "user", "add", "marie", "--role", "archiviste"]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    monkeypatch.setenv("ARCHIVAGE_PASSWORD", PASSWORD)
    assert main(["--home", str(tmp_path), "user", "add", "marie", "--role", "archiviste"]) == 0
    assert main(["--home", str(tmp_path), "user", "token", "marie"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    with Store(load_settings(tmp_path).database_url) as store:
        assert accounts.token_user(store, token) == {"name": "marie", "role": "archiviste"}
        assert accounts.authenticate(store, "marie", PASSWORD) == "archiviste"
        assert accounts.authenticate(store, "marie", "wrong one!") is None



def test_the_same_pages_and_api_on_postgresql(tmp_path, fresh_database, council_records):
    settings = load_settings(tmp_path, database_url=fresh_database("postgresql", tmp_path)).ensure()
    store = Store(settings.database_url)
    store.migrate()
    by_sha: dict[str, list] = {}
    for r in council_records:
        by_sha.setdefault(r["source"]["sha256"], []).append(r)
    for sha, recs in by_sha.items():
        store.save_original(sha256=sha, file=recs[0]["source"]["file"], stored_path=f"/nonexistent/{sha}",
                            size=1, pages=6, records=recs)
    accounts.add_user(store, "claire", "archiviste", PASSWORD)
    client = TestClient(create_app(settings, store=store), follow_redirects=False)
    assert sign_in(client, "claire").status_code == 303
    page = client.get("/recherche", params={"q": "securite"}).text
    assert "<mark>sécurité</mark>" in page and 'class="count">' in page
    rid = council_records[4]["id"]
    record = client.get(f"/document/{rid}").text
    r = client.post(f"/document/{rid}/corriger", data={"champ": "date", "valeur": "2020-07-04", "csrf": csrf_of(record)})
    assert r.status_code == 303 and "4 juillet 2020" in client.get(f"/document/{rid}").text
    token = accounts.new_token(store, "claire")
    found = client.get("/api/search", params={"from": "2020-07-04", "to": "2020-07-04"},
                       headers={"Authorization": f"Bearer {token}"}).json()
    assert [h["id"] for h in found["hits"]] == [rid]
    store.close()


def test_fixing_the_cut_of_a_file_splits_and_joins_and_survives_a_new_run(local, sample_home):
    from archivage.pipeline import records_from_pages
    from archivage.recut import file_pages

    store = local.app.state.store
    sha = re.search(r"/fichier/([0-9a-f]{64})", local.get(f"/document/{first_record(local)}").text).group(1)
    page = local.get(f"/fichier/{sha}").text
    groups = lambda: [r["source"]["pages"] for r in store.records()]  # noqa: E731
    before = groups()
    assert len(before) == 5 and "Joindre ce document au précédent" in page
    voeu = next(p for p in before if len(p) == 3)  # the vœu, three pages
    r = local.post(f"/fichier/{sha}/couper", data={"csrf": csrf_of(page), "page": str(voeu[1])},
                   follow_redirects=False)
    assert r.status_code == 303 and "6+documents" in r.headers["location"]
    after = groups()
    assert [voeu[0]] in after and voeu[1:] in after and len(after) == 6
    new = next(x for x in store.records() if x["source"]["pages"] == voeu[1:])
    assert new["id"].endswith(f"-p{voeu[1]}") and new["text"]
    unchanged = [x for x in before if x != voeu]
    assert all(x in after for x in unchanged)
    # the pipeline replays the person's cut when it makes the file's records again
    again = records_from_pages(file_pages(sample_home, store, sha), file="x.pdf", sha256=sha, cut=store.cut(sha))
    assert [x["source"]["pages"] for x in again] == after
    # a split that changes nothing says so; joining back restores the automatic cut
    r = local.post(f"/fichier/{sha}/couper", data={"csrf": csrf_of(page), "page": str(voeu[0])}, follow_redirects=False)
    assert "ne modifie pas le découpage" in local.get(r.headers["location"]).text
    local.post(f"/fichier/{sha}/joindre", data={"csrf": csrf_of(page), "cle": f"{voeu[1]}-1"})
    assert groups() == before and store.cut(sha) == {"splits": [], "joins": []}
    second = before[1]
    first_id = next(x["id"] for x in store.records() if x["source"]["pages"] == before[0])
    first_text = store.get(first_id)["text"]
    store.correct(first_id, "title", "Note du conseil de quartier", by="claire")
    local.post(f"/fichier/{sha}/joindre", data={"csrf": csrf_of(page), "cle": f"{second[0]}-1"})
    joined = groups()
    assert joined[0] == before[0] + second and len(joined) == 4
    merged = next(x for x in store.records() if x["source"]["pages"] == joined[0])
    assert merged["text"].startswith(first_text) and len(merged["text"]) > len(first_text) + 100
    assert merged["id"] == first_id and merged["title"] == "Note du conseil de quartier"  # a person's value stays
    local.post(f"/fichier/{sha}/couper", data={"csrf": csrf_of(page), "page": str(second[0])})
    assert groups() == before and store.get(first_id)["title"] == "Note du conseil de quartier"


def test_an_admin_manages_accounts_and_anyone_signed_in_gets_a_token(council):
    settings, store, _ = council
    claire = client_for(council, "claire")
    assert claire.get("/comptes").status_code == 403
    ada = client_for(council, "ada")
    page = ada.get("/comptes").text
    assert "louis" in page and "lecteur" in page
    r = ada.post("/comptes", data={"nom": "paul", "role": "lecteur", "mot_de_passe": "court", "csrf": csrf_of(page)})
    assert r.status_code == 400 and accounts.role_of(store, "paul") is None
    r = ada.post("/comptes", data={"nom": "paul", "role": "archiviste", "mot_de_passe": PASSWORD, "csrf": csrf_of(page)})
    assert r.status_code == 200 and accounts.role_of(store, "paul") == "archiviste"
    page = claire.get("/recherche").text
    token = re.search(r'<code class="token">([^<]+)</code>', claire.post("/jeton", data={"csrf": csrf_of(page)}).text).group(1)
    assert accounts.token_user(store, token) == {"name": "claire", "role": "archiviste"}


def test_values_are_outlined_on_scanned_pages_from_the_ocr_word_boxes(flow_run):
    """The seed scan, OCRed by tesseract in the real flow: each value's words are found among its page's boxes."""
    settings, store, _ = flow_run
    client = TestClient(create_app(settings, store=store))
    record = next(r for r in store.records() if r["type"] == "lettre" and r["addressees"])
    assert record["ocr"]["pages_ocr"] > 0
    page = client.get(f"/document/{record['id']}").text
    keys = re.findall(r'href="\?valeur=((?:signatories|addressees|dates)\.\d+)', page)
    assert keys
    for key in keys:
        shown = client.get(f"/document/{record['id']}", params={"valeur": key}).text
        assert 'class="box"' in shown, f"{key} not outlined"
    img = re.search(r'<img src="(/image/[0-9a-f]{64}/\d+/1000\.png)"', page).group(1)
    assert client.get(img).content[:4] == b"\x89PNG"
    assert "Télécharger le PDF cherchable" in page
    searchable = client.get(f"/document/{record['id']}/pdf")
    assert searchable.status_code == 200 and searchable.content[:5] == b"%PDF-"
    assert "-cherchable.pdf" in searchable.headers["content-disposition"]


def test_correcting_people_keeps_their_page_and_adds_a_new_one(council):
    client = client_for(council, "claire")
    rid = council[2][2]["id"]  # Colombe Brossel's letter
    page = client.get(f"/document/{rid}").text
    r = client.post(f"/document/{rid}/corriger", data={
        "csrf": csrf_of(page), "champ": "signatories", "lignes": "2",
        "nom_0": "Colombe Brossel", "fonction_0": "Adjointe à la Maire de Paris chargée de la sécurité",
        "nom_1": "Anne Hidalgo", "fonction_1": "Maire de Paris"})
    assert r.status_code == 303
    people = council[1].get(rid)["signatories"]
    assert [p["name"] for p in people] == ["Colombe Brossel", "Anne Hidalgo"]
    assert people[0]["function"].endswith("chargée de la sécurité") and people[0]["page"] == 5  # its page kept
    assert client.get("/recherche", params={"signataire": "hidalgo"}).text.count(f"/document/{rid}") == 1
    r = client.post(f"/document/{rid}/corriger", data={"csrf": csrf_of(page), "champ": "figures",
                                                       "valeur": "480 ; nombre ; ; agents\n12,5 ; percent ; % ; hausse"})
    figures = council[1].get(rid)["figures"]
    assert [(f["value"], f["kind"]) for f in figures] == [(480, "count"), (12.5, "percent")]


def test_signing_out_ends_the_session(council):
    client = client_for(council, "louis")
    secret = client.cookies.get("archivage_session")
    page = client.get("/recherche").text
    assert "Se déconnecter" in page
    r = client.post("/deconnexion", data={"csrf": csrf_of(page)})
    assert r.status_code == 303 and r.headers["location"] == "/connexion"
    assert accounts.session(council[1], secret) is None
    client.cookies.set("archivage_session", secret)  # a copy of the old cookie opens nothing
    assert client.get("/recherche").headers["location"].startswith("/connexion")


def test_the_status_page_links_the_prefect_runs(local, prefect_harness, monkeypatch):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL
    from prefect.states import Scheduled

    from flows.ingest import ingest

    with get_client(sync_client=True) as client:
        run = client.create_flow_run(ingest, state=Scheduled())
    api = PREFECT_API_URL.value()
    monkeypatch.setenv("PREFECT_API_URL", api)
    page = local.get("/suivi").text
    assert f'href="{api.removesuffix("/api")}/runs/flow-run/{run.id}"' in page and "programmé" in page
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    assert "ne répond pas" in local.get("/suivi").text


def test_head_answers_like_get_without_a_body(council):
    client = client_for(council)
    get, head = client.get("/connexion"), client.head("/connexion")
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    assert client.head("/api/openapi.json").status_code == 200
    assert client.head("/nulle-part").status_code == 404


def test_removing_an_account_ends_its_sessions_and_tokens(council, tmp_path, capsys, monkeypatch):
    from archivage.cli import main

    settings, store, _ = council
    accounts.add_user(store, "jeanne", "archiviste", PASSWORD)
    jeanne = client_for(council, "jeanne")
    token = accounts.new_token(store, "jeanne")
    assert jeanne.get("/recherche").status_code == 200
    ada = client_for(council, "ada")
    page = ada.get("/comptes").text
    assert "Confirmer la suppression du compte jeanne" in page
    assert "Confirmer la suppression du compte ada" not in page  # not one's own
    r = ada.post("/comptes/supprimer", data={"nom": "ada", "csrf": csrf_of(page)})
    assert r.status_code == 400 and accounts.role_of(store, "ada") == "admin"
    r = ada.post("/comptes/supprimer", data={"nom": "jeanne", "csrf": csrf_of(page)})
    assert r.status_code == 200 and "est supprimé" in r.text and accounts.role_of(store, "jeanne") is None
    assert jeanne.get("/recherche").status_code == 303  # signed out: back to the login page
    assert accounts.token_user(store, token) is None
    assert client_for(council, "claire").post("/comptes/supprimer", data={"nom": "louis", "csrf": "x"}).status_code == 403

    monkeypatch.setenv("ARCHIVAGE_PASSWORD", PASSWORD)
    assert main(["--home", str(tmp_path), "user", "add", "root", "--role", "admin"]) == 0
    assert main(["--home", str(tmp_path), "user", "add", "eve", "--role", "lecteur"]) == 0
    assert main(["--home", str(tmp_path), "user", "remove", "root"]) == 1
    assert "last admin" in capsys.readouterr().err
    assert main(["--home", str(tmp_path), "user", "remove", "personne"]) == 1
    assert "No account is named 'personne'" in capsys.readouterr().err
    assert main(["--home", str(tmp_path), "user", "remove", "eve"]) == 0
    assert "removed" in capsys.readouterr().out


def test_the_pipeline_doubts_read_in_french():
    from archivage.extract.owndate import _NAMES
    from archivage.web.french import reason_fr

    english = re.compile(r"\b(the|read|as|gives?|and|after|today|line|field|found|years?|before|every|cites|"
                         r"taken|from|stamp|low|confidence|on|failed|not)\b")
    names = sorted(_NAMES.values())
    doubts = ["no date of its own was found", "low OCR confidence on pages 2, 3", "stamp read as 2022-11-18 and 2022-11-15",
              "extraction failed (ValueError: bad page)",
              "The database refused the document of a.pdf on pages 1-2 (UNIQUE constraint failed)"]
    for a, b in zip(names, names[1:] + names[:1], strict=True):
        doubts += [f"{a} read as 2077-11-05 (after today); {b} gives 2022-11-05",
                   f"{a} read as 2022-13-05, not a calendar date",
                   f"{a} read as 1977-05-03 (years before every year the document cites (2021–2023)); "
                   f"year taken from the dates the document cites",
                   f"{a} gives 2019-02-26, {b} 2019-02-20", f"{a} read as 2023-03-03; {a} and {b} give 2023-03-23"]
    for doubt in doubts:
        french = reason_fr(doubt)
        assert not english.search(french.replace("(ValueError: bad page)", "")
                                  .replace("(UNIQUE constraint failed)", "")), (doubt, french)
    assert reason_fr("stamp read as 2022-11-18 and 2022-11-15") == \
        "le tampon dateur se lit 18 novembre 2022 et 15 novembre 2022"
