"""The starting templates: example chains based on the guide's cases, and a guided blank one.

Each example says which facts come from the guide and what is illustrative: the guide
describes the cases but does not publish their chains, so an example's goals, indicators and
figures other than the guide's own are there to show the shape of a chain, nothing more.
The chains are JSON files in `templates_data/`, in the export format, read by the strict reader.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .chain import Chain
from .serialise import chain_from_dict

DATA = Path(__file__).parent / "templates_data"


@dataclass(frozen=True)
class StartingPoint:
    slug: str
    filename: str
    title: str | Promise
    summary: str | Promise
    # Facts and figures the guide gives about the case (empty for the guided blank).
    from_guide: tuple[str | Promise, ...] = ()
    # What in the chain is the platform's illustration, not the case.
    illustrative: str | Promise = ""
    # The guide's questions, in its order (the guided blank).
    questions: tuple[str | Promise, ...] = field(default=())

    def chain(self) -> Chain:
        return chain_from_dict(json.loads((DATA / self.filename).read_text(encoding="utf-8")))


STARTING_POINTS: dict[str, StartingPoint] = {
    point.slug: point
    for point in (
        StartingPoint(
            slug="eskilstuna",
            filename="eskilstuna_youth_employment.json",
            title=_("Youth employment: an example based on Eskilstuna and Right By Me"),
            summary=_(
                "An illustrative chain based on the case the guide describes: Eskilstuna "
                "municipality and the social enterprise Right By Me, whose Right to Work method "
                "gives young people a social context and paid first work experience."
            ),
            from_guide=(
                _("78 young people took part in the pilot."),
                _(
                    "The parties held five full-day meetings on the target group, the vision and the solutions."
                ),
                _("The project was funded by the European Social Fund."),
            ),
            illustrative=_(
                "The guide does not publish the partnership's chain: the activities, outcomes, "
                "indicators, their values and dates here are an illustration."
            ),
        ),
        StartingPoint(
            slug="boden",
            filename="boden_industry_jobs.json",
            title=_("Industry jobs and belonging: an example based on Boden"),
            summary=_(
                "An illustrative chain based on the case the guide describes: Boden municipality, "
                "Sunderby folk high school, Bodens Utveckling AB and Reach for Change, working so "
                "that people who come for the new industry jobs, and those who come with them, "
                "find a place in the community (the Kraftsamling concept)."
            ),
            from_guide=(
                _(
                    "The industrial establishment is expected to bring about 1,500 new industry jobs."
                ),
                _("The feasibility study was funded by Vinnova."),
                _(
                    "Three co-creation workshops, two network meetings for the target group and one job market."
                ),
            ),
            illustrative=_(
                "Goals and indicators are suggestions: they carry no figures. You set the baseline "
                "and the target."
            ),
        ),
        StartingPoint(
            slug="liepaja",
            filename="liepaja_house_of_hope.json",
            title=_("Mentoring young people: an example based on Liepāja and House of Hope"),
            summary=_(
                "An illustrative chain based on the case the guide describes: the social "
                "enterprise House of Hope and Liepāja City Municipality in Latvia, with Reach for "
                "Change, working for young people's employability."
            ),
            from_guide=(
                _(
                    "The municipality's role is supporting: contacts with decision makers and an overview of other efforts for the same group."
                ),
                _(
                    "The parties estimated the cost of the activities together in a facilitated full-day meeting."
                ),
            ),
            illustrative=_(
                "The guide does not describe the support in detail; in this example it is "
                "mentoring. Goals and indicators are suggestions without figures: you set the "
                "baseline and the target."
            ),
        ),
        StartingPoint(
            slug="guided",
            filename="guided_blank.json",
            title=_("A blank chain with the guide's questions"),
            summary=_(
                "One node on each level, each titled with the question to answer there. Rewrite "
                "each title with your answer, and add nodes as you go."
            ),
            questions=(
                _("What problem do you work on, and for whom?"),
                _(
                    "Who is the target group: what characterises them, what do they need, what stands in their way?"
                ),
                _("What are the root causes of the problem, and what happens if nothing is done?"),
                _(
                    "What change do you want for the target group, anchored both in the target group and in the municipality's steering documents?"
                ),
                _("Is each goal SMART: specific, measurable, achievable, relevant and time-bound?"),
            ),
        ),
    )
}


def starting_point(slug: str) -> StartingPoint:
    """The template with this slug, or 404."""
    try:
        return STARTING_POINTS[slug]
    except KeyError:
        raise Http404("No such template") from None
