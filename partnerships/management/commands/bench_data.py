"""Generate the large data set the benchmarks run against.

Every bench row is marked so `--reset` can find it again: organisations and partnerships are
named "Bench …", users have addresses at @bench.example. The rows are written with
bulk_create, which skips django-simple-history's signals: bench data has no history rows,
because the history of generated rows says nothing and writing it would triple the run time.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.test.utils import override_settings

from partnerships.history import _REGISTRY as HISTORY_REGISTRY
from partnerships.models import (
    Membership,
    Municipality,
    Organisation,
    Partnership,
    Party,
    Role,
    new_partnership_key,
)

PREFIX = "Bench "
EMAIL_DOMAIN = "@bench.example"
BENCH_EMAIL = f"bench{EMAIL_DOMAIN}"
BIG_TITLE = f"{PREFIX}stor samverkan med 30 medlemmar"
BATCH = 1000

# Per unit of --scale.
ORGANISATIONS = 2000
PARTNERSHIPS = 500
MEMBER_USERS = 300
BENCH_USER_MEMBERSHIPS = 20  # not scaled: the dashboard of one person stays a realistic size
BIG_MEMBERS = 30

ORGANISATION_WORDS = [
    "Ungdomskraft",
    "Framtidsvägen",
    "Stegvis",
    "Gröna händer",
    "Nya spår",
    "Mötesplats",
    "Arbetsbron",
    "Kvarterskraft",
    "Vägledarna",
    "Lärlingshuset",
    "Språkbron",
    "Hemmaplan",
]
CHALLENGES = [
    "Unga vuxna som varken arbetar eller studerar når inte kommunens ordinarie insatser.",
    "Nyanlända kvinnor står långt från arbetsmarknaden och saknar kontaktnät.",
    "Äldre i glesbygd blir ensamma när servicen flyttar in till centralorten.",
    "Elever som avbryter gymnasiet förlorar kontakten med både skola och arbetsliv.",
    "Långtidsarbetslösa med funktionsnedsättning får sällan pröva ett riktigt arbete.",
]


class Command(BaseCommand):
    help = "Create the benchmark data set (organisations, partnerships, members, a bench user)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1, help="Multiply the data set size.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete earlier bench data first, then generate."
        )

    def handle(self, *args: Any, scale: int, reset: bool, **options: Any) -> None:
        if scale < 1:
            raise ValueError("--scale must be at least 1")
        started = time.monotonic()
        if reset:
            deleted = delete_bench_data()
            self.stdout.write(f"Deleted earlier bench data: {deleted}.")
        elif Partnership.objects.filter(title__startswith=PREFIX).exists():
            self.stdout.write(
                "Bench data exists; nothing to do (use --reset to generate it again)."
            )
            self._report()
            return
        counts = generate(scale=scale, seed=scale)
        self.stdout.write(
            self.style.SUCCESS(
                f"Bench data in place in {time.monotonic() - started:.1f} s: "
                + ", ".join(f"{count} {name}" for name, count in counts.items())
            )
        )
        self._report()

    def _report(self) -> None:
        big = Partnership.objects.filter(title=BIG_TITLE).first()
        self.stdout.write(f"Bench login: {BENCH_EMAIL} (password: the DEMO_PASSWORD setting)")
        if big is not None:
            self.stdout.write(f"Partnership with {BIG_MEMBERS} members: /partnerships/p/{big.key}/")


def delete_bench_data() -> dict[str, int]:
    """Delete every bench row and the history rows that point at bench partnerships."""
    User = get_user_model()
    partnerships = Partnership.objects.filter(title__startswith=PREFIX)
    ids = list(partnerships.values_list("pk", flat=True))
    counts: dict[str, int] = {}
    # Deleting through the ORM would write a "Deleted" history row per object.
    with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
        for tracked in HISTORY_REGISTRY:
            history = tracked.model.history  # type: ignore[attr-defined]
            history.filter(**{f"{tracked.partnership_lookup}__in": ids}).delete()
        counts["partnerships"] = partnerships.delete()[1].get(Partnership._meta.label, 0)
        counts["organisations"] = (
            Organisation.objects.filter(name__startswith=PREFIX)
            .delete()[1]
            .get(Organisation._meta.label, 0)
        )
        counts["users"] = (
            User.objects.filter(email__endswith=EMAIL_DOMAIN).delete()[1].get(User._meta.label, 0)
        )
    return counts


def _bulk(model: type[Any], rows: list[Any]) -> list[Any]:
    return model.objects.bulk_create(rows, batch_size=BATCH)


@transaction.atomic
def generate(*, scale: int, seed: int) -> dict[str, int]:
    """Write the data set in one transaction; `seed` makes two runs produce the same shape."""
    rng = random.Random(seed)
    User = get_user_model()
    municipalities = list(Municipality.objects.all())
    today = date.today()
    # One hash for every bench user: PBKDF2 per user would dominate the run time.
    password = make_password(settings.DEMO_PASSWORD)

    users = _bulk(
        User,
        [User(email=BENCH_EMAIL, name="Bänk Bänksson", title="Prestandatestare", password=password)]
        + [
            User(email=f"member{n:05d}{EMAIL_DOMAIN}", name=f"Medlem {n}", password=password)
            for n in range(MEMBER_USERS * scale)
        ],
    )
    # Postgres returns primary keys from bulk_create; SQLite (3.35+) does too.
    bench_user, members = users[0], users[1:]
    _bulk(
        EmailAddress,
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
    )

    kinds = list(Organisation.Kind.values)
    organisations = _bulk(
        Organisation,
        [
            Organisation(
                name=f"{PREFIX}{rng.choice(ORGANISATION_WORDS)} {n:05d}",
                kind=rng.choice(kinds),
                home_municipality=rng.choice(municipalities),
                description="Genererad för prestandatest.",
            )
            for n in range(ORGANISATIONS * scale)
        ],
    )

    phases = list(Partnership.Phase.values)
    partnerships = []
    for n in range(PARTNERSHIPS * scale):
        start = today - timedelta(days=rng.randint(0, 900))
        partnerships.append(
            Partnership(
                key=new_partnership_key(),
                title=BIG_TITLE if n == 0 else f"{PREFIX}samverkan {n:05d}",
                challenge=rng.choice(CHALLENGES),
                phase=rng.choice(phases),
                municipality=rng.choice(municipalities),
                start_date=start,
                end_date=start + timedelta(days=rng.randint(180, 1100)),
            )
        )
    partnerships = _bulk(Partnership, partnerships)
    big = partnerships[0]

    parts = list(Party.Part.values)
    parties = []
    for partnership in partnerships:
        chosen = rng.sample(organisations, rng.randint(3, 6))
        # Most partnerships have the lead municipality and the social entrepreneur of step 1.
        chosen_parts = [Party.Part.LEAD_MUNICIPALITY, Party.Part.SOCIAL_ENTREPRENEUR] + [
            rng.choice(parts) for _ in chosen[2:]
        ]
        parties += [
            Party(
                partnership=partnership,
                organisation=organisation,
                part=part,
                contribution="Tid och kunskap",
            )
            for organisation, part in zip(chosen, chosen_parts, strict=True)
        ]
    _bulk(Party, parties)

    roles = [Role.FACILITATOR, Role.EDITOR, Role.EDITOR, Role.VIEWER]
    memberships = []
    for partnership in partnerships[1:]:
        team = rng.sample(members, rng.randint(2, 4))
        memberships.append(Membership(user=team[0], partnership=partnership, role=Role.OWNER))
        memberships += [
            Membership(user=user, partnership=partnership, role=rng.choice(roles))
            for user in team[1:]
        ]
    # The big partnership: the bench user owns it, 29 others share it.
    memberships.append(Membership(user=bench_user, partnership=big, role=Role.OWNER))
    memberships += [
        Membership(user=user, partnership=big, role=rng.choice(roles))
        for user in rng.sample(members, BIG_MEMBERS - 1)
    ]
    # The bench user is also a member of ~20 others, so the dashboard has real rows.
    memberships += [
        Membership(user=bench_user, partnership=partnership, role=rng.choice(roles))
        for partnership in rng.sample(partnerships[1:], BENCH_USER_MEMBERSHIPS)
    ]
    _bulk(Membership, memberships)

    return {
        "users": len(users),
        "organisations": len(organisations),
        "partnerships": len(partnerships),
        "parties": len(parties),
        "memberships": len(memberships),
    }
