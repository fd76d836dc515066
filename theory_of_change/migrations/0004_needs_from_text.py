"""The free-text needs become rows: the shared picture's lines, then each goal's own need."""

from __future__ import annotations

from typing import Any

from django.db import migrations

MAX_NEED = 500  # TargetGroupNeed.need's max_length


def _lines(text: str) -> list[str]:
    """The needs written one per line, without bullets, blanks or repeats."""
    found: dict[str, str] = {}
    for line in (text or "").splitlines():
        need = line.strip().lstrip("-–•*").strip()[:MAX_NEED]
        if need:
            found.setdefault(need.casefold(), need)
    return list(found.values())


def needs_from_text(apps: Any, schema_editor: Any) -> None:
    """Each line of `target_group_needs` becomes a need; a goal's `need` picks the need with
    the same words (case aside), or a new need made from its text."""
    TheoryOfChange = apps.get_model("theory_of_change", "TheoryOfChange")
    TargetGroupNeed = apps.get_model("theory_of_change", "TargetGroupNeed")
    Node = apps.get_model("theory_of_change", "Node")
    known: dict[int, dict[str, Any]] = {}
    for toc in TheoryOfChange.objects.exclude(target_group_needs="").order_by("id"):
        needs = known.setdefault(toc.partnership_id, {})
        for text in _lines(toc.target_group_needs):
            needs[text.casefold()] = TargetGroupNeed.objects.create(
                partnership_id=toc.partnership_id, need=text
            )
    for node in Node.objects.exclude(need="").order_by("id"):
        needs = known.setdefault(node.partnership_id, {})
        text = " ".join(node.need.split())[:MAX_NEED]
        if not text:
            continue
        need = needs.get(text.casefold())
        if need is None:
            need = needs[text.casefold()] = TargetGroupNeed.objects.create(
                partnership_id=node.partnership_id, need=text
            )
        node.needs.add(need)


class Migration(migrations.Migration):
    dependencies = [("theory_of_change", "0003_needs_participants_evidence")]

    operations = [migrations.RunPython(needs_from_text, migrations.RunPython.noop)]
