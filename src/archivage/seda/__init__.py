"""SEDA 2.3 transfer packages (SIP) for an archives service: ``archivage export --format seda``.

``package`` selects, validates and writes; ``manifest`` builds the elements; ``formats`` names
the files' formats (MIME, PRONOM). The schemas are in ``xsd/`` (SEDA 2.3 as published by the
Service interministériel des Archives de France, with the W3C ``xml.xsd`` and ``xlink.xsd``
they import), so that validation needs no network.
"""

from .package import SCHEMA, SETTINGS, Agencies, SedaError, agencies, export_seda, validate

__all__ = ["SCHEMA", "SETTINGS", "Agencies", "SedaError", "agencies", "export_seda", "validate"]
