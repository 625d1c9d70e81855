"""Uploading a bank statement, and the transfers the organiser confirms from it."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congress.payments.transfers.services import ReceivedTransfer
from congress.payments.transfers.statements import MAX_STATEMENT_BYTES, parse_statement


class StatementUploadForm(forms.Form):
    statement = forms.FileField(
        label=_("Relevé bancaire (CSV)"),
        help_text=_(
            "Export CSV de votre banque : date, libellé et montant (ou crédit et débit). "
            "2 Mo au plus. Le fichier est lu puis oublié : il n'est pas conservé."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise ValidationError(_("Le relevé dépasse 2 Mo : exportez une période plus courte."))
        self.cleaned_data["lines"] = parse_statement(upload.read())
        return upload


class TransferConfirmForm(forms.Form):
    """Checked rows come back as `transfer=<order id>|<date>|<amount>` with `label-<order id>`."""

    def clean(self):
        values = self.data.getlist("transfer")
        if not values:
            raise ValidationError(_("Cochez au moins un virement à confirmer."))
        transfers = []
        for value in values:
            try:
                pk, paid_on, amount = value.split("|")
                transfer = ReceivedTransfer(
                    order_pk=int(pk),
                    paid_on=date.fromisoformat(paid_on),
                    amount=Decimal(amount),
                    label=self.data.get(f"label-{pk}", "")[:200],
                )
            except (ValueError, InvalidOperation):
                raise ValidationError(
                    _("La sélection envoyée est illisible : rien n'a été enregistré.")
                ) from None
            transfers.append(transfer)
        return {"transfers": transfers}
