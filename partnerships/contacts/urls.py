"""URLs of contacts and the relationship plan, included under `partnerships:`."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("p/<str:key>/contacts/", views.contact_list, name="contact_list"),
    path("p/<str:key>/contacts/new/", views.contact_create, name="contact_create"),
    path("p/<str:key>/contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("p/<str:key>/contacts/<int:pk>/remove/", views.contact_remove, name="contact_remove"),
    path("p/<str:key>/contacts/<int:pk>/restore/", views.contact_restore, name="contact_restore"),
    path("p/<str:key>/contacts/<int:pk>/erase/", views.contact_erase, name="contact_erase"),
    path("p/<str:key>/relationships/", views.relationship_list, name="relationship_list"),
    path("p/<str:key>/relationships/new/", views.relationship_create, name="relationship_create"),
    path(
        "p/<str:key>/relationships/<int:pk>/edit/",
        views.relationship_edit,
        name="relationship_edit",
    ),
    path(
        "p/<str:key>/relationships/<int:pk>/remove/",
        views.relationship_remove,
        name="relationship_remove",
    ),
    path(
        "p/<str:key>/relationships/<int:pk>/restore/",
        views.relationship_restore,
        name="relationship_restore",
    ),
]
