from rest_framework.routers import SimpleRouter

from .group_views import GROUP_VIEWSETS
from .views import TeacherViewSet

router = SimpleRouter()
for group, viewset in GROUP_VIEWSETS.items():
    router.register(rf"(?P<teacher_pk>\d+)/{group}", viewset, basename=f"teacher-{group}")
router.register("", TeacherViewSet, basename="teacher")
urlpatterns = router.urls
