from django.urls import path

from messaging import views

P = "staff/<slug:congress_slug>/messages/"

urlpatterns = [
    path(P, views.message_list, name="message_list"),
    path(P + "new/", views.message_create, name="message_create"),
    path(P + "reminders/", views.reminder_settings, name="reminder_settings"),
    path(P + "<int:pk>/", views.message_detail, name="message_detail"),
    path(P + "<int:pk>/edit/", views.message_edit, name="message_edit"),
    path(P + "<int:pk>/test/", views.message_test, name="message_test"),
    path(P + "<int:pk>/send/", views.message_send, name="message_send"),
    path(P + "<int:pk>/retry/", views.message_retry, name="message_retry"),
    path("account/messages/", views.messaging_preferences, name="messaging_preferences"),
    path("unsubscribe/<str:token>/", views.messaging_unsubscribe, name="messaging_unsubscribe"),
    path("webhooks/mail/brevo/<str:token>/", views.brevo_webhook, name="brevo_webhook"),
]
