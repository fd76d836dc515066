"""Members, roles and invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import AuthedRequest

from .. import selectors, services
from ..access import Access, get_partnership_for_user
from ..forms import ROLE_HELP, InvitationForm, RoleForm
from ..models import Invitation, Membership, Role
from ..tokens import invitation_from_token


def _members_page(
    request: AuthedRequest,
    access: Access,
    form: InvitationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    partnership = access.partnership
    members, invitations = selectors.members_and_invitations(partnership)
    open_invitations = [invitation for invitation in invitations if invitation.declined_at is None]
    declined = [invitation for invitation in invitations if invitation.declined_at is not None]
    can_manage = access.can_manage
    former = selectors.former_members(partnership) if can_manage else []
    withdrawn = selectors.withdrawn_invitations(partnership) if can_manage else []
    return render(
        request,
        "partnerships/members.html",
        {
            "partnership": partnership,
            "access": access,
            "members": members,
            "invitations": open_invitations,
            "declined_invitations": declined,
            "former": former,
            "withdrawn": withdrawn,
            "form": form if form is not None else (InvitationForm() if can_manage else None),
            "role_choices": Role.choices,
            "role_help": ROLE_HELP.items(),
        },
        status=status,
    )


@login_required
@require_safe
def members(request: AuthedRequest, key: str) -> HttpResponse:
    return _members_page(request, get_partnership_for_user(request.user, key))


@login_required
@require_POST
def invite(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="manage")
    partnership = access.partnership
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                partnership=partnership,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link works for 14 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("partnerships:members", key=key)
    return _members_page(request, access, form, status=400)


CONFIRM_METHODS = ["GET", "HEAD", "POST"]


def _members_url(key: str) -> str:
    return reverse("partnerships:members", kwargs={"key": key})


@login_required
@require_http_methods(CONFIRM_METHODS)
def invitation_revoke(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what withdrawing the invitation changes; POST: withdraw it (it can be re-opened)."""
    access = get_partnership_for_user(request.user, key, need="manage")
    partnership = access.partnership
    invitation = get_object_or_404(
        partnership.invitations, pk=pk, accepted_at__isnull=True, revoked_at__isnull=True
    )
    if request.method == "POST":
        services.invitation_revoke(invitation=invitation)
        messages.success(
            request,
            _(
                "The invitation to %(email)s was withdrawn. You can re-open it under "
                "Withdrawn invitations."
            )
            % {"email": invitation.email},
        )
        return redirect("partnerships:members", key=key)
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Withdraw the invitation to %(email)s?") % {"email": invitation.email},
            "changes": [
                _(
                    "The link sent to %(email)s stops working: it can no longer be used to join "
                    "as %(role)s."
                )
                % {"email": invitation.email, "role": invitation.get_role_display()},
            ],
            "undo": _(
                "You can re-open the invitation under Withdrawn invitations; a new link "
                "is then sent."
            ),
            "confirm_label": _("Withdraw the invitation"),
            "cancel_url": _members_url(key),
        },
    )


@login_required
@require_POST
def invitation_reopen(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="manage")
    invitation = get_object_or_404(
        access.partnership.invitations, pk=pk, accepted_at__isnull=True, revoked_at__isnull=False
    )
    try:
        services.invitation_reopen(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is open again, and a new link was sent.")
            % {"email": invitation.email},
        )
    return redirect("partnerships:members", key=key)


@login_required
@require_POST
def member_role(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="manage")
    partnership = access.partnership
    membership = get_object_or_404(partnership.memberships.select_related("user"), pk=pk)
    form = RoleForm(request.POST, instance=membership)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
        return redirect("partnerships:members", key=key)
    try:
        services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(user)s's role was changed.") % {"user": membership.user})
    return redirect("partnerships:members", key=key)


def _removal_page(
    request: AuthedRequest, access: Access, membership: Membership, *, leaving: bool
) -> HttpResponse:
    """The confirmation before a membership ends: who loses access, and how to undo it."""
    partnership = access.partnership
    blocked = ""
    if membership.role == Role.OWNER and services.owner_count(partnership) <= 1:
        blocked = _("The last owner cannot leave the partnership. Make someone else owner first.")
    if leaving:
        heading = _("Leave %(title)s?") % {"title": partnership.title}
        changes = [
            _("You lose access to the partnership and all its records."),
            _("Your earlier changes stay in the history, with your name."),
        ]
        undo = _("To come back later, ask an owner of the partnership to invite you again.")
        action = reverse("partnerships:leave", kwargs={"key": partnership.key})
        label = _("Leave the partnership")
    else:
        who = membership.user
        heading = _("Remove %(user)s from the partnership?") % {"user": who}
        changes = [
            _("%(user)s (%(email)s) loses access to the partnership and all its records.")
            % {"user": who, "email": who.email},
            _("Their earlier changes stay in the history, with their name."),
        ]
        undo = _("You can add them back, with their role as %(role)s, under Former members.") % {
            "role": membership.role_label
        }
        action = reverse(
            "partnerships:member_remove", kwargs={"key": partnership.key, "pk": membership.pk}
        )
        label = _("Remove the member")
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": heading,
            "changes": changes,
            "undo": undo,
            "blocked": blocked,
            "action_url": action,
            "confirm_label": label,
            "cancel_url": _members_url(partnership.key),
        },
    )


@login_required
@require_http_methods(CONFIRM_METHODS)
def member_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="manage")
    partnership = access.partnership
    membership = get_object_or_404(partnership.memberships.select_related("user"), pk=pk)
    leaving = membership.user_id == request.user.pk
    if request.method != "POST":
        return _removal_page(request, access, membership, leaving=leaving)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:members", key=key)
    if leaving:
        messages.success(request, _("You have left %(title)s.") % {"title": partnership.title})
        return redirect("partnerships:dashboard")
    messages.success(
        request,
        _("%(user)s was removed from the partnership. You can add them back under Former members.")
        % {"user": membership.user},
    )
    return redirect("partnerships:members", key=key)


@login_required
@require_http_methods(CONFIRM_METHODS)
def leave(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    if request.method != "POST":
        return _removal_page(request, access, access.membership, leaving=True)
    try:
        services.membership_remove(membership=access.membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:members", key=key)
    messages.success(request, _("You have left %(title)s.") % {"title": partnership.title})
    return redirect("partnerships:dashboard")


@login_required
@require_POST
def member_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """Add a former member (user `pk`) back with the role they had."""
    access = get_partnership_for_user(request.user, key, need="manage")
    partnership = access.partnership
    former = {person.user.pk: person for person in selectors.former_members(partnership)}
    if pk not in former:
        raise Http404
    try:
        membership = services.membership_restore(partnership=partnership, user=former[pk].user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(user)s is a member again, as %(role)s.")
            % {"user": membership.user, "role": membership.role_label},
        )
    return redirect("partnerships:members", key=key)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link from the email: shows the invitation, accepts it for the invited user."""
    try:
        invitation = invitation_from_token(token)
    except ValidationError as error:
        return render(
            request, "partnerships/invitation.html", {"error": " ".join(error.messages)}, status=410
        )
    context: dict[str, Any] = {"invitation": invitation}
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{request.path}")
        try:
            membership = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
            return render(request, "partnerships/invitation.html", context, status=400)
        messages.success(
            request,
            _("Welcome to %(title)s.") % {"title": membership.partnership.title},
        )
        return redirect(membership.partnership)
    if request.user.is_authenticated and not services.invitation_is_addressed_to(
        invitation=invitation, user=request.user
    ):
        context["error"] = _(
            "This invitation was sent to %(invited)s, but you are signed in as %(current)s. "
            "Sign out and sign in with the invited address to accept it."
        ) % {"invited": invitation.email, "current": request.user.email}
    return render(request, "partnerships/invitation.html", context)


def _pending_invitation(request: AuthedRequest, pk: int) -> Invitation:
    """An invitation waiting for the signed-in user; anyone else's is 404, as if it did not exist."""
    return get_object_or_404(selectors.pending_invitations_for_user(request.user), pk=pk)


@login_required
@require_POST
def pending_invitation_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    """Accept from the dashboard, without the emailed link."""
    invitation = _pending_invitation(request, pk)
    try:
        membership = services.invitation_accept(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:dashboard")
    messages.success(request, _("Welcome to %(title)s.") % {"title": membership.partnership.title})
    return redirect(membership.partnership)


@login_required
def pending_invitation_decline(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET says what declining does; POST declines."""
    invitation = _pending_invitation(request, pk)
    if request.method == "POST":
        try:
            services.invitation_decline(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You declined the invitation to %(title)s.")
                % {"title": invitation.partnership.title},
            )
        return redirect("partnerships:dashboard")
    return render(request, "partnerships/invitation_decline.html", {"invitation": invitation})
