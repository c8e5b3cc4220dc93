"""Posvid's shared plumbing and umbrella command line."""

__version__ = "0.1.0"
