"""The demo's logos and product photos, drawn with Pillow."""

import io
import random

from PIL import Image, ImageDraw, ImageFont

LOGO_SIZE = 256
PHOTO_SIZE = (960, 640)
# Photos are drawn on PHOTO_SIZE and handed over this wide: two srcset
# variants (320 and 640) keep seed_demo quick.
PHOTO_WIDTH = 640

PALETTE = [
    (107, 52, 16),
    (15, 107, 92),
    (26, 95, 180),
    (140, 40, 70),
    (70, 90, 30),
    (160, 90, 10),
    (60, 60, 110),
    (120, 30, 30),
]


def _font(size: int):
    return ImageFont.load_default(size=size)


def _encode(image: Image.Image) -> bytes:
    """PNG, as an owner's upload might be: seed_demo sends it through the
    image pipeline like any upload."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def logo_image(name: str, color: tuple[int, int, int]) -> bytes:
    """A round monogram of the business's initials, LOGO_SIZE pixels square."""
    size = LOGO_SIZE
    image = Image.new("RGB", (size, size), (255, 253, 249))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=color)
    words = [word for word in name.replace("PT ", "").replace("CV ", "").replace("UD ", "").split() if word]
    initials = "".join(word[0] for word in words[:2]).upper()
    draw.text((size / 2, size / 2), initials, font=_font(104), fill="white", anchor="mm")
    return _encode(image)


def photo_image(caption: str, color: tuple[int, int, int], seed: int) -> bytes:
    """A PHOTO_WIDTH-wide picture of a shoe silhouette on a workbench colour."""
    rng = random.Random(seed)
    width, height = PHOTO_SIZE
    background = tuple(min(255, c + 150) for c in color)
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 0.72, width, height), fill=tuple(max(0, c - 20) for c in background))
    x, y, scale = rng.randint(160, 320), rng.randint(250, 310), rng.uniform(1.1, 1.4)

    def point(px, py):
        return (x + px * scale, y + py * scale)

    shoe = [(0, 130), (0, 50), (15, 30), (70, 35), (95, 60), (160, 45), (260, 75), (360, 95), (420, 110), (440, 130)]
    draw.polygon([point(px, py) for px, py in shoe], fill=color)
    draw.rectangle((*point(-5, 120), *point(445, 140)), fill=(40, 30, 25))
    draw.text((40, 40), caption, font=_font(36), fill=(40, 30, 25))
    image = image.resize((PHOTO_WIDTH, round(height * PHOTO_WIDTH / width)), Image.Resampling.BILINEAR)
    return _encode(image)
