from django.urls import path

from tracks import views

P = "congresses/<slug:congress_slug>/"

urlpatterns = [
    # the track page (track_detail) lists its policy proposals: served by proposals.outcomes
    path(P + "tracks/<slug:slug>/programme.ics", views.track_ical, name="track_ical"),
    path(P + "programme/", views.programme, name="programme"),
    path(P + "programme.ics", views.programme_ical, name="programme_ical"),
    path(P + "programme/sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path(P + "programme/sessions/<int:pk>.ics", views.session_ical, name="session_ical"),
    path(P + "programme/sessions/<int:pk>/signup/", views.signup_create, name="signup_create"),
    path(P + "programme/sessions/<int:pk>/cancel/", views.signup_cancel, name="signup_cancel"),
    path(
        P + "programme/sessions/<int:pk>/attendees/",
        views.session_attendees,
        name="session_attendees",
    ),
    path(
        P + "programme/sessions/<int:pk>/sign-in-sheet.pdf",
        views.session_sign_in_sheet,
        name="session_sign_in_sheet",
    ),
    path(P + "programme/mine/", views.my_programme, name="my_programme"),
    path(
        P + "programme/mine/<int:user_pk>/<str:token>.ics",
        views.my_programme_ical,
        name="my_programme_ical",
    ),
    path(P + "staff/roles/", views.track_roles, name="track_roles"),
    path(P + "staff/sessions/", views.staff_sessions, name="staff_sessions"),
    path(P + "staff/sessions/grid/", views.staff_session_grid, name="staff_session_grid"),
    path(P + "staff/sessions/new/", views.session_edit, name="session_create"),
    path(P + "staff/sessions/<int:pk>/", views.session_edit, name="session_edit"),
    path(P + "staff/sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
]
