from django.urls import path

from . import views

urlpatterns = [
    path("code-tables/", views.CodeTableListApi.as_view(), name="catalog-code-tables"),
    path("code-tables/<slug:slug>/", views.CodeTableDetailApi.as_view(), name="catalog-code-table"),
    path("code-tables/<slug:slug>/items/", views.CodeItemListApi.as_view(), name="catalog-code-table-items"),
    path("groups/", views.IndicatorGroupListApi.as_view(), name="catalog-groups"),
    path("schema/", views.EffectiveSchemaApi.as_view(), name="catalog-schema"),
    path("validate/", views.ValidateApi.as_view(), name="catalog-validate"),
    path("provinces/<str:code>/", views.ProvinceCatalogueApi.as_view(), name="catalog-province"),
    path("provinces/<str:code>/draft/", views.ProvinceDraftApi.as_view(), name="catalog-province-draft"),
    path("provinces/<str:code>/draft/diff/", views.ProvinceDraftDiffApi.as_view(), name="catalog-province-diff"),
    path(
        "provinces/<str:code>/draft/preview/", views.ProvinceDraftPreviewApi.as_view(), name="catalog-province-preview"
    ),
    path("provinces/<str:code>/publish/", views.ProvincePublishApi.as_view(), name="catalog-province-publish"),
]
