"""The signature image of certificates: PNG or JPEG, small, and really an image."""

from django.utils.translation import gettext_lazy as _

from congress.core.images import ImageRule, validate_image

MAX_SIGNATURE_BYTES = 1024 * 1024
MAX_SIGNATURE_PIXELS = (3000, 1500)
SIGNATURE_FORMATS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg")}

SIGNATURE_RULE = ImageRule(
    max_bytes=MAX_SIGNATURE_BYTES,
    formats=SIGNATURE_FORMATS,
    check_name=True,
    max_pixels=MAX_SIGNATURE_PIXELS,
    too_large=_("L'image dépasse 1 Mo."),
    unreadable=_("Ce fichier n'est pas une image PNG ou JPEG lisible."),
    wrong_kind=_("Seules les images PNG ou JPEG sont acceptées."),
    too_many_pixels=_("L'image est trop grande : 3000 × 1500 pixels au plus."),
)


def validate_signature_image(file) -> None:
    """A PNG or JPEG image (by name and content), at most 1 MB and 3000 × 1500 pixels."""
    validate_image(file, SIGNATURE_RULE)
