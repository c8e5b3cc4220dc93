"""Posvid verifier: the offline verifier."""
