from rest_framework.routers import SimpleRouter

from .views import FlowViewSet, ReviewViewSet

router = SimpleRouter()
router.register("flows", FlowViewSet, basename="review-flow")
router.register("", ReviewViewSet, basename="review")
urlpatterns = router.urls
