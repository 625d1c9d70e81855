from django.urls import path

from reports.printed import views

P = "staff/<slug:congress_slug>/printed/"
PUBLIC = "congresses/<slug:congress_slug>/"

urlpatterns = [
    path(P + "badges/", views.badge_list, name="badge_list"),
    path(P + "badges/print/", views.badge_print, name="badge_print"),
    path(P + "badges/guests/", views.badge_guest_add, name="badge_guest_add"),
    path(
        P + "badges/guests/<int:pk>/remove/",
        views.badge_guest_remove,
        name="badge_guest_remove",
    ),
    path(P + "exhibitor-badges/", views.exhibitor_badge_pdf, name="exhibitor_badges"),
    path(P + "press-badges/", views.press_badge_pdf, name="press_badges"),
    path(P + "signs/", views.sign_list, name="sign_list"),
    path(P + "signs/<int:room_pk>/<str:day>.pdf", views.sign_pdf, name="sign_pdf"),
    path(P + "signs.zip", views.sign_zip, name="sign_zip"),
    path(P + "invitation/", views.invitation_edit, name="invitation_edit"),
    path(PUBLIC + "programme.pdf", views.programme_booklet, name="programme_booklet"),
    path(
        PUBLIC + "programme-large-print.pdf",
        views.programme_large_print,
        name="programme_large_print",
    ),
    path(PUBLIC + "invitation/", views.share_page, name="share_page"),
    path(PUBLIC + "invitation.pdf", views.invitation_letter_pdf, name="invitation_letter_pdf"),
]
