"""Links and embed snippets of a view (ui/share.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from geo.view import default_view, from_query_params, to_query_params, with_map_view
from ui.share import app_root, embed_snippet, share_url


def test_the_app_root_drops_the_page_name():
    assert app_root("https://maps.example.org/kurils/export", "export") == (
        "https://maps.example.org/kurils/"
    )
    assert app_root("http://127.0.0.1:8501/", "") == "http://127.0.0.1:8501/"


def test_a_shared_link_gives_the_same_view_back(dispute):
    default = default_view(dispute)
    view = with_map_view(default.replace(year=1956, worldview="ru"), 43.85, 145.65, 9)
    url = share_url("http://host/", to_query_params(view, default))
    params = {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}
    back, notices = from_query_params(params, dispute, default)
    assert notices == [] and back == view


def test_the_embed_snippet_escapes_what_it_quotes():
    snippet = embed_snippet('http://host/?title="><script>', "A <b>map</b>", 500)
    assert "<script>" not in snippet and "<b>" not in snippet
    assert snippet.startswith('<iframe src="http://host/?title=&quot;&gt;&lt;script&gt;"')
    assert 'height="500"' in snippet
