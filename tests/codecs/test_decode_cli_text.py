"""`atctl decode` on text that is not clean UTF-8 or that looks like markup (issue #15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _strings(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def _no_lone_surrogates(doc) -> None:
    for text in _strings(doc):
        text.encode("utf-8")  # strict: raises on a lone surrogate


def test_invalid_utf8_argument_gives_valid_json():
    # a real byte string from a serial capture with line noise: 0xff 0xfe inside the operator name
    line = b'+COPS: 0,0,"Telekom\xff\xfe.de",7'
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "atctl", "decode", "--json", line], capture_output=True, env=env,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    proc.stdout.decode("utf-8")  # strict
    doc = json.loads(proc.stdout)
    _no_lone_surrogates(doc)
    assert doc["fields"]["operator"] == "Telekom\ufffd\ufffd.de" and doc["fields"]["act"] == 7


def test_surrogate_escaped_text_through_the_library():
    from atctl.codecs import parse_line

    fields = parse_line('+QNWINFO: "eMTC","26201\udcff","LTE BAND 20",6300').fields
    _no_lone_surrogates(fields)
    fields = parse_line('+QNWINFO: "eMTC","\ud800x","LTE BAND 20",6300').fields  # lone high surrogate
    _no_lone_surrogates(fields)


def test_not_a_response_with_bad_bytes_is_one_line_exit_2(cli):
    code, out, err = cli("decode", "\udcff\udcfe garbage")
    assert code == 2 and "Traceback" not in err and "not a response line" in err


def test_modem_text_is_never_markup(cli):
    code, out, _ = cli("decode", '+COPS: 0,0,"[bold red]Telekom[/]",7')
    assert code == 0 and "[bold red]Telekom[/]" in out
