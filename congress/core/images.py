"""Uploaded images checked by their content (Pillow), one validator for every image field:
partners' logos, the certificate signature, the hall plan of an evening's stands.

SVG is never accepted (it can carry scripts); the size in bytes and, where it matters, in pixels
is bounded; the messages name the field's own limits."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class ImageRule:
    max_bytes: int
    formats: dict[str, tuple[str, ...]]  # Pillow's format -> accepted file-name endings
    too_large: str
    unreadable: str
    wrong_kind: str
    check_name: bool = False  # the file name's ending must match its content
    max_pixels: tuple[int, int] | None = None
    too_many_pixels: str = field(default="")


def validate_image(file, rule: ImageRule) -> None:
    from PIL import Image, UnidentifiedImageError

    if not file:
        return
    if file.size > rule.max_bytes:
        raise ValidationError(rule.too_large, code="too_large")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.verify()
            kind, size = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(rule.unreadable, code="not_image") from None
    finally:
        file.seek(position)
    if kind not in rule.formats or (
        rule.check_name and not file.name.lower().endswith(rule.formats[kind])
    ):
        raise ValidationError(rule.wrong_kind, code="not_image")
    if rule.max_pixels and (size[0] > rule.max_pixels[0] or size[1] > rule.max_pixels[1]):
        raise ValidationError(rule.too_many_pixels, code="too_many_pixels")
