"""Models of the costing app: the document pipeline and the tjänsteutlåtande (issue 10)."""

from .documents.models import *  # noqa: F403
