"""SEDA 2.3 transfer packages: valid against the schema, complete, faithful to the records.

Every package is checked again here with ``xmlschema`` (an implementation apart from the
libxml2 the export validates with) against the schemas shipped in the package. The seed dossier
comes from the archive the real ingest flow built (``flow_run``: OCR once per session); its
database is copied so that the corrections made here reach no other test.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from archivage.cli import main
from archivage.config import load_settings
from archivage.seda import SCHEMA, Agencies, SedaError, agencies, export_seda, validate
from archivage.seda.formats import identify
from archivage.seda.manifest import split_name
from archivage.store import Store

NS = {"s": "fr:gouv:culture:archivesdefrance:seda:v2.3"}
AGENCIES = Agencies(archival_agency="FRAD075", transferring_agency="FR-75118-ARCH",
                    originating_agency="FR-75118-CAB", agreement="CONV-2019-12")
ENV = {"ARCHIVAGE_SEDA_ARCHIVAL_AGENCY": "FRAD075", "ARCHIVAGE_SEDA_TRANSFERRING_AGENCY": "FR-75118-ARCH",
       "ARCHIVAGE_SEDA_ORIGINATING_AGENCY": "FR-75118-CAB"}


@pytest.fixture(scope="module")
def xsd():
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA))


def open_package(path: Path, xsd) -> tuple[zipfile.ZipFile, etree._Element]:
    """The zip and its manifest, once the manifest is checked against the schema."""
    zf = zipfile.ZipFile(path)
    data = zf.read("manifest.xml")
    xsd.validate(io.BytesIO(data))  # raises with the first error
    return zf, etree.fromstring(data)


def text(element, path: str) -> list[str]:
    return [e.text for e in element.iterfind(path, NS)]


def items(root) -> dict[str, etree._Element]:
    """Item units by the record id they describe."""
    units = root.xpath(".//s:ArchiveUnit[s:Content/s:DescriptionLevel='Item']", namespaces=NS)
    return {u.findtext("s:Content/s:OriginatingSystemId", namespaces=NS): u for u in units}


# --- the seed dossier, from the real ingest ------------------------------------------------------

@pytest.fixture(scope="module")
def seed(flow_run, tmp_path_factory):
    """(settings of the ingested archive, a store on a copy of its database)."""
    import sqlalchemy as sa

    settings, store, _ = flow_run
    folder = tmp_path_factory.mktemp("seda-seed")
    source = sqlite3.connect(sa.make_url(store.url).database)
    target = sqlite3.connect(folder / "archivage.db")
    source.backup(target)
    source.close()
    target.close()
    copy_store = Store(f"sqlite:///{folder / 'archivage.db'}")
    yield settings, copy_store
    copy_store.close()


@pytest.fixture(scope="module")
def seed_package(seed, tmp_path_factory):
    """The package of every seed record, after a person dated the communiqué to November 2018."""
    settings, store = seed
    [communique] = [r for r in store.records() if r["type"] == "communique"]
    store.correct(communique["id"], "date", "2018-11", by="marie.dupont")
    out = tmp_path_factory.mktemp("seda-out") / "versement.zip"
    summary = export_seda(store, settings, out, AGENCIES)
    return out, summary, communique["id"]


def test_the_seed_package_is_valid_and_holds_every_file_it_names(seed, seed_package, xsd):
    settings, store = seed
    out, summary, _ = seed_package
    zf, root = open_package(out, xsd)
    objects = root.findall(".//s:BinaryDataObject", NS)
    assert {o.findtext("s:DataObjectVersion", namespaces=NS) for o in objects} == {"BinaryMaster_1", "Dissemination_1"}
    names = set(zf.namelist())
    for obj in objects:
        uri = obj.findtext("s:Uri", namespaces=NS)
        digest = obj.find("s:MessageDigest", NS)
        assert uri in names and digest.get("algorithm") == "SHA-256"
        data = zf.read(uri)
        assert hashlib.sha256(data).hexdigest() == digest.text
        assert int(obj.findtext("s:Size", namespaces=NS)) == len(data)
    assert names == {"manifest.xml", *(o.findtext("s:Uri", namespaces=NS) for o in objects)}
    master = next(o for o in objects if o.findtext("s:DataObjectVersion", namespaces=NS) == "BinaryMaster_1")
    sha = store.originals()[0]["sha256"]
    assert master.findtext("s:MessageDigest", namespaces=NS) == sha  # the original, byte for byte
    assert master.findtext("s:FileInfo/s:Filename", namespaces=NS) == "dossier-securite-18e-2019.pdf"
    formats = {o.findtext("s:DataObjectVersion", namespaces=NS): (
        o.findtext("s:FormatIdentification/s:MimeType", namespaces=NS),
        o.findtext("s:FormatIdentification/s:FormatId", namespaces=NS)) for o in objects}
    assert formats["BinaryMaster_1"] == ("application/pdf", "fmt/17")  # the scan is a PDF 1.3
    assert formats["Dissemination_1"] == ("application/pdf", "fmt/477")  # the searchable copy, PDF/A-2b
    # the agencies, the agreement, a message identifier and the date of the export
    assert root.findtext("s:ArchivalAgency/s:Identifier", namespaces=NS) == "FRAD075"
    assert root.findtext("s:TransferringAgency/s:Identifier", namespaces=NS) == "FR-75118-ARCH"
    assert root.findtext("s:ArchivalAgreement", namespaces=NS) == "CONV-2019-12"
    assert root.findtext("s:MessageIdentifier", namespaces=NS) == summary["message_identifier"]
    assert root.findtext("s:Date", namespaces=NS) == summary["date"]


def test_one_file_unit_per_original_and_one_item_per_record(seed, seed_package, xsd):
    settings, store = seed
    _, root = open_package(seed_package[0], xsd)
    records = list(store.records())
    [file_unit] = root.findall("s:DataObjectPackage/s:DescriptiveMetadata/s:ArchiveUnit", NS)
    assert file_unit.findtext("s:Content/s:DescriptionLevel", namespaces=NS) == "File"
    group = root.find(".//s:DataObjectGroup", NS).get("id")
    assert file_unit.findtext("s:DataObjectReference/s:DataObjectGroupReferenceId", namespaces=NS) == group
    units = items(root)
    assert len(units) == len(records) == len(root.findall(".//s:ArchiveUnit", NS)) - 1
    assert set(units) == {r["id"] for r in records}
    for record in records:
        content = units[record["id"]].find("s:Content", NS)
        assert content.findtext("s:Title", namespaces=NS) == record["title"]
        assert text(content, "s:Language") == ["fra"]
        assert content.findtext("s:OriginatingAgency/s:Identifier", namespaces=NS) == "FR-75118-CAB"
    voeu = units[next(r["id"] for r in records if r["type"] == "voeu")].find("s:Content", NS)
    assert voeu.findtext("s:DocumentType", namespaces=NS) == "Vœu"
    assert voeu.findtext("s:Description", namespaces=NS).startswith("Demandes : que l'État renforce")


def test_writers_and_addressees_of_the_seed_letters_with_their_functions(seed, seed_package, xsd):
    _, root = open_package(seed_package[0], xsd)
    letters = [u.find("s:Content", NS) for u in items(root).values()
               if u.findtext("s:Content/s:DocumentType", namespaces=NS) == "Lettre"]
    people = {(c.tag.split("}")[1], c.findtext("s:FirstName", namespaces=NS), c.findtext("s:BirthName", namespaces=NS),
               c.findtext("s:Function", namespaces=NS))
              for letter in letters for c in letter if c.tag.endswith(("Writer", "Addressee"))}
    assert ("Writer", "Eric", "Lejoindre", "Maire du 18e") in people
    assert ("Addressee", "Christophe", "Castaner", "Ministre de l'Intérieur") in people
    brossel = [p for p in people if p[2] == "Brossel"]
    assert brossel and brossel[0][:2] == ("Writer", "Colombe") and brossel[0][3].startswith("Adjointe à la Maire de Paris")
    # a letter's own date is the date it was sent
    assert sorted(text(letter, "s:SentDate")[0] for letter in letters) == ["2019-02-26", "2019-06-19"]
    assert all(not text(letter, "s:CreatedDate") for letter in letters)
    keywords = {(k.findtext("s:KeywordType", namespaces=NS), k.findtext("s:KeywordContent", namespaces=NS))
                for letter in letters for k in letter.iterfind("s:Keyword", NS)}
    assert ("geogname", "Porte de la Chapelle") in keywords and ("persname", "Christophe Castaner") in keywords


def test_partial_dates_stay_partial_and_the_human_correction_is_an_event(seed, seed_package, xsd):
    settings, store = seed
    out, _, communique_id = seed_package
    _, root = open_package(out, xsd)
    units = items(root)
    content = units[communique_id].find("s:Content", NS)
    assert text(content, "s:CreatedDate") == ["2018-11"]  # the person's value, a month, as given
    [event] = content.findall("s:Event", NS)
    assert event.findtext("s:EventTypeCode", namespaces=NS) == "Correction"
    assert event.findtext("s:LinkingAgentIdentifier/s:LinkingAgentIdentifierValue", namespaces=NS) == "marie.dupont"
    assert json.loads(event.findtext("s:EventDetailData", namespaces=NS)) == {"field": "date", "before": None,
                                                                               "after": "2018-11"}
    assert event.findtext("s:EventDateTime", namespaces=NS) == store.corrections(communique_id)[0]["at"]
    # dates cited: the earliest and the latest, each as precise as the document says it
    brossel = next(u for u in units.values() if "Brossel" in u.findtext("s:Content/s:Title", namespaces=NS))
    cited = sorted({d["value"] for d in store.get(brossel.findtext("s:Content/s:OriginatingSystemId",
                                                                     namespaces=NS))["dates"]})
    assert {"2017", "2017-10", "2019", "2019-09"} <= set(cited)
    # "2019" reaches past "2019-09": the span is 2017 to 2019, two years, not two days
    assert (brossel.findtext("s:Content/s:StartDate", namespaces=NS),
            brossel.findtext("s:Content/s:EndDate", namespaces=NS)) == ("2017", "2019")
    assert all(not u.findall("s:Content/s:Event", NS) for rid, u in units.items() if rid != communique_id)


def test_a_selection_by_search_filters_or_ids(seed, tmp_path, xsd, capsys, monkeypatch):
    settings, store = seed
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    out = tmp_path / "lettres.zip"
    url = store.url
    assert main(["--home", str(settings.home), "--database-url", url, "export", "--format", "seda",
                 "--type", "lettre", "-o", str(out)]) == 0
    assert "2 document(s) from 1 file(s)" in capsys.readouterr().err
    _, root = open_package(out, xsd)
    assert {u.findtext("s:Content/s:DocumentType", namespaces=NS) for u in items(root).values()} == {"Lettre"}
    assert root.find("s:ArchivalAgreement", NS) is None  # not set: the element is left out
    voeu = next(r["id"] for r in store.records() if r["type"] == "voeu")
    assert main(["--home", str(settings.home), "--database-url", url, "export", "--format", "seda",
                 "--id", voeu, "-o", str(out)]) == 0
    _, root = open_package(out, xsd)
    assert list(items(root)) == [voeu]


def test_a_missing_setting_is_one_sentence_and_no_package(seed, tmp_path, capsys, monkeypatch):
    settings, store = seed
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("ARCHIVAGE_SEDA_ORIGINATING_AGENCY")
    out = tmp_path / "versement.zip"
    code = main(["--home", str(settings.home), "--database-url", store.url, "export", "--format", "seda",
                 "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "--originating-agency" in err and "ARCHIVAGE_SEDA_ORIGINATING_AGENCY" in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    # given as an option, it is enough
    assert main(["--home", str(settings.home), "--database-url", store.url, "export", "--format", "seda",
                 "--originating-agency", "FR-75118-CAB", "-o", str(out)]) == 0
    assert out.exists()


def test_an_invalid_manifest_is_an_error_and_never_a_file(seed, tmp_path):
    settings, store = seed
    out = tmp_path / "versement.zip"
    with pytest.raises(SedaError, match="not valid SEDA 2.3"):
        export_seda(store, settings, out, Agencies(archival_agency="", transferring_agency="x",
                                                     originating_agency="y"))
    assert list(tmp_path.iterdir()) == []


def test_the_validator_refuses_what_the_schema_refuses(seed_package, tmp_path):
    zf = zipfile.ZipFile(seed_package[0])
    manifest = zf.read("manifest.xml").decode()
    broken = {"unexpected element": manifest.replace("<DocumentType>", "<Foo/><DocumentType>", 1),
              "bad language code": manifest.replace("<Language>fra</Language>", "<Language>fr ançais</Language>", 1),
              "reference to nothing": manifest.replace("<DataObjectGroupReferenceId>og-",
                                                       "<DataObjectGroupReferenceId>og-0", 1)}
    for text in broken.values():
        path = tmp_path / "manifest.xml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(SedaError, match="not valid SEDA 2.3"):
            validate(path)
    path.write_text(manifest, encoding="utf-8")
    validate(path)


# --- records built by hand (no OCR): originals, formats, errors ---------------------------------

def _archive(tmp_path: Path, council_records, url: str, files: dict[str, bytes]):
    """An archive of the council records whose originals are the given contents, one per file name."""
    settings = load_settings(tmp_path / "home").ensure()
    store = Store(url)
    by_file: dict[str, list[dict]] = {}
    for record in copy.deepcopy(council_records):
        by_file.setdefault(record["source"]["file"], []).append(record)
    for name, records in by_file.items():
        data = files[name]
        sha = hashlib.sha256(data).hexdigest()
        path = settings.originals / sha[:2] / (sha + Path(name).suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        for record in records:
            record["source"]["sha256"] = sha
            record["id"] = f"{sha[:16]}-p{record['source']['pages'][0]}"
        store.save_original(sha256=sha, file=name, stored_path=str(path), size=len(data), pages=6, records=records)
    return settings, store


def _images() -> dict[str, bytes]:
    from PIL import Image

    def image(fmt: str) -> bytes:
        buf = io.BytesIO()
        Image.new("L", (40, 30), 255).save(buf, fmt)
        return buf.getvalue()

    return {"dossier-securite-18e.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
            "arrete-2020-0147.pdf": image("TIFF"), "cq-goutte-dor-2019.pdf": image("JPEG")}


@pytest.fixture(params=["sqlite", "postgresql"])
def council(request, council_records, fresh_database, tmp_path):
    settings, store = _archive(tmp_path, council_records, fresh_database(request.param, tmp_path), _images())
    yield settings, store
    store.close()


def test_hand_made_records_on_both_backends(council, council_records, tmp_path, xsd):
    settings, store = council
    out = tmp_path / "versement.zip"
    summary = export_seda(store, settings, out, AGENCIES)
    zf, root = open_package(out, xsd)
    assert summary["records"] == len(council_records) and summary["files"] == 3
    units = items(root)
    by_type = {u.findtext("s:Content/s:DocumentType", namespaces=NS): u.find("s:Content", NS) for u in units.values()}
    assert text(by_type["Communiqué de presse"], "s:CreatedDate") == ["2019-06"]
    assert text(by_type["Compte rendu"], "s:CreatedDate") == ["2019"]
    arrete = by_type["Arrêté"]
    assert arrete.findtext("s:Writer/s:FirstName", namespaces=NS) == "Anne"
    assert arrete.findtext("s:Writer/s:Function", namespaces=NS) == "Maire de Paris"
    assert (arrete.findtext("s:StartDate", namespaces=NS), arrete.findtext("s:EndDate", namespaces=NS)) == \
        ("2020-07-03", "2020-07-03")
    formats = {o.findtext("s:FileInfo/s:Filename", namespaces=NS): o.findtext("s:FormatIdentification/s:FormatId",
                                                                              namespaces=NS)
               for o in root.iterfind(".//s:BinaryDataObject", NS)}
    assert formats == {"dossier-securite-18e.pdf": "fmt/18", "arrete-2020-0147.pdf": "fmt/353",
                       "cq-goutte-dor-2019.pdf": "fmt/43"}
    assert not root.xpath(".//s:BinaryDataObject[s:DataObjectVersion='Dissemination_1']", namespaces=NS)  # no copies
    for obj in root.iterfind(".//s:BinaryDataObject", NS):
        assert hashlib.sha256(zf.read(obj.findtext("s:Uri", namespaces=NS))).hexdigest() == \
            obj.findtext("s:MessageDigest", namespaces=NS)


def test_a_missing_or_altered_original_is_an_error_and_no_package(council_records, tmp_path):
    settings, store = _archive(tmp_path, council_records, f"sqlite:///{tmp_path / 'a.db'}", _images())
    out = tmp_path / "versement.zip"
    tiff = next(o for o in store.originals() if o["file"] == "arrete-2020-0147.pdf")
    Path(tiff["stored_path"]).chmod(0o644)
    Path(tiff["stored_path"]).write_bytes(b"II*\x00 not the same scan")
    with pytest.raises(SedaError, match="arrete-2020-0147.pdf in the archive no longer matches its sha256"):
        export_seda(store, settings, out, AGENCIES)
    assert not out.exists() and not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob(".manifest-*"))
    Path(tiff["stored_path"]).unlink()
    with pytest.raises(SedaError, match="The original of arrete-2020-0147.pdf .* is not in"):
        export_seda(store, settings, out, AGENCIES)
    assert not out.exists()
    store.close()


def test_settings_come_from_options_then_environment():
    env = {**ENV, "ARCHIVAGE_SEDA_AGREEMENT": "CONV-1"}
    chosen = agencies({"archival_agency": "FRAD093"}, env=env)
    assert chosen == Agencies("FRAD093", "FR-75118-ARCH", "FR-75118-CAB", "CONV-1")
    with pytest.raises(Exception, match="--transferring-agency or set ARCHIVAGE_SEDA_TRANSFERRING_AGENCY"):
        agencies({}, env={"ARCHIVAGE_SEDA_ARCHIVAL_AGENCY": "A", "ARCHIVAGE_SEDA_ORIGINATING_AGENCY": "  "})


@pytest.mark.parametrize("name, expected", [
    ("Christophe CASTANER", ("Christophe", "CASTANER")),
    ("BROSSEL Colombe", ("Colombe", "BROSSEL")),
    ("Eric Lejoindre", ("Eric", "Lejoindre")),
    ("Jean-Pierre Dupont", ("Jean-Pierre", "Dupont")),
    ("M. Castaner", (None, None)),  # a civility and a surname: no first name to give
    ("Mme Anne Hidalgo", ("Anne", "Hidalgo")),
    ("Jean de La Fontaine", ("Jean", "de La Fontaine")),
    ("Anne Marie Dupont", (None, None)),  # either way: left whole
    ("Hidalgo", (None, None)),
])
def test_names_are_split_only_where_they_say_how(name, expected):
    assert split_name(name) == expected


def test_formats_are_read_from_the_files(tmp_path):
    from PIL import Image

    png = tmp_path / "a.png"
    Image.new("RGB", (8, 8)).save(png)
    assert identify(png).pronom in {"fmt/11", "fmt/12", "fmt/13"} and identify(png).mime == "image/png"
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")  # damaged: the header still tells the version
    assert (identify(pdf).mime, identify(pdf).pronom) == ("application/pdf", "fmt/276")


def test_the_shipped_schemas_are_the_published_ones_unchanged():
    """The export validates against the copies in the package: they must stay the standard's files
    (``SHA256SUMS`` was made from ../shared/standards/seda-2.3, which the clone does not hold)."""
    folder = SCHEMA.parent
    sums = dict(line.split()[::-1] for line in (folder / "SHA256SUMS").read_text().splitlines() if line.strip())
    assert set(sums) == {p.name for p in folder.glob("*.xsd")}
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
