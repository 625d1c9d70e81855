from django.urls import path

from tracks import views

urlpatterns = [
    path(
        "congresses/<slug:congress_slug>/tracks/<slug:slug>/",
        views.track_detail,
        name="track_detail",
    ),
]
