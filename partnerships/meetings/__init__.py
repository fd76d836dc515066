"""Meetings, their follow-up actions and the calendar export (step 2)."""
