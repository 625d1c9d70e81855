import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from congress.accounts.demo import DEMO_PASSWORD
from congress.core import pagecache
from congress.core.discovery import domain_modules
from congress.core.seeding import DemoContext
from congress.editions.models import Congress


class Command(BaseCommand):
    help = (
        "Load the demo: the 2nd Congrès national des Solidarités (Le Mans, 2-3 February 2024, past, "
        "with its results), the archived 2019 edition and an upcoming edition (about four months "
        "ahead, open for registration, proposals and workshop sign-up), organisations and one "
        "account per role. Idempotent. "
        "--scale N generates N times more organisations and people (benchmarks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="Allow in production mode.")
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo logins."
        )
        parser.add_argument(
            "--with-report",
            action="store_true",
            help="Also render the 2024 final report (PDF, ~30 s) and publish it on the edition's "
            "page, as its organisers would (scripts/serve.sh does).",
        )

    def handle(self, *args, scale, force, quiet_logins, with_report, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "seed_demo creates accounts with a public password: refused in production "
                "(DJANGO_ENV=production). Use --force on a staging copy only."
            )
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        ctx = DemoContext(scale=scale, with_report=with_report)
        started = time.perf_counter()
        # Demo people have demo addresses: the services' emails go nowhere while seeding, and
        # the tasks they queue (confirmations with their tickets) are dropped, not left for the
        # worker to print on the console after the demo accounts.
        with override_settings(
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}},
            TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}},
        ):
            self.seed_apps(ctx)
        # The seeds write in bulk (no save signals): every cached page is made stale by hand,
        # or a shared cache that outlived a reseed would serve the old demo's pages.
        pagecache.bump(pagecache.SITE, *Congress.objects.values_list("pk", flat=True))
        self.report(ctx, started, quiet_logins)

    def seed_apps(self, ctx):
        for _label, module in domain_modules("demo"):
            if not hasattr(module, "seed"):  # helpers only (e.g. congress.accounts.demo)
                continue
            step = time.perf_counter()
            with transaction.atomic():
                module.seed(ctx)
            name = module.__name__.removesuffix(".demo")
            self.stdout.write(f"  {name}: {time.perf_counter() - step:.1f} s")

    def report(self, ctx, started, quiet_logins):
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready ({time.perf_counter() - started:.1f} s): « {ctx.congress.name} » "
                f"(past) and « {ctx.upcoming.name} » ({ctx.upcoming.start_date:%d/%m/%Y}, open)."
            )
        )
        for line in ctx.log:
            self.stdout.write(f"  {line}")
        if not quiet_logins:
            self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
            for role, email, what in ctx.logins:
                self.stdout.write(f"  {role:<28} {email:<45} {what}")
