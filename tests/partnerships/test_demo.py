"""seed_demo: the three cases and the demo users, and running it again keeps the data."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from partnerships.demo import BODEN, ESKILSTUNA, LIEPAJA
from partnerships.models import Invitation, Membership, Partnership


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_cases_users_and_roles(db: Any) -> None:
    output = seed()
    assert "kommun@demo.example" in output  # the logins are printed
    titles = set(Partnership.objects.values_list("title", flat=True))
    assert {ESKILSTUNA, BODEN, LIEPAJA} <= titles
    # Examples say so: their figures beyond the guide's are made up.
    assert all("(exempel)" in title or "(example)" in title for title in titles)
    roles = {
        (m.user.email, m.partnership.title[:10], m.role)
        for m in Membership.objects.select_related("user", "partnership")
    }
    assert ("kommun@demo.example", "Kraftsamli", "owner") in roles
    assert ("entreprenor@demo.example", "Kraftsamli", "editor") in roles
    assert ("insyn@demo.example", "Kraftsamli", "viewer") in roles
    assert ("boden@demo.example", "Samlad kra", "owner") in roles
    assert {
        r[1] for r in roles if r[0] == "facilitator@demo.example" and r[2] == "facilitator"
    } == {"Kraftsamli", "Samlad kra", "Joining Fo"}
    assert Membership.objects.filter(user__email="boden@demo.example").count() == 1
    assert User.objects.get(email="insyn@demo.example").check_password("samverkan-demo")
    karin = User.objects.get(email="kommun@demo.example")
    assert karin.full_label == "Karin Kommunsson, Utvecklingsstrateg, Eskilstuna kommun"


def test_seeding_again_keeps_what_users_changed(db: Any) -> None:
    seed()
    eskilstuna = Partnership.objects.get(title__startswith="Kraftsamling")
    eskilstuna.title = "Kraftsamling, omdöpt av kommunen"
    eskilstuna.save()
    eskilstuna.parties.first().delete()
    count, parties = Partnership.objects.count(), eskilstuna.parties.count()
    seed()
    assert Partnership.objects.count() == count
    eskilstuna.refresh_from_db()
    assert eskilstuna.title == "Kraftsamling, omdöpt av kommunen"
    assert eskilstuna.parties.count() == parties


def test_a_demo_invitation_waits_on_the_dashboard(db: Any, client: Any) -> None:
    seed()
    client.force_login(User.objects.get(email="liepaja@demo.example"))
    page = client.get(reverse("partnerships:dashboard")).content.decode()
    assert ESKILSTUNA in page
    assert "Karin Kommunsson, Utvecklingsstrateg, Eskilstuna kommun" in page
    # Declined: seeding again respects the answer.
    Invitation.objects.filter(email="liepaja@demo.example").update(declined_at=timezone.now())
    seed()
    assert Invitation.objects.filter(email="liepaja@demo.example").count() == 1


def test_demo_funding_calls_and_the_deadline_that_stands_out(client: Any, db: Any) -> None:
    from partnerships.models import FundingCall
    from partnerships.selectors import funding_deadlines_soon

    seed()
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    boden = Partnership.objects.get(title=BODEN)
    statuses = sorted(
        FundingCall.objects.filter(partnership=eskilstuna).values_list("status", flat=True)
    )
    assert statuses == ["granted", "watching"]
    assert list(FundingCall.objects.filter(partnership=boden).values_list("status", flat=True)) == [
        "watching"
    ]
    soon = funding_deadlines_soon(partnership=eskilstuna)
    assert [item.call.funder for item in soon] == ["Vinnova"]
    assert 0 < soon[0].days_left <= 30
    client.force_login(User.objects.get(email="kommun@demo.example"))
    dashboard = client.get(reverse("partnerships:dashboard")).content.decode()
    assert "Innovationer för ett inkluderande arbetsliv" in dashboard
    seed()  # again: no second copy
    assert FundingCall.objects.filter(partnership=eskilstuna).count() == 2


def test_demo_glossary_shows_two_words_for_the_same_thing(client: Any, db: Any) -> None:
    from partnerships.models import GlossaryTerm

    seed()
    eskilstuna = Partnership.objects.get(title=ESKILSTUNA)
    terms = GlossaryTerm.objects.filter(partnership=eskilstuna)
    assert [t.term for t in terms] == ["arbetsmarknadsinsats", "deltagare", "uppföljning"]
    assert [t.status for t in terms] == ["agreed", "agreed", "not_agreed"]
    assert all(len(t.meanings) == 2 for t in terms)
    client.force_login(User.objects.get(email="entreprenor@demo.example"))
    page = client.get(
        reverse("partnerships:glossary_list", kwargs={"key": eskilstuna.key})
    ).content.decode()
    assert "Samtal med den unga var tredje månad" in page
    seed()  # again: no second copy
    assert GlossaryTerm.all_objects.filter(partnership=eskilstuna).count() == 3
