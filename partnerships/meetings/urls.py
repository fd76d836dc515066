"""Meeting URLs, included from `partnerships/urls.py` (names in the `partnerships` namespace)."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("p/<str:key>/meetings/", views.meeting_list, name="meeting_list"),
    path("p/<str:key>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("p/<str:key>/meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("p/<str:key>/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("p/<str:key>/meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("p/<str:key>/meetings/<int:pk>/restore/", views.meeting_restore, name="meeting_restore"),
    path("p/<str:key>/meetings/<int:pk>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("p/<str:key>/meetings/<int:pk>/actions/add/", views.action_add, name="action_add"),
    path("p/<str:key>/meetings/feed/new/", views.feed_create, name="calendar_feed_create"),
    path("p/<str:key>/meetings/feed/revoke/", views.feed_revoke, name="calendar_feed_revoke"),
    path("p/<str:key>/actions/", views.action_list, name="action_list"),
    path("p/<str:key>/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("p/<str:key>/actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("p/<str:key>/actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
    # Public: the secret token is the credential (calendar apps do not sign in).
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
