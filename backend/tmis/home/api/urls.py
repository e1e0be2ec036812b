from django.urls import path

from .views import HomeTodosApi

urlpatterns = [path("todos/", HomeTodosApi.as_view(), name="home-todos")]
