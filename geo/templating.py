"""The HTML the project writes, from autoescaping Jinja2 templates in ``geo/templates``.

Every value a template prints is escaped unless the template says otherwise,
and it says so only through the filters here: :func:`script_json` for data
placed in a ``<script>`` element, :func:`inline_code` for the project's own
scripts and styles inlined into a page. Templates are package files, found
with the package (never the working directory).
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

_TEMPLATE_OPENER = re.compile(r"\{(?=[{%#])")
_CLOSING_TAG = re.compile(r"</(?=(?:script|style)\b)", re.IGNORECASE)


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    Examples
    --------
    >>> script_json({"t": "</script>"})
    '{"t":"\\\\u003c/script\\\\u003e"}'
    """
    # UTF-8 text as is (the page is UTF-8): "\\uXXXX" would triple the size of
    # Japanese, Cyrillic and typographic characters. The two JavaScript line
    # separators stay escaped for engines that predate ES2019.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # JSON never puts "{{", "{%" or "{#" outside a string, so these come from data:
    # escape them so no template engine downstream can ever read them as markup.
    return _TEMPLATE_OPENER.sub("\\\\u007b", text)


def _script_json_filter(value: Any) -> Markup:
    """Template filter: data as script-safe JSON, printed as it is."""
    return Markup(script_json(value))


def inline_code(code: str) -> Markup:
    """The project's own script or style text, safe to inline in ``<script>``/``<style>``.

    Only a closing tag could end the element early: ``</script`` and ``</style``
    are written ``<\\/script`` and ``<\\/style`` (the same in JavaScript strings and
    regular expressions; CSS never needs them).
    """
    return Markup(_CLOSING_TAG.sub(r"<\\/", code))


@functools.cache
def _environment() -> Environment:
    """The template environment (built once: it holds the compiled templates)."""
    environment = Environment(
        loader=PackageLoader("geo", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["script_json"] = _script_json_filter
    environment.filters["inline_code"] = inline_code
    return environment


def template(name: str) -> Template:
    """A template of ``geo/templates`` (compiled once), for an element that renders itself."""
    return _environment().get_template(name)


def render(name: str, **context: Any) -> str:
    """A page made from a template in ``geo/templates`` with ``context``, escaped.

    Parameters
    ----------
    name : str
        The template's path inside ``geo/templates``, e.g. ``"site/events.html"``.
    **context
        The values the template prints (escaped unless it says otherwise).

    Returns
    -------
    str
    """
    return _environment().get_template(name).render(**context)
