"""A deleted node comes back from the history with the links and indicators deleted with it,
as far as the chain's rules allow; what cannot come back is named with the reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from theory_of_change import services
from theory_of_change.models import Indicator, Level, Link, Node

from .factories import IndicatorFactory, LinkFactory, NodeFactory, OutcomeFactory


def _restore_url(world: Any, node_id: int) -> str:
    deletion = Node.history.filter(id=node_id, history_type="-").latest("history_date")
    return reverse(
        "partnerships:history_restore",
        kwargs={
            "key": world.partnership.key,
            "model": "theory_of_change.node",
            "history_id": deletion.history_id,
        },
    )


def test_a_deleted_node_comes_back_with_its_links_and_indicators(client: Any, world: Any) -> None:
    partnership = world.partnership
    activity = NodeFactory(partnership=partnership, title="Arvoderade uppdrag")
    outcome = OutcomeFactory(partnership=partnership, title="Deltagarna har erfarenhet")
    later = NodeFactory(partnership=partnership, level=Level.LONG_TERM, title="Egen försörjning")
    into = LinkFactory(source=activity, target=outcome, assumptions="Uppdrag finns")
    out = LinkFactory(source=outcome, target=later)
    indicator = IndicatorFactory(node=outcome, name="Andel med referens")
    ids = (outcome.pk, into.pk, out.pk, indicator.pk)
    client.force_login(world.users["editor"])
    client.post(
        reverse("theory_of_change:node_delete", kwargs={"key": partnership.key, "pk": outcome.pk}),
        {"confirm": "1"},
    )
    assert not Node.objects.filter(pk=outcome.pk).exists()

    url = _restore_url(world, outcome.pk)
    confirm = client.get(url).content.decode()
    assert "What will come back" in confirm
    for text in (
        "Deltagarna har erfarenhet",
        "Arvoderade uppdrag",
        "Egen försörjning",
        "Andel med referens",
    ):
        assert text in confirm
    assert client.post(url).status_code == 302

    node = Node.objects.get(pk=ids[0])
    assert node.title == "Deltagarna har erfarenhet"
    assert set(Link.objects.filter(pk__in=ids[1:3]).values_list("source", "target")) == {
        (activity.pk, node.pk),
        (node.pk, later.pk),
    }
    assert Link.objects.get(pk=ids[1]).assumptions == "Uppdrag finns"
    assert Indicator.objects.get(pk=ids[3]).node == node
    page = client.get(reverse("partnerships:history", kwargs={"key": partnership.key}))
    with translation.override("en"):  # each request ends by resetting the language
        kinds = [(e.type_label, e.kind_label) for e in page.context["entries"][:4]]
    assert kinds.count(("Chain node", "Restored")) == 1
    assert ("Indicator", "Restored") in kinds


def test_a_link_that_would_close_a_loop_stays_out_and_is_named(client: Any, world: Any) -> None:
    partnership = world.partnership
    a, b, c = (
        NodeFactory(partnership=partnership, level=Level.OUTPUT, title=title)
        for title in ("Alfa", "Beta", "Gamma")
    )
    LinkFactory(source=a, target=b)
    LinkFactory(source=b, target=c)
    b_id = b.pk
    services.node_delete(node=b)
    services.link_create(partnership=partnership, source=c, target=a)  # now c → a
    client.force_login(world.users["owner"])
    url = _restore_url(world, b_id)
    confirm = client.get(url).content.decode()
    assert "What will not come back" in confirm
    assert "go round in a circle" in confirm
    assert client.post(url).status_code == 302
    pairs = set(Link.objects.filter(partnership=partnership).values_list("source", "target"))
    # One of the two links came back; the one that would close the loop did not.
    assert len({(a.pk, b_id), (b_id, c.pk)} & pairs) == 1
    assert (c.pk, a.pk) in pairs


def test_a_link_whose_other_end_is_gone_stays_out(client: Any, world: Any) -> None:
    partnership = world.partnership
    source = NodeFactory(partnership=partnership, title="Källa")
    target = OutcomeFactory(partnership=partnership, title="Mål som försvann")
    LinkFactory(source=source, target=target)
    source_id = source.pk
    services.node_delete(node=target)
    services.node_delete(node=source)
    client.force_login(world.users["editor"])
    url = _restore_url(world, source_id)
    confirm = client.get(url).content.decode()
    assert "the node at its other end has been deleted too" in confirm
    assert "Mål som försvann" in confirm
    assert client.post(url).status_code == 302
    assert Node.objects.filter(pk=source_id).exists()
    assert not Link.objects.filter(source_id=source_id).exists()


def test_a_deleted_link_whose_node_is_gone_is_refused(client: Any, world: Any) -> None:
    partnership = world.partnership
    source = NodeFactory(partnership=partnership)
    target = OutcomeFactory(partnership=partnership)
    link = LinkFactory(source=source, target=target)
    link_id = link.pk
    services.link_delete(link=link)
    services.node_delete(node=target)
    deletion = Link.history.filter(id=link_id, history_type="-").first()
    url = reverse(
        "partnerships:history_restore",
        kwargs={
            "key": partnership.key,
            "model": "theory_of_change.link",
            "history_id": deletion.history_id,
        },
    )
    client.force_login(world.users["editor"])
    page = client.get(url).content.decode()
    assert "This cannot be restored" in page and "Restore that first" in page
    assert client.post(url).status_code == 409
    assert not Link.objects.filter(pk=link_id).exists()


def test_an_earlier_level_that_would_break_a_link_is_refused_before_asking(
    client: Any, world: Any
) -> None:
    from partnerships.concurrency import update_versioned

    partnership = world.partnership
    node = OutcomeFactory(partnership=partnership, title="Rörlig", level=Level.LONG_TERM)
    created = Node.history.get(id=node.pk, history_type="+")
    node = update_versioned(node, expected_version=node.version, changes={"level": Level.OUTPUT})
    later = NodeFactory(partnership=partnership, level=Level.SHORT_TERM, title="Senare")
    LinkFactory(source=node, target=later)  # fine at "output", backwards at "long-term"
    url = reverse(
        "partnerships:history_restore",
        kwargs={
            "key": partnership.key,
            "model": "theory_of_change.node",
            "history_id": created.history_id,
        },
    )
    client.force_login(world.users["editor"])
    page = client.get(url).content.decode()
    assert "This cannot be restored" in page and "Long-term outcome" in page
    assert client.post(url).status_code == 409
    node.refresh_from_db()
    assert node.level == Level.OUTPUT


@pytest.mark.parametrize("kind", ["link", "indicator"])
def test_a_deleted_link_or_indicator_comes_back_on_its_own(
    client: Any, world: Any, kind: str
) -> None:
    partnership = world.partnership
    activity = NodeFactory(partnership=partnership, title="Gruppträffar")
    outcome = OutcomeFactory(partnership=partnership, title="Socialt sammanhang")
    record = (
        LinkFactory(source=activity, target=outcome, assumptions="Deltagarna kommer")
        if kind == "link"
        else IndicatorFactory(node=outcome, name="Andel som känner sig delaktiga")
    )
    model = type(record)
    pk = record.pk
    client.force_login(world.users["editor"])
    client.post(
        reverse(f"theory_of_change:{kind}_delete", kwargs={"key": partnership.key, "pk": pk}),
        {"confirm": "1"},
    )
    assert not model.objects.filter(pk=pk).exists()
    deletion = model.history.filter(id=pk, history_type="-").get()
    url = reverse(
        "partnerships:history_restore",
        kwargs={
            "key": partnership.key,
            "model": f"theory_of_change.{kind}",
            "history_id": deletion.history_id,
        },
    )
    assert "What will come back" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    restored = model.objects.get(pk=pk)
    if kind == "link":
        assert (restored.source, restored.target, restored.assumptions) == (
            activity,
            outcome,
            "Deltagarna kommer",
        )
    else:
        assert (restored.node, restored.name) == (outcome, "Andel som känner sig delaktiga")


def test_a_deleted_need_comes_back_picked_by_its_goals(client: Any, world: Any) -> None:
    from theory_of_change.models import TargetGroupNeed

    outcome = Node.objects.get(partnership=world.partnership, level=Level.SHORT_TERM)
    need = outcome.needs.get()
    client.force_login(world.users["editor"])
    client.post(
        reverse(
            "theory_of_change:need_delete", kwargs={"key": world.partnership.key, "pk": need.pk}
        ),
        {"confirm": "1"},
    )
    assert not outcome.needs.exists()
    deletion = TargetGroupNeed.history.get(id=need.pk, history_type="-")
    url = reverse(
        "partnerships:history_restore",
        kwargs={
            "key": world.partnership.key,
            "model": "theory_of_change.targetgroupneed",
            "history_id": deletion.history_id,
        },
    )
    page = client.get(url).content.decode()
    assert f"Picked by “{outcome.title}”" in page
    assert client.post(url).status_code == 302
    assert list(outcome.needs.values_list("pk", flat=True)) == [need.pk]
