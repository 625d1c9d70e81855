"""Admin classes limited to the editions the signed-in organiser organises.

Organisers are staff with the "Organisateurs" group's permissions; without this, an organiser of
one edition could read and change another edition's orders, proposals or reports in the admin.
Superusers see everything.
"""

from django.contrib import admin


class EditionScopedAdmin(admin.ModelAdmin):
    #: Lookup path from the model to its Congress ("" for Congress itself).
    edition_lookup = "congress"

    def _organiser_filter(self, request) -> dict:
        prefix = f"{self.edition_lookup}__" if self.edition_lookup else ""
        return {f"{prefix}organisers": request.user}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**self._organiser_filter(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related._meta.label == "congress.Congress" and not request.user.is_superuser:
            kwargs["queryset"] = related.objects.filter(organisers=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
