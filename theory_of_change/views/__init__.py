"""Views of the theory of change, split by topic."""
