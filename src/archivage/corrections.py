"""People's corrections of records: what may be corrected, how a value is checked, how it is applied.

A correction sets one field of a record (type, date, title, signatories, addressees, dates, figures) to the
value a person gave, or clears one of the record's doubts (``review``: the field a person has checked).
The record keeps the corrected value and, in its ``corrections`` list, the history (field, before, after,
who, when); its ``review`` list loses the items of the corrected or checked field. The store keeps every
correction apart and applies them again when the pipeline stores the file anew: a value a person gave is
never overwritten by a new extraction. Exports carry the ``corrections`` list, so a corrected value is
known to be checked by a person.

Plain functions over record dicts: the store (``Store.correct``), the web pages and the API call them.
"""

from __future__ import annotations

import copy
import re

from .errors import ArchivageError
from .records import FIGURE_KINDS, TYPES

FIELDS = ("type", "date", "title", "signatories", "addressees", "dates", "figures")
_ISO = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


class CorrectionError(ArchivageError):
    """A correction that cannot be applied (unknown field, value of the wrong form)."""


def check(field: str, value):
    """The value in the record's own form, or ``CorrectionError`` with one sentence saying what is wrong."""
    if field == "type":
        if value not in TYPES:
            raise CorrectionError(f"The type must be one of {', '.join(TYPES)}, not {value!r}.")
        return value
    if field == "date":
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not _valid_date(value):
            raise CorrectionError(f"A date is written 2019, 2019-03 or 2019-03-15, not {value!r}.")
        return value
    if field == "title":
        if value is not None and not isinstance(value, str):
            raise CorrectionError("A title is a line of text.")
        value = " ".join((value or "").split())
        if len(value) > 500:
            raise CorrectionError("A title has at most 500 characters.")
        return value or None
    if field in ("signatories", "addressees"):
        return [_person(p, field) for p in _list(value, field)]
    if field == "dates":
        out = []
        for d in _list(value, field):
            iso = d.get("value") if isinstance(d, dict) else d
            if not isinstance(iso, str) or not _valid_date(iso):
                raise CorrectionError(f"Each date is written 2019, 2019-03 or 2019-03-15, not {iso!r}.")
            out.append({**d, "value": iso} if isinstance(d, dict) else {"value": iso, "text": iso})
        return out
    if field == "figures":
        out = []
        for f in _list(value, field):
            if not isinstance(f, dict) or f.get("kind") not in FIGURE_KINDS:
                raise CorrectionError(f"Each figure has a value and a kind among {', '.join(FIGURE_KINDS)}.")
            try:
                number = float(str(f.get("value")).replace(",", ".").replace(" ", ""))
            except ValueError:
                raise CorrectionError(f"The value of a figure is a number, not {f.get('value')!r}.") from None
            out.append({**f, "value": int(number) if number.is_integer() else number})
        return out
    raise CorrectionError(f"The field {field!r} cannot be corrected; one of: {', '.join(FIELDS)}.")


def _valid_date(value: str) -> bool:
    if not _ISO.match(value):
        return False
    if len(value) == 10:
        import datetime as dt

        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    return True


def _list(value, field: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CorrectionError(f"The {field} are a list.")
    return value


def _person(p, field: str) -> dict:
    if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"].strip():
        raise CorrectionError(f"Each of the {field} has a name.")
    out = {**p, "name": " ".join(p["name"].split()), "function": " ".join((p.get("function") or "").split()) or None}
    if field == "addressees":
        out.setdefault("address", None)
    return out


def apply(record: dict, field: str, value, *, by: str, at: str) -> dict:
    """A copy of the record with the field corrected (checked first), its history and its doubts updated."""
    after = check(field, value)
    out = copy.deepcopy(record)
    entry = {"field": field, "before": out.get(field), "after": after, "by": by, "at": at}
    out[field] = after
    out["review"] = [r for r in out.get("review") or [] if r.get("field") != field]
    out["corrections"] = [*out.get("corrections", []), entry]
    return out


def clear_doubt(record: dict, field: str, *, by: str, at: str) -> dict:
    """A copy of the record whose doubts on ``field`` a person has checked and found right."""
    doubts = [r for r in record.get("review") or [] if r.get("field") == field]
    if not doubts:
        raise CorrectionError(f"The record has nothing to check on its {field}.")
    out = copy.deepcopy(record)
    out["review"] = [r for r in out["review"] if r.get("field") != field]
    entry = {"field": "review", "before": doubts, "after": field, "by": by, "at": at}
    out["corrections"] = [*out.get("corrections", []), entry]
    return out


def reapply(record: dict, history: list[dict]) -> dict:
    """A record the pipeline extracted again, with the corrections people made to its previous version."""
    out = record
    for entry in history:
        if entry["field"] == "review":
            if any(r.get("field") == entry["after"] for r in out.get("review") or []):
                out = clear_doubt(out, entry["after"], by=entry["by"], at=entry["at"])
            else:
                out = {**out, "corrections": [*out.get("corrections", []), entry]}
        else:
            out = apply(out, entry["field"], entry["after"], by=entry["by"], at=entry["at"])
            out["corrections"][-1]["before"] = entry["before"]
    return out
