"""The verifier's storage: trust store, status list cache, replay window, audit chain."""
