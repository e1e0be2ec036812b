from rest_framework.routers import SimpleRouter

from .token_views import ApiTokenViewSet

router = SimpleRouter()
router.register("", ApiTokenViewSet, basename="api-token")
urlpatterns = router.urls
