"""How much a dispute pack may hold, so no pack can make the server's work unbounded.

Every renderer's time and memory grow with these counts: vertices with the map
payload and the image exports, events with the markers and popups, distinct
states with the map document and the static site's pages and images.
Validation refuses a pack beyond any of them with a message naming the file,
the place and the number.

The defaults leave the shipped Kuril pack (4,171 vertices in its longest ring,
about 12,000 in all files, 124 events, 10 days on which its sovereignty table
changes) and the Hans Island fixture far inside; the README's "Limits" section states them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PackLimits:
    """The largest pack the explorer accepts.

    Attributes
    ----------
    file_bytes : int
        Size of any one file of the pack.
    sources_note_bytes : int
        Size of the pack's ``SOURCES.md`` (shown on the Data & sources page).
    ring_vertices : int
        Vertices in one ring of a polygon, or in one line.
    pack_vertices : int
        Vertices of every geometry in every file, added up.
    features : int
        Features in one GeoJSON file.
    events : int
        Rows of ``events.csv``.
    periods : int
        Rows of ``sovereignty.csv``.
    depictions : int
        Rows of ``depictions.csv``.
    states : int
        Distinct map states: days on which a sovereignty period, a boundary line
        or a depiction starts or ends. The interactive map holds every state and
        the static site publishes a page, a GeoJSON file and images for each.
    tours, tour_steps, step_events : int
        Tours in ``tours.json``, steps in one tour, events one step highlights.
    groups, parties, worldviews : int
        Entries of those maps in ``pack.json``.
    short_text, long_text, url_text : int
        Characters of a name or title, of a summary or description, of an address.
    first_year, last_year : int
        The range of dates a pack may use.
    """

    file_bytes: int = 30_000_000
    sources_note_bytes: int = 1_000_000
    ring_vertices: int = 20_000
    pack_vertices: int = 100_000
    features: int = 2_000
    events: int = 2_000
    periods: int = 2_000
    depictions: int = 500
    states: int = 200
    tours: int = 20
    tour_steps: int = 60
    step_events: int = 30
    groups: int = 50
    parties: int = 30
    worldviews: int = 10
    short_text: int = 500
    long_text: int = 5_000
    url_text: int = 2_000
    first_year: int = 1000
    last_year: int = 2100


PACK_LIMITS = PackLimits()
