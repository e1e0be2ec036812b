from rest_framework.routers import SimpleRouter

from .views import TeacherViewSet

router = SimpleRouter()
router.register("", TeacherViewSet, basename="teacher")
urlpatterns = router.urls
