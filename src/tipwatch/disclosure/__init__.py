"""Disclosure control: small-cell suppression and the exact-interval audit of everything published (pure)."""
