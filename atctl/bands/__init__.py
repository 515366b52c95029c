"""Pure band logic: band relations, vendor mask codecs, coverage check, minimal masks."""
