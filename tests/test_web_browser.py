"""The web interface in a real headless Chromium (Debian's, driven by Playwright) over a real server.

The archive is the born-digital sample ingested by the real pipeline; a letter dropped from the
browser goes through the real pipeline too. Screenshots of the main pages go to a temporary folder, or to
the folder ARCHIVAGE_TEST_SCREENSHOTS names (``ARCHIVAGE_TEST_SCREENSHOTS=docs/screenshots`` retakes the README's): a test
run leaves the checkout as it found it.
"""

from __future__ import annotations

import os
import re
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from archivage import accounts
from archivage.config import load_settings
from archivage.store import Store

ROOT = Path(__file__).resolve().parent.parent
BORN_DIGITAL = ROOT / "samples" / "dossier-securite-18e-2019-born-digital.pdf"
SHOTS = Path(os.environ.get("ARCHIVAGE_TEST_SCREENSHOTS") or tempfile.mkdtemp(prefix="archivage-shots-"))
CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "correct horse battery"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LETTER = """Mairie du 18e arrondissement
Paris, le 12 mars 2021

Madame la Préfète de police,

Par la présente, je souhaite appeler votre attention sur la situation du square Léon, où les
riverains constatent depuis le 3 février 2021 une hausse des incivilités. Le budget de 250 000 euros
voté par le conseil d'arrondissement ne suffira pas sans renfort de 12 agents de la brigade
zygomorphe.

Je vous prie d'agréer, Madame la Préfète, l'expression de ma considération distinguée.

Éric Lejoindre
Maire du 18e arrondissement"""

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                                "(scripts/install-system.sh installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """archivage's web application served by uvicorn on a free local port, with two accounts."""
    import uvicorn

    from archivage.intake import ingest_paths
    from archivage.web import create_app

    settings = load_settings(tmp_path_factory.mktemp("web-browser")).ensure()
    store = Store(settings.database_url)
    store.migrate()
    assert ingest_paths([BORN_DIGITAL], settings, store)[0].status == "ingested"
    accounts.add_user(store, "claire", "archiviste", PASSWORD)
    accounts.add_user(store, "louis", "lecteur", PASSWORD)
    doubt_on_the_press_release(store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(settings, store=store), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", settings, store
    srv.should_exit = True
    thread.join(10)


def doubt_on_the_press_release(store) -> None:
    """The press release, stored again with a doubt on its date (as the pipeline writes one)."""
    [original] = store.originals()
    records = list(store.records())
    for r in records:
        if r["type"] == "communique":
            r["review"] = [{"field": "date", "reason": "no date of its own was found"}]
    store.save_original(sha256=original["sha256"], file=original["file"], stored_path=original["stored_path"],
                        size=original["size"], pages=original["pages"], records=records)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


def signed_in(browser, base: str, name: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page.goto(base + "/recherche")
    assert "/connexion" in page.url  # accounts exist: nobody reads without signing in
    page.get_by_label("Nom").fill(name)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/recherche"))
    return page


def test_search_narrow_open_see_the_value_correct_the_date_and_find_it_again(server, browser):
    base, _, store = server
    page = signed_in(browser, base, "claire")
    page.get_by_label("Rechercher").fill("securite")
    page.get_by_label("Rechercher").press("Enter")
    page.wait_for_url(re.compile(r"q=securite"))
    marks = page.locator("mark")
    assert marks.count() > 0 and marks.first.inner_text().lower() == "sécurité"
    page.screenshot(path=str(SHOTS / "recherche.png"), full_page=False)

    page.locator("aside.facets").get_by_role("link", name="Lettre", exact=True).click()
    page.wait_for_url(re.compile(r"type=lettre"))
    kinds = page.locator("ol.hits .type").all_inner_texts()
    assert kinds and set(kinds) == {"Lettre"}

    page.locator("ol.hits a.title").first.click()
    page.wait_for_url(re.compile(r"/document/"))
    record_url = page.url
    page.locator("a.page-link[href^='?valeur=dates.']").first.click()
    page.wait_for_url(re.compile(r"valeur=dates\.0"))
    box = page.locator(".page-view .box").first
    box.wait_for(state="visible")
    img = page.locator(".page-view img").bounding_box()
    b = box.bounding_box()
    assert b["width"] > 5 and b["height"] > 5
    assert img["x"] <= b["x"] and b["x"] + b["width"] <= img["x"] + img["width"] + 1
    assert img["y"] <= b["y"] and b["y"] + b["height"] <= img["y"] + img["height"] + 1
    assert page.locator(".page-view img").evaluate("i => i.complete && i.naturalWidth") == 1000
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "document.png"), full_page=False)

    rid = record_url.rsplit("/document/", 1)[1]
    before = store.get(rid)["date"]
    page.get_by_label("Date (2019, 2019-03 ou 2019-03-15)").fill("2019-01-31")
    page.get_by_role("button", name="Corriger la date").click()
    page.locator("p.ok").wait_for()
    history = page.locator("section.history").inner_text()
    assert "31 janvier 2019" in history and "claire" in history
    assert before != "2019-01-31" and store.get(rid)["date"] == "2019-01-31"

    page.goto(base + "/recherche?du=2019-01-31&au=2019-01-31")
    assert page.locator(f"ol.hits a.title[href='/document/{rid}']").count() == 1
    page.close()


def letter_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("serif", fname=FONT)
    pdf.set_font("serif", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, LETTER)
    pdf.output(str(path))
    return path


def test_drop_a_file_and_see_it_go_through_to_a_record(server, browser, tmp_path):
    base, _, _ = server
    page = signed_in(browser, base, "claire")
    page.goto(base + "/depot")
    page.get_by_label("Fichiers").set_input_files(str(letter_pdf(tmp_path / "lettre-square-leon.pdf")))
    page.get_by_role("button", name="Déposer").click()
    page.get_by_text("lettre-square-leon.pdf est déposé").wait_for()
    page.screenshot(path=str(SHOTS / "depot.png"))
    page.goto(base + "/suivi")
    page.get_by_role("button", name="Traiter maintenant").click()
    deadline = time.monotonic() + 300  # the pipeline's first run loads spaCy; a shared machine may be slow
    while time.monotonic() < deadline:
        page.goto(base + "/suivi")
        if page.locator("table a", has_text="lettre-square-leon.pdf").count():
            break
        time.sleep(0.5)
    assert page.locator("table a", has_text="lettre-square-leon.pdf").count() == 1
    page.screenshot(path=str(SHOTS / "suivi.png"))
    page.goto(base + "/recherche?q=zygomorphe")
    page.locator("ol.hits a.title").first.click()
    assert "12 mars 2021" in page.locator("p.meta .date").inner_text()
    page.close()


def test_a_lecteur_reads_but_cannot_correct(server, browser):
    base, _, _ = server
    page = signed_in(browser, base, "louis")
    page.goto(base + "/recherche?q=castaner")
    page.locator("ol.hits a.title").first.click()
    assert page.get_by_role("button", name="Corriger la date").count() == 0
    assert page.get_by_role("link", name="Dépôt").count() == 0
    page.goto(base + "/depot")
    assert "ne permet pas" in page.locator("p.error").inner_text()
    page.goto(base + "/a-verifier")
    assert "aucune date propre" in page.locator("ol.queue").inner_text()
    assert page.get_by_role("button", name="Valider").count() == 0
    page.close()


def test_the_review_queue_validating_a_field_removes_it(server, browser):
    base, _, store = server
    page = signed_in(browser, base, "claire")
    page.goto(base + "/a-verifier")
    item = page.locator("ol.queue > li", has_text="aucune date propre")
    assert item.count() == 1
    page.screenshot(path=str(SHOTS / "a-verifier.png"))
    item.get_by_role("button", name="Valider").click()
    page.wait_for_url(re.compile(r"/a-verifier"))
    assert page.locator("ol.queue > li", has_text="aucune date propre").count() == 0
    assert not any(r["review"] for r in store.records() if r["type"] == "communique")
    page.close()


def test_a_hostile_query_does_no_harm(server, browser):
    base, _, _ = server
    page = signed_in(browser, base, "louis")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_label("Rechercher").fill("<script>alert(1)</script> \"<img src=x onerror=alert(2)>")
    page.get_by_label("Rechercher").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_label("Rechercher").input_value().startswith("<script>alert(1)</script>")
    page.goto(base + "/recherche?lieu=%3Cscript%3Ealert(3)%3C/script%3E")
    assert "<script>alert(3)</script>" in page.locator("p.filters").inner_text()
    assert dialogs == [] and page.title().endswith("archivage")
    page.close()


def test_the_file_page_fixes_the_cut(server, browser):
    base, _, store = server
    page = signed_in(browser, base, "claire")
    page.goto(base + "/recherche?q=castaner")
    page.locator("ol.hits a.title").first.click()
    page.locator("p.crumbs a").nth(1).click()
    page.wait_for_url(re.compile(r"/fichier/"))
    docs = page.locator("ol.file-docs > li:not(.cut)")
    count = docs.count()
    assert count >= 5 and page.locator("ol.file-docs img").count() >= 14  # every page as a thumbnail
    loaded = ("() => Array.from(document.images).filter(i => i.getBoundingClientRect().top < innerHeight)"
              ".every(i => i.complete && i.naturalWidth > 0)")
    for _ in range(100):  # the page's CSP forbids wait_for_function's eval: poll instead
        if page.evaluate(loaded):
            break
        time.sleep(0.1)
    page.screenshot(path=str(SHOTS / "fichier.png"))
    multi = page.locator("ol.file-docs > li:not(.cut)", has=page.locator("select")).first
    multi.get_by_role("button", name="Couper").click()
    page.locator("p.ok").wait_for()
    assert f"{count + 1} documents" in page.locator("p.ok").inner_text()
    assert page.locator("ol.file-docs > li:not(.cut)").count() == count + 1
    page.get_by_role("button", name="Joindre ce document au précédent").nth(0).click()
    page.locator("p.ok").wait_for()
    assert page.locator("ol.file-docs > li:not(.cut)").count() == count
    page.close()
