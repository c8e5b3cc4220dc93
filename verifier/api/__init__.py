"""The verifier's HTTP API and officer page."""
