"""Domain package of the territorial-dispute explorer.

Loads a dispute pack (coastlines, history, sovereignty periods), validates it,
joins it in time and renders it as an interactive (folium) or static
(matplotlib) map. Knows nothing of the user interface.
"""

__version__ = "0.1.0"
