from django.urls import path

from tracks.speakers import views

P = "congresses/<slug:congress_slug>/"

urlpatterns = [
    path(P + "speakers/", views.speaker_list, name="speaker_list"),
    path(P + "speakers/<int:pk>/photo/", views.speaker_photo, name="speaker_photo"),
    path(P + "speakers/<int:pk>/edit/", views.speaker_edit, name="speaker_edit"),
    path(P + "staff/speakers/", views.staff_speakers, name="staff_speakers"),
    path(P + "staff/speakers/import/", views.staff_speakers_import, name="staff_speakers_import"),
    path(P + "staff/speakers/<int:pk>/edit/", views.staff_speaker_edit, name="staff_speaker_edit"),
    path(P + "staff/speakers/<int:pk>/email/", views.staff_speaker_email, name="staff_speaker_email"),
    path(P + "staff/speakers/<int:pk>/confirm/", views.staff_speaker_confirm, name="staff_speaker_confirm"),
]  # fmt: skip
