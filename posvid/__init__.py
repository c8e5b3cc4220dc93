"""Posvid: the umbrella command and the demo (above the roles), and ``posvid.common``, the
plumbing the roles share (below them)."""

from .common.vocabulary import VERSION

__version__ = VERSION
