"""Demo data: the Eskilstuna, Boden and Liepāja cases, and the demo users.

Idempotent: records that exist are left as they are, so running `make run` twice keeps
whatever the demo users changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from .models import (
    FundingCall,
    GlossaryTerm,
    Invitation,
    Membership,
    Municipality,
    Organisation,
    Partnership,
    Party,
    Role,
)
from .reference import load_municipalities

# The cases the guide describes, as examples: named as examples, because beyond the guide's
# own facts (78 young people in Eskilstuna's pilot, five full-day meetings, ESF funding; Boden's
# 1,500 industry jobs) their figures, dates and documents are made up to show the tool.
ESKILSTUNA = "Kraftsamling för ökad ungdomssysselsättning (exempel)"
BODEN = "Samlad kraft för framtidens Boden (exempel)"
LIEPAJA = "Joining Forces for increased youth employability (example)"
EXAMPLE_NOTE = (
    " Exempel byggt på fallet i guiden: siffror, datum och dokument utöver guidens egna "
    "uppgifter är påhittade för att visa verktyget."
)

DEMO_USERS = [
    # (email, name, job title, organisation)
    ("kommun@demo.example", "Karin Kommunsson", "Utvecklingsstrateg", "Eskilstuna kommun"),
    ("entreprenor@demo.example", "Elias Entreprenör", "Verksamhetsledare", "Right By Me"),
    ("facilitator@demo.example", "Fatima Facilitator", "Programansvarig", "Reach for Change"),
    ("insyn@demo.example", "Ingrid Insyn", "Controller", "Eskilstuna kommun"),
    ("boden@demo.example", "Bo Bodensson", "Näringslivsutvecklare", "Bodens kommun"),
    ("liepaja@demo.example", "Līga Liepiņa", "Project lead", "House of Hope"),
]

# Each case has one demo owner; seeding again finds the case through that owner.
CASE_OWNERS = {
    ESKILSTUNA: "kommun@demo.example",
    BODEN: "boden@demo.example",
    LIEPAJA: "liepaja@demo.example",
}

# (partnership, email, role)
DEMO_MEMBERSHIPS = [
    (ESKILSTUNA, "kommun@demo.example", Role.OWNER),
    (ESKILSTUNA, "entreprenor@demo.example", Role.EDITOR),
    (ESKILSTUNA, "facilitator@demo.example", Role.FACILITATOR),
    (ESKILSTUNA, "insyn@demo.example", Role.VIEWER),
    (BODEN, "boden@demo.example", Role.OWNER),
    (BODEN, "facilitator@demo.example", Role.FACILITATOR),
    (LIEPAJA, "liepaja@demo.example", Role.OWNER),
    (LIEPAJA, "facilitator@demo.example", Role.FACILITATOR),
]

# (partnership, email, role): waiting on the invitee's dashboard. Liepāja follows the
# Eskilstuna pilot, whose method it is taking over.
DEMO_INVITATIONS = [
    (ESKILSTUNA, "liepaja@demo.example", Role.VIEWER),
]


@dataclass
class DemoContext:
    """What the partnership seeder made, handed to the other apps' seeders."""

    users: dict[str, Any] = field(default_factory=dict)
    partnerships: dict[str, Partnership] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)


def _organisation(name: str, **fields: Any) -> Organisation:
    # By number first: a database seeded when the organisation had another name keeps it.
    if fields.get("org_number"):
        known = Organisation.objects.filter(org_number=fields["org_number"]).first()
        if known is not None:
            return known
    organisation, _created = Organisation.objects.get_or_create(name=name, defaults=fields)
    return organisation


def _users(context: DemoContext) -> None:
    from allauth.account.models import EmailAddress

    User = get_user_model()
    for email, name, title, organisation in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, settings.DEMO_PASSWORD, name=name, title=title, organisation=organisation
            )
        elif not user.organisation:
            # Demo users from before profiles had an organisation get theirs.
            user.organisation = organisation
            if user.title.endswith(f", {organisation}"):
                user.title = user.title.removesuffix(f", {organisation}")
            user.save(update_fields=["organisation", "title"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        context.users[email] = user


def _organisations(context: DemoContext) -> None:
    municipality = Municipality.objects.get
    Kind, Form = Organisation.Kind, Organisation.LegalForm
    context.organisations = {
        "eskilstuna": _organisation(
            "Eskilstuna kommun",
            kind=Kind.MUNICIPALITY,
            org_number="212000-0340",
            legal_form=Form.MUNICIPALITY,
            home_municipality=municipality(code="0484"),
            description=(
                "Kommunen; ansvaret för arbetsmarknadsinsatser och vuxenutbildning ligger hos "
                "Arbetsmarknads- och vuxenutbildningsförvaltningen (AVF)."
            ),
        ),
        "rightbyme": _organisation(
            "Right By Me",
            kind=Kind.SOCIAL_ENTREPRENEUR,
            home_municipality=municipality(code="0484"),
            description=(
                "Socialt företag med metoden Right to Work: unga som står långt från "
                "arbetsmarknaden får stöd av förebilder med liknande erfarenheter."
            ),
        ),
        "reach": _organisation(
            "Reach for Change",
            kind=Kind.FACILITATOR,
            legal_form=Form.FOUNDATION,
            description="Stödjer sociala entreprenörer och håller ihop samskapande processer.",
        ),
        "inkludera": _organisation(
            "Föreningen Inkludera",
            kind=Kind.CIVIL_SOCIETY,
            legal_form=Form.NON_PROFIT_ASSOCIATION,
            description="Hjälper sociala innovationer att bli en del av ordinarie verksamhet.",
        ),
        "esf": _organisation(
            "Svenska ESF-rådet",
            kind=Kind.FUNDER,
            legal_form=Form.GOVERNMENT_AGENCY,
            description="Förvaltar Europeiska socialfonden (ESF+) i Sverige.",
        ),
        "boden": _organisation(
            "Bodens kommun",
            kind=Kind.MUNICIPALITY,
            org_number="212000-2643",
            legal_form=Form.MUNICIPALITY,
            home_municipality=municipality(code="2582"),
        ),
        "sunderby": _organisation(
            "Sunderby folkhögskola",
            kind=Kind.EDUCATION,
            home_municipality=municipality(code="2580"),
        ),
        "bodensutveckling": _organisation(
            "Bodens Utveckling AB",
            kind=Kind.PRIVATE_COMPANY,
            legal_form=Form.LIMITED_COMPANY,
            home_municipality=municipality(code="2582"),
            description="Kommunens utvecklingsbolag för näringsliv och etableringar.",
        ),
        "vinnova": _organisation("Vinnova", kind=Kind.FUNDER, legal_form=Form.GOVERNMENT_AGENCY),
        "houseofhope": _organisation(
            "House of Hope",
            kind=Kind.SOCIAL_ENTREPRENEUR,
            foreign_registration="Latvia",
            legal_form=Form.FOREIGN,
        ),
        "liepaja": _organisation(
            "Liepāja City Municipality",
            kind=Kind.MUNICIPALITY,
            foreign_registration="Latvia",
            legal_form=Form.FOREIGN,
        ),
    }


def _partnerships(context: DemoContext) -> None:
    Part = Party.Part
    specs: list[tuple[str, dict[str, Any], list[tuple[str, str, str]]]] = [
        (
            ESKILSTUNA,
            {
                "challenge": (
                    "Många unga i Årby och Nyfors varken arbetar eller studerar, och kommunens "
                    "ordinarie insatser når dem inte. Tillsammans med ett socialt företag som "
                    "har deras förtroende vill kommunen korta vägen till jobb eller studier."
                    + EXAMPLE_NOTE
                ),
                "phase": Partnership.Phase.CONSOLIDATION,
                "start_date": date(2023, 1, 1),
                "end_date": date(2025, 12, 31),
                "municipality": Municipality.objects.get(code="0484"),
            },
            [
                (
                    "eskilstuna",
                    Part.LEAD_MUNICIPALITY,
                    "Ansvar för arbetsmarknadsinsatser, personal",
                ),
                ("rightbyme", Part.SOCIAL_ENTREPRENEUR, "Metoden Right to Work och förebilder"),
                ("reach", Part.FACILITATOR, "Processledning av fem heldagsträffar"),
                ("inkludera", Part.OTHER, "Stöd för att göra metoden till ordinarie verksamhet"),
                ("esf", Part.FUNDER, "Projektfinansiering från Europeiska socialfonden"),
            ],
        ),
        (
            BODEN,
            {
                "challenge": (
                    "Boden väntas få omkring 1 500 nya industrijobb och uppskattningsvis 10 000 "
                    "jobb till i regionen. Unga vuxna och medflyttande behöver hitta vägar in på "
                    "den nya arbetsmarknaden." + EXAMPLE_NOTE
                ),
                "phase": Partnership.Phase.CONSOLIDATION,
                "start_date": date(2024, 11, 1),
                "end_date": date(2025, 11, 30),
                "municipality": Municipality.objects.get(code="2582"),
            },
            [
                (
                    "boden",
                    Part.LEAD_MUNICIPALITY,
                    "Kommunens arbetsmarknads- och näringslivsfunktioner",
                ),
                ("sunderby", Part.OTHER, "Utbildning och kontakt med unga vuxna"),
                ("bodensutveckling", Part.PRIVATE_ACTOR, "Nätverk med företag som etablerar sig"),
                ("reach", Part.FACILITATOR, "Tre workshoppar och två nätverksträffar"),
                ("vinnova", Part.FUNDER, "Finansiering"),
            ],
        ),
        (
            LIEPAJA,
            {
                "challenge": (
                    "Young people in Liepāja who are neither working nor studying need a route "
                    "into employment that the city's services alone do not offer. An example "
                    "based on the case in the guide: figures and details beyond the guide's are "
                    "made up to show the tool."
                ),
                "phase": Partnership.Phase.IMPLEMENTATION,
                "municipality": None,
            },
            [
                ("liepaja", Part.LEAD_MUNICIPALITY, "City social and employment services"),
                (
                    "houseofhope",
                    Part.SOCIAL_ENTREPRENEUR,
                    "Mentoring method and trust of young people",
                ),
                ("reach", Part.FACILITATOR, "Method transfer from the Swedish pilots"),
            ],
        ),
    ]
    for title, fields, parties in specs:
        existing = _existing_case(context.users[CASE_OWNERS[title]])
        if existing is not None:
            # Seeded before: keep it as the demo users left it (renamed or not).
            context.partnerships[title] = existing
            continue
        if not context.organisations:
            _organisations(context)
        orgs = context.organisations
        partnership = Partnership.objects.create(title=title, **fields)
        for org_key, part, contribution in parties:
            Party.objects.create(
                partnership=partnership,
                organisation=orgs[org_key],
                part=part,
                contribution=contribution,
            )
        for case, email, role in DEMO_MEMBERSHIPS:
            if case == title:
                Membership.objects.create(
                    user=context.users[email], partnership=partnership, role=role
                )
        context.partnerships[title] = partnership


def _existing_case(owner: Any) -> Partnership | None:
    """The case this demo owner was given when the demo was first seeded, if any."""
    return (
        Partnership.objects.filter(memberships__user=owner, memberships__role=Role.OWNER)
        .order_by("created_at", "pk")
        .first()
    )


def _invitations(context: DemoContext) -> None:
    """Invite again only while the demo invitee has not answered and nothing is waiting."""
    for title, email, role in DEMO_INVITATIONS:
        partnership = context.partnerships[title]
        if partnership.memberships.filter(user__email=email).exists():
            continue
        earlier = list(partnership.invitations.filter(email=email))
        if any(not invitation.is_open or not invitation.is_expired for invitation in earlier):
            continue
        Invitation.objects.create(
            partnership=partnership,
            email=email,
            role=role,
            invited_by=context.users[CASE_OWNERS[title]],
        )


# Days from the day of seeding to the deadline of the call Eskilstuna watches: within the 30
# days in which a deadline stands out on the overview and the dashboard.
WATCHED_CALL_DAYS = 21
FUNDING_NOTE = "Påhittad utlysning för att visa verktyget; belopp och datum är exempel."


def _funding_calls(context: DemoContext) -> None:
    """Eskilstuna's granted ESF call and a call it watches, due in three weeks; Boden's call."""
    today = date.today()
    Status = FundingCall.Status
    specs: list[tuple[str, str, dict[str, Any]]] = [
        (
            ESKILSTUNA,
            "ESF+: vägar till arbete eller studier för unga",
            {
                "funder": "Svenska ESF-rådet",
                "url": "https://www.esf.se/",
                "deadline": date(2022, 9, 30),
                "amount_min": 3_000_000,
                "amount_max": 8_000_000,
                "co_financing_percent": 45,
                "status": Status.GRANTED,
                "notes": "Beviljad: finansierar piloten 2023–2025. " + FUNDING_NOTE,
            },
        ),
        (
            ESKILSTUNA,
            "Innovationer för ett inkluderande arbetsliv",
            {
                "funder": "Vinnova",
                "url": "https://www.vinnova.se/",
                "deadline": today + timedelta(days=WATCHED_CALL_DAYS),
                "amount_min": 500_000,
                "amount_max": 2_500_000,
                "co_financing_percent": 50,
                "status": Status.WATCHING,
                "notes": "Kan bära metoden vidare efter ESF-projektet. " + FUNDING_NOTE,
            },
        ),
        (
            BODEN,
            "Kompetensförsörjning vid industrietableringar",
            {
                "funder": "Tillväxtverket",
                "url": "https://tillvaxtverket.se/",
                "deadline": today + timedelta(days=75),
                "amount_min": 1_000_000,
                "amount_max": 4_000_000,
                "co_financing_percent": 50,
                "status": Status.WATCHING,
                "notes": FUNDING_NOTE,
            },
        ),
    ]
    for case, title, fields in specs:
        partnership = context.partnerships[case]
        call, created = FundingCall.all_objects.get_or_create(
            partnership=partnership, title=title, defaults=fields
        )
        watched = fields["status"] == Status.WATCHING
        stale = call.deadline is not None and call.deadline < today
        if not created and watched and call.version == 1 and stale:
            # Untouched since an earlier seeding: keep its deadline ahead of today.
            call.deadline = fields["deadline"]
            call.save(update_fields=["deadline"])


GLOSSARY_NOTE = " (Exempel.)"


def _glossary(context: DemoContext) -> None:
    """Eskilstuna's shared glossary: the municipality's and the social entrepreneur's words for
    the same things, two agreed and one not yet."""
    partnership = context.partnerships[ESKILSTUNA]
    if GlossaryTerm.all_objects.filter(partnership=partnership).exists():
        return  # seeded before: keep what the demo users changed
    parties = {party.part: party.pk for party in Party.objects.filter(partnership=partnership)}
    municipality = parties.get(Party.Part.LEAD_MUNICIPALITY)
    entrepreneur = parties.get(Party.Part.SOCIAL_ENTREPRENEUR)
    Status = GlossaryTerm.Status
    specs: list[tuple[str, str, str, str, str]] = [
        (
            "deltagare",
            "Den som är inskriven i en arbetsmarknadsinsats och har ett beslut.",
            "Den unga vi möter, från första kontakten, med eller utan beslut.",
            "En ung person, 16–29 år, som har sagt ja till stöd i samverkan, med eller utan "
            "beslut från kommunen.",
            Status.AGREED,
        ),
        (
            "arbetsmarknadsinsats",
            "En insats som kommunen beslutar om och följer upp i verksamhetssystemet.",
            "Allt som för den unga närmare jobb: förebilder, praktik, coachning.",
            "En planerad aktivitet som för en deltagare närmare arbete eller studier.",
            Status.AGREED,
        ),
        (
            "uppföljning",
            "Statistik per kvartal: hur många som gått till arbete eller studier.",
            "Samtal med den unga var tredje månad om hur det går.",
            "",
            Status.NOT_AGREED,
        ),
    ]
    for term, theirs, ours, agreed, status in specs:
        meanings = {
            str(pk): text + GLOSSARY_NOTE
            for pk, text in ((municipality, theirs), (entrepreneur, ours))
            if pk is not None
        }
        GlossaryTerm.objects.create(
            partnership=partnership,
            term=term,
            meanings=meanings,
            agreed_meaning=agreed + GLOSSARY_NOTE if agreed else "",
            status=status,
        )


# The topic packages' demo data, in the order of the guide's steps: the organisation chart
# first, so that contacts and candidates find the municipality's units.
DEMO_TOPICS = ("orgchart", "contacts", "candidates", "trust", "meetings", "plan")


def seed(context: DemoContext) -> None:
    load_municipalities(Municipality)  # a flushed test database may lack the reference data
    _users(context)
    _partnerships(context)
    _invitations(context)
    _funding_calls(context)
    _glossary(context)
    for topic in DEMO_TOPICS:
        import_module(f"partnerships.{topic}.demo").seed(context)
    import_module("partnerships.plan.resources_demo").seed(context)
