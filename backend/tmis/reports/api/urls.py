from django.urls import path

from .monthly_views import MonthlyListApi, MonthlyReportApi, MonthlyXlsxApi, RankingApi
from .views import ChildrenApi, ChildrenXlsxApi, DimensionsApi, SummaryApi, SummaryXlsxApi

urlpatterns = [
    path("summary/", SummaryApi.as_view(), name="reports-summary"),
    path("children/", ChildrenApi.as_view(), name="reports-children"),
    path("summary/xlsx/", SummaryXlsxApi.as_view(), name="reports-summary-xlsx"),
    path("children/xlsx/", ChildrenXlsxApi.as_view(), name="reports-children-xlsx"),
    path("dimensions/", DimensionsApi.as_view(), name="reports-dimensions"),
    path("monthly/", MonthlyListApi.as_view(), name="reports-monthly"),
    path("monthly/<str:period>/", MonthlyReportApi.as_view(), name="reports-monthly-read"),
    path("monthly/<str:period>/xlsx/", MonthlyXlsxApi.as_view(), name="reports-monthly-xlsx"),
    path("ranking/", RankingApi.as_view(), name="reports-ranking"),
]
