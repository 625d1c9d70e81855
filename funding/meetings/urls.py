from django.urls import path

from funding.meetings import views

P = "congresses/<slug:congress_slug>/funding/meetings/"

urlpatterns = [
    path(P, views.my_meetings, name="funding_my_meetings"),
    path(P + "mine.ics", views.my_meetings_ics, name="funding_my_meetings_ics"),
    path(P + "mine.pdf", views.my_meetings_pdf, name="funding_my_meetings_pdf"),
    path(P + "funders/register/", views.funder_register, name="funding_funder_register"),
    path(P + "funders/<int:pk>/wishes/", views.funder_wishes, name="funding_funder_wishes"),
    path(P + "applications/<int:pk>/wishes/", views.holder_wishes, name="funding_holder_wishes"),
    path(P + "staff/grid/", views.meeting_grid, name="funding_meeting_grid"),
    path(P + "staff/build/", views.schedule_build, name="funding_schedule_build"),
    path(P + "staff/", views.meeting_board, name="funding_meeting_board"),
    path(P + "staff/<int:pk>/move/", views.meeting_move, name="funding_meeting_move"),
    path(P + "<int:pk>/outcome/", views.meeting_outcome, name="funding_meeting_outcome"),
    path(P + "screen/", views.meeting_screen, name="funding_meeting_screen"),
]
