"""The archive in a browser: search, read beside the scan, correct, review (in French), and a REST API.

``create_app(settings)`` builds the ASGI application; ``archivage serve`` runs it with uvicorn. One
module per view family: ``auth`` (sign in and out), ``search``, ``records`` (record page, page images,
downloads, corrections, the review queue), ``files`` (files, upload, status), ``api``. They call the
library's plain functions (``search.find``, ``Store.correct``, ``accounts``, ``pageimages``).
"""

from .app import create_app

__all__ = ["create_app"]
