"""Plumbing the three roles share: QR rendering and scanning, on-device SQLite stores, URL rules,
the protocol vocabulary and the error base they derive from.

This package imports no role (``issuer``, ``wallet``, ``verifier``) and nothing from the layer
above the roles (``posvid.demo``, ``posvid.cli``); ``tests/test_layering.py`` holds it to that.
"""
