from django.urls import path

from tracks.stands import views

urlpatterns = [
    path("congresses/<slug:congress_slug>/stands/", views.stand_list, name="stand_list"),
]
