"""Registration pages, orders, invoices, the waiting list, the Stripe webhook, the board."""

from django.urls import path

from congress.registrations import review, views

urlpatterns = [
    path("congresses/<slug:slug>/register/", review.registration_start, name="registration_start"),
    path("congresses/<slug:slug>/register/quote.pdf", review.registration_quote, name="registration_quote"),
    path("congresses/<slug:slug>/orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("congresses/<slug:slug>/orders/<int:pk>/pay/", views.order_pay, name="order_pay"),
    path("congresses/<slug:slug>/orders/<int:pk>/cancel/", views.order_cancel, name="order_cancel"),
    path("congresses/<slug:slug>/orders/<int:pk>/invoices/<int:invoice_pk>.pdf", views.invoice_download, name="invoice_download"),
    path("congresses/<slug:slug>/waitlist/", views.waitlist_join, name="waitlist_join"),
    path("congresses/<slug:slug>/waitlist/<int:pk>/leave/", views.waitlist_leave, name="waitlist_leave"),
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("staff/<slug:slug>/registrations/", views.registration_board, name="registration_board"),
    path("staff/<slug:slug>/registrations/orders/<int:pk>/paid/", views.board_record_payment, name="board_record_payment"),
    path("staff/<slug:slug>/registrations/<int:pk>/resend/", views.board_resend, name="board_resend"),
]  # fmt: skip
