"""The manifest's elements, in the order of the SEDA 2.3 schema (``xsd/seda-2.3-ontology.xsd``).

One ``File`` archive unit per source file, holding one ``Item`` unit per document (record);
the file's data objects (the original and its searchable copy) form one ``DataObjectGroup``
that the ``File`` unit references: a group belongs to one unit, and the documents of a
dossier are pages of one original. Descriptions are in French, as the records are.

What a person corrected is already the record's value (``corrections.apply``); each
correction is also an ``Event`` of the document (type ``Correction``, the person, when,
before and after), so the archives service knows which values a person checked. Values
without such an event were extracted by archivage, as the File unit's custodial history says.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from lxml import etree

from ..store.dates import date_range

NS = "fr:gouv:culture:archivesdefrance:seda:v2.3"
XML_NS = "http://www.w3.org/XML/1998/namespace"

DOCUMENT_TYPES = {"lettre": "Lettre", "voeu": "Vœu", "communique": "Communiqué de presse",
                  "compte_rendu": "Compte rendu", "note": "Note", "deliberation": "Délibération",
                  "arrete": "Arrêté", "autre": "Autre document"}
KEYWORD_TYPES = {"PER": "persname", "PERSON": "persname", "LOC": "geogname", "GPE": "geogname",
                 "ORG": "corpname"}
FIELD_NAMES = {"type": "type", "date": "date", "title": "titre", "signatories": "signataires",
               "addressees": "destinataires", "dates": "dates citées", "figures": "chiffres",
               "review": "point à vérifier"}
CIVILITIES = {"m.", "mr", "mr.", "mme", "mme.", "mlle", "monsieur", "madame", "mademoiselle", "me", "dr", "dr."}
PARTICLES = {"de", "du", "des", "le", "la", "van", "von", "di", "da", "del", "della"}
DESCRIPTION_CHARS = 400


def E(tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.Element(f"{{{NS}}}{tag}", {k: str(v) for k, v in attrs.items()}, nsmap={None: NS})
    if text is not None:
        element.text = _xml_text(text)
    return element


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    child = E(tag, text, **attrs)
    parent.append(child)
    return child


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text) -> str:
    """OCR text can hold control characters (and JSON lone surrogates) XML 1.0 forbids: they carry
    nothing, drop them."""
    return _CONTROL.sub("", str(text))


def flat(text: str | None) -> str:
    return " ".join((text or "").split())


# -- names, dates, descriptions -------------------------------------------------------------------

def split_name(name: str) -> tuple[str | None, str | None]:
    """(first name, birth name) where the name says which is which, else (None, None).

    "Christophe CASTANER" and "CASTANER Christophe": the capitals are the surname. "Eric
    Lejoindre": two words, first name then surname. "Jean de La Fontaine": the particle opens
    the surname. "Anne Marie Dupont" could be either way: not split (FullName only).
    """
    words = flat(name).split()
    if words and words[0].lower() in CIVILITIES:
        words = words[1:]
    if len(words) < 2:
        return None, None
    upper = [w.isupper() and len(w.strip(".-'’")) > 1 for w in words]
    if any(upper) and not all(upper):
        n = sum(upper)
        if all(upper[-n:]):
            return " ".join(words[:-n]), " ".join(words[-n:])
        if all(upper[:n]):
            return " ".join(words[n:]), " ".join(words[:n])
        return None, None
    if len(words) == 2:
        return words[0], words[1]
    for i, w in enumerate(words[1:], 1):
        if w.lower() in PARTICLES or re.match(r"^d['’]", w, re.I):
            return (" ".join(words[:i]), " ".join(words[i:])) if i == 1 else (None, None)
    return None, None


def valid_date(value) -> str | None:
    """The ISO value (2019, 2019-03, 2019-03-15) when it is one; it stays as precise as it was."""
    if isinstance(value, str) and date_range(value)[0]:
        return value
    return None


def date_span(values) -> tuple[str | None, str | None]:
    """The earliest and the latest of the dates, each as written (a month stays a month): the
    start is the date whose first day comes first, the end the one whose last day comes last."""
    dates = [v for v in map(valid_date, values) if v]
    if not dates:
        return None, None
    start = min(dates, key=lambda v: (date_range(v)[0], -len(v)))
    end = max(dates, key=lambda v: (date_range(v)[1], -len(v)))
    return start, end


def description(record: dict) -> str | None:
    """The vœu's demands, or the first lines of the text, cut at a word."""
    demands = [flat(d) for d in ((record.get("voeu") or {}).get("demandes") or []) if flat(d)]
    if demands:
        return "Demandes : " + " ; ".join(demands)
    text = flat(record.get("text"))
    if len(text) <= DESCRIPTION_CHARS:
        return text or None
    cut = text[:DESCRIPTION_CHARS]
    return cut[:cut.rfind(" ")].rstrip(" ,;:") + " …" if " " in cut else cut + "…"


def title(record: dict) -> str:
    if flat(record.get("title")):
        return flat(record["title"])
    label = DOCUMENT_TYPES.get(record.get("type"), "Document")
    return f"{label} du {record['date']}" if record.get("date") else f"{label} sans date"


def pages_text(pages: list[int]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return f"page {pages[0]}"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"pages {pages[0]} à {pages[-1]}"
    return "pages " + ", ".join(map(str, pages))


# -- archive units ----------------------------------------------------------------------------

def unit_id(record_id: str) -> str:
    """An xsd:ID (an NCName) from a record id such as 10d9dab4e1aa9afd-p3.2."""
    return "au-" + re.sub(r"[^\w.-]", "_", record_id)


def group_id(sha256: str) -> str:
    return f"og-{sha256}"


def agent(tag: str, person: dict) -> etree._Element | None:
    name = flat(person.get("name"))
    if not name:
        return None
    element = E(tag)
    first, birth = split_name(name)
    if first and birth:
        sub(element, "FirstName", first)
        sub(element, "BirthName", birth)
    sub(element, "FullName", name)
    if flat(person.get("function")):
        sub(element, "Function", flat(person["function"]))
    return element


def keywords(record: dict) -> list[etree._Element]:
    seen: dict[str, None] = {}
    out = []
    for entity in record.get("entities") or []:
        kind = KEYWORD_TYPES.get(entity.get("label"))
        text = flat(entity.get("text"))
        if not kind or not text or (kind, text.casefold()) in seen:
            continue
        seen[(kind, text.casefold())] = None
        keyword = E("Keyword")
        sub(keyword, "KeywordContent", text)
        sub(keyword, "KeywordType", kind)
        out.append(keyword)
    return out


def correction_event(entry: dict, n: int, record_id: str, default_time: str) -> etree._Element:
    field = entry.get("field")
    label = FIELD_NAMES.get(field, field)
    event = E("Event")
    sub(event, "EventIdentifier", f"{record_id}-correction-{n}")
    sub(event, "EventTypeCode", "Correction")
    sub(event, "EventType", "Valeur vérifiée par une personne")
    sub(event, "EventDateTime", entry.get("at") or default_time)
    if field == "review":
        detail = f"{label} levé par {entry.get('by')} : {entry.get('after')} vérifié et confirmé"
    else:
        detail = (f"{label} corrigé par {entry.get('by')} : {_short(entry.get('before'))} → "
                  f"{_short(entry.get('after'))}")
    sub(event, "EventDetail", detail)
    sub(event, "Outcome", "OK")
    data = json.dumps({"field": field, "before": entry.get("before"), "after": entry.get("after")},
                      ensure_ascii=False)
    sub(event, "EventDetailData", data)
    linking = sub(event, "LinkingAgentIdentifier")
    sub(linking, "LinkingAgentIdentifierType", "person")
    sub(linking, "LinkingAgentIdentifierValue", entry.get("by") or "inconnu")
    sub(linking, "LinkingAgentRole", "corrector")
    return event


def _short(value) -> str:
    if value in (None, "", []):
        return "(vide)"
    if isinstance(value, list):
        return " ; ".join(_short(v.get("name") or v.get("value") or v.get("text")) if isinstance(v, dict)
                          else _short(v) for v in value)
    return flat(str(value))


def item_unit(record: dict, originating_agency: str, now: str) -> etree._Element:
    unit = E("ArchiveUnit", id=unit_id(record["id"]))
    content = sub(unit, "Content")
    sub(content, "DescriptionLevel", "Item")
    sub(content, "Title", title(record), **{f"{{{XML_NS}}}lang": "fr"})
    sub(content, "OriginatingSystemId", record["id"])
    text = description(record)
    where = pages_text((record.get("source") or {}).get("pages") or [])
    if text or where:
        where_text = f"({where} du fichier {record['source']['file']})" if where else ""
        sub(content, "Description", f"{text} {where_text}".strip() if text else where_text)
    sub(content, "DocumentType", DOCUMENT_TYPES.get(record.get("type"), "Autre document"))
    sub(content, "Language", "fra")
    sub(content, "DescriptionLanguage", "fra")
    for keyword in keywords(record):
        content.append(keyword)
    organisation = sub(content, "OriginatingAgency")
    sub(organisation, "Identifier", originating_agency)
    for tag, people in (("Writer", record.get("signatories")), ("Addressee", record.get("addressees"))):
        for person in people or []:
            element = agent(tag, person)
            if element is not None:
                content.append(element)
    own = valid_date(record.get("date"))
    if own:
        sub(content, "SentDate" if record.get("type") == "lettre" else "CreatedDate", own)
    start, end = date_span(d.get("value") for d in record.get("dates") or [])
    if start:
        sub(content, "StartDate", start)
        sub(content, "EndDate", end)
    for n, entry in enumerate(record.get("corrections") or [], 1):
        content.append(correction_event(entry, n, record["id"], now))
    return unit


@dataclass
class Original:
    """A source file of the selection: what its File unit and its data object group need."""
    sha256: str
    file: str
    path: str
    size: int
    pages: int | None
    added_at: str | None
    format: object  # formats.Format
    copy_path: str | None = None  # the searchable PDF, when there is one
    copy_size: int | None = None
    copy_sha256: str | None = None
    copy_format: object = None

    @property
    def uri(self) -> str:
        return f"content/{self.sha256}{_extension(self.format, self.path)}"

    @property
    def copy_uri(self) -> str:
        return f"content/{self.sha256}-searchable.pdf"


def _extension(fmt, path: str) -> str:
    from .formats import EXTENSIONS

    return EXTENSIONS.get(getattr(fmt, "kind", None)) or (re.search(r"\.\w+$", path) or [""])[0]


def data_object_group(original: Original) -> etree._Element:
    group = E("DataObjectGroup", id=group_id(original.sha256))
    stem = re.sub(r"\.\w+$", "", original.file)
    group.append(binary_object(f"bdo-{original.sha256}-master", "BinaryMaster_1", original.uri, original.sha256,
                               original.size, original.format, original.file))
    if original.copy_path:
        group.append(binary_object(f"bdo-{original.sha256}-dissemination", "Dissemination_1", original.copy_uri,
                                   original.copy_sha256, original.copy_size, original.copy_format,
                                   f"{stem}-searchable.pdf"))
    return group


def binary_object(oid: str, version: str, uri: str, sha256: str, size: int, fmt, filename: str) -> etree._Element:
    obj = E("BinaryDataObject", id=oid)
    sub(obj, "DataObjectVersion", version)
    sub(obj, "Uri", uri)
    sub(obj, "MessageDigest", sha256, algorithm="SHA-256")
    sub(obj, "Size", str(size))
    identification = sub(obj, "FormatIdentification")
    sub(identification, "FormatLitteral", fmt.name)
    sub(identification, "MimeType", fmt.mime)
    if fmt.pronom:
        sub(identification, "FormatId", fmt.pronom)
    info = sub(obj, "FileInfo")
    sub(info, "Filename", filename)
    return obj


def file_content(original: Original, records: list[dict], originating_agency: str) -> etree._Element:
    """The File unit's Content: the file's name, what it holds, its custody, its extreme dates."""
    content = E("Content")
    sub(content, "DescriptionLevel", "File")
    sub(content, "Title", original.file)
    sub(content, "OriginatingSystemId", original.sha256)
    pages = f"{original.pages} page(s), " if original.pages else ""
    sub(content, "Description", f"Fichier numérisé : {pages}{len(records)} document(s) : "
        + " ; ".join(title(r) for r in records[:50]) + (" ; …" if len(records) > 50 else ""))
    history = sub(content, "CustodialHistory")
    when = valid_date((original.added_at or "")[:10])
    item = sub(history, "CustodialHistoryItem",
               "Fichier reçu par archivage ; texte lu par OCR ; documents, types, dates, signataires, "
               "destinataires et mots-clés extraits automatiquement. Les valeurs qu'une personne a "
               "vérifiées ou corrigées sont les événements « Correction » des documents.")
    if when:
        item.set("when", when)
    sub(content, "Language", "fra")
    sub(content, "DescriptionLanguage", "fra")
    organisation = sub(content, "OriginatingAgency")
    sub(organisation, "Identifier", originating_agency)
    start, end = date_span(r.get("date") for r in records)
    if start:
        sub(content, "StartDate", start)
        sub(content, "EndDate", end)
    return content
