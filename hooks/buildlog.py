"""Build notices that must be seen but must not fail ``mkdocs build --strict`` (stale dates), and content errors.

MkDocs counts every WARNING of its own ``mkdocs.*`` loggers as a failure under ``--strict``; these go through a
logger of their own, printed to stderr in MkDocs' format even with ``--quiet``.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

log = logging.getLogger("wdyq.build")
log.propagate = False
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.WARNING)


def warn(message: str) -> None:
    """Print one build warning that does not fail a strict build."""
    log.warning(message)


class ContentError(PluginError):
    """A page breaks a content rule; the message names the page and the sentence."""


def content_problem(message: str) -> None:
    """Fail the build for a content rule a page breaks (an unhedged citation of a partly-unverified source, a
    sentence that hard-codes "now")."""
    raise ContentError(message)
