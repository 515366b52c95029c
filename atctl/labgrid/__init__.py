"""`labgrid://PLACE`: a serial port shared through a labgrid lab (optional extra `atctl[labgrid]`).

Opening the URL connects to labgrid's coordinator (LG_COORDINATOR, else labgrid's default
127.0.0.1:20408; `?coordinator=HOST:PORT` in the URL overrides both), acquires the place so that
no colleague or CI job uses it meanwhile, resolves its NetworkSerialPort (host, port, speed) and
opens it over RFC 2217; closing releases the place, also after an error or Ctrl-C. A place that
this user already acquired (`labgrid-client -p PLACE acquire`) is used as it is and left acquired.
A place held by someone else is exit 3, naming who holds it.

Registered with pyserial by `import atctl`; labgrid itself is imported only when such a URL is
opened, so atctl without the extra still starts (and says how to install it when asked).
"""

from __future__ import annotations

import urllib.parse

DEFAULT_COORDINATOR = "127.0.0.1:20408"   # labgrid-client's own default
EXTRA_HINT = "install the labgrid extra: pip install 'atctl[labgrid]'"


def split_url(url: str) -> tuple[str, dict[str, str]]:
    """(place name or pattern, options) of a labgrid:// URL; InputError when malformed."""
    from atctl.errors import InputError

    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "labgrid":
        raise InputError(f"expected a labgrid:// URL, got {url!r}")
    place = urllib.parse.unquote(parts.netloc + parts.path).strip("/")
    if not place:
        raise InputError(f"{url!r} names no place", hint="labgrid://PLACE, e.g. labgrid://bench-1 (labgrid-client places)")
    options = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(options) - {"coordinator"})
    if unknown:
        raise InputError(f"{url!r}: unknown option {unknown[0]!r}", hint="the only option is ?coordinator=HOST:PORT")
    return place, options


def place_url(place: str, options: dict[str, str] | None = None) -> str:
    query = urllib.parse.urlencode(options or {}, safe=":")
    return f"labgrid://{place}" + (f"?{query}" if query else "")


def coordinator_address(options: dict[str, str] | None = None) -> str:
    import os

    return (options or {}).get("coordinator") or os.environ.get("LG_COORDINATOR") or DEFAULT_COORDINATOR
