"""u-blox commands of the simulated modules (profile `vendor: ublox`): AT+URAT, AT+UBANDMASK,
AT+UBANDSEL, AT+UMNOPROF, AT+UCPSMS, AT+CCID and the AT+CFUN=15/16 resets.

Which of them a module has follows from its profile's facts (`commands`):
- LTE modules (SARA-R4/R5, LARA-R6): bands with AT+UBANDMASK (the profile's `ubandmask_rats`
  numbers), MNO profiles (AT+UMNOPROF), the granted PSM read AT+UCPSMS.
- modules without +UBANDMASK RAT numbers and without LTE-M / NB-IoT (SARA-U2 3G/2G, TOBY-L2
  LTE Cat 4 with 3G/2G): bands by frequency with AT+UBANDSEL, one MHz value for every RAT on it
  (atctl.bands.ubandsel, LTE per ModemManager's num_bands_4g).
- NB-IoT modules without +UBANDMASK RAT numbers (SARA-N2): the Huawei/Neul set of ublox_n2.py.
- AT+URAT lists RATs by priority (7/8/9) on LTE-M / NB-IoT modules (SARA-R4/R5) and names a
  set of RATs, then preferences, on the others (LARA-R6, SARA-U2, TOBY-L2) (atctl.bands.urat).
Sources: u-blox SARA-R4, SARA-R5, LARA-R6 and SARA-U2 AT commands manuals; ModemManager's u-blox
plugin (TOBY-L2: +UBANDSEL, no +UACT).
"""

from __future__ import annotations

from atctl.bands import masks, ubandsel as ubandsel_codec, urat as urat_codec
from atctl.codecs.ublox.ubandmask import format_ubandmask
from atctl.codecs.ublox.ubandsel import format_ubandsel
from atctl.codecs.ublox.ucpsms import format_ucpsms
from atctl.codecs.ublox.umnoprof import MNO_PROFILES, format_umnoprof
from atctl.codecs.ublox.urat import format_urat
from atctl.errors import InputError
from atctl.sim.handlers import standard, ublox_n2
from atctl.sim.reply import CmeError, Reply, set_numbers

LPWA_RATS = {"lte-m", "nb-iot"}


def commands(profile) -> dict:
    """The u-blox commands a module with this profile answers (see the module docstring)."""
    if ublox_n2.uses_nband(profile):
        return ublox_n2.commands(profile)
    table = {"CFUN": cfun, "URAT": urat, "CCID": ccid}
    if uses_ubandmask(profile):
        table.update(UBANDMASK=ubandmask, UMNOPROF=umnoprof, UCPSMS=ucpsms)
    else:
        table["UBANDSEL"] = ubandsel
    return table


def boot_urcs(m) -> list[str]:
    """What the module prints once booted: SARA-N2 the final OK of the AT+NRB that rebooted it; the others nothing."""
    return ublox_n2.boot_urcs(m) if ublox_n2.uses_nband(m.profile) else []


def boot_cfun(m) -> int:
    """The radio at boot: on, except a SARA-N2 with +NCONFIG AUTOCONNECT FALSE."""
    return ublox_n2.boot_cfun(m) if ublox_n2.uses_nband(m.profile) else 1


def uses_ubandmask(profile) -> bool:
    """+UBANDMASK (SARA-R4/R5, LARA-R6: the profile names its RAT numbers, or LTE-M / NB-IoT),
    else +UBANDSEL (SARA-U2, TOBY-L2)."""
    return bool(profile.ubandmask_rats) or bool(set(profile.rats) & LPWA_RATS)


def cfun(m, kind, args, now):
    """27.007 AT+CFUN plus u-blox's 15 (reset) and 16 (reset, also the SIM) that reboot the module."""
    if kind == "set" and args and args[0].isdigit() and int(args[0]) in (15, 16):
        return Reply(reboot=True)
    return standard.cfun(m, kind, args, now)


def ccid(m, kind, args, now):
    if m.sim_card == "absent":
        raise CmeError(10)
    return Reply([f"+CCID: {m.iccid}"])


def ucpsms(m, kind, args, now):
    """The PSM timers the network granted: mode 1 with them while registered with a grant, else 0."""
    v = m.v
    if v.granted_tau_bits and v.stat in (1, 5):
        return Reply([format_ucpsms(1, v.granted_tau_bits, v.granted_active_bits)])
    return Reply([format_ucpsms(0)])


# ---- bands ------------------------------------------------------------------------------------------
def ubandmask(m, kind, args, now):
    rat_numbers = m.profile.ubandmask_rats or {"lte-m": 0, "nb-iot": 1}
    if kind == "read":
        return Reply([format_ubandmask({number: m.nvm.bands.get(rat, ()) for rat, number in rat_numbers.items()})])
    if kind == "test":
        return Reply(["+UBANDMASK: (0,1),(0-18446744073709551615),(0-18446744073709551615)"])
    number = set_numbers(kind, args, at_least=2)[0]
    rat = next((r for r, n in rat_numbers.items() if n == number), None)
    if rat is None:
        raise CmeError(50)
    try:  # each word is 64 bits on the module; wider is refused like bad hex
        mask = masks.join_ubandmask(int(a) for a in args[1:3])
    except (InputError, ValueError):
        raise CmeError(50) from None
    bands = set(masks.mask_to_bands(mask))
    if not bands or not bands <= set(m.profile.bands_for(rat)):
        raise CmeError(50)
    m.nvm.bands[rat] = bands  # takes effect at the next attach (after AT+CFUN=15)
    return Reply()


def ubandsel(m, kind, args, now):
    # SARA-U2 / TOBY-L2: bands by MHz, one value for every RAT on that frequency; 0 = module default
    p = m.profile
    gsm_ok, umts_ok = p.bands_for("gsm"), p.bands_for("umts")
    lte_ok = p.bands_for("lte") if "lte" in p.rats else None
    supported = ubandsel_codec.ubandsel_values(gsm_ok, umts_ok, lte_ok or ())
    if kind == "read":
        nvm = m.nvm.bands
        return Reply([format_ubandsel(ubandsel_codec.ubandsel_values(
            nvm.get("gsm", ()), nvm.get("umts", ()), nvm.get("lte", ()) if lte_ok is not None else ()))])
    if kind == "test":
        return Reply([f"+UBANDSEL: (0,{','.join(map(str, supported))})"])
    values = set_numbers(kind, args)
    if values == [0]:
        values = supported
    elif not set(values) <= set(supported):
        raise CmeError(50)
    enabled = ubandsel_codec.bands_from_ubandsel(values, gsm_ok, umts_ok, lte_ok)
    m.nvm.bands.update({rat: set(b) for rat, b in enabled.items()})
    m.reattach(now)
    return Reply()


# ---- RATs, MNO profile -------------------------------------------------------------------------------
def _urat_set_form(profile) -> bool:
    return not set(profile.rats) & LPWA_RATS


def urat(m, kind, args, now):
    set_form = _urat_set_form(m.profile)
    if kind == "read":
        order = m.nvm.rat_order
        return Reply([format_urat(urat_codec.set_values(order) if set_form else urat_codec.priority_values(order))])
    if kind == "test":
        return Reply(["+URAT: (0-6),(0,2,3),(0,2,3)" if set_form else "+URAT: (7,8,9),(7,8,9),(7,8,9)"])
    values = set_numbers(kind, args)
    rats = urat_codec.set_order(values) if set_form else urat_codec.priority_order(values)
    if not rats or len(set(rats)) != len(rats) or not set(rats) <= set(m.profile.rats) \
            or (not set_form and len(rats) != len(values)):
        raise CmeError(50)
    m.nvm.rat_order = list(rats)
    return Reply()


def umnoprof(m, kind, args, now):
    if kind == "read":
        return Reply([format_umnoprof(m.nvm.umnoprof)])
    if kind == "test":
        return Reply([f"+UMNOPROF: ({','.join(map(str, sorted(MNO_PROFILES)))})"])  # the one table
    if kind != "set" or not args or not args[0].isdigit():
        raise CmeError(50)
    if m.v.cfun != 0:
        raise CmeError(3)  # u-blox: set the profile with the radio off (AT+CFUN=0)
    profile = int(args[0])
    if profile != m.nvm.umnoprof:
        m.nvm.umnoprof = profile
        # a new MNO profile resets bands and RATs to its defaults (DOMAIN.md 4)
        m.nvm.bands = {rat: set(fact.bands) for rat, fact in m.profile.bands.items()}
        m.nvm.rat_order = list(m.profile.rats)
    return Reply()
