"""Candidate partners' URLs, added to the partnerships namespace by partnerships/urls.py."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("p/<str:key>/candidates/", views.candidate_list, name="candidate_list"),
    path("p/<str:key>/candidates/compare/", views.candidate_compare, name="candidate_compare"),
    path("p/<str:key>/candidates/new/", views.candidate_create, name="candidate_create"),
    path("p/<str:key>/candidates/<int:pk>/", views.candidate_detail, name="candidate_detail"),
    path("p/<str:key>/candidates/<int:pk>/edit/", views.candidate_edit, name="candidate_edit"),
    path(
        "p/<str:key>/candidates/<int:pk>/conversation/",
        views.candidate_conversation,
        name="candidate_conversation",
    ),
    path(
        "p/<str:key>/candidates/<int:pk>/choose/", views.candidate_choose, name="candidate_choose"
    ),
    path(
        "p/<str:key>/candidates/<int:pk>/decline/",
        views.candidate_decline,
        name="candidate_decline",
    ),
    path(
        "p/<str:key>/candidates/<int:pk>/delete/", views.candidate_delete, name="candidate_delete"
    ),
    path(
        "p/<str:key>/candidates/<int:pk>/restore/",
        views.candidate_restore,
        name="candidate_restore",
    ),
]
