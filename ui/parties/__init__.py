"""当事人 screens: the party window, the party finder, showing masked personal data in full, merging."""
