"""archivage: OCR, segmentation, metadata extraction and search for French council documents.

The public API is small; every stage lives in its own module and is a plain
function over plain data, so it can run from the CLI, from tests or from the
Prefect flows in ``flows/`` (the library never imports Prefect).
"""

__version__ = "0.1.0"
