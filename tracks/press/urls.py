from django.urls import path

from tracks.press import views

P = "congresses/<slug:congress_slug>/"

urlpatterns = [
    path(P + "press/", views.press_request, name="press_request"),
    path(P + "press/requests/<str:token>/", views.press_request_detail, name="press_request_detail"),
    path(P + "staff/press/", views.staff_press, name="staff_press"),
    path(P + "staff/press/<int:pk>/decide/", views.staff_press_decide, name="staff_press_decide"),
    path(P + "staff/press/export.csv", views.staff_press_export, name="staff_press_export"),
]  # fmt: skip
