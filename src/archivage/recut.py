"""People fixing the cut of a file into documents: join two neighbouring documents, split one at a page.

A person's edits are kept per file (``Store.cut``) as page-level changes to the automatic segmentation —
``splits``: pages where a document must begin, ``joins``: documents (by first page and rank on that page)
that must continue the one before — and replayed over it whenever the file's records are made again, so a
fixed cut survives a new version of the segmenter. Only the documents whose pages changed are extracted
again; the others keep their stored record (and its corrections).
"""

from __future__ import annotations

from .config import Settings
from .errors import ArchivageError
from .model import Document, Page


class CutError(ArchivageError):
    """A join or split that cannot be made (no such document, a page that already begins one)."""


def _shift(doc: Document, by: int) -> Document:
    return Document(doc.text, [(o + by, p) for o, p in doc.page_starts],
                    [(a + by, b + by, side) for a, b, side in doc.furniture], [(o + by, t) for o, t in doc.stamps])


def join(a: Document, b: Document) -> Document:
    """One document: ``a`` then ``b``."""
    moved = _shift(b, len(a.text) + 2)
    starts = a.page_starts + [(o, p) for o, p in moved.page_starts if p != a.page_starts[-1][1]]
    return Document(a.text + "\n\n" + b.text, starts, a.furniture + moved.furniture, a.stamps + moved.stamps)


def split(doc: Document, page: int) -> tuple[Document, Document]:
    """Two documents: the pages of ``doc`` before ``page``, and the rest."""
    at = next((o for o, p in doc.page_starts if p == page), None)
    if at is None or at == 0:
        raise CutError(f"Page {page} is not inside this document.")
    end = at - 2 if doc.text[at - 2:at] == "\n\n" else at
    first = Document(doc.text[:end], [(o, p) for o, p in doc.page_starts if o < at],
                     [s for s in doc.furniture if s[1] <= end], [s for s in doc.stamps if s[0] < at])
    rest = Document(doc.text[at:], [(o - at, p) for o, p in doc.page_starts if o >= at],
                    [(a - at, b - at, side) for a, b, side in doc.furniture if a >= at],
                    [(o - at, t) for o, t in doc.stamps if o >= at])
    return first, rest


def keys(docs: list[Document]) -> list[tuple[int, int]]:
    """(first page, rank among the documents beginning on that page): what names a document in a cut."""
    seen: dict[int, int] = {}
    out = []
    for d in docs:
        first = d.pages[0] if d.pages else 1
        seen[first] = seen.get(first, 0) + 1
        out.append((first, seen[first]))
    return out


def apply(docs: list[Document], edits: dict) -> list[Document]:
    """The documents with a person's splits, then joins, made (edits that no longer fit are skipped)."""
    docs = list(docs)
    for page in sorted(edits.get("splits") or []):
        for i, d in enumerate(docs):
            if page in d.pages and d.pages[0] != page:
                docs[i:i + 1] = list(split(d, page))
                break
    joins = {tuple(k) for k in edits.get("joins") or []}
    out: list[Document] = []
    for d, key in zip(docs, keys(docs), strict=True):
        if out and key in joins:
            out[-1] = join(out[-1], d)
        else:
            out.append(d)
    return out


def edit(edits: dict, *, join_key: tuple[int, int] | None = None, split_page: int | None = None) -> dict:
    """The edits with one more join (of the document ``join_key`` to the one before) or split (at ``split_page``);
    undoing an earlier edit removes it rather than adding its opposite."""
    splits = set(edits.get("splits") or [])
    joins = {tuple(k) for k in edits.get("joins") or []}
    if join_key is not None:
        if join_key[1] == 1 and join_key[0] in splits:
            splits.discard(join_key[0])
        else:
            joins.add(tuple(join_key))
    if split_page is not None:
        if (split_page, 1) in joins:
            joins.discard((split_page, 1))
        else:
            splits.add(split_page)
    return {"splits": sorted(splits), "joins": sorted([list(k) for k in joins])}


def file_pages(settings: Settings, store, sha256: str) -> list[Page]:
    """The pages of a stored original as the pipeline read them (from its cache; a page missing there is read again)."""
    from .pageimages import original
    from .pages import read_pages

    return read_pages(original(store, sha256), languages=settings.languages, dpi=settings.dpi,
                      cache_dir=settings.cache, workers=1)


def recut(settings: Settings, store, sha256: str, *, by: str, join_key=None, split_page=None) -> list[dict]:
    """Join or split documents of a stored file, extract again the documents whose pages changed, store the
    new records and the cut; returns the file's records in order."""
    from .pipeline import extract_documents
    from .segment import segment

    rows = store._rows("SELECT file FROM originals WHERE sha256 = ?", (sha256,))
    if not rows:
        raise CutError("This file is not in the archive.")
    file = rows[0][0]
    pages = file_pages(settings, store, sha256)
    base = segment(pages)
    before = apply(base, store.cut(sha256))
    edits = edit(store.cut(sha256), join_key=join_key, split_page=split_page)
    after = apply(base, edits)
    if [d.pages for d in after] == [d.pages for d in before]:
        raise CutError("This change does not alter the cut of the file.")
    stored = {tuple(r["source"]["pages"]): r for r in
              store.get_many([r[0] for r in store._rows("SELECT id FROM records WHERE sha256 = ?", (sha256,))]).values()}
    records = extract_documents(after, pages, file=file, sha256=sha256)
    kept = [stored.get(tuple(r["source"]["pages"])) if tuple(r["source"]["pages"]) in stored
            and stored[tuple(r["source"]["pages"])]["id"] == r["id"] else r for r in records]
    store.recut(sha256, edits, kept, by=by)
    return kept
