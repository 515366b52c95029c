"""diagnose --log keeps the band mask a log shows as the dialect's typed Settings, so the live band-hygiene
rule runs on it. The +QCFG: "band" line is the BG95-M3 factory mask (Quectel BG95 AT Commands Manual,
AT+QCFG="band" read example: GSM 0xf, Cat-M 0x100002000000000f0e189f, NB-IoT 0x10004200000000090e189f)."""

from atctl.diagnose.from_log import diagnose_log, facts_from_log
from atctl.logs import read_log

LOG = ['AT+QCFG="band"', '+QCFG: "band",0xf,0x100002000000000f0e189f,0x10004200000000090e189f', "OK",
       "AT+COPS=3,2", "OK", "AT+COPS?", '+COPS: 0,2,"26201",8', "OK"]


def test_a_logged_band_mask_becomes_settings_and_feeds_the_unused_bands_rule():
    facts, _, _ = facts_from_log(read_log(LOG), "t.log")
    assert {8, 20} < facts.settings.bands["lte-m"] and "nb-iot" in facts.settings.bands
    assert facts.network.operator.country == "DE"
    report, _ = diagnose_log(read_log(LOG), "t.log")
    assert report["facts"]["settings"]["bands"]["lte-m"] == sorted(facts.settings.bands["lte-m"])
    unused = next(f for f in report["findings"] if f["code"] == "unused-bands")
    assert "no network in DE uses" in unused["detail"]
