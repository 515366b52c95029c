"""+NUESTATS (SARA-N2, the Huawei/Neul command set): AT+NUESTATS="CELL" lists the cells the module
hears, one line each: `NUESTATS:CELL,<earfcn>,<pci>,<primary>,<rsrp>,<rsrq>,<rssi>,<snr>`, RSRP, RSRQ
and RSSI in tenths of dB(m); primary 1 marks the serving cell. The line was captured with and
without the leading "+" (an N211 set-up guide: `NUESTATS:CELL,3547,186,1,-813,-134,-715,10`;
Quectel BC95 writes `+NUESTATS:CELL,...`). There is no band field: the band follows from the
downlink EARFCN (atctl.bands.earfcn). Other report types (RADIO, BLER, THP, APPSMEM) are kept as
their raw values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atctl.bands.earfcn import band_of_dl_earfcn
from atctl.codecs.fields import opt_int, split_fields, unquote
from atctl.codecs.model import Model
from atctl.errors import InputError
from atctl.network_values import CellInUse

CELL_FIELDS = ("earfcn", "pci", "primary", "rsrp", "rsrq", "rssi", "snr")


@dataclass(frozen=True, slots=True)
class NueStats(Model):
    kind: str                               # CELL, RADIO, BLER, ...
    values: list[str] = field(default_factory=list)   # the fields after the type, as sent
    earfcn: int | None = None               # CELL lines
    pci: int | None = None
    primary: bool | None = None
    rsrp_dbm: float | None = None
    rsrq_db: float | None = None
    rssi_dbm: float | None = None
    snr: int | None = None                  # as sent (the unit is not documented in the sources read)
    band: int | None = None                 # from the EARFCN (36.101 Table 5.7.3-1): the line has no band field

    def cell_in_use(self) -> CellInUse | None:
        """The serving cell (a CELL line with primary 1): its band from the EARFCN, channel and signal."""
        if self.kind != "CELL" or not self.primary or self.earfcn is None:
            return None
        signal = {k: getattr(self, k) for k in ("rsrp_dbm", "rsrq_db", "rssi_dbm") if getattr(self, k) is not None}
        return CellInUse(self.band, self.earfcn, "nb-iot", signal)


def parse_nuestats(body: str) -> NueStats:
    values = [unquote(v) for v in split_fields(body)]
    if not values or not values[0]:
        raise InputError("+NUESTATS holds no report type", hint="a cell line looks like NUESTATS:CELL,3547,186,1,-813,-134,-715,10")
    kind, rest = values[0].upper(), values[1:]
    if kind != "CELL":
        return NueStats(kind=kind, values=rest)
    numbers = {name: opt_int(rest, i, "+NUESTATS", name) for i, name in enumerate(CELL_FIELDS)}
    tenth = {k: (numbers[k] / 10 if numbers.get(k) is not None else None) for k in ("rsrp", "rsrq", "rssi")}
    primary, earfcn = numbers.get("primary"), numbers.get("earfcn")
    return NueStats(kind=kind, values=rest, earfcn=earfcn, pci=numbers.get("pci"),
                    primary=None if primary is None else primary == 1, rsrp_dbm=tenth["rsrp"],
                    rsrq_db=tenth["rsrq"], rssi_dbm=tenth["rssi"], snr=numbers.get("snr"),
                    band=band_of_dl_earfcn(earfcn) if earfcn is not None else None)


def format_nuestats_cell(earfcn: int, pci: int, primary: bool, rsrp_dbm: float, rsrq_db: float,
                         rssi_dbm: float, snr_db: int) -> str:
    """One AT+NUESTATS="CELL" line as SARA-N2 writes it (no "+", tenths of dB)."""
    tenths = [round(v * 10) for v in (rsrp_dbm, rsrq_db, rssi_dbm)]
    return "NUESTATS:CELL," + ",".join(map(str, [earfcn, pci, int(primary), *tenths, snr_db]))
