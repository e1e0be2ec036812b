from rest_framework.routers import SimpleRouter

from .plan_views import MilestoneViewSet, WorkPlanViewSet

router = SimpleRouter()
router.register(r"(?P<plan_pk>[^/.]+)/milestones", MilestoneViewSet, basename="milestone")
router.register("", WorkPlanViewSet, basename="work-plan")
urlpatterns = router.urls
