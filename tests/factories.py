"""factory-boy factories for the domain records."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from partnerships.models import (
    FundingCall,
    Invitation,
    Membership,
    Municipality,
    Organisation,
    Partnership,
    Party,
    Role,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Faker("name", locale="sv_SE")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def verified(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.SOCIAL_ENTREPRENEUR


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"Partnership {n}")
    challenge = "Unga som varken arbetar eller studerar."
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="0484"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.EDITOR


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    part = Party.Part.SOCIAL_ENTREPRENEUR


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    partnership = factory.SubFactory(PartnershipFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.EDITOR


class FundingCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingCall

    partnership = factory.SubFactory(PartnershipFactory)
    funder = "Vinnova"
    title = factory.Sequence(lambda n: f"Utlysning {n}")
    status = FundingCall.Status.WATCHING
