"""The partnership's navigation: the guide's steps as sections, each with its pages.

One list says where every page of a partnership belongs, so the tabs, the sub-navigation and
the "you are here" marking agree. A page is found by its URL name; the names that begin with
one of an entry's prefixes (its edit, remove and restore pages) mark the same entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Page:
    label: str | Promise
    url_name: str
    prefixes: tuple[str, ...] = ()

    def matches(self, view_name: str) -> bool:
        return view_name == self.url_name or any(view_name.startswith(p) for p in self.prefixes)


@dataclass(frozen=True)
class Section:
    label: str | Promise
    pages: tuple[Page, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        _("Overview"),
        (Page(_("Overview"), "partnerships:overview", ("partnerships:edit",)),),
    ),
    Section(
        _("1 Partner"),
        (
            Page(_("Parties"), "partnerships:parties", ("partnerships:party_",)),
            Page(_("Candidates"), "partnerships:candidate_list", ("partnerships:candidate_",)),
            Page(_("Contacts"), "partnerships:contact_list", ("partnerships:contact_",)),
            Page(
                _("Relationship plan"),
                "partnerships:relationship_list",
                ("partnerships:relationship_",),
            ),
            Page(
                _("Steering documents"), "partnerships:steering_list", ("partnerships:steering_",)
            ),
            Page(_("Funding calls"), "partnerships:funding_list", ("partnerships:funding_",)),
        ),
    ),
    Section(
        _("2 Trust"),
        (
            Page(
                _("Perspectives"), "partnerships:perspective_list", ("partnerships:perspective_",)
            ),
            Page(
                _("Organisational context"), "partnerships:context_list", ("partnerships:context_",)
            ),
            Page(_("Shared glossary"), "partnerships:glossary_list", ("partnerships:glossary_",)),
            Page(
                _("Meetings"),
                "partnerships:meeting_list",
                ("partnerships:meeting_", "partnerships:calendar_feed_"),
            ),
            Page(_("Open actions"), "partnerships:action_list", ("partnerships:action_",)),
        ),
    ),
    Section(
        _("3 Theory of change"),
        (Page(_("Theory of change"), "theory_of_change:page", ("theory_of_change:",)),),
    ),
    Section(
        _("4 Roles"),
        (
            Page(
                _("Collaboration plan"),
                "partnerships:plan",
                (
                    "partnerships:plan_activity_",
                    "partnerships:plan_from_chain",
                    "partnerships:plan_ways_",
                    "partnerships:plan_print",
                ),
            ),
            Page(_("RACI matrix"), "partnerships:plan_raci", ("partnerships:plan_raci_",)),
            Page(_("Risks"), "partnerships:plan_risks", ("partnerships:plan_risk_",)),
            Page(_("Resources"), "partnerships:plan_resources", ("partnerships:plan_resource_",)),
            Page(_("Timeline"), "partnerships:plan_timeline", ()),
            Page(
                _("Revisions and approval"),
                "partnerships:plan_revisions",
                ("partnerships:plan_revision_",),
            ),
        ),
    ),
    Section(
        _("5 Financing"),
        (
            Page(_("Financing forms"), "costing:financing", ("costing:financing_",)),
            Page(
                _("Cost calculation"),
                "costing:costs",
                (
                    "costing:calculation_",
                    "costing:baseline_",
                    "costing:line_",
                    "costing:staff",
                    "costing:export_",
                    "costing:import_",
                ),
            ),
            Page(_("Co-financing time"), "costing:time_list", ("costing:time_",)),
            Page(_("Ability to pay"), "costing:budget", ("costing:budget_",)),
            Page(_("Value"), "costing:value", ("costing:assumption_",)),
            Page(_("Tjänsteutlåtande"), "costing:memo", ("costing:memo_",)),
        ),
    ),
    Section(
        _("Members"),
        (
            Page(
                _("Members"),
                "partnerships:members",
                ("partnerships:member", "partnerships:invit", "partnerships:leave"),
            ),
        ),
    ),
    Section(
        _("History"),
        (Page(_("History"), "partnerships:history", ("partnerships:history_",)),),
    ),
)


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    url: str
    current: bool


@dataclass(frozen=True)
class NavSection:
    label: str | Promise
    url: str
    current: bool
    pages: list[NavLink]


def navigation(key: str, view_name: str) -> list[NavSection]:
    """The sections with their links for one partnership, the current page marked."""
    found = []
    for section in SECTIONS:
        links = [
            NavLink(
                page.label, reverse(page.url_name, kwargs={"key": key}), page.matches(view_name)
            )
            for page in section.pages
        ]
        current = any(link.current for link in links)
        found.append(NavSection(section.label, links[0].url, current, links))
    return found
