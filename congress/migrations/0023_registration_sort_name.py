# The registrations board's sort name kept on each registration (issue 18,
# congress/registrations/sorting.py), filled for the registrations already there.

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Order = apps.get_model("congress", "Order")
    Registration = apps.get_model("congress", "Registration")
    orders = Order.objects.filter(pk=OuterRef("order_id"))
    Registration.objects.update(
        sort_name=Coalesce(
            Subquery(orders.values("organisation__name")[:1]),
            Subquery(orders.values("placed_by__full_name")[:1]),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0022_congress_logo"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="sort_name",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=200, verbose_name="nom de tri"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
