from rest_framework.routers import SimpleRouter

from .group_views import GroupMemberViewSet

router = SimpleRouter()
router.register("", GroupMemberViewSet, basename="working-group")
urlpatterns = router.urls
