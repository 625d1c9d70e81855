"""Demo people: the shared password, the demo domain and a helper creating a confirmed account."""

from django.utils import timezone

from congress.accounts.models import User

DEMO_PASSWORD = "congres-demo-2024"  # noqa: S105 - demo accounts only, refused in production


DEMO_DOMAIN = "demo.congres-solidarites.fr"


def demo_user(email: str, full_name: str, *, staff: bool = False, phone: str = "") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            full_name=full_name,
            phone=phone,
            is_staff=staff,
            email_confirmed_at=timezone.now(),
        )
    return user
