"""Consultation screens: the quick entry built for a phone call."""
