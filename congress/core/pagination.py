from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination


class StrictPageNumberPagination(pagination.PageNumberPagination):
    """Page numbers must be positive integers: `?page=abc` or `?page=` is a 400, not page 1."""

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value is not None and not (value.isdigit() and int(value) >= 1):
            raise exceptions.ValidationError({"page": [_("Numéro de page invalide.")]})
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
