"""Demo financing and costs: Eskilstuna's pilot 2024 (estimate and actual, ESF+ with
co-financing, a follow-on IOP), Boden's small estimate on Vinnova money.

Idempotent: a partnership that already has cost lines or financing forms keeps them as they are.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from partnerships.demo import BODEN, ESKILSTUNA, DemoContext
from partnerships.models import Party, PlanActivity

from . import services
from .models import CostLine, FinancingArrangement, StaffCategory, Threshold
from .reference import load_thresholds

D = Decimal
Kind = CostLine.Kind
Form = FinancingArrangement.Form
Status = FinancingArrangement.Status


def _party(context: DemoContext, partnership: Any, key: str) -> Party | None:
    organisation = context.organisations.get(key)
    if organisation is None:
        return None
    return Party.objects.filter(partnership=partnership, organisation=organisation).first()


def _has_costing(partnership: Any) -> bool:
    return (
        CostLine.all_objects.filter(partnership=partnership).exists()
        or FinancingArrangement.all_objects.filter(partnership=partnership).exists()
        or StaffCategory.all_objects.filter(partnership=partnership).exists()
    )


# The calculation's activities that price an activity of the Eskilstuna plan (the plan's
# title wins on the line); project management is outside the plan and stays free text.
PLAN_ACTIVITY_OF = {
    "Uppsökande arbete och coachning": "Uppsökande arbete i bostadsområdena",
    "Fem heldagsträffar (samskapande)": "Regelbundna gruppträffar",
    "Praktik och vägar till jobb": "Arvoderade uppdrag enligt Right to Work",
}


def _lines(partnership: Any, scenario: str, rows: list[dict[str, Any]]) -> None:
    plan = {a.title: a for a in PlanActivity.objects.filter(partnership=partnership)}
    for row in rows:
        fields = {
            "scenario": scenario,
            "year": 2024,
            "description": "",
            "unit_price": None,
            "staff_category": None,
            "vat_applies": False,
            "vat_rate": None,
            "party": None,
            "plan_activity": plan.get(PLAN_ACTIVITY_OF.get(row.get("activity", ""), "")),
            **row,
        }
        services.cost_line_create(partnership=partnership, **fields)


def _eskilstuna(context: DemoContext) -> None:
    partnership = context.partnerships.get(ESKILSTUNA)
    if partnership is None or _has_costing(partnership):
        return
    kommun = _party(context, partnership, "eskilstuna")
    rbm = _party(context, partnership, "rightbyme")
    esf = _party(context, partnership, "esf")
    services.calculation_update(
        partnership=partnership,
        expected_version=1,
        overhead_percent=D("10"),
        vat_rate=D("25"),
        participants=78,
    )
    leader = services.staff_category_create(
        partnership=partnership, name="Projektledare", hourly_rate=D("520"), party=kommun
    )
    coach = services.staff_category_create(
        partnership=partnership, name="Coach", hourly_rate=D("450"), party=rbm
    )
    officer = services.staff_category_create(
        partnership=partnership, name="Handläggare", hourly_rate=D("480"), party=kommun
    )
    coaching = "Uppsökande arbete och coachning"
    meetings = "Fem heldagsträffar (samskapande)"
    work = "Praktik och vägar till jobb"
    lead = "Projektledning och uppföljning"

    def plan(hours: dict[str, str], meals: str, clothes: str) -> list[dict[str, Any]]:
        return [
            {
                "activity": coaching,
                "kind": Kind.STAFF,
                "staff_category": coach,
                "party": rbm,
                "quantity": D(hours["coach"]),
                "description": "Coacher från Right By Me",
            },
            {
                "activity": coaching,
                "kind": Kind.STAFF,
                "staff_category": officer,
                "party": kommun,
                "quantity": D(hours["officer"]),
                "description": "Handläggare på AVF",
            },
            {
                "activity": lead,
                "kind": Kind.STAFF,
                "staff_category": leader,
                "party": kommun,
                "quantity": D(hours["leader"]),
                "description": "Projektledare 50 %",
            },
            {
                "activity": meetings,
                "kind": Kind.PREMISES,
                "party": kommun,
                "quantity": D("5"),
                "unit_price": D("6000"),
                "description": "Lokalhyra per heldag",
            },
            {
                "activity": meetings,
                "kind": Kind.MATERIAL,
                "party": kommun,
                "quantity": D("5"),
                "unit_price": D(meals),
                "vat_applies": True,
                "vat_rate": D("12"),
                "description": "Förtäring per heldag",
            },
            {
                "activity": work,
                "kind": Kind.PARTICIPANT_FEES,
                "party": rbm,
                "quantity": D("78"),
                "unit_price": D("1000"),
                "description": "Ersättning till deltagare",
            },
            {
                "activity": work,
                "kind": Kind.MATERIAL,
                "party": rbm,
                "quantity": D("78"),
                "unit_price": D(clothes),
                "vat_applies": True,
                "description": "Arbetskläder och skyddsutrustning",
            },
            {
                "activity": work,
                "kind": Kind.TRAVEL,
                "party": rbm,
                "quantity": D("120"),
                "unit_price": D("85"),
                "description": "Resor till arbetsplatsbesök",
            },
        ]

    _lines(
        partnership,
        CostLine.Scenario.ESTIMATE,
        plan({"coach": "1600", "officer": "400", "leader": "800"}, "3200", "400"),
    )
    services.baseline_freeze(partnership=partnership)
    _lines(
        partnership,
        CostLine.Scenario.ACTUAL,
        plan({"coach": "1720", "officer": "430", "leader": "760"}, "3450", "380"),
    )
    services.financing_create(
        partnership=partnership,
        form=Form.ESF,
        status=Status.ACTIVE,
        amount=D("1100000"),
        start_date=date(2023, 1, 1),
        end_date=date(2025, 12, 31),
        payer_party=esf,
        payer_text="",
        funder="Europeiska socialfonden (ESF+)",
        committed_hours=None,
        notes=(
            "ESF+ betalar ungefär hälften av kostnaderna. Resten är medfinansiering: kommunens "
            "och Right By Mes arbetstid, redovisad i hela timmar."
        ),
    )
    services.financing_create(
        partnership=partnership,
        form=Form.IN_KIND_STAFF,
        status=Status.ACTIVE,
        amount=D("600000"),
        start_date=date(2023, 1, 1),
        end_date=date(2025, 12, 31),
        payer_party=kommun,
        payer_text="",
        funder="",
        committed_hours=500,
        notes="Medfinansiering: handläggare och projektledare, cirka 500 timmar per år.",
    )
    # Co-financing time in 2024: the municipality's officer and project leader report hours.
    for month in range(1, 13):
        for day, person, category, hours in (
            (5, "Amira Hassan", officer, 8),
            (19, "Amira Hassan", officer, 6),
            (12, "Erik Lund", leader, 4),
            (26, "Erik Lund", leader, 3),
        ):
            services.time_report_create(
                partnership=partnership,
                party=kommun,
                person=person,
                staff_category=category,
                worked_on=date(2024, month, day),
                hours=hours,
                activity=coaching if category is officer else lead,
            )
    services.financing_create(
        partnership=partnership,
        form=Form.IOP,
        status=Status.PROPOSED,
        amount=D("1200000"),
        start_date=date(2026, 1, 1),
        end_date=date(2027, 12, 31),
        payer_party=kommun,
        payer_text="Arbetsmarknads- och vuxenutbildningsnämnden",
        funder="",
        notes="Förslag: fortsätta samverkan som IOP när projektpengarna tar slut.",
    )


def _boden(context: DemoContext) -> None:
    partnership = context.partnerships.get(BODEN)
    if partnership is None or _has_costing(partnership):
        return
    boden = _party(context, partnership, "boden")
    reach = _party(context, partnership, "reach")
    vinnova = _party(context, partnership, "vinnova")
    services.calculation_update(
        partnership=partnership,
        expected_version=1,
        overhead_percent=D("5"),
        vat_rate=D("25"),
        participants=120,
    )
    facilitator = services.staff_category_create(
        partnership=partnership, name="Processledare", hourly_rate=D("650"), party=reach
    )
    _lines(
        partnership,
        CostLine.Scenario.ESTIMATE,
        [
            {
                "activity": "Tre workshoppar",
                "kind": Kind.STAFF,
                "staff_category": facilitator,
                "party": reach,
                "quantity": D("96"),
                "year": 2025,
            },
            {
                "activity": "Jobbmässa för unga vuxna och medflyttande",
                "kind": Kind.PREMISES,
                "party": boden,
                "quantity": D("1"),
                "unit_price": D("25000"),
                "year": 2025,
                "description": "Lokal för en dag",
            },
            {
                "activity": "Jobbmässa för unga vuxna och medflyttande",
                "kind": Kind.OTHER,
                "party": boden,
                "quantity": D("1"),
                "unit_price": D("18000"),
                "year": 2025,
                "vat_applies": True,
                "description": "Marknadsföring",
            },
        ],
    )
    services.financing_create(
        partnership=partnership,
        form=Form.VINNOVA,
        status=Status.ACTIVE,
        amount=D("900000"),
        start_date=date(2024, 11, 1),
        end_date=date(2025, 11, 30),
        payer_party=vinnova,
        payer_text="",
        funder="Vinnova",
        notes="",
    )
    # A planned purchase above the direct award limit: the financing page flags it.
    services.financing_create(
        partnership=partnership,
        form=Form.DIRECT_AWARD,
        status=Status.IDEA,
        amount=D("850000"),
        start_date=date(2025, 9, 1),
        end_date=date(2025, 11, 30),
        payer_party=boden,
        payer_text="",
        funder="",
        notes="Planerat köp: en arrangör för jobbmässan.",
    )


def seed(context: DemoContext) -> None:
    load_thresholds(Threshold)  # a flushed test database may lack the reference data
    _eskilstuna(context)
    _boden(context)
    from .decision.demo import seed as seed_decision

    seed_decision(context)  # budget lines and value assumptions, before the memos freeze them
    # The tjänsteutlåtanden last: their data parts are frozen from the costs above.
    from .documents.demo import seed as seed_memos

    seed_memos(context)
