"""u-blox SARA-R5 AT+CEDRXS with the paging time window as a 4th parameter
(SARA-R5 AT commands manual, +CEDRXS: `<Requested_Paging_time_window>`; profile quirk
`ptw_command: cedrxs4`). The read reply carries it too: atctl.codecs.standard.edrx parses both."""

from __future__ import annotations

from atctl.codecs.standard.edrx import build_cedrxs


def build_cedrxs_ptw(mode: int, act: int, edrx_bits: str, ptw_bits: str) -> str:
    return f'{build_cedrxs(mode, act, edrx_bits)},"{ptw_bits}"'
