"""Tables of the tier record and official statistics (issue 2)."""
