"""Progress bars for the terminal: one for the files of a run, one for the pages of a file.

tqdm hides itself when standard error is not a terminal (``disable=None``), so logs, tests and
scheduled runs under ``watch`` stay clean.
"""

from __future__ import annotations

import sys

from tqdm import tqdm


def files_bar(total: int) -> tqdm:
    return tqdm(total=total, desc="files", unit="file", position=0, disable=None, file=sys.stderr,
                dynamic_ncols=True)


def pages_bar(name: str, total: int) -> tqdm:
    return tqdm(total=total, desc=name[:40], unit="page", position=1, leave=False, disable=None,
                file=sys.stderr, dynamic_ncols=True)


def say(message: str) -> None:
    """Print a line without breaking the bars."""
    tqdm.write(message, file=sys.stderr)
