from django.urls import path

from .views import TranscriptApi, TranscriptPdfApi, TranscriptXlsxApi

urlpatterns = [
    path("transcript/", TranscriptApi.as_view(), name="training-transcript"),
    path("transcript.xlsx", TranscriptXlsxApi.as_view(), name="training-transcript-xlsx"),
    path("transcript.pdf", TranscriptPdfApi.as_view(), name="training-transcript-pdf"),
]
