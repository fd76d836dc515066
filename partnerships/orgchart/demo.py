"""Demo organisation charts: Eskilstuna kommun in full, Bodens kommun in brief (step 1).

Idempotent: units are found by name in their organisation, the responsible unit is named once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Organisation, OrgUnit, Party

if TYPE_CHECKING:
    from ..demo import DemoContext

C, A, U = OrgUnit.Kind.COMMITTEE, OrgUnit.Kind.ADMINISTRATION, OrgUnit.Kind.UNIT
# (name, kind, parent's name or "", responsibility areas one per line)
ESKILSTUNA_CHART: list[tuple[str, OrgUnit.Kind, str, str]] = [
    (
        "Kommunstyrelsen",
        C,
        "",
        "Leder och samordnar kommunens verksamhet och har uppsikt över nämnderna "
        "(kommunallagen 6 kap.)\nKommunens övergripande budget och uppföljning",
    ),
    ("Kommunledningsförvaltningen", A, "Kommunstyrelsen", "Stöd till kommunstyrelsen"),
    (
        "Arbetsmarknads- och vuxenutbildningsnämnden",
        C,
        "",
        "Kommunens arbetsmarknadspolitiska insatser\nVuxenutbildning enligt skollagen",
    ),
    (
        "Arbetsmarknads- och vuxenutbildningsförvaltningen (AVF)",
        A,
        "Arbetsmarknads- och vuxenutbildningsnämnden",
        "Arbetsmarknadsinsatser för invånare som står långt från arbetsmarknaden\n"
        "Unga vuxna utan sysselsättning\nVuxenutbildning enligt skollagen",
    ),
    (
        "Arbetsmarknadsenheten",
        U,
        "Arbetsmarknads- och vuxenutbildningsförvaltningen (AVF)",
        "Arbetsmarknadsinsatser: praktik, arbetsträning och kommunala anställningar\n"
        "Samverkan med Arbetsförmedlingen om unga och långtidsarbetslösa",
    ),
    (
        "Vuxenutbildningen",
        U,
        "Arbetsmarknads- och vuxenutbildningsförvaltningen (AVF)",
        "Kommunal vuxenutbildning (skollagen 20 kap.)\nSvenska för invandrare (skollagen 20 kap.)",
    ),
    (
        "Barn- och utbildningsnämnden",
        C,
        "",
        "Förskola, grundskola och gymnasieskola enligt skollagen",
    ),
    (
        "Barn- och utbildningsförvaltningen",
        A,
        "Barn- och utbildningsnämnden",
        "Kommunala aktivitetsansvaret för unga 16–20 år som inte går i gymnasieskolan "
        "(skollagen 29 kap. 9 §)\nGymnasieskola (skollagen 15–19 kap.)",
    ),
    (
        "Socialnämnden",
        C,
        "",
        "Socialtjänst enligt socialtjänstlagen",
    ),
    (
        "Socialförvaltningen",
        A,
        "Socialnämnden",
        "Ekonomiskt bistånd enligt socialtjänstlagen\n"
        "Stöd till barn, unga och familjer enligt socialtjänstlagen",
    ),
]
ESKILSTUNA_RESPONSIBLE = "Arbetsmarknads- och vuxenutbildningsförvaltningen (AVF)"

BODEN_CHART: list[tuple[str, OrgUnit.Kind, str, str]] = [
    ("Kommunstyrelsen", C, "", "Leder och samordnar kommunens verksamhet (kommunallagen 6 kap.)"),
    (
        "Utbildnings- och arbetsmarknadsnämnden",
        C,
        "",
        "Gymnasieskola och vuxenutbildning enligt skollagen\nArbetsmarknadsinsatser",
    ),
    (
        "Arbetsmarknadsenheten",
        U,
        "Utbildnings- och arbetsmarknadsnämnden",
        "Arbetsmarknadsinsatser för unga vuxna och nyinflyttade\n"
        "Kommunala aktivitetsansvaret för unga 16–20 år (skollagen 29 kap. 9 §)",
    ),
    ("Socialnämnden", C, "", "Ekonomiskt bistånd enligt socialtjänstlagen"),
]


def _chart(
    organisation: Organisation, spec: list[tuple[str, OrgUnit.Kind, str, str]]
) -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for name, kind, parent, areas in spec:
        unit = OrgUnit.all_objects.filter(organisation=organisation, name=name).first()
        if unit is None:
            unit = OrgUnit.objects.create(
                organisation=organisation,
                name=name,
                kind=kind,
                parent=units.get(parent),
                responsibility_areas=areas,
            )
        units[name] = unit
    return units


ORG_NUMBERS = {"eskilstuna": "212000-0340", "boden": "212000-2643"}


def demo_organisation(context: DemoContext, key: str) -> Organisation | None:
    """A demo municipality: from this seeding, or found by its number when seeded before."""
    found = context.organisations.get(key)
    if found is None:
        found = Organisation.objects.filter(org_number=ORG_NUMBERS[key]).first()
    return found


def seed(context: DemoContext) -> None:
    from ..demo import ESKILSTUNA
    from .services import party_unit_update

    eskilstuna, boden = (
        demo_organisation(context, "eskilstuna"),
        demo_organisation(context, "boden"),
    )
    if eskilstuna is None or boden is None:
        return
    units = _chart(eskilstuna, ESKILSTUNA_CHART)
    _chart(boden, BODEN_CHART)
    partnership = context.partnerships.get(ESKILSTUNA)
    party = Party.objects.filter(partnership=partnership, organisation=eskilstuna).first()
    if party is not None and party.unit_id is None:
        party_unit_update(
            party=party, expected_version=party.version, unit=units[ESKILSTUNA_RESPONSIBLE]
        )
    # Boden's responsible unit is left for the demo's user to name: step 1 shows it as to do.
