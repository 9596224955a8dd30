"""Draw ``static/favicon.png``: the page icon, kept local so the app needs no icon CDN.

Run: ``uv run python scripts/make_favicon.py``
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SIZE = 64

image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
draw = ImageDraw.Draw(image)
draw.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=12, fill="#DCE8F0")
# four islands along a diagonal, like the chain on the map
for x, y, r in ((14, 48, 6), (26, 36, 7), (40, 26, 8), (52, 14, 6)):
    draw.ellipse((x - r, y - r, x + r, y + r), fill="#0072B2", outline="#E69F00", width=3)
image.save(ROOT / "static" / "favicon.png", optimize=True)
print("static/favicon.png")
