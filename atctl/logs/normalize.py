"""One raw log line -> the AT text it carries (pure, no I/O).

People paste serial logs in many wrappers. This strips them and says which way
the text went when the wrapper tells (tx = host to module, rx = module to host,
None = unknown, e.g. a minicom capture where the command is the module's echo):

- timestamps: Arduino serial monitor `17:13:30.563 -> `, `[2024-01-22_11:53:06:302]`,
  Zephyr `[00:46:34.067,841]`, mbed `[00001062ms][INFO][CELL]: `, ISO dates, `12:00:01.5 `;
- arrows `<- ` / `-> ` (WioLTE, many Arduino libraries), `>> ` / `<< `; labels `TX: ` / `RX: ` / `SEND: `;
- ModemManager debug `--> 'AT+CEREG?<CR>'` / `<-- '<CR><LF>OK<CR><LF>'`;
- python-gsmmodem `DEBUG: write: AT` / `DEBUG: response: ['+CPIN: READY', 'OK']`;
- mbed-trace `AT TX ( 9): AT+CEREG?` / `AT RX (32): <cr><ln>+CME ERROR: ...` (split anywhere);
- Zephyr modem_chat `sending: AT+CGATT?` / `received_command: +CEREG: 4`;
- gammu debug `gammu: 1 "AT+CGREG?"` / `gammu: 2 "+CGREG: 2,1,DF16,2C69938"` (hex dumps stay unparsed);
- literal `<CR>`, `<LF>`, `<cr><ln>`, `\\r\\n` markers; text glued to a command
  (`Waiting for network...AT+CREG?`, `OKAT#XSOCKETOPT=1,20,2`).

Framework wrappers that cut a line anywhere (mbed RX chunks, ModemManager) are
marked `chunk=True`: the reader joins them until a line end.
"""

from __future__ import annotations

import ast
import re
from typing import NamedTuple


class Piece(NamedTuple):
    direction: str | None   # "tx", "rx" or None
    text: str
    chunk: bool = False     # a stream fragment: join with the next fragment of that direction


_ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])")  # minicom/screen colour and cursor codes
_CONTROL = dict.fromkeys([c for c in range(32) if c not in (9,)] + [127], None)
# leading stamps, removed repeatedly: [anything short], clock times, ISO dates, "I (1234) tag:" esp-idf
_STAMP = re.compile(
    r"^(?:\[[^\]\n]{1,48}\]:?\s*"
    r"|\d{4}-\d{2}-\d{2}[T _]\d{1,2}:\d{2}(?::\d{2}(?:[.,:]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*(?:->|>|\|)?\s*"
    r"|\d{1,2}:\d{2}:\d{2}(?:[.,:]\d{1,6})?\s*(?:->|>|\|)\s?"
    r"|\d{1,2}:\d{2}:\d{2}[.,:]\d{1,6}\s+"
    r"|<(?:dbg|debug|inf|info|wrn|warn|err|msg)>\s*)"
)
_ARROW = re.compile(r"^(?:<-|->|<<|>>)\s?")
# "TX: AT+CSQ" / "RX: +CSQ: 20,99" / "SEND: ..." / "RECV> ..." as many host libraries print
_LABEL = re.compile(r"^(TX|RX|Tx|Rx|tx|rx|SEND|RECV|SENT|RCVD|SND|RCV)\s*(?::|>|->|=>)\s?")
_TX_LABELS = {"TX", "Tx", "tx", "SEND", "SENT", "SND"}
_MM = re.compile(r"(-->|<--)\s*'(.*)'\s*$")
_PYGSM_WRITE = re.compile(r"^(?:[A-Z]+:\s*)?write:\s?(.*)$")
_PYGSM_RESPONSE = re.compile(r"^(?:[A-Z]+:\s*)?response:\s*(\[.*\])\s*$")
_GAMMU = re.compile(r"\bgammu(?:-smsd)?(?:\[\d+\])?: (?:gammu: )?\d+ \"(.*)\"\s*$")
_MBED = re.compile(r"\bAT ([TR]X) \(\s*\d+\):\s?(.*)$")
_ZEPHYR_TX = re.compile(r"modem_chat\S*:\s.*?\bsending:\s*(.*)$")
_ZEPHYR_RX = re.compile(r"modem_chat\S*received\w*:\s*(.*)$")
_MARKERS = re.compile(r"<CR>|<LF>|<LN>|<cr>|<lf>|<ln>|\\r|\\n")
_GLUED = re.compile(r"^(.*?(?:\.|:|!|\]|>|\)))\s*(AT[+%#$^&][A-Z][A-Z0-9]*.*|AT)$")
_GLUED_FINAL = re.compile(r"^(OK|ERROR)(AT[+%#$^&].*)$")
_MAX_STAMPS = 6


def strip_stamps(text: str) -> str:
    if not text or text[0] not in "[<0123456789":  # fast path: most lines carry no stamp
        return text
    for _ in range(_MAX_STAMPS):
        m = _STAMP.match(text)
        if not m or not m.end():
            break
        text = text[m.end():]
    return text


def _split_markers(direction: str | None, text: str, chunk: bool) -> list[Piece]:
    if not _MARKERS.search(text):
        return [Piece(direction, text, chunk)]
    parts = _MARKERS.split(text)
    if chunk:
        # keep the line ends so the reader knows where lines stop
        marked = _MARKERS.sub("\n", text)
        return [Piece(direction, marked, True)]
    return [Piece(direction, p.strip(), False) for p in parts if p.strip()]


def _pygsm_response(body: str) -> list[Piece] | None:
    try:
        items = ast.literal_eval(body)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        return None
    out = []
    for item in items:
        for part in re.split(r"[\r\n]+", item):
            if part.strip():
                out.append(Piece("rx", part.strip()))
    return out


def _unglue(direction: str | None, text: str) -> list[Piece]:
    if text.startswith(("AT", "at", "At", "+", "OK", "ERROR")) or "AT" not in text:
        m = _GLUED_FINAL.match(text) if text.startswith(("OK", "ERROR")) else None
        if m:
            return [Piece(direction, m.group(1)), Piece(direction, m.group(2))]
        return [Piece(direction, text)]
    m = _GLUED.match(text)
    if m:
        return [Piece(None, m.group(1).strip()), Piece(direction, m.group(2))]
    return [Piece(direction, text)]


def normalize(raw: str) -> list[Piece]:
    """The pieces of AT text in one raw log line (empty list: nothing there)."""
    if not raw.isprintable():
        text = (_ANSI.sub("", raw) if "\x1b" in raw else raw).translate(_CONTROL).strip()
    else:
        text = raw.strip()
    if not text:
        return []
    text = strip_stamps(text)
    if not text:
        return []
    if "'" in text and ("-->" in text or "<--" in text):
        m = _MM.search(text)
        if m:
            return _split_markers("tx" if m.group(1) == "-->" else "rx", m.group(2), True)
    if "gammu" in text and '"' in text:
        m = _GAMMU.search(text)
        if m:
            return [Piece(None, m.group(1).strip())] if m.group(1).strip() else []
    if "AT " in text and "X (" in text:
        m = _MBED.search(text)
        if m:
            return _split_markers("tx" if m.group(1) == "TX" else "rx", m.group(2), True)
    if "write:" in text or "response:" in text:
        m = _PYGSM_RESPONSE.match(text)
        if m:
            pieces = _pygsm_response(m.group(1))
            if pieces is not None:
                return pieces
        m = _PYGSM_WRITE.match(text)
        if m:
            return [Piece("tx", m.group(1).strip())] if m.group(1).strip() else []
    if "modem_chat" in text:
        m = _ZEPHYR_TX.search(text) or _ZEPHYR_RX.search(text)
        if m:
            body = re.sub(r":\s+", ": ", m.group(1).strip(), count=1)
            return [Piece("tx" if m.re is _ZEPHYR_TX else "rx", body)] if body else []
    m = _ARROW.match(text) if text[0] in "<->" else None
    if m:
        text = strip_stamps(text[m.end():].strip())
    if not text:
        return []
    direction = None
    if text[0] in "TRSrt":
        m = _LABEL.match(text)
        if m:
            direction = "tx" if m.group(1) in _TX_LABELS else "rx"
            text = text[m.end():].strip()
            if not text:
                return []
    pieces = _split_markers(direction, text, False)
    if len(pieces) == 1:
        return _unglue(pieces[0].direction, pieces[0].text)
    return pieces
