"""The simulator prints its replies with codecs' format_X; this checks the other direction: every
reply line and URC it prints for these families, parsed by codecs and formatted again from the
parsed model, is the same line (parse and format agree on what the simulator says).

Drives atctl.sim.modem.SimModem directly (deterministic clock). Lines of families codecs do not
format (+CCID, +QCCID, +CMEE, ...) and test (=?) forms outside the list are skipped by prefix.
"""

from __future__ import annotations

import pytest

from atctl.codecs import parse_line
from atctl.codecs.dispatch import split_line
from atctl.codecs.quectel import qband, qcfg, qcsq, qnwinfo, qpsms, qptwedrxs
from atctl.codecs.standard import cfun, cgdcont, cops, cpin, cpsms, edrx, registration, signal
from atctl.codecs.ublox import nband, nconfig, ubandmask, ubandsel, ucpsms, umnoprof, urat
from atctl.dialects import get_dialect
from atctl.profiles import load_profile

SCRIPT = ["AT+CMEE=1", "AT+CREG=2", "AT+CGREG=2", "AT+CEREG=4", 'AT+CGDCONT=1,"IP","iot.1nce.net"',
          'AT+CPSMS=1,,,"00100001","00000101"', 'AT+CEDRXS=2,4,"0101"', 'AT+CEDRXS=2,5,"0101"',
          'AT+QPTWEDRXS=2,4,"0011","0101"', "AT+CFUN?", "AT+CPIN?"]
READS = ["AT+CREG?", "AT+CGREG?", "AT+CEREG?", "AT+COPS?", "AT+COPS=?", "AT+CSQ", "AT+CESQ", "AT+CPSMS?",
         "AT+CEDRXS?", "AT+CEDRXRDP", "AT+QPTWEDRXS?", "AT+QPSMS?", "AT+UCPSMS?", 'AT+QCFG="band"',
         'AT+QCFG="iotopmode"', 'AT+QCFG="nwscanseq"', 'AT+QCFG="nwscanmode"', "AT+QBAND?", "AT+QBAND=?",
         "AT+QNWINFO", "AT+QCSQ", "AT+UBANDMASK?", "AT+UBANDSEL?", "AT+URAT?", "AT+UMNOPROF?", "AT+CGDCONT?", "AT+CFUN?",
         "AT+NBAND?", "AT+NBAND=?", "AT+NCONFIG?"]


def _reformat(line: str, hints, profile) -> str | None:
    prefix, _ = split_line(line)
    parsed = parse_line(line, hints=hints)
    m, f = parsed.model, parsed.fields
    if prefix in ("CREG", "CGREG", "CEREG"):
        # the script sets AT+CEREG=4: the SARA-R410M-02B vendor field is in every +CEREG line
        return registration.format_registration_model(m, extra_after_tac=prefix == "CEREG" and hints.cereg_extra_param)
    if prefix == "CPSMS":
        return cpsms.format_cpsms(m.mode, m.periodic_tau_bits, m.active_time_bits, m.periodic_rau_bits, m.gprs_ready_bits)
    if prefix == "QPSMS":
        return qpsms.format_qpsms(m.mode, m.periodic_tau_s, m.active_time_s)
    if prefix == "UCPSMS":
        return ucpsms.format_ucpsms(m.mode, m.periodic_tau_bits, m.active_time_bits)
    if prefix == "CEDRXS":
        return edrx.format_cedrxs(m.act, m.requested_bits, m.ptw_bits)
    if prefix == "CEDRXP":
        return edrx.format_cedrxp(m.act, m.requested_bits, m.granted_bits, m.ptw_bits)
    if prefix == "CEDRXRDP":
        return edrx.format_cedrxrdp(m.act, m.requested_bits, m.granted_bits, m.ptw_bits)
    if prefix == "QPTWEDRXS":
        return qptwedrxs.format_qptwedrxs(m.act, m.ptw_bits, m.requested_bits)
    if prefix == "QCFG" and f["key"] == "band":
        rats = ("gsm", "lte-m", "nb-iot") if m.layout == "lpwa" else ("gsm", "umts", "lte")
        return qcfg.format_qcfg_band(m.layout, {r: f[r.replace("-", "_")] for r in rats})
    if prefix == "QCFG":
        return qcfg.format_qcfg(m.key, m.values[0])
    if prefix == "QBAND":
        return qband.format_qband_test(m.bands) if m.test else qband.format_qband(m.bands)
    if prefix == "UBANDMASK":
        numbers = profile.ubandmask_rats or {"lte-m": 0, "nb-iot": 1}
        return ubandmask.format_ubandmask({n: f[r.replace("-", "_")] for r, n in numbers.items()})
    if prefix == "UBANDSEL":
        return ubandsel.format_ubandsel(m.mhz)
    if prefix == "NBAND":
        return nband.format_nband_test(m.bands) if m.test else nband.format_nband(m.bands)
    if prefix == "NCONFIG":
        return nconfig.format_nconfig(m.name, m.value)
    if prefix == "URAT" and m.supported is None:
        return urat.format_urat(m.acts)
    if prefix == "UMNOPROF":
        return umnoprof.format_umnoprof(m.profile)
    if prefix == "COPS" and f.get("networks") is not None:
        return cops.format_cops_list([(n.stat, n.long, n.short, n.numeric, n.act) for n in m.networks],
                                     f"({m.modes})", f"({m.formats})")
    if prefix == "COPS":
        return cops.format_cops(m.mode, m.format, m.operator, m.act)
    if prefix == "CSQ":
        return signal.format_csq(m.rssi, 99 if m.ber is None else m.ber)
    if prefix == "CESQ":
        return signal.format_cesq(m.rxlev, 99 if m.ber is None else m.ber, m.rscp, m.ecno, m.rsrq, m.rsrp)
    if prefix == "QNWINFO":
        return qnwinfo.format_qnwinfo(m.rat if m.service else None, m.operator, m.band, m.channel)
    if prefix == "QCSQ":
        names = qcsq.QCSQ_VALUES[m.sysmode.upper()]
        return qcsq.format_qcsq(m.rat, **{n: getattr(m, n) for n in names})
    if prefix == "CFUN":
        return cfun.format_cfun(m.fun)
    if prefix == "CGDCONT" and isinstance(m.cid, int):
        return cgdcont.format_cgdcont(m.cid, m.pdp_type, m.apn, m.address, (0, 0, 0, 0))  # the sim's constant tail
    if prefix == "CPIN":
        return cpin.format_cpin(m.code)
    return None


@pytest.mark.parametrize("profile_id", ["quectel-bg95-m3", "quectel-eg25-g", "quectel-bc660k-gl",
                                        "ublox-sara-r410m-02b", "ublox-sara-r510s", "ublox-lara-r6401",
                                        "ublox-sara-u201", "ublox-sara-n211"])
def test_simulator_lines_are_codecs_formatted(profile_id):
    from atctl.sim.modem import SimModem
    from atctl.sim.scenarios import DEFAULT, SCENARIOS

    profile = load_profile(profile_id)
    hints = get_dialect(profile).parse_context()
    sim = SimModem(profile, SCENARIOS[DEFAULT])
    lines: list[str] = []
    now = 0.0
    for command in SCRIPT + ["AT"] + READS:
        now += 0.5 if command != "AT" else 10.0  # "AT": let registration and the grants complete
        lines += sim.handle(command, now).lines
    lines += [text for _, text in sim.urc_out if text.startswith("+")]
    checked = set()
    for line in lines:
        if not line.startswith("+"):
            continue
        again = _reformat(line, hints, profile)
        if again is not None:
            assert again == line
            checked.add(split_line(line)[0])
    assert {"CEREG", "CPSMS", "COPS", "CSQ", "CGDCONT", "CFUN"} <= checked, checked
    if "QCSQ" in sim.commands:  # the LPWA Quectel modules (BG95-M3 here)
        assert "QCSQ" in checked, checked
    if "NBAND" in sim.commands:  # SARA-N2
        assert {"NBAND", "NCONFIG"} <= checked, checked
