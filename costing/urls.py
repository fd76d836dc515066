from __future__ import annotations

from django.urls import path

from .documents import views as memo

app_name = "costing"

PREFIX = "p/<str:key>/"

urlpatterns = [
    path(PREFIX + "memo/", memo.memo_page, name="memo"),
    path(PREFIX + "memo/edit/", memo.memo_edit, name="memo_edit"),
    path(PREFIX + "memo/generate/", memo.memo_generate, name="memo_generate"),
    path(PREFIX + "memo/versions/", memo.memo_versions, name="memo_versions"),
    path(PREFIX + "memo/v<int:number>/download/", memo.memo_download, name="memo_download"),
    path(PREFIX + "memo/v<int:number>/retry/", memo.memo_retry, name="memo_retry"),
    path(PREFIX + "memo/v<int:number>/decision/", memo.memo_decision, name="memo_decision"),
]
