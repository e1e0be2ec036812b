from django.urls import path

from .views import ChildrenApi, ChildrenXlsxApi, DimensionsApi, SummaryApi, SummaryXlsxApi

urlpatterns = [
    path("summary/", SummaryApi.as_view(), name="reports-summary"),
    path("children/", ChildrenApi.as_view(), name="reports-children"),
    path("summary/xlsx/", SummaryXlsxApi.as_view(), name="reports-summary-xlsx"),
    path("children/xlsx/", ChildrenXlsxApi.as_view(), name="reports-children-xlsx"),
    path("dimensions/", DimensionsApi.as_view(), name="reports-dimensions"),
]
