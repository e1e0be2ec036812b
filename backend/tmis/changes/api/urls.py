from rest_framework.routers import SimpleRouter

from .views import ChangeViewSet

router = SimpleRouter()
router.register("", ChangeViewSet, basename="change")
urlpatterns = router.urls
