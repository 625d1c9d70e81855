"""The signature image of certificates: PNG or JPEG, small, and really an image."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_SIGNATURE_BYTES = 1024 * 1024
MAX_SIGNATURE_PIXELS = (3000, 1500)
SIGNATURE_FORMATS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg")}


def validate_signature_image(file) -> None:
    """A PNG or JPEG image (by name and content), at most 1 MB and 3000 × 1500 pixels."""
    from PIL import Image, UnidentifiedImageError

    if not file:
        return
    if file.size > MAX_SIGNATURE_BYTES:
        raise ValidationError(_("L'image dépasse 1 Mo."), code="too_large")
    name = file.name.lower()
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.verify()
            kind, size = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Ce fichier n'est pas une image PNG ou JPEG lisible."), code="not_image"
        ) from None
    finally:
        file.seek(position)
    if kind not in SIGNATURE_FORMATS or not name.endswith(SIGNATURE_FORMATS[kind]):
        raise ValidationError(_("Seules les images PNG ou JPEG sont acceptées."), code="not_image")
    if size[0] > MAX_SIGNATURE_PIXELS[0] or size[1] > MAX_SIGNATURE_PIXELS[1]:
        raise ValidationError(
            _("L'image est trop grande : 3000 × 1500 pixels au plus."), code="too_many_pixels"
        )
