"""Revisions of the collaboration plan, the parties' approvals, the timeline and the print."""
