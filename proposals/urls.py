from django.urls import path

from proposals import views
from proposals.scheduling import views as grid

P = "congresses/<slug:congress_slug>/"

urlpatterns = [
    path(P + "proposals/", views.proposal_list, name="proposal_list"),
    path(P + "proposals/new/", views.proposal_create, name="proposal_create"),
    path(P + "proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path(P + "proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path(P + "proposals/<int:pk>/submit/", views.proposal_submit, name="proposal_submit"),
    path(P + "proposals/<int:pk>/withdraw/", views.proposal_withdraw, name="proposal_withdraw"),
    path(P + "review/", views.review_list, name="review_list"),
    path(P + "review/<int:pk>/", views.review_edit, name="review_edit"),
    path(P + "staff/call/", views.call_settings, name="call_settings"),
    path(P + "staff/ranking/", views.ranking, name="ranking"),
    path(P + "staff/schedule/", views.schedule_list, name="schedule_list"),
    path(P + "staff/schedule/<int:pk>/", views.proposal_schedule, name="proposal_schedule"),
    path(P + "staff/schedule/grid/", grid.schedule_grid, name="schedule_grid"),
    path(P + "staff/schedule/grid/<int:pk>/", grid.schedule_grid_place, name="schedule_grid_place"),
]
