"""The verifier's routes: the JSON API, the officer's pages, the trust page."""
