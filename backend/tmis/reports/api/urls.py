from django.urls import path

from .views import ChildrenApi, DimensionsApi, SummaryApi

urlpatterns = [
    path("summary/", SummaryApi.as_view(), name="reports-summary"),
    path("children/", ChildrenApi.as_view(), name="reports-children"),
    path("dimensions/", DimensionsApi.as_view(), name="reports-dimensions"),
]
