"""The command line as an archivist uses it, over the archive the real ingest flow built."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archivage.cli import build_parser, main
from archivage.evaluate import score

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "dev"
REFERENCE_SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SAMPLES = ROOT / "samples"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(flow_run):
    settings, _, _ = flow_run
    return settings.home


def search_json(capsys, home, *argv) -> list[dict]:
    code, out, _ = run(capsys, "--home", home, "search", *argv, "--json")
    assert code == 0
    return json.loads(out)


def test_searching_castaner_finds_the_two_letters(capsys, home):
    hits = search_json(capsys, home, "Castaner")
    letters = [h for h in hits if h["type"] == "lettre"]
    assert len(letters) == 2
    assert {h["date"] for h in letters} == {"2019-02-26", "2019-06-19"}
    assert all("castaner" in h["snippet"].lower() for h in letters)


def test_type_filter_finds_the_voeu(capsys, home):
    hits = search_json(capsys, home, "--type", "voeu")
    assert [h["type"] for h in hits] == ["voeu"]
    assert hits[0]["date"] == "2019-05-28"


def test_accents_case_and_word_forms_do_not_matter(capsys, home):
    plain = {h["id"] for h in search_json(capsys, home, "SECURITE")}
    accented = {h["id"] for h in search_json(capsys, home, "sécurité")}
    assert plain == accented and len(plain) >= 3
    # "policier" is only ever written in the plural in the dossier
    assert search_json(capsys, home, "policier")


def test_metadata_filters(capsys, home):
    assert [h["date"] for h in search_json(capsys, home, "--signatory", "brossel")] == ["2019-06-19"]
    assert len(search_json(capsys, home, "--addressee", "castaner", "--from", "2019-01", "--to", "2019-03")) == 1
    money = search_json(capsys, home, "--figure-kind", "money", "--min", "5000000")
    assert [h["type"] for h in money] == ["note"]  # "9 millions d'euros"; the communiqué's 3 million is below


def test_terminal_output_highlights_and_says_where(capsys, home):
    code, out, _ = run(capsys, "--home", home, "search", "Castaner", "--type", "lettre")
    assert code == 0
    assert "[Castaner]" in out or "[CASTANER]" in out
    assert "dossier-securite-18e-2019.pdf p." in out


def test_show_gives_the_page_of_each_value(capsys, home):
    hit = search_json(capsys, home, "--signatory", "brossel")[0]
    code, out, _ = run(capsys, "--home", home, "show", hit["id"])
    assert code == 0
    assert re.search(r"signataire: Colombe Brossel, Adjointe à la Maire de Paris.*\(p\. \d+\)", out)
    assert re.search(r"destinataire: Christophe Castaner, Ministre de l'Intérieur.*\(p\. \d+\)", out)
    assert "2018-11-24" in out


def test_exported_records_score_on_the_dev_gold(capsys, home, tmp_path):
    """The issue's gate, on the OCR path: export, then the evaluation kit's own scorer."""
    out = tmp_path / "records.jsonl"
    assert run(capsys, "--home", home, "export", "--format", "jsonl", "-o", out)[0] == 0
    result = subprocess.run([sys.executable, str(REFERENCE_SCORER), "--gold", str(GOLD), "--pred", str(out),
                             "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(result.stdout)
    assert scores["overall_f1"] >= 0.95
    for field in ("segmentation", "type", "date", "signatories", "addressees", "dates", "figures"):
        assert scores[field]["f1"] >= 0.90, (field, scores[field])


def test_csv_export_has_a_row_per_document(capsys, home, tmp_path):
    out = tmp_path / "records.csv"
    assert run(capsys, "--home", home, "export", "--format", "csv", "-o", out)[0] == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,")
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(r["type"] for r in rows) == ["communique", "lettre", "lettre", "note", "voeu"]


def test_eval_gives_the_scorer_numbers(capsys, home, tmp_path, monkeypatch):
    """`archivage eval` on the scanned sample (its pages come from the archive's OCR cache)."""
    eval_home = tmp_path / "eval-home"
    shutil.copytree(Path(home) / "archive" / "cache", eval_home / "archive" / "cache")
    records = tmp_path / "records.jsonl"
    code, out, _ = run(capsys, "--home", eval_home, "eval", GOLD, "--pdf-dir", SAMPLES, "--json",
                       "--records", records)
    assert code == 0
    scores = json.loads(out)
    groups = scores.pop("breakdown")
    reference = subprocess.run([sys.executable, str(REFERENCE_SCORER), "--gold", str(GOLD), "--pred",
                                str(records), "--json"], capture_output=True, text=True, check=True)
    assert scores == json.loads(reference.stdout)
    assert scores["overall_f1"] >= 0.95
    # the same counts by document type and by input: the scan's five documents, each group adding up
    assert groups["input"]["scanned"]["documents"] == 5 and "born-digital" not in groups["input"]
    assert sorted(groups["type"]) == ["communique", "lettre", "note", "voeu"]
    for field in ("segmentation", "type", "date", "signatories", "addressees", "dates", "figures"):
        for n in ("tp", "fp", "fn"):
            assert sum(g[field][n] for g in groups["type"].values()) == scores[field][n], (field, n)
        assert groups["input"]["scanned"][field]["f1"] == scores[field]["f1"]


def test_born_digital_sample_scores_the_same(capsys, tmp_path):
    """The text-layer path: same documents, same fields as the scan."""
    pdf_dir = tmp_path / "pdfs"
    pdf_dir.mkdir()
    shutil.copyfile(SAMPLES / "dossier-securite-18e-2019-born-digital.pdf", pdf_dir / "dossier-securite-18e-2019.pdf")
    records = tmp_path / "records.jsonl"
    code, out, _ = run(capsys, "--home", tmp_path / "home", "eval", GOLD, "--pdf-dir", pdf_dir, "--json",
                       "--records", records)
    assert code == 0
    scores = json.loads(out)
    assert scores.pop("breakdown")["input"]["born-digital"]["documents"] == 5
    rows = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()]
    assert all(r["ocr"]["pages_text_layer"] >= 1 and r["ocr"]["pages_ocr"] == 0 for r in rows)
    assert scores["overall_f1"] >= 0.95
    for field in ("segmentation", "type", "date", "signatories", "addressees", "dates", "figures"):
        assert scores[field]["f1"] >= 0.90, (field, scores[field])
    assert score(GOLD, rows) == scores


def test_user_errors_are_one_sentence(capsys, home):
    code, out, err = run(capsys, "--home", home, "search", '"unbalanced')
    assert code == 1 and err.startswith("archivage: ") and "Traceback" not in err
    code, _, err = run(capsys, "--home", home, "show", "no-such-id")
    assert code == 1 and "no-such-id" in err
    code, _, err = run(capsys, "--home", home, "eval", GOLD, "--pdf-dir", GOLD)
    assert code == 1 and "No file named dossier-securite-18e-2019.pdf" in err


def test_ingest_paths_reports_a_bad_file_and_leaves_it(capsys, tmp_path, prefect_harness):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")  # truncated
    code, out, _ = run(capsys, "--home", tmp_path / "home", "ingest", bad)
    assert code == 2
    assert "1 failed" in out and "scan.pdf" in out
    assert bad.read_bytes() == b"%PDF-1.4\n1 0 obj << /Type /Catalog"  # the user's file is untouched
    assert not (tmp_path / "home" / "inbox" / "_failed" / "scan.pdf").exists()


def help_texts(parser=None) -> str:
    """The help of the parser and of its sub-commands, at every depth (``user add``)."""
    parser = parser or build_parser()
    texts = [parser.format_help()]
    for sub in (a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"):
        texts += [help_texts(p) for p in sub.choices.values()]
    return "\n".join(texts)


def test_every_documented_option_exists():
    """Options and variables the README documents must exist: docs and code cannot drift apart."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    helps = help_texts()
    # the options of archivage command lines, of the search filters paragraph and of the configuration table
    commands = "\n".join(line for line in readme.splitlines() if re.match(r"\s*archivage ", line))
    filters = readme[readme.index("Search filters"):readme.index("### What happens")]
    config = readme[readme.index("## Configuration"):readme.index("\n## ", readme.index("## Configuration") + 1)]
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", "\n".join([commands, filters, config])))
    assert {"--home", "--type", "--from", "--to", "--figure-kind", "--json", "--interval"} <= options
    missing = sorted(o for o in options if o not in helps)
    assert not missing, f"README documents options the CLI does not have: {missing}"
    names = set(re.findall(r"^\s+archivage (\w+)", readme, re.M))
    assert names <= set(re.findall(r"^    (\w+)\s", helps, re.M))
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "archivage").rglob("*.py"))
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("*.py"))
    for var in set(re.findall(r"ARCHIVAGE_[A-Z_]+", readme)):
        # the test suite's own settings (ARCHIVAGE_TEST_…) are read by the tests, every other one by the library
        read_by = tests if var.startswith("ARCHIVAGE_TEST_") else source
        assert var in read_by, f"README documents {var}, which nothing reads"


def test_eval_scores_only_the_gold_it_has_documents_for(capsys, tmp_path):
    """A gold folder covering several batches can be scored on the documents at hand."""
    pdf_dir = tmp_path / "pdfs"
    pdf_dir.mkdir()
    real = ROOT.parent / "shared" / "realdocs" / "paris14-conseil-de-quartier-2019-11-19.pdf"
    shutil.copyfile(real, pdf_dir / real.name)
    code, out, err = run(capsys, "--home", tmp_path / "home", "eval", ROOT / "eval" / "heldout2",
                         "--pdf-dir", pdf_dir)
    assert code == 0
    assert re.search(r"^segmentation\s+1\.000\s+1\.000\s+1\.000\s+1/0/0$", out, re.M)  # one document, found
    assert "not scored (no document in" in out and "aiglun-2015-11-04-compte-rendu.json" in out
