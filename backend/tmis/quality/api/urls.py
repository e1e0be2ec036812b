from django.urls import path

from .views import IssuesApi, RulesApi, SummaryApi

urlpatterns = [
    path("rules/", RulesApi.as_view(), name="quality-rules"),
    path("issues/", IssuesApi.as_view(), name="quality-issues"),
    path("summary/", SummaryApi.as_view(), name="quality-summary"),
]
