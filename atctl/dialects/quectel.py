"""Quectel dialects: LPWA (BG95/BG96/BG77/BG600L) and LTE Cat-1/4 (EC2x/EG2x/EG91).

Sources: Quectel BG95 & BG77 & BG600L AT commands manual (AT+QCFG="band" /
"iotopmode" / "nwscanseq" / "nwscanmode", AT+QPTWEDRXS), EC2x/EG2x AT manual.
Band and RAT changes take effect at once with <effect>=1: no reboot.
"""

from __future__ import annotations

from atctl.codecs.quectel.qband import build_qband
from atctl.codecs.quectel.qcfg import IOTOPMODE_CODE, NWSCANMODE_ONLY, NWSCANSEQ_CODE, build_qcfg, build_qcfg_band
from atctl.dialects.base import Dialect
from atctl.dialects.settings import Settings, Step


# what the console offers on Tab (Quectel BG95/BG96 and EC2x AT manuals)
QUECTEL_COMMANDS: dict[str, str] = {
    'AT+QCFG="band"': "enabled bands", 'AT+QCFG="iotopmode"': "LTE-M / NB-IoT selection",
    'AT+QCFG="nwscanseq"': "RAT scan order", 'AT+QCFG="nwscanmode"': "RAT scan mode",
    'AT+QCFG="psm/urc"': "PSM URCs", "AT+QPSMS?": "PSM timers in seconds", "AT+QNWINFO": "RAT, operator, band",
    "AT+QCSQ": "signal per RAT", 'AT+QENG="servingcell"': "serving cell", "AT+QCCID": "ICCID",
    "AT+QPOWD=1": "power down",
}


class _Quectel(Dialect):
    """What every Quectel module shares, for device/: its ICCID read (Quectel AT manuals: AT+QCCID,
    no other is tried), the serving-cell read, AT+QCSQ on LTE-M modules, the RDY boot banner."""

    iccid_reads = (("AT+QCCID", "+QCCID:"),)
    serving_cell_default = "qnwinfo"
    qcsq_on_lte_m = True
    boot_banner_default = "RDY"


class QuectelLpwa(_Quectel):
    name = "quectel-lpwa"
    band_layout = "lpwa"
    vendor_commands = {**QUECTEL_COMMANDS, "AT+QPTWEDRXS?": "eDRX and PTW requested",
                       "AT+QPTWEDRXS=": "request eDRX with a PTW"}
    read_commands = (('AT+QCFG="band"', "bands"), ('AT+QCFG="iotopmode"', "rat"), ('AT+QCFG="nwscanseq"', "rat"),
                     ('AT+QCFG="nwscanmode"', "rat"), ("AT+CPSMS?", "psm"), ("AT+CEDRXS?", "edrx"),
                     ("AT+QPTWEDRXS?", "edrx"), ("AT+CGDCONT?", "apn"))
    band_rats = ("gsm", "lte-m", "nb-iot")
    rat_settable = True

    def absorb(self, settings: Settings, kind: str, f: dict) -> None:
        if kind == "QCFG" and f.get("key") == "band":
            for rat, key in (("gsm", "gsm"), ("lte-m", "lte_m"), ("nb-iot", "nb_iot")):
                settings.bands[rat] = frozenset(f.get(key) or ())
        elif kind == "QCFG" and f.get("key") in ("iotopmode", "nwscanseq", "nwscanmode"):
            settings.rat_config[f["key"]] = f.get("value")
        else:
            super().absorb(settings, kind, f)

    def rat_settings(self, rats: list[str]) -> dict[str, object]:
        lpwa = [r for r in rats if r in ("lte-m", "nb-iot")]
        iotopmode = IOTOPMODE_CODE.get(tuple(sorted(lpwa)), IOTOPMODE_CODE[("lte-m", "nb-iot")])
        seq = "".join(NWSCANSEQ_CODE[r] for r in rats if r in NWSCANSEQ_CODE)
        for rat in ("lte-m", "nb-iot", "gsm"):  # the module wants every code once
            if NWSCANSEQ_CODE[rat] not in seq:
                seq += NWSCANSEQ_CODE[rat]
        only = NWSCANMODE_ONLY["lpwa"]
        scanmode = only["gsm"] if rats == ["gsm"] else (0 if "gsm" in rats else only["lte"])
        return {"iotopmode": iotopmode, "nwscanseq": seq, "nwscanmode": scanmode}

    def rat_and_band_steps(self, current: Settings, desired: Settings) -> list[Step]:
        steps = []
        for key in ("nwscanmode", "iotopmode", "nwscanseq"):
            want = desired.rat_config.get(key)
            if want is not None and str(current.rat_config.get(key)) != str(want):
                steps.append(Step(build_qcfg(key, want, effect=1), f"RAT selection: {key}", setting="rat"))
        changed = {rat: bands for rat, bands in desired.bands.items()
                   if rat in self.band_rats and current.bands.get(rat) != bands}
        if changed:
            # 0 leaves a RAT's mask unchanged: only the RATs that differ are sent
            steps.append(Step(build_qcfg_band("lpwa", {r: sorted(b) for r, b in changed.items()}, effect=1),
                              "enable only the planned bands", setting="bands"))
        return steps


class QuectelLte(_Quectel):
    name = "quectel-lte"
    band_layout = "lte"
    vendor_commands = QUECTEL_COMMANDS
    read_commands = (('AT+QCFG="band"', "bands"), ('AT+QCFG="nwscanmode"', "rat")) + Dialect.read_commands
    band_rats = ("gsm", "umts", "lte")
    rat_settable = True

    def absorb(self, settings: Settings, kind: str, f: dict) -> None:
        if kind == "QCFG" and f.get("key") == "band":
            for rat in ("gsm", "umts", "lte"):
                settings.bands[rat] = frozenset(f.get(rat) or ())
        elif kind == "QCFG" and f.get("key") == "nwscanmode":
            settings.rat_config["nwscanmode"] = f.get("value")
        else:
            super().absorb(settings, kind, f)

    def rat_settings(self, rats: list[str]) -> dict[str, object]:
        only = NWSCANMODE_ONLY["lte"]  # tdscdma (4) is not a RAT atctl configures
        return {"nwscanmode": only.get(rats[0], 0) if len(rats) == 1 and rats[0] != "tdscdma" else 0}

    def rat_and_band_steps(self, current: Settings, desired: Settings) -> list[Step]:
        steps = []
        want = desired.rat_config.get("nwscanmode")
        if want is not None and str(current.rat_config.get("nwscanmode")) != str(want):
            steps.append(Step(build_qcfg("nwscanmode", want, effect=1), "RAT selection: nwscanmode", setting="rat"))
        if any(current.bands.get(r) != b for r, b in desired.bands.items()):
            merged = {r: sorted(desired.bands.get(r, current.bands.get(r, frozenset()))) for r in ("gsm", "umts", "lte")}
            steps.append(Step(build_qcfg_band("lte", merged, effect=1), "enable only the planned bands",
                              setting="bands"))
        return steps


class QuectelNb(_Quectel):
    """NB-IoT-only modules (BC66, BC660K-GL): bands with AT+QBAND (BC660K-GL AT manual V1.4
    section 7.5: `AT+QBAND=<count>,<band>...`, 0 = all bands; takes effect at once with a
    detach and re-attach, saved in NVRAM). PSM, eDRX and APN use the 27.007 commands."""

    name = "quectel-nb"
    vendor_commands = {"AT+QBAND?": "enabled bands", "AT+QBAND=": "set bands", "AT+QNWINFO": "RAT, operator, band",
                       "AT+QCCID": "ICCID"}
    read_commands = (("AT+QBAND?", "bands"),) + Dialect.read_commands
    band_rats = ("nb-iot",)
    rat_settable = True  # one RAT: nothing to order

    def absorb(self, settings: Settings, kind: str, f: dict) -> None:
        if kind == "QBAND" and not f.get("test"):
            every = frozenset(self.profile.bands_for("nb-iot")) if self.profile is not None else frozenset()
            settings.bands["nb-iot"] = every if f.get("all_bands") else frozenset(f.get("bands") or ())
        else:
            super().absorb(settings, kind, f)

    def rat_and_band_steps(self, current: Settings, desired: Settings) -> list[Step]:
        want = desired.bands.get("nb-iot")
        if want is None or current.bands.get("nb-iot") == want:
            return []
        every = frozenset(self.profile.bands_for("nb-iot")) if self.profile is not None else frozenset()
        command = build_qband(None if want == every else want)
        return [Step(command, "enable only the planned bands (the module detaches and re-attaches)",
                     setting="bands")]

    serving_cell_default = "qeng0"  # NB-IoT modules have no AT+QNWINFO; AT+QENG=0 has band and EARFCN
