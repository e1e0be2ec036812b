from django.urls import path

from .jobs import JobCancelApi, JobListApi

urlpatterns = [
    path("", JobListApi.as_view(), name="job-list"),
    path("<str:kind>/<int:pk>/cancel/", JobCancelApi.as_view(), name="job-cancel"),
]
