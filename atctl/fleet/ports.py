"""The list of ports for one call: every --port, the lines of --ports FILE, labgrid place globs."""

from __future__ import annotations

GLOB_CHARS = "*?["


def read_ports_file(path: str) -> list[str]:
    """One port per line; blank lines and `#` comments (whole line or after the port) are skipped."""
    from atctl.errors import InputError

    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise InputError(f"--ports file {path} does not exist", hint="give a text file with one port per line") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"--ports file {path} cannot be read: {exc}",
                         hint="give a text file with one port per line") from None
    ports = []
    for line in text.splitlines():
        port = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if port and not port.startswith("#"):
            ports.append(port)
    if not ports:
        raise InputError(f"--ports file {path} lists no port", hint="one port per line, e.g. sim://quectel-bg95-m3")
    return ports


def is_place_glob(port: str) -> bool:
    return port.startswith("labgrid://") and any(c in port for c in GLOB_CHARS)


def collect_ports(ports: list[str] | None, ports_file: str | None) -> list[str]:
    """Every port of this call, in order, labgrid globs expanded to the matching places."""
    from atctl.errors import InputError

    given = [p.strip() for p in (ports or []) if p and p.strip()]
    if ports_file:
        given += read_ports_file(ports_file)
    expanded: list[str] = []
    for port in given:
        if is_place_glob(port):
            from atctl.labgrid import place_url, split_url
            from atctl.labgrid.coordinator import matching_places

            pattern, query = split_url(port)
            expanded += [place_url(name, query) for name in matching_places(pattern)]
        else:
            expanded.append(port)
    seen: set[str] = set()
    for port in expanded:
        if port in seen:
            raise InputError(f"port {port} is given twice", hint="a port can only be opened once; list each one once")
        seen.add(port)
    return expanded


def port_slug(port: str) -> str:
    """A file-name-safe name for a port (per-port bundles and transcripts)."""
    import re

    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", port.split("?", 1)[0]).strip("_.")
    return slug or "port"


def port_slugs(ports: list[str]) -> list[str]:
    """port_slug of each port, made unique (two sim:// ports differing only in options)."""
    slugs: list[str] = []
    for port in ports:
        slug, n = port_slug(port), 2
        while slug in slugs:
            slug, n = f"{port_slug(port)}-{n}", n + 1
        slugs.append(slug)
    return slugs
