"""Which commands a simulated module has is decided by its profile's facts (atctl.sim.handlers):
every shipped profile keeps exactly the vendor commands the simulator gave it before the split by
command family (#14), and a vendor without a handler module gets the 27.007 set only."""

import pytest

from atctl.profiles import all_profiles
from atctl.sim.handlers import command_table, family_of, standard

QUECTEL = {"quectel-lpwa", "quectel-lte", "quectel-nb"}
UBLOX = {"ublox-r4", "ublox-r5", "ublox-lara-r6", "ublox-u2"}
# the simulator's table before the split (keyed by host dialect names, which it must no longer read)
BEFORE_THE_SPLIT = {
    "QCFG": QUECTEL, "QNWINFO": QUECTEL - {"quectel-nb"}, "QPSMS": {"quectel-lpwa", "quectel-nb"},
    "QPTWEDRXS": {"quectel-lpwa"}, "QCSQ": {"quectel-lpwa"}, "QENG": QUECTEL,
    "QCCID": QUECTEL, "QPOWD": QUECTEL, "UBANDMASK": UBLOX - {"ublox-u2"}, "URAT": UBLOX,
    "UMNOPROF": UBLOX - {"ublox-u2"}, "UCPSMS": UBLOX - {"ublox-u2"}, "CCID": UBLOX,
    "QBAND": {"quectel-nb"}, "UBANDSEL": {"ublox-u2"},
}
# added after the split: SARA-N2's Huawei/Neul set (no URAT, no CCID) (its family replaces CGATT, CMEE, CPIN too; see below)
BEFORE_THE_SPLIT.update({name: {"ublox-n2"} for name in ("NBAND", "NRB", "NCONFIG", "NCCID", "NUESTATS")})
PROFILES = all_profiles()


@pytest.mark.parametrize("profile_id", sorted(PROFILES))
def test_every_shipped_module_keeps_its_commands(profile_id):
    profile = PROFILES[profile_id]
    table = command_table(profile, family_of(profile))
    expected = {name for name, dialects in BEFORE_THE_SPLIT.items() if profile.dialect in dialects}
    assert set(table) - set(standard.COMMANDS) == expected
    assert set(standard.COMMANDS) <= set(table)
    # u-blox modules reset with AT+CFUN=15/16: their family replaces the 27.007 handler
    assert (table["CFUN"] is standard.cfun) == (profile.vendor != "ublox")
    # SARA-N2 attaches on AT+CGATT=1 (AUTOCONNECT FALSE), refuses AT+CMEE=2 and AT+CPIN?
    assert {name for name in ("CGATT", "CMEE", "CPIN") if table[name] is not standard.COMMANDS[name]} == \
        ({"CGATT", "CMEE", "CPIN"} if profile.dialect == "ublox-n2" else set())


def test_the_dialect_name_does_not_decide():
    profile = PROFILES["ublox-sara-r410m-02b"]
    renamed = profile.model_copy(update={"dialect": "some-new-dialect"})
    assert command_table(renamed, family_of(renamed)) == command_table(profile, family_of(profile))


def test_a_vendor_without_a_handler_module_has_the_27007_commands():
    profile = PROFILES["quectel-bg95-m3"].model_copy(update={"vendor": "acme"})
    assert family_of(profile) is None
    assert command_table(profile, None) == standard.COMMANDS


def test_a_new_vendor_family_is_one_handler_module(monkeypatch):
    """A handler module named after the profile's vendor is all a new family needs: its commands
    answer, its boot banner is printed, the 27.007 set stays."""
    import importlib.machinery
    import sys
    import types

    from atctl.sim.modem import SimModem
    from atctl.sim.reply import Reply
    from atctl.sim.scenarios import get_scenario

    family = types.ModuleType("atctl.sim.handlers.acme")
    family.__spec__ = importlib.machinery.ModuleSpec(family.__name__, None)
    family.commands = lambda profile: {"AVER": lambda m, kind, args, now: Reply([f"+AVER: {m.profile.model}"])}
    family.boot_urcs = lambda m: ["ACME READY"]
    monkeypatch.setitem(sys.modules, family.__name__, family)

    profile = PROFILES["quectel-bg95-m3"].model_copy(update={"vendor": "ACME", "dialect": "acme-x"})
    modem = SimModem(profile, get_scenario(None))
    assert modem.handle("AT+AVER", 1.0).lines == ["+AVER: BG95-M3"]
    assert modem.handle("AT+QCFG=\"band\"", 1.0).final == "ERROR"      # no Quectel commands
    assert modem.handle("AT+CEREG?", 1.0).lines[0].startswith("+CEREG: 0,")  # the 27.007 set stays
    modem.reboot(1.0)
    modem.advance(2.0)
    assert [text for _, text in modem.urc_out] == ["ACME READY"]
