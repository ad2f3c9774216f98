from django.urls import path

from townhall.assistant import views

app_name = "assistant"
urlpatterns = [
    path("assistant/", views.chat, name="chat"),
    path("assistant/choose/", views.choose, name="choose"),
    path("assistant/contact/", views.contact, name="contact"),
    path("assistant/delete/", views.delete, name="delete"),
    path("help/<slug:slug>/", views.help_page, name="help"),
    path("staff/assistant/", views.staff_queue, name="staff-queue"),
]
