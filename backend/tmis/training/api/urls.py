from django.urls import path
from rest_framework.routers import SimpleRouter

from .claim_views import ClaimViewSet
from .programme_views import ProgrammeViewSet
from .views import ComplianceApi, RulesApi, RulesHistoryApi, SchoolComplianceXlsxApi

router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="training-programme")
router.register("claims", ClaimViewSet, basename="training-claim")

urlpatterns = [
    path("rules/<str:province_code>/", RulesApi.as_view(), name="training-rules"),
    path("rules/<str:province_code>/history/", RulesHistoryApi.as_view(), name="training-rules-history"),
    path("compliance/", ComplianceApi.as_view(), name="training-compliance"),
    path("compliance/school.xlsx", SchoolComplianceXlsxApi.as_view(), name="training-compliance-school-xlsx"),
    *router.urls,
]
