from django.urls import path
from rest_framework.routers import SimpleRouter

from .settings_views import ReviewSettingsApi
from .views import FlowViewSet, ReviewViewSet

router = SimpleRouter()
router.register("flows", FlowViewSet, basename="review-flow")
router.register("", ReviewViewSet, basename="review")
# Before the router: `settings/` would otherwise read as an item's id.
urlpatterns = [path("settings/", ReviewSettingsApi.as_view(), name="review-settings"), *router.urls]
