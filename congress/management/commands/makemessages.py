from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """makemessages without fuzzy matching (its guesses are wrong more often than right here)
    and ignoring the folders that hold no project strings."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    def handle(self, *args, **options):
        options["no_obsolete"] = True  # strings removed from the code leave the catalogue
        options["ignore_patterns"] = [
            *options.get("ignore_patterns", []),
            ".venv",
            "node_modules",
            "tests",
            "bench",
            "staticfiles",
        ]
        return super().handle(*args, **options)
