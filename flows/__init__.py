"""Prefect flows and deployments: thin orchestration over the ``archivage`` library.

Set before Prefect is imported: offline machines otherwise log telemetry errors, and the
library's own log lines (``archivage.*``) should appear in the Prefect UI next to the flow's.
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "archivage")
