from django.urls import path

from .views import ChangesFeedApi

urlpatterns = [path("", ChangesFeedApi.as_view(), name="changes-feed")]
