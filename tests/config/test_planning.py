"""Pure planning tables: (current settings, desired settings) -> exact commands, per dialect.
Command syntax from the Quectel BG95 and EC2x AT manuals and the u-blox SARA-R4/R5 AT manuals."""

from atctl.dialects import get_dialect
from atctl.dialects.settings import ApnSetting, EdrxSetting, PsmSetting, Settings
from atctl.profiles import load_profile


def plan(module, current, desired):
    return [s.command for s in get_dialect(load_profile(module)).plan(current, desired)]


def test_nothing_to_do_gives_empty_plan():
    same = Settings(rat_config={"iotopmode": 2, "nwscanseq": "020301", "nwscanmode": 3},
                    bands={"lte-m": frozenset({8, 20})}, psm=PsmSetting(1, "00111000", "00001111"),
                    edrx={"lte-m": EdrxSetting(2, "0101", "0011")}, apns={1: ApnSetting(1, "IP", "iot")}, apn=ApnSetting(1, "IP", "iot"))
    assert plan("quectel-bg95-m3", same, same) == []


def test_psm_compared_in_seconds_not_bits():
    # 600 s = 00000001 (10 min x 1) = 10010100 (30 s x 20): SARA-R4 re-encodes (DOMAIN.md 1)
    current = Settings(psm=PsmSetting(1, "10010100", "00001111"))
    desired = Settings(psm=PsmSetting(1, "00000001", "00001111"))
    assert plan("quectel-bg95-m3", current, desired) == []


def test_quectel_bands_change_only_rats_that_differ_with_effect():
    current = Settings(bands={"lte-m": frozenset({1, 2, 3, 8, 20}), "nb-iot": frozenset({8, 20})})
    desired = Settings(bands={"lte-m": frozenset({8, 20}), "nb-iot": frozenset({8, 20})})
    assert plan("quectel-bg95-m3", current, desired) == ['AT+QCFG="band",0x0,0x80080,0x0,1']


def test_quectel_rat_order():
    dialect = get_dialect(load_profile("quectel-bg95-m3"))
    desired = Settings(rat_config=dialect.rat_settings(["nb-iot"]))
    current = Settings(rat_config={"iotopmode": 2, "nwscanseq": "020301", "nwscanmode": 0})
    assert plan("quectel-bg95-m3", current, desired) == [
        'AT+QCFG="nwscanmode",3,1', 'AT+QCFG="iotopmode",1,1', 'AT+QCFG="nwscanseq",030201,1']


def test_quectel_ptw_first():
    desired = Settings(edrx={"lte-m": EdrxSetting(2, "0101", "0011")})
    assert plan("quectel-bg95-m3", Settings(), desired) == ['AT+QPTWEDRXS=2,4,"0011","0101"']


def test_ublox_r4_umnoprof_first_then_rat_bands_psm_and_reboot():
    current = Settings(mno_profile=1, rat_order=("lte-m", "nb-iot"), bands={"lte-m": frozenset({1, 2, 3, 8, 20})})
    desired = Settings(mno_profile=100, rat_order=("lte-m",), bands={"lte-m": frozenset({20})},
                       psm=PsmSetting(1, "00111000", "00001111"))
    assert plan("ublox-sara-r410m-02b", current, desired) == [
        "AT+CFUN=0", "AT+UMNOPROF=100", "AT+URAT=7", "AT+UBANDMASK=0,524288",
        'AT+CPSMS=1,,,"00111000","00001111"', "AT+CFUN=15"]


def test_ublox_r4_psm_alone_still_deregisters_and_reboots():
    desired = Settings(psm=PsmSetting(1, "00111000", "00001111"))
    assert plan("ublox-sara-r410m-02b", Settings(psm=PsmSetting(0)), desired) == [
        "AT+CFUN=0", 'AT+CPSMS=1,,,"00111000","00001111"', "AT+CFUN=15"]


def test_ublox_r4_has_no_ptw_r5_has_fourth_parameter():
    desired = Settings(edrx={"lte-m": EdrxSetting(2, "0101", "0011")})
    assert plan("ublox-sara-r410m-02b", Settings(), desired) == ['AT+CEDRXS=2,4,"0101"']
    assert plan("ublox-sara-r510s", Settings(), desired) == ['AT+CEDRXS=2,4,"0101","0011"']


def test_apn_and_edrx_off():
    current = Settings(edrx={"lte-m": EdrxSetting(2, "0101")}, apns={1: ApnSetting(1, "IP", "old")})
    desired = Settings(edrx={"lte-m": EdrxSetting(0)}, apn=ApnSetting(1, "IP", "new"))
    assert plan("quectel-bg95-m3", current, desired) == ["AT+CEDRXS=0,4", 'AT+CGDCONT=1,"IP","new"']


def test_quectel_nb_bands_with_qband():
    # BC660K-GL AT manual V1.4 7.5: AT+QBAND=<count>,<band>...; 0 = all bands
    every = frozenset(load_profile("quectel-bc660k-gl").bands_for("nb-iot"))
    assert plan("quectel-bc660k-gl", Settings(bands={"nb-iot": every}),
                Settings(bands={"nb-iot": frozenset({20, 8})})) == ["AT+QBAND=2,8,20"]
    assert plan("quectel-bc660k-gl", Settings(bands={"nb-iot": frozenset({8})}),
                Settings(bands={"nb-iot": every})) == ["AT+QBAND=0"]
    assert plan("quectel-bc66", Settings(bands={"nb-iot": frozenset({8, 20})}),
                Settings(bands={"nb-iot": frozenset({8, 20})})) == []


def test_ublox_u2_bands_by_frequency_with_radio_off():
    # +UBANDSEL takes MHz; 1900 covers GSM PCS and UMTS band 2 (ModemManager u-blox band table)
    current = Settings(bands={"gsm": frozenset({850, 900, 1800, 1900}), "umts": frozenset({1, 2, 5, 6, 8, 19})})
    desired = Settings(bands={"gsm": frozenset({1900}), "umts": frozenset({2, 5})})
    assert plan("ublox-sara-u201", current, desired) == ["AT+CFUN=4", "AT+UBANDSEL=850,1900", "AT+CFUN=1"]
    assert plan("ublox-sara-u201", current, current) == []


def test_lara_r6_urat_names_a_set_of_rats_then_preferences():
    # LARA-R6 +URAT=<SelectedAcT>[,<PreferredAcT>[,<2ndPreferredAcT>]]: 4 = GSM/UMTS/LTE, 3 LTE, 2 UMTS, 0 GSM
    from atctl.dialects import get_dialect

    d = get_dialect(load_profile("ublox-lara-r6001"))
    assert d.urat_command(("lte",)) == "AT+URAT=3"
    assert d.urat_command(("lte", "umts", "gsm")) == "AT+URAT=4,3,2"
    assert d.urat_command(("lte", "gsm")) == "AT+URAT=5,3"
    assert d.rat_order_from_urat([4, 3, 2]) == ("lte", "umts", "gsm")
    assert d.rat_order_from_urat([3]) == ("lte",)
    # SARA-R4/R5: the priority list
    r4 = get_dialect(load_profile("ublox-sara-r410m-02b"))
    assert r4.urat_command(("lte-m", "nb-iot")) == "AT+URAT=7,8" and r4.rat_order_from_urat([8, 7]) == ("nb-iot", "lte-m")


class _ScriptedSession:
    """Answers reads from a table; anything else OK with no lines."""

    def __init__(self, replies):
        self.replies = replies

    def command(self, command, timeout=None, **kwargs):
        from atctl.at.types import Response

        lines = self.replies.get(command)
        return Response(command, lines=list(lines or []), final="OK", ok=True)


def test_unreadable_reply_marks_the_setting_unread_not_empty():
    # a +UBANDMASK layout atctl cannot parse must not look like "no bands enabled"
    from atctl.dialects import get_dialect

    from atctl.device.settings import read_settings

    dialect = get_dialect(load_profile("ublox-sara-r410m-02b"))
    settings = read_settings(_ScriptedSession({"AT+UBANDMASK?": ["+UBANDMASK: 0,not-a-number"],
                                              "AT+CFUN?": ["+CFUN: 1"]}), dialect)
    assert "bands" in settings.unread and settings.cfun == 1


def test_pdp_type_spellings_compare_equal():
    # u-blox reports Non-IP contexts as "NONIP" (27.007 spells it Non-IP)
    from atctl.dialects.settings import canonical_pdp_type

    assert canonical_pdp_type('"NONIP"') == canonical_pdp_type("Non-IP") == "Non-IP"
    assert canonical_pdp_type("ipv4v6") == "IPV4V6" and canonical_pdp_type("IP") == "IP"


# ---- the radio (issue 20: a kill between AT+CFUN=0 and the reboot step left +CFUN: 0, and plan
# said "nothing to send"); +CFUN values from 27.007 8.2: 0 minimum, 1 full, 4 airplane

def steps(module, current, desired):
    return get_dialect(load_profile(module)).plan(current, desired)


def test_radio_found_off_is_switched_on_with_cfun_1():
    desired = Settings(psm=PsmSetting(0), cfun=1)
    [step] = steps("quectel-bg95-m3", Settings(psm=PsmSetting(0), cfun=0), desired)
    assert (step.command, step.setting) == ("AT+CFUN=1", "radio")
    assert step.purpose == "radio on: the radio is off (left so by an interrupted apply?)"
    assert plan("quectel-eg25-g", Settings(psm=PsmSetting(0), cfun=4), desired) == ["AT+CFUN=1"]
    assert plan("ublox-sara-u201", Settings(psm=PsmSetting(0), cfun=4), desired) == ["AT+CFUN=1"]


def test_radio_on_or_unread_plans_nothing():
    desired = Settings(psm=PsmSetting(0), cfun=1)
    assert plan("quectel-bg95-m3", Settings(psm=PsmSetting(0), cfun=1), desired) == []
    assert plan("quectel-bg95-m3", Settings(psm=PsmSetting(0), cfun=None), desired) == []
    assert plan("quectel-bg95-m3", Settings(psm=PsmSetting(0), cfun=0), Settings(psm=PsmSetting(0))) == []


def test_ublox_radio_found_off_is_the_reboot_that_was_never_sent():
    # SARA-R4/R5: settings written after AT+CFUN=0 take effect with AT+CFUN=15/16 (u-blox SARA-R4
    # AT manual, +UMNOPROF / +UBANDMASK "a reboot is needed"): the radio-on step is that reboot
    desired = Settings(psm=PsmSetting(0), cfun=1)
    [step] = steps("ublox-sara-r410m-02b", Settings(psm=PsmSetting(0), cfun=0), desired)
    assert (step.command, step.kind, step.setting) == ("AT+CFUN=15", "reboot", "radio")
    assert "the radio is off (left so by an interrupted apply?)" in step.purpose
    assert plan("ublox-sara-r510s", Settings(psm=PsmSetting(0), cfun=0), desired) == ["AT+CFUN=16"]


def test_radio_off_with_a_reboot_in_the_plan_adds_nothing():
    # the planned reboot brings the radio back on
    current = Settings(mno_profile=1, psm=PsmSetting(0), cfun=0)
    desired = Settings(mno_profile=100, psm=PsmSetting(0), cfun=1)
    assert plan("ublox-sara-r410m-02b", current, desired) == ["AT+CFUN=0", "AT+UMNOPROF=100", "AT+CFUN=15"]


def test_restore_target_radio_off_plans_cfun_0():
    # a module that was off before apply is put back off by the restore
    assert plan("quectel-bg95-m3", Settings(psm=PsmSetting(0), cfun=1), Settings(psm=PsmSetting(0), cfun=0)) == ["AT+CFUN=0"]


def test_restore_of_psm_off_puts_the_timers_back():
    # issue 20: "a restore that claims all back while written timer values remain": AT+CPSMS=0
    # keeps the timers apply wrote. 27.007 10.1.23 accepts timers with <mode> 0.
    written = Settings(psm=PsmSetting(1, "00100110", "00001010"))
    saved = Settings(psm=PsmSetting(0, "00000000", "00000000"))
    assert plan("quectel-bg95-m3", written, saved) == ['AT+CPSMS=0,,,"00000000","00000000"']
    assert plan("quectel-bg95-m3", Settings(psm=PsmSetting(0, "00000000", "00000000")), saved) == []
    # `psm: false` in a config does not care about the timers
    assert plan("quectel-bg95-m3", Settings(psm=PsmSetting(0, "00100110", "00001010")), Settings(psm=PsmSetting(0))) == []
    assert plan("quectel-bg95-m3", written, Settings(psm=PsmSetting(0))) == ["AT+CPSMS=0"]


def test_sara_u2_band_change_with_the_radio_off_turns_it_on_once():
    # SARA-U2's band change is AT+CFUN=4 ... AT+CFUN=1; an APN step after it must not bring a second AT+CFUN=1
    from atctl.dialects.settings import ApnSetting

    current = Settings(bands={"gsm": frozenset({900, 1800}), "umts": frozenset({1, 8})}, psm=PsmSetting(0), cfun=4)
    desired = Settings(bands={"gsm": frozenset({900}), "umts": frozenset({8})}, psm=PsmSetting(0), cfun=1,
                       apn=ApnSetting(1, "IP", "iot"))
    commands = plan("ublox-sara-u201", current, desired)
    assert commands.count("AT+CFUN=1") == 1 and commands[-1] == 'AT+CGDCONT=1,"IP","iot"', commands
    # restoring airplane mode after such a band change still ends in AT+CFUN=4
    back = Settings(bands=current.bands, psm=PsmSetting(0), cfun=4)
    assert plan("ublox-sara-u201", Settings(bands=desired.bands, psm=PsmSetting(0), cfun=1), back)[-1] == "AT+CFUN=4"
