from django.conf import settings
from django.utils.functional import SimpleLazyObject

from congress.editions.models import Congress
from congress.editions.permissions import can_access_staff_area


def site(request):
    return {
        "current_congress": SimpleLazyObject(Congress.objects.current),
        "show_staff_link": SimpleLazyObject(lambda: can_access_staff_area(request.user)),
        "demo_site": settings.DEMO_SITE,
    }
