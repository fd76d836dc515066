"""factory-boy factories for the theory of change and steering documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from partnerships.models import SteeringDocument, SteeringDocumentUse
from tests.factories import PartnershipFactory
from theory_of_change.models import (
    Indicator,
    Level,
    Link,
    Node,
    Revision,
    TargetGroupNeed,
    TheoryOfChange,
)


class SteeringDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringDocument
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Styrdokument {n}")
    kind = SteeringDocument.Kind.POLICY
    year = 2024

    @factory.post_generation
    def used(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        """The partnership it was entered in uses it (as steering_document_create does)."""
        if create and self.partnership_id is not None and extracted is not False:
            SteeringDocumentUse.objects.get_or_create(
                partnership_id=self.partnership_id, document=self
            )


class TheoryOfChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TheoryOfChange

    partnership = factory.SubFactory(PartnershipFactory)
    problem_statement = "Unga i området varken arbetar eller studerar."
    target_group = "Unga 16–24 år i Årby och Nyfors."


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroupNeed

    partnership = factory.SubFactory(PartnershipFactory)
    need = factory.Sequence(lambda n: f"Arbetslivserfarenhet {n}")
    source = TargetGroupNeed.Source.CONVERSATION
    noted_on = dt.date(2023, 9, 1)


class NodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Node

    partnership = factory.SubFactory(PartnershipFactory)
    level = Level.ACTIVITY
    title = factory.Sequence(lambda n: f"Nod {n}")
    order = factory.Sequence(lambda n: n)


class OutcomeFactory(NodeFactory):
    """A short-term outcome whose goal is filled in except its indicators: it answers a need
    and is anchored in a steering document (pass `anchored=False` for neither)."""

    class Meta:
        skip_postgeneration_save = True

    level = Level.SHORT_TERM
    goal_statement = "Deltagarna har arbetslivserfarenhet."
    addresses_target_group = True
    achievability_evidence = "pilot"
    achievability = "Metoden har gett erfarenhet åt tidigare grupper."

    @factory.post_generation
    def anchored(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if not create or extracted is False:
            return
        self.needs.add(NeedFactory(partnership=self.partnership))
        self.steering_documents.add(SteeringDocumentFactory(partnership=self.partnership))


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Link

    partnership = factory.SelfAttribute("source.partnership")
    source = factory.SubFactory(NodeFactory)
    target = factory.SubFactory(
        NodeFactory, partnership=factory.SelfAttribute("..source.partnership"), level=Level.OUTPUT
    )


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A complete indicator: with it, an `OutcomeFactory` goal is SMART."""

    class Meta:
        model = Indicator

    node = factory.SubFactory(OutcomeFactory)
    partnership = factory.SelfAttribute("node.partnership")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "%"
    baseline_value = Decimal("0")
    baseline_date = dt.date(2024, 1, 1)
    target_value = Decimal("40")
    target_date = dt.date(2025, 6, 30)
    frequency = Indicator.Frequency.QUARTERLY


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Revision

    partnership = factory.SubFactory(PartnershipFactory)
    number = factory.Sequence(lambda n: n + 1)
    revised_on = dt.date(2024, 6, 1)
    reason = "Ny kunskap om målgruppen."
    snapshot = factory.LazyAttribute(
        lambda revision: __import__(
            "theory_of_change.services", fromlist=["current_snapshot"]
        ).current_snapshot(revision.partnership)
    )
