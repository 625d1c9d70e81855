from django.urls import path

from reports.board import views

urlpatterns = [
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/<slug:congress_slug>/", views.staff_board, name="staff_board"),
]
