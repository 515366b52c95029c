"""Diagnostics bundle for support tickets: collect -> classify (findings) -> redact -> pack."""
