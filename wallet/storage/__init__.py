"""The wallet's storage: one SQLite file, every personal value sealed."""
