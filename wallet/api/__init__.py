"""The wallet's local web page."""
