from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from tmis.accounts.api.roles_views import UserRolesApi
from tmis.audit.api.security_settings import SecuritySettingsApi
from tmis.changes.api.views import TeacherLookupApi
from tmis.core.views import HealthApi, spa_index
from tmis.exports.api.archive_views import TeacherArchiveXlsxApi

handler400 = "tmis.core.views.bad_request"
handler404 = "tmis.core.views.page_not_found"
handler500 = "tmis.core.views.server_error"

api_v1 = [
    path("health/", HealthApi.as_view(), name="health"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from `docs/?script=`: no inline script (the CSP forbids them).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    path("auth/", include("tmis.accounts.api.urls_auth")),
    path("users/<int:pk>/roles/", UserRolesApi.as_view(), name="user-roles"),
    path("users/", include("tmis.accounts.api.urls_users")),
    path("tokens/", include("tmis.accounts.api.urls_tokens")),
    path("audit/", include("tmis.audit.api.urls")),
    path("security/settings/", SecuritySettingsApi.as_view(), name="security-settings"),
    path("orgs/", include("tmis.orgs.api.urls")),
    path("catalog/", include("tmis.catalog.api.urls")),
    # Before the teachers' router: `lookup/` would otherwise read as an archive's id.
    path("teachers/lookup/", TeacherLookupApi.as_view(), name="teacher-lookup"),
    re_path(r"^teachers/(?P<teacher_pk>\d+)/training/", include("tmis.training.api.urls_teacher")),
    re_path(
        r"^teachers/(?P<teacher_pk>\d+)/archive\.xlsx$", TeacherArchiveXlsxApi.as_view(), name="teacher-archive-xlsx"
    ),
    path("teachers/", include("tmis.teachers.api.urls")),
    path("changes/", include("tmis.changes.api.urls")),
    path("changes-feed/", include("tmis.feed.api.urls")),
    path("reviews/", include("tmis.reviews.api.urls")),
    path("notifications/", include("tmis.notifications.api.urls")),
    path("imports/", include("tmis.imports.api.urls")),
    path("exports/", include("tmis.exports.api.urls")),
    path("jobs/", include("tmis.core.api.urls_jobs")),
    path("home/", include("tmis.home.api.urls")),
    path("reports/", include("tmis.reports.api.urls")),
    path("headcounts/", include("tmis.headcounts.api.urls")),
    path("quality/", include("tmis.quality.api.urls")),
    path("work-plans/", include("tmis.workplans.api.urls_plans")),
    path("working-groups/", include("tmis.workplans.api.urls_groups")),
    path("training/", include("tmis.training.api.urls")),
    path("rotation/", include("tmis.rotation.api.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    re_path(r"^(?!api/|static/|assets/).*$", spa_index, name="spa"),
]
