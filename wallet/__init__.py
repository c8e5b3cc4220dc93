"""Posvid wallet: the citizen's wallet."""
