"""Candidate partners and their fit with the guide's criteria (step 1)."""
