from django.urls import path

from townhall.assistant.api import AskApi

urlpatterns = [
    path("assistant/ask", AskApi.as_view(), name="api-assistant-ask"),
]
