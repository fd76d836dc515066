"""Meetings, their follow-up actions, and calendar export (one .ics, a subscribable feed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import AuthedRequest

from ..access import Access, get_partnership_for_user
from ..views.editing import edit_page
from . import selectors, services
from .calendar import ascii_filename, calendar_bytes
from .forms import MeetingActionForm, MeetingForm
from .models import Meeting, MeetingAction

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _meeting(access: Access, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.filter(partnership=access.partnership), pk=pk)


def _action(access: Access, pk: int) -> MeetingAction:
    return get_object_or_404(
        MeetingAction.objects.filter(
            partnership=access.partnership, meeting__removed_at__isnull=True
        ).select_related("meeting"),
        pk=pk,
    )


def _meeting_url(meeting: Meeting, key: str) -> str:
    return reverse("partnerships:meeting_detail", kwargs={"key": key, "pk": meeting.pk})


@login_required
@require_safe
def meeting_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    feed = selectors.active_feed(partnership) if access.can_edit else None
    feed_url = (
        request.build_absolute_uri(
            reverse("partnerships:calendar_feed", kwargs={"token": feed.token})
        )
        if feed
        else ""
    )
    return render(
        request,
        "partnerships/meetings/meeting_list.html",
        {
            "partnership": partnership,
            "access": access,
            "lists": selectors.meeting_lists(partnership),
            "removed": selectors.removed_meetings(partnership),
            "feed": feed,
            "feed_url": feed_url,
        },
    )


@login_required
def meeting_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        instance=Meeting(partnership=partnership),
        partnership=partnership,
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was added."))
            return redirect(_meeting_url(meeting, partnership.key))
    return render(
        request,
        "partnerships/meetings/meeting_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


def _detail(
    request: AuthedRequest,
    access: Access,
    meeting: Meeting,
    action_form: MeetingActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    partnership = access.partnership
    if action_form is None and access.can_edit:
        action_form = MeetingActionForm(
            instance=MeetingAction(meeting=meeting), partnership=partnership, prefix="action"
        )
    meeting = Meeting.objects.filter(pk=meeting.pk).prefetch_related("members", "contacts").get()
    return render(
        request,
        "partnerships/meetings/meeting_detail.html",
        {
            "partnership": partnership,
            "access": access,
            "meeting": meeting,
            "actions": selectors.meeting_actions(meeting),
            "action_form": action_form,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_safe
def meeting_detail(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    return _detail(request, access, _meeting(access, pk))


@login_required
def meeting_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    meeting = _meeting(access, pk)
    return edit_page(
        request,
        MeetingForm(
            request.POST if request.method == "POST" else None,
            instance=meeting,
            partnership=partnership,
        ),
        services.meeting_update,
        template="partnerships/meetings/meeting_form.html",
        context={"partnership": partnership, "access": access, "meeting": meeting},
        success_url=_meeting_url(meeting, partnership.key),
        meeting=meeting,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the meeting changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    meeting = _meeting(access, pk)
    list_url = reverse("partnerships:meeting_list", kwargs={"key": partnership.key})
    if request.method == "POST":
        services.meeting_remove(meeting=meeting)
        messages.success(
            request,
            _("“%(title)s” was removed. You can restore it under Removed meetings.")
            % {"title": meeting.title},
        )
        return redirect(list_url)
    open_count = meeting.actions.filter(done=False).count()
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the meeting “%(title)s”?") % {"title": meeting.title},
            "changes": [
                _("The meeting leaves the list of meetings and the subscribed calendars."),
                _("Its %(count)s open follow-up actions leave the list of open actions.")
                % {"count": open_count},
            ],
            "undo": _("You can restore the meeting, with its actions, under Removed meetings."),
            "confirm_label": _("Remove the meeting"),
            "cancel_url": _meeting_url(meeting, partnership.key),
        },
    )


@login_required
@require_POST
def meeting_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    meeting = get_object_or_404(selectors.removed_meetings(partnership), pk=pk)
    services.meeting_restore(meeting=meeting)
    messages.success(request, _("“%(title)s” was restored.") % {"title": meeting.title})
    return redirect("partnerships:meeting_list", key=partnership.key)


@login_required
@require_safe
def meeting_ics(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """One meeting as an .ics file to open in a calendar."""
    access = get_partnership_for_user(request.user, key)
    meeting = _meeting(access, pk)
    body = calendar_bytes(
        [meeting],
        name=access.partnership.title,
        url_for=lambda m: request.build_absolute_uri(_meeting_url(m, key)),
    )
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename(meeting.title)}"'
    return response


# Follow-up actions ----------------------------------------------------------------------------


@login_required
@require_POST
def action_add(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    meeting = _meeting(access, pk)
    form = MeetingActionForm(
        request.POST,
        instance=MeetingAction(meeting=meeting),
        partnership=access.partnership,
        prefix="action",
    )
    if form.is_valid():
        try:
            services.meeting_action_create(meeting=meeting, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action was added."))
            return redirect(_meeting_url(meeting, key) + "#actions")
    return _detail(request, access, meeting, action_form=form, status=400)


@login_required
def action_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    action = _action(access, pk)
    return edit_page(
        request,
        MeetingActionForm(
            request.POST if request.method == "POST" else None,
            instance=action,
            partnership=access.partnership,
        ),
        services.meeting_action_update,
        template="partnerships/meetings/action_form.html",
        context={"partnership": access.partnership, "access": access, "action": action},
        success_url=_meeting_url(action.meeting, key) + "#actions",
        action=action,
    )


@login_required
@require_POST
def action_done(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """Mark an action done, or (done=0) open again."""
    access = get_partnership_for_user(request.user, key, need="edit")
    action = _action(access, pk)
    done = request.POST.get("done", "1") != "0"
    services.meeting_action_set_done(action=action, done=done)
    if done:
        messages.success(request, _("“%(what)s” is marked done.") % {"what": action.what})
    else:
        messages.success(request, _("“%(what)s” is open again.") % {"what": action.what})
    if request.POST.get("next") == "actions":
        return redirect("partnerships:action_list", key=key)
    return redirect(_meeting_url(action.meeting, key) + "#actions")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_delete(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    action = _action(access, pk)
    meeting_url = _meeting_url(action.meeting, key)
    if request.method == "POST":
        services.meeting_action_delete(action=action)
        messages.success(
            request,
            _("“%(what)s” was deleted. You can bring it back from the history.")
            % {"what": action.what},
        )
        return redirect(meeting_url + "#actions")
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": access.partnership,
            "access": access,
            "heading": _("Delete the action “%(what)s”?") % {"what": action.what},
            "changes": [
                _("The action leaves the meeting “%(title)s” and the list of open actions.")
                % {"title": action.meeting.title}
            ],
            "undo": _("You can bring it back from the partnership's history."),
            "confirm_label": _("Delete the action"),
            "cancel_url": meeting_url,
        },
    )


@login_required
@require_safe
def action_list(request: AuthedRequest, key: str) -> HttpResponse:
    """Open actions of all meetings: overdue first, then by due date."""
    access = get_partnership_for_user(request.user, key)
    today = timezone.localdate()
    return render(
        request,
        "partnerships/meetings/action_list.html",
        {
            "partnership": access.partnership,
            "access": access,
            "actions": selectors.open_actions(access.partnership, today),
            "today": today,
        },
    )


# The calendar feed ----------------------------------------------------------------------------


@login_required
@require_POST
def feed_create(request: AuthedRequest, key: str) -> HttpResponse:
    """Make a new secret feed address (an active one stops working)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    services.calendar_feed_create(partnership=access.partnership, user=request.user)
    messages.success(request, _("The calendar address was created. Copy it into your calendar."))
    return redirect(reverse("partnerships:meeting_list", kwargs={"key": key}) + "#calendar")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feed_revoke(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    list_url = reverse("partnerships:meeting_list", kwargs={"key": key}) + "#calendar"
    if request.method == "POST":
        services.calendar_feed_revoke(partnership=access.partnership)
        messages.success(request, _("The calendar address no longer works."))
        return redirect(list_url)
    if selectors.active_feed(access.partnership) is None:
        raise Http404
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": access.partnership,
            "access": access,
            "heading": _("Stop the calendar address?"),
            "changes": [
                _("Calendars that subscribe to the address stop receiving the meetings."),
                _("Anyone who has the address can no longer read the meetings through it."),
            ],
            "undo": _("You can create a new address afterwards; it will be a different one."),
            "confirm_label": _("Stop the address"),
            "cancel_url": list_url,
        },
    )


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The partnership's meetings for calendar apps, without signing in: the secret in the
    address is the credential. An unknown or revoked address is 404 (two queries)."""
    feed = selectors.feed_by_token(token)
    if feed is None:
        raise Http404
    partnership = feed.partnership
    body = calendar_bytes(
        selectors.feed_meetings(partnership),
        name=partnership.title,
        url_for=lambda m: request.build_absolute_uri(_meeting_url(m, partnership.key)),
    )
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
