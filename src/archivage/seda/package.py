"""Write a transfer package (SIP): ``manifest.xml`` and ``content/``, one zip, streamed.

Steps, so that a package is either whole and valid or not written at all:

1. plan: the selected records' ids grouped by source file (ids and file names only);
2. locate each original and its searchable copy, and hash the copy (the original's sha256 is
   its name in the archive);
3. write the manifest to a temporary file, one File unit at a time (lxml's incremental
   writer: the manifest is never whole in memory), then validate it against the SEDA 2.3
   schema while parsing it back (``iterparse`` with the schema, elements dropped once read);
4. only then write the zip, next to the output as ``NAME.partial``: the manifest, then each
   file read in 1 MB chunks straight into its zip entry (stored, not compressed: scans are
   already compressed), each original hashed on the way and checked against its sha256;
   renamed to the output at the end, removed on any error.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from ..config import SEDA_SETTINGS
from ..errors import ArchivageError, ConfigError
from ..sniff import sha256_file
from . import manifest as m
from .formats import identify

SCHEMA = Path(__file__).with_name("xsd") / "seda-2.3-main.xsd"
CHUNK = 1 << 20
BATCH = 500  # records read from the store at a time
READABLE = 0o644 << 16  # zip entries' Unix mode: rw-r--r--

SETTINGS = SEDA_SETTINGS
REQUIRED = {"archival_agency", "transferring_agency", "originating_agency"}


class SedaError(ArchivageError):
    """A package that cannot be made (nothing selected, a missing original, an invalid manifest)."""


@dataclass(frozen=True)
class Agencies:
    archival_agency: str
    transferring_agency: str
    originating_agency: str
    agreement: str | None = None


def agencies(options: dict | None = None, env: dict | None = None) -> Agencies:
    """The agencies and agreement from the options, else the ``ARCHIVAGE_SEDA_*`` variables; a missing
    required one is a ``ConfigError`` naming its option and variable."""
    options, env = options or {}, os.environ if env is None else env
    values = {}
    for name, option, variable, what in SETTINGS:
        value = " ".join(str(options.get(name) or env.get(variable) or "").split())
        if not value and name in REQUIRED:
            raise ConfigError(f"A SEDA package needs {what}: give {option} or set {variable}.")
        values[name] = value or None
    return Agencies(**values)


@dataclass
class Planned:
    file: str
    ids: list[tuple[int, str]]  # (first page, record id)


def plan(store, *, ids: list[str] | None = None, query: str = "", filters: dict | None = None) -> dict[str, Planned]:
    """The selected records' ids by original (sha256), originals by file name, records by first page."""
    from ..export import selected_records

    out: dict[str, Planned] = {}
    for record in selected_records(store, ids=ids, query=query, filters=filters):
        source = record.get("source") or {}
        first = (source.get("pages") or [0])[0]
        out.setdefault(source["sha256"], Planned(source.get("file") or source["sha256"], [])).ids.append(
            (first, record["id"]))
    for planned in out.values():
        planned.ids = sorted(set(planned.ids))
    return dict(sorted(out.items(), key=lambda item: (item[1].file, item[0])))


def locate(store, settings, planned: dict[str, Planned]) -> list[m.Original]:
    """Each original on disk (a missing one is an error: the package would lie) and its searchable copy."""
    rows = {row["sha256"]: row for row in store.originals()}
    out = []
    for sha, p in planned.items():
        row = rows.get(sha) or {}
        path = Path(row["stored_path"]) if row.get("stored_path") else None
        if path is None or not path.is_file():
            found = sorted((settings.originals / sha[:2]).glob(f"{sha}*"))
            path = found[0] if found else None
        if path is None:
            raise SedaError(f"The original of {p.file} (sha256 {sha[:12]}…) is not in {settings.originals}; "
                            "no package was written.")
        original = m.Original(sha256=sha, file=row.get("file") or p.file, path=str(path),
                              size=path.stat().st_size, pages=row.get("pages"), added_at=row.get("added_at"),
                              format=identify(path))
        copies = sorted(settings.searchable.glob(f"{sha}*.pdf")) if settings.searchable.is_dir() else []
        if copies:
            original.copy_path = str(copies[0])
            original.copy_size = copies[0].stat().st_size
            original.copy_sha256 = sha256_file(copies[0])
            original.copy_format = identify(copies[0])
        out.append(original)
    return out


def write_manifest(fp, store, originals: list[m.Original], planned: dict[str, Planned], agencies: Agencies,
                   *, now: datetime, identifier: str) -> int:
    """The ArchiveTransfer, written one File unit at a time. Returns the number of Item units."""
    stamp = now.isoformat(timespec="seconds")
    items = 0
    with etree.xmlfile(fp, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(f"{{{m.NS}}}ArchiveTransfer", nsmap={None: m.NS}):
            n_records = sum(len(p.ids) for p in planned.values())
            xf.write(m.E("Comment", f"Versement de {n_records} document(s) en {len(originals)} fichier(s), "
                                    "préparé par archivage"))
            xf.write(m.E("Date", stamp))
            xf.write(m.E("MessageIdentifier", identifier))
            if agencies.agreement:
                xf.write(m.E("ArchivalAgreement", agencies.agreement))
            xf.write(m.E("CodeListVersions"))
            with xf.element(f"{{{m.NS}}}DataObjectPackage"):
                for original in originals:
                    xf.write(m.data_object_group(original))
                with xf.element(f"{{{m.NS}}}DescriptiveMetadata"):
                    for original in originals:
                        unit, n = file_unit(store, original, planned[original.sha256], agencies, stamp)
                        xf.write(unit)
                        items += n
                management = m.E("ManagementMetadata")
                m.sub(management, "AcquisitionInformation", "Versement")
                m.sub(management, "LegalStatus", "Public Archive")
                m.sub(management, "OriginatingAgencyIdentifier", agencies.originating_agency)
                m.sub(management, "SubmissionAgencyIdentifier", agencies.transferring_agency)
                xf.write(management)
            for tag, value in (("ArchivalAgency", agencies.archival_agency),
                               ("TransferringAgency", agencies.transferring_agency)):
                agency = m.E(tag)
                m.sub(agency, "Identifier", value)
                xf.write(agency)
    return items


def file_unit(store, original: m.Original, planned: Planned, agencies: Agencies, stamp: str):
    ids = [rid for _, rid in planned.ids]
    records = []
    for start in range(0, len(ids), BATCH):
        batch = store.get_many(ids[start:start + BATCH])
        records += [batch[i] for i in ids[start:start + BATCH] if i in batch]
    unit = m.E("ArchiveUnit", id=f"au-file-{original.sha256}")
    unit.append(m.file_content(original, records, agencies.originating_agency))
    reference = m.sub(unit, "DataObjectReference")
    m.sub(reference, "DataObjectGroupReferenceId", m.group_id(original.sha256))
    for record in records:
        unit.append(m.item_unit(record, agencies.originating_agency, stamp))
    return unit, len(records)


_schema = None


def schema() -> etree.XMLSchema:
    global _schema
    if _schema is None:
        _schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    return _schema


REFERENCES = {f"{{{m.NS}}}{tag}" for tag in ("DataObjectGroupReferenceId", "DataObjectReferenceId", "ArchiveUnitRefId")}


def validate(path: str | os.PathLike) -> None:
    """``SedaError`` with the first schema error unless the manifest is valid SEDA 2.3; read in a
    stream (each element dropped once checked), so a manifest of any size fits in memory.

    libxml2 does not check that an IDREF names an ID of the document (an ArchiveUnit pointing to a
    data object group that is not there): that is checked here, on the same pass.
    """
    ids, refs = set(), set()
    try:
        for _, element in etree.iterparse(str(path), events=("end",), schema=schema(), huge_tree=True):
            if element.get("id") is not None:
                ids.add(element.get("id"))
            elif element.tag in REFERENCES:
                refs.add((element.text or "").strip())
            element.clear(keep_tail=True)
            while element.getprevious() is not None:  # siblings already checked
                del element.getparent()[0]
    except etree.XMLSyntaxError as e:
        raise SedaError(f"The manifest is not valid SEDA 2.3 ({_schema_message(e)}); "
                        "no package was written.") from None
    dangling = sorted(refs - ids)
    if dangling:
        raise SedaError(f"The manifest is not valid SEDA 2.3 (it refers to {dangling[0]!r}, which it does not "
                        "hold); no package was written.")


def _schema_message(error) -> str:
    text = str(error.msg if hasattr(error, "msg") else error)
    return re.sub(r"\{fr:gouv:culture:archivesdefrance:seda:v2\.3\}", "", text).strip().rstrip(".")


def write_package(output: Path, manifest_path: Path, originals: list[m.Original],
                  progress: Callable[[str], None] | None = None) -> int:
    """The zip: manifest first, then the files streamed; returns the bytes of content written."""
    partial = output.with_name(output.name + ".partial")
    total = 0
    try:
        with zipfile.ZipFile(partial, "w", allowZip64=True) as zf:
            info = zipfile.ZipInfo("manifest.xml", date_time=datetime.now().timetuple()[:6])
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, READABLE
            with open(manifest_path, "rb") as src, zf.open(info, "w", force_zip64=True) as dst:
                while chunk := src.read(CHUNK):
                    dst.write(chunk)
            for n, original in enumerate(originals, 1):
                digest = _copy(zf, original.path, original.uri, original.size)
                if digest != original.sha256:
                    raise SedaError(f"The original of {original.file} in the archive no longer matches its "
                                    f"sha256 ({original.path}); no package was written.")
                total += original.size
                if original.copy_path:
                    if _copy(zf, original.copy_path, original.copy_uri, original.copy_size) != original.copy_sha256:
                        raise SedaError(f"The searchable copy of {original.file} changed while the package "
                                        "was written; no package was written.")
                    total += original.copy_size
                if progress and n % 100 == 0:
                    progress(f"{n}/{len(originals)} files written")
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return total


def _copy(zf: zipfile.ZipFile, path: str, name: str, size: int) -> str:
    info = zipfile.ZipInfo(name, date_time=datetime.fromtimestamp(os.stat(path).st_mtime).timetuple()[:6])
    info.compress_type, info.external_attr = zipfile.ZIP_STORED, READABLE
    info.file_size = size
    digest = hashlib.sha256()
    with open(path, "rb") as src, zf.open(info, "w", force_zip64=size >= 1 << 31) as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    return digest.hexdigest()


def export_seda(store, settings, output: str | os.PathLike, agencies: Agencies, *, ids: list[str] | None = None,
                query: str = "", filters: dict | None = None, now: datetime | None = None,
                progress: Callable[[str], None] | None = None) -> dict:
    """Write the transfer package of the selected records (every record by default) to ``output``.

    Returns what was written: records, files, bytes of content, the message identifier.
    """
    output = Path(output)
    if not output.parent.is_dir():
        raise SedaError(f"The folder {output.parent} does not exist; no package was written.")
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    identifier = f"archivage-{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:12]}"
    planned = plan(store, ids=ids, query=query, filters=filters)
    if not planned:
        raise SedaError("No record matches the selection; no package was written.")
    originals = locate(store, settings, planned)
    fd, manifest_name = tempfile.mkstemp(prefix=".manifest-", suffix=".xml", dir=output.parent)
    manifest_path = Path(manifest_name)
    try:
        with os.fdopen(fd, "wb") as fp:
            items = write_manifest(fp, store, originals, planned, agencies, now=now, identifier=identifier)
        validate(manifest_path)
        size = write_package(output, manifest_path, originals, progress)
    finally:
        manifest_path.unlink(missing_ok=True)
    return {"records": items, "files": len(originals), "bytes": size, "message_identifier": identifier,
            "date": now.isoformat(timespec="seconds"), "output": str(output)}
