from django.urls import path

from townhall.notify import views

app_name = "notify"
urlpatterns = [
    path("account/messages/", views.message_list, name="messages"),
    path("account/messages/<int:pk>/", views.message_detail, name="message"),
    path("staff/notifications/", views.outbox_problems, name="outbox-problems"),
    path("staff/notifications/<int:pk>/retry/", views.outbox_retry, name="outbox-retry"),
]
