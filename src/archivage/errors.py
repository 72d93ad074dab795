"""Errors a user can cause: each carries one sentence meant for the user, never a traceback."""


class ArchivageError(Exception):
    """Base class: str(error) is the sentence shown to the user."""


class BadInput(ArchivageError):
    """A file that cannot be processed (corrupt, encrypted, empty, wrong type)."""


class ConfigError(ArchivageError):
    """A setting or an environment that does not work (missing model, bad database URL)."""
