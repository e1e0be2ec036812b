from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import AssignmentViewSet, EligibleApi, FlowsApi, PlanViewSet, RulesApi, TargetsApi

router = SimpleRouter()
router.register("plans", PlanViewSet, basename="rotation-plan")
router.register("assignments", AssignmentViewSet, basename="rotation-assignment")

urlpatterns = [
    path("eligible/", EligibleApi.as_view(), name="rotation-eligible"),
    path("targets/", TargetsApi.as_view(), name="rotation-targets"),
    path("flows/", FlowsApi.as_view(), name="rotation-flows"),
    path("rules/<str:province_code>/", RulesApi.as_view(), name="rotation-rules"),
    *router.urls,
]
