"""Fixtures, builders and case tables the test modules share."""
