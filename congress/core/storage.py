"""Private files: generated reports, uploaded documents, anything the web server must not serve.

They live under ``PRIVATE_MEDIA_ROOT`` (outside ``MEDIA_ROOT``, which a deployment may serve as
it is) and have no public URL: each is served by a view that checks who asks, as an attachment.
A ``FileField`` stores its files there with ``storage=private_storage``.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


class PrivateFileHasNoURL(ValueError):
    """Raised by PrivateStorage.url(): a private file is served by a view, never by URL."""


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, with no URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise PrivateFileHasNoURL(
            f"{name} is a private file: serve it through a permission-checked view."
        )


def private_storage() -> PrivateStorage:
    """The ``private`` storage of settings.STORAGES (a callable, for FileField(storage=...))."""
    return storages["private"]


def move_to_private(model, field_name: str) -> int:
    """Move the files of `model.<field_name>` from the public default storage to the private
    one (data migrations: files written before private storage existed). Returns the count."""
    public, private = storages["default"], private_storage()
    moved = 0
    for name in model.objects.exclude(**{field_name: ""}).values_list(field_name, flat=True):
        if name and public.exists(name) and not private.exists(name):
            with public.open(name, "rb") as source:
                private.save(name, source)
            public.delete(name)
            moved += 1
    return moved
