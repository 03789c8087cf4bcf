"""Build errors (构建错误) that name the page and the sentence, and build notices that must not fail a strict build.

Under MkDocs / ProperDocs the errors are that engine's ``PluginError``, which it reports as one line and stops
the build with; under any other engine they are plain exceptions with the same message.
"""

from __future__ import annotations

import logging

try:  # the engine this site builds with (ProperDocs), then MkDocs, then none
    from properdocs.exceptions import PluginError as _Base
except ImportError:  # pragma: no cover - depends on the engine installed
    try:
        from mkdocs.exceptions import PluginError as _Base
    except ImportError:
        _Base = Exception

__all__ = ["ContentError", "EngineError", "MarkerError", "warn"]

EngineError = _Base
"""The engine's own error class (reported as one line, the build stopped), or ``Exception`` without one."""

log = logging.getLogger("wdyq.build")
log.propagate = False
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.WARNING)


class ContentError(_Base):
    """A page breaks a content rule (an unhedged citation of a partly-unverified source, a sentence that
    hard-codes "now", a hand-written 最后核实 line); the message names the page and the sentence."""


class MarkerError(ContentError):
    """A page uses a marker that names something that does not exist, or in the wrong place."""


def warn(message: str) -> None:
    """Print one build warning that does not fail a strict build (a logger of its own: MkDocs counts every
    WARNING of its ``mkdocs.*`` loggers as a failure under ``--strict``)."""
    log.warning(message)
