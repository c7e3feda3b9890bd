"""Knowledge-base screens."""
