"""Short guidance per family of financing forms: the key conditions, in our own words."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

GUIDANCE: dict[str, list[str | Promise]] = {
    "grant": [
        _(
            "A grant supports the organisation's own work for a purpose the municipality wants "
            "to promote; it does not buy a service, and nothing is delivered in return."
        ),
        _(
            "A yearly base grant supports the organisation as a whole; a grant per activity "
            "pays for one defined activity."
        ),
        _(
            "The committee decides on the grant and its conditions; the organisation reports "
            "how the money was used."
        ),
    ],
    "procurement": [
        _(
            "When the municipality buys a service for its own needs, the procurement rules "
            "(LOU) apply."
        ),
        _(
            "A direct award, without advertising, is only allowed up to the direct award limit "
            "in force (shown below with its source). Count the value of the whole contract "
            "period and of similar purchases."
        ),
        _(
            "Above the EU thresholds, more rules apply. Under LOV the municipality sets the "
            "terms and the price, and the user chooses among every provider that meets them."
        ),
    ],
    "iop": [
        _(
            "No law regulates an IOP, so it must not become a direct award in disguise or "
            "state aid that is not allowed."
        ),
        _(
            "The parties share a need and set a goal of public benefit together; both "
            "contribute, with money, volunteer time or premises."
        ),
        _(
            "The initiative comes from the idea-based organisation, and nothing ready-made is "
            "bought. Since 2023 such organisations can register with Kammarkollegiet."
        ),
    ],
    "social_outcomes": [
        _(
            "At least three roles: a public body responsible for the outcome, a funder and a "
            "provider."
        ),
        _(
            "Part of the payment depends on outcomes that are measured, often up to a cap; "
            "agree on the indicators, their baseline and how they are measured before starting."
        ),
        _("Norrköping signed the first such contract in Sweden."),
    ],
    "external": [
        _(
            "Project money ends: plan from the start how the work continues, and prepare the "
            "decision memo in good time before the last payment."
        ),
        _(
            "ESF+ usually pays roughly 40 to 60 percent of the costs; the rest is co-financing, "
            "often the partners' working time reported in whole hours."
        ),
        _("Follow the funder's rules on which costs count and how they are reported."),
    ],
    "in_kind": [
        _(
            "Premises, staff, expertise or contacts a party provides without payment; give them "
            "a value in the calculation so the full cost shows."
        ),
        _("A yearly premises agreement is written down and decided like any other support."),
        _("Documented in-kind support can count as co-financing with some funders."),
    ],
}
