"""Demo collaboration plans: Eskilstuna's plan from its chain with a complete RACI matrix, and
Boden's with one error left (an activity with two accountable parties) for a user to fix.

Idempotent: a partnership whose plan has activities keeps its plan as it is."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..demo import BODEN, ESKILSTUNA, DemoContext
from ..models import Party
from . import services
from .models import PlanActivity, RaciAssignment, Risk, WaysOfWorking

# Eskilstuna: chain activity title -> (start, end, status, what, who, how)
ESKILSTUNA_ACTIVITIES: dict[str, tuple[date, date, str, str, str, str]] = {
    "Uppsökande arbete i bostadsområdena": (
        date(2023, 9, 1),
        date(2025, 6, 1),
        PlanActivity.Status.DONE,
        "Unga från Årby och Nyfors, anställda av Right By Me, möter jämnåriga där de redan "
        "finns och berättar om insatsen.",
        "Unga 16–24 år som varken arbetar eller studerar; förebilderna från områdena gör arbetet.",
        "Några kvällar i veckan på fritidsgårdar och i sociala medier; kommunens fältarbetare "
        "tipsar om var de unga finns.",
    ),
    "Regelbundna gruppträffar": (
        date(2023, 10, 1),
        date(2025, 6, 1),
        PlanActivity.Status.DONE,
        "Gruppträffar där deltagarna lär känna varandra och övar på det arbetslivet kräver.",
        "Deltagarna i piloten, ledda av förebilder från Right By Me.",
        "Varje vecka i lokaler som kommunen ordnar i området.",
    ),
    "Arvoderade uppdrag enligt Right to Work": (
        date(2024, 1, 1),
        date(2025, 12, 1),
        PlanActivity.Status.ONGOING,
        "Korta betalda uppdrag på evenemang och i lokala verksamheter: en första merit.",
        "Deltagare som har varit med på gruppträffarna; Right By Me leder uppdragen.",
        "Right By Me tar emot uppdragen och arvoderar; kommunen öppnar dörrar till egna "
        "verksamheter som kan beställa uppdrag.",
    ),
    "Kontakter med arbetsgivare och kommunens arbetsmarknadsinsatser": (
        date(2024, 3, 1),
        date(2025, 12, 1),
        PlanActivity.Status.ONGOING,
        "Deltagare matchas mot praktik, extrajobb och kommunens ordinarie insatser.",
        "Right By Me och arbetsmarknadsförvaltningens handläggare tillsammans.",
        "Avstämning varje vecka om vilka deltagare som är redo och vilka platser som finns.",
    ),
}
# Eskilstuna's roles, by the party's part; the same on every row: Right By Me runs the work,
# the municipality's administration (AVF) answers for it and opens doors, the facilitator and
# Inkludera are consulted, the funder informed.
ESKILSTUNA_ROLES = {
    Party.Part.SOCIAL_ENTREPRENEUR: "R",
    Party.Part.LEAD_MUNICIPALITY: "A",
    Party.Part.FACILITATOR: "C",
    Party.Part.OTHER: "C",
    Party.Part.FUNDER: "I",
}

# Boden: the roles per chain activity title and party part. The job market has two
# accountable parties: the error the demo leaves for a user to fix.
BODEN_ROLES: dict[str, dict[str, str]] = {
    "Tre samskapande workshoppar med kommun, folkhögskola och utvecklingsbolag": {
        Party.Part.FACILITATOR: "R",
        Party.Part.LEAD_MUNICIPALITY: "A",
        Party.Part.OTHER: "C",
        Party.Part.PRIVATE_ACTOR: "C",
        Party.Part.FUNDER: "I",
    },
    "Två nätverksträffar för unga vuxna och medflyttande": {
        Party.Part.OTHER: "R",
        Party.Part.LEAD_MUNICIPALITY: "A",
        Party.Part.FACILITATOR: "C",
        Party.Part.PRIVATE_ACTOR: "I",
    },
    "En jobbmarknad med sociala entreprenörer och arbetsgivare": {
        Party.Part.PRIVATE_ACTOR: "A",
        Party.Part.LEAD_MUNICIPALITY: "A",
        Party.Part.FACILITATOR: "R",
        Party.Part.FUNDER: "I",
    },
    "Riktad kommunikation om sociala entreprenörer": {
        Party.Part.PRIVATE_ACTOR: "R",
        Party.Part.LEAD_MUNICIPALITY: "A",
        Party.Part.FACILITATOR: "C",
    },
}


# Eskilstuna's risks: (title, likelihood, consequence, owner's part, mitigation)
ESKILSTUNA_RISKS = [
    (
        "Deltagare slutar komma när uppdragen dröjer",
        Risk.Scale.MEDIUM,
        Risk.Scale.HIGH,
        Party.Part.SOCIAL_ENTREPRENEUR,
        "Korta uppdrag finns alltid att erbjuda; förebilderna hör av sig till den som uteblir.",
    ),
    (
        "Projektmedlen tar slut innan insatsen blivit ordinarie verksamhet",
        Risk.Scale.HIGH,
        Risk.Scale.HIGH,
        Party.Part.LEAD_MUNICIPALITY,
        "Tjänsteutlåtande till nämnden i god tid före projektets slut, med resultaten från "
        "piloten.",
    ),
    (
        "Lokalerna i området blir upptagna",
        Risk.Scale.LOW,
        Risk.Scale.MEDIUM,
        Party.Part.LEAD_MUNICIPALITY,
        "Kommunen håller två lokaler i reserv.",
    ),
]


def _roles(activities: list[PlanActivity], parties: list[Party], roles: Any) -> None:
    for activity in activities:
        wanted = roles(activity)
        for party in parties:
            role = wanted.get(party.part)
            if role:
                RaciAssignment.objects.get_or_create(
                    activity=activity,
                    party=party,
                    defaults={"partnership_id": activity.partnership_id, "role": role},
                )


def _eskilstuna(context: DemoContext) -> None:
    partnership = context.partnerships[ESKILSTUNA]
    if PlanActivity.all_objects.filter(partnership=partnership).exists():
        return
    activities = services.plan_activities_from_chain(partnership=partnership)
    parties = list(Party.objects.filter(partnership=partnership))
    entrepreneur = next(p for p in parties if p.part == Party.Part.SOCIAL_ENTREPRENEUR)
    person = context.users.get("entreprenor@demo.example")
    for activity in activities:
        spec = ESKILSTUNA_ACTIVITIES.get(activity.title)
        if spec is None:
            continue
        start, end, status, what, who, how = spec
        activity.start_month, activity.end_month, activity.status = start, end, status
        activity.what, activity.who, activity.how = what, who, how
        activity.responsible_party = entrepreneur
        activity.responsible_person = person
        activity.save()
    _roles(activities, parties, lambda activity: ESKILSTUNA_ROLES)
    WaysOfWorking.objects.get_or_create(partnership=partnership, defaults=ESKILSTUNA_WAYS)
    by_part = {party.part: party for party in parties}
    for title, likelihood, consequence, part, mitigation in ESKILSTUNA_RISKS:
        Risk.objects.get_or_create(
            partnership=partnership,
            title=title,
            defaults={
                "likelihood": likelihood,
                "consequence": consequence,
                "owner": by_part.get(part),
                "mitigation": mitigation,
            },
        )


ESKILSTUNA_WAYS = {
    "channels": "En gemensam Teams-kanal för det dagliga; beslut och protokoll skickas med e-post.",
    "operational_cadence": WaysOfWorking.Cadence.WEEKLY,
    "operational_participants": (
        "Right By Mes förebilder och samordnare med handläggare från "
        "arbetsmarknadsförvaltningen: avstämning varje vecka om deltagare och uppdrag."
    ),
    "strategic_cadence": WaysOfWorking.Cadence.QUARTERLY,
    "strategic_participants": (
        "Förvaltningens ledning, Right By Mes ledning och processledaren, med några deltagare "
        "som berättar hur insatsen fungerar för dem."
    ),
    "conflict_process": (
        "En oenighet tas först upp på veckoavstämningen. Löser den sig inte där går den till "
        "nästa strategiska möte, där förvaltningens ledning och Right By Me beslutar."
    ),
    "decision_recording": "Beslut skrivs in i protokollet i Teams-kanalen samma dag.",
}


def _boden(context: DemoContext) -> None:
    partnership = context.partnerships[BODEN]
    if PlanActivity.all_objects.filter(partnership=partnership).exists():
        return
    activities = services.plan_activities_from_chain(partnership=partnership)
    for activity in activities:
        activity.start_month, activity.end_month = date(2024, 11, 1), date(2025, 11, 1)
        activity.save()
    parties = list(Party.objects.filter(partnership=partnership))
    _roles(activities, parties, lambda activity: BODEN_ROLES.get(activity.title, {}))


def seed(context: DemoContext) -> None:
    # The plan is built from the chain: make sure the demo chains exist (their seeder is
    # idempotent, and runs again after this one without changing anything).
    from theory_of_change.demo import seed as seed_chains

    seed_chains(context)
    _eskilstuna(context)
    _boden(context)

    from .revisions.demo import seed as seed_revisions

    seed_revisions(context)
