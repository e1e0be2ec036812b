from django.urls import path

from .views import GapApi, GapXlsxApi, HeadcountDetailApi, HeadcountListApi, ImportApi, TemplateApi

urlpatterns = [
    path("", HeadcountListApi.as_view(), name="headcounts"),
    path("gap/", GapApi.as_view(), name="headcounts-gap"),
    path("gap/xlsx/", GapXlsxApi.as_view(), name="headcounts-gap-xlsx"),
    path("template/", TemplateApi.as_view(), name="headcounts-template"),
    path("import/", ImportApi.as_view(), name="headcounts-import"),
    path("<str:school_code>/<int:year>/", HeadcountDetailApi.as_view(), name="headcount"),
]
