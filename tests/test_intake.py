"""Intake without Prefect: what happens to files dropped in the inbox, or named on the command line.

Real PDFs (made with fpdf2 and pikepdf), the real page stage, extraction and SQLite store.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pikepdf
import pytest
from fpdf import FPDF

from archivage.config import load_settings
from archivage.intake import (
    fail,
    ingest_inbox,
    ingest_paths,
    is_stable,
    scan_inbox,
    sha256_file,
    store_original,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

LETTER = """Mairie du 18e arrondissement
Paris, le 12 mars 2021

Madame la Préfète de police,

Par la présente, je souhaite appeler votre attention sur la situation du square Léon, où les
riverains constatent depuis le 3 février 2021 une hausse des incivilités. Le budget de 250 000 euros
voté par le conseil d'arrondissement ne suffira pas sans renfort de 12 agents.

Je vous prie d'agréer, Madame la Préfète, l'expression de ma considération distinguée.

Éric Lejoindre
Maire du 18e arrondissement"""


def letter_pdf(path: Path, reference: str) -> Path:
    """A one-page born-digital letter; ``reference`` makes its bytes (and sha256) unique."""
    pdf = FPDF(format="A4")
    pdf.add_font("serif", fname=FONT)
    pdf.set_font("serif", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, LETTER + f"\n\nRéf. : {reference}")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="session")
def intake_files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("intake-files")
    files = {name: letter_pdf(d / f"{name}.pdf", name) for name in ("good", "twice", "growing", "crash", "user")}
    data = files["good"].read_bytes()
    (d / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (d / "notes.pdf").write_text("Compte rendu de la réunion du 4 mai : à retaper.\n", encoding="utf-8")
    (d / "empty.pdf").write_bytes(b"")
    with pikepdf.open(files["good"]) as pdf:
        pdf.save(d / "locked.pdf", encryption=pikepdf.Encryption(owner="archives", user="secret", R=6))
    for name in ("truncated", "notes", "empty", "locked"):
        files[name] = d / f"{name}.pdf"
    return files


@pytest.fixture
def env(tmp_path):
    """A fresh home folder (inbox, archive, SQLite database) and its store."""
    from archivage.store import Store

    settings = load_settings(tmp_path / "home").ensure()
    return settings, Store(settings.database_url)


def drop(settings, source: Path, name: str | None = None) -> Path:
    dest = settings.inbox / (name or source.name)
    shutil.copyfile(source, dest)
    return dest


def records_of(store, sha: str) -> list[dict]:
    return [r for r in store.records() if r["source"]["sha256"] == sha]


def test_bad_files_go_to_failed_with_a_reason_and_the_good_one_is_ingested(env, intake_files):
    settings, store = env
    bad = ["truncated.pdf", "notes.pdf", "empty.pdf", "locked.pdf"]
    for name in bad:
        drop(settings, intake_files[Path(name).stem])
    good = drop(settings, intake_files["good"])
    good_sha = sha256_file(good)

    outcomes = {o.path.name: o for o in ingest_inbox(settings, store, wait=0.3)}

    assert outcomes["good.pdf"].status == "ingested"
    assert outcomes["good.pdf"].records >= 1
    stored = records_of(store, good_sha)
    assert stored and "square Léon" in " ".join(r["text"] for r in stored)
    for name in bad:
        assert outcomes[name].status == "failed", name
        moved = settings.failed / name
        assert moved.read_bytes() == intake_files[Path(name).stem].read_bytes()  # never modified
        reason, stamp = (settings.failed / f"{name}.error.txt").read_text(encoding="utf-8").splitlines()
        assert reason == outcomes[name].reason and reason.endswith(".") and "Traceback" not in reason
        assert reason.count(". ") == 0, reason  # one sentence
        assert stamp[:4].isdigit()
    assert "empty" in outcomes["empty.pdf"].reason
    assert "not a PDF" in outcomes["notes.pdf"].reason
    assert scan_inbox(settings) == []  # nothing left behind, nothing lost
    assert [p.name for p in settings.originals.rglob("*") if p.is_file()] == [f"{good_sha}.pdf"]
    assert sorted(f["file"] for f in store.failures()) == sorted(bad)
    assert sorted(p.name for p in settings.failed.iterdir() if not p.name.endswith(".error.txt")) == sorted(bad)


def test_the_same_pdf_dropped_twice_is_stored_once(env, intake_files):
    settings, store = env
    drop(settings, intake_files["twice"], "dossier.pdf")
    first = ingest_inbox(settings, store, wait=0)
    drop(settings, intake_files["twice"], "dossier (copie).pdf")
    second = ingest_inbox(settings, store, wait=0)

    assert [o.status for o in first] == ["ingested"]
    assert [o.status for o in second] == ["duplicate"]
    sha = sha256_file(intake_files["twice"])
    assert len(records_of(store, sha)) == first[0].records
    assert [p.name for p in settings.originals.rglob("*") if p.is_file()] == [f"{sha}.pdf"]
    assert scan_inbox(settings) == []


def test_a_file_still_being_copied_is_left_for_the_next_run(env, intake_files):
    settings, store = env
    data = intake_files["growing"].read_bytes()
    target = settings.inbox / "growing.pdf"
    target.write_bytes(data[:1000])

    def finish_copy():
        time.sleep(0.4)
        with open(target, "ab") as fp:
            fp.write(data[1000:])

    writer = threading.Thread(target=finish_copy)
    writer.start()
    outcomes = ingest_inbox(settings, store, wait=1.0)
    writer.join()

    assert [o.status for o in outcomes] == ["skipped_unstable"]
    assert target.read_bytes() == data and not any(settings.failed.iterdir())
    assert is_stable(target, wait=0.2)
    assert [o.status for o in ingest_inbox(settings, store, wait=0.2)] == ["ingested"]
    assert not target.exists()


class Crash(BaseException):
    """The process dying (power cut, kill -9) between the copy and the commit."""


def test_a_crash_before_the_commit_loses_nothing(env, intake_files, monkeypatch):
    settings, store = env
    dropped = drop(settings, intake_files["crash"])
    sha = sha256_file(dropped)

    def crash(*args, **kwargs):
        raise Crash()

    monkeypatch.setattr(store, "save_original", crash)
    with pytest.raises(Crash):
        ingest_inbox(settings, store, wait=0)
    monkeypatch.undo()

    assert dropped.exists() and sha256_file(dropped) == sha  # still in the inbox, unchanged
    assert not store.has_original(sha) and records_of(store, sha) == []
    copy = settings.originals / sha[:2] / f"{sha}.pdf"
    assert copy.exists()  # the copy made before the crash is reused by the next run

    outcomes = ingest_inbox(settings, store, wait=0)
    assert [o.status for o in outcomes] == ["ingested"]
    assert store.has_original(sha) and records_of(store, sha)
    assert not dropped.exists()
    assert [p for p in settings.originals.rglob("*") if p.is_file()] == [copy]


def test_ingest_paths_leaves_the_users_files_where_they_are(env, intake_files, tmp_path):
    settings, store = env
    mine = tmp_path / "mes scans"
    mine.mkdir()
    good = shutil.copy(intake_files["user"], mine / "lettre.pdf")
    bad = shutil.copy(intake_files["notes"], mine / "notes.pdf")
    before = {p: sha256_file(p) for p in (good, bad)}

    outcomes = {o.path.name: o for o in ingest_paths([good, bad, mine / "absent.pdf"], settings, store)}

    assert outcomes["lettre.pdf"].status == "ingested"
    assert outcomes["notes.pdf"].status == "failed" and "not a PDF" in outcomes["notes.pdf"].reason
    assert outcomes["absent.pdf"].status == "failed"
    assert {p: sha256_file(p) for p in (good, bad)} == before  # left in place, unchanged
    assert not any(settings.failed.iterdir())


def test_store_original_is_content_addressed_and_reused(env, intake_files):
    settings, _ = env
    sha, dest = store_original(intake_files["good"], settings)
    again = store_original(intake_files["good"], settings)
    assert again == (sha, dest) and dest == settings.originals / sha[:2] / f"{sha}.pdf"
    assert dest.read_bytes() == intake_files["good"].read_bytes()
    assert not os.access(dest, os.W_OK) or os.geteuid() == 0  # read-only (root ignores modes)
    assert dest.stat().st_mode & 0o222 == 0
    assert [p.name for p in dest.parent.iterdir()] == [dest.name]  # no temp file left


def test_scan_inbox_skips_temp_files_and_failed_and_fail_never_overwrites(env, intake_files):
    settings, _ = env
    old = drop(settings, intake_files["good"], "ancien.pdf")
    os.utime(old, (time.time() - 3600,) * 2)
    (settings.inbox / "sous-dossier").mkdir()
    new = drop(settings, intake_files["good"], "sous-dossier/recent.pdf")
    for temp in ("scan.pdf.part", "~$note.docx", ".DS_Store", "gros.pdf.crdownload"):
        (settings.inbox / temp).write_bytes(b"x")
    (settings.failed / "old.pdf").write_bytes(b"x")

    assert scan_inbox(settings) == [old, new]

    first = fail(old, settings, "First reason.")
    second = fail(drop(settings, intake_files["good"], "ancien.pdf"), settings, "Second reason.")
    assert first.name == "ancien.pdf" and second.name == "ancien-2.pdf"
    assert (settings.failed / "ancien-2.pdf.error.txt").read_text(encoding="utf-8").startswith("Second reason.")
    assert first.read_bytes() == second.read_bytes() == intake_files["good"].read_bytes()
