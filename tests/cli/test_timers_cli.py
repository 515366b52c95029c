"""`atctl psm` and `atctl edrx` through the CLI: JSON contract, human output, bad input."""


def test_psm_encode_json(cli_json):
    code, doc = cli_json("psm", "encode", "--tau", "24h", "--active", "30s")
    assert code == 0
    assert doc["tau"] == {"requested_s": 86400.0, "bits": "00111000", "seconds": 86400, "delta_s": 0.0, "human": "1 d"}
    assert doc["active"]["bits"] == "00001111"
    assert doc["command"] == 'AT+CPSMS=1,,,"00111000","00001111"'
    assert doc["warnings"] == []


def test_psm_encode_human(cli):
    code, out, _ = cli("psm", "encode", "--tau", "123456", "--active", "89")
    assert code == 0
    assert "01000100" in out and "AT+CPSMS" in out and "rounded up" in out


def test_psm_decode_json(cli_json):
    code, doc = cli_json("psm", "decode", "--tau", "11100000", "--active", "00000101")
    assert code == 0
    assert doc["tau"]["deactivated"] is True and doc["tau"]["seconds"] is None
    assert doc["active"] == {"bits": "00000101", "seconds": 10, "deactivated": False, "note": None}
    assert doc["legacy_tau"] is None


def test_psm_values(cli_json):
    code, doc = cli_json("psm", "values", "active")
    assert code == 0
    seconds = [v["seconds"] for v in doc["values"]]
    assert seconds == sorted(set(seconds)) and seconds[-1] == 11160


def test_edrx_encode_json(cli_json):
    code, doc = cli_json("edrx", "encode", "--rat", "lte-m", "--cycle", "81.92s", "--ptw", "5s", "--vendor", "quectel")
    assert code == 0
    assert doc["act"] == 4 and doc["cycle"]["bits"] == "0101"
    assert doc["ptw"]["bits"] == "0011" and doc["ptw"]["seconds"] == 5.12
    assert doc["command"] == 'AT+QPTWEDRXS=2,4,"0011","0101"'


def test_edrx_decode_json(cli_json):
    code, doc = cli_json("edrx", "decode", "--rat", "nb-iot", "--cycle", "0110", "--ptw", "0001")
    assert code == 0
    assert doc["cycle"]["effective_bits"] == "0010" and doc["ptw"] == {"bits": "0001", "seconds": 5.12}


def test_edrx_values_human(cli):
    code, out, _ = cli("edrx", "values", "--rat", "nb-iot")
    assert code == 0 and "10485.76" in out


def test_bad_inputs_exit_2_one_line(cli):
    for args in (["psm", "encode", "--tau", "soon", "--active", "1s"],
                 ["psm", "decode", "--tau", "012"],
                 ["edrx", "encode", "--rat", "gsm", "--cycle", "10s"],
                 ["psm", "encode", "--tau", "1h", "--active", "1s", "--rounding", "sideways"]):
        code, out, err = cli(*args)
        assert code == 2, args
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("atctl: error:") and "Traceback" not in err


def test_bad_input_json_mode_emits_error_document(cli_json):
    code, doc = cli_json("psm", "encode", "--tau", "0", "--active", "1s")
    assert code == 2 and "never sleep" in doc["error"]["message"]


# ---- issue #15 "Also": down/nearest above a timer's maximum clamp with a warning -----------

import pytest


@pytest.mark.parametrize("rounding", ["down", "nearest"])
def test_psm_encode_above_maximum_clamps_for_down_and_nearest(cli_json, rounding):
    code, doc = cli_json("psm", "encode", "--tau", "500d", "--active", "5h", "--rounding", rounding)
    assert code == 0
    assert doc["tau"]["seconds"] == 31 * 1152000 and doc["tau"]["bits"] == "11011111"
    assert doc["active"]["seconds"] == 31 * 360 and doc["active"]["bits"] == "01011111"
    clamped = [w for w in doc["warnings"] if "maximum" in w]
    assert len(clamped) == 2 and any("periodic TAU" in w for w in clamped)
    assert any("active time" in w for w in clamped)


@pytest.mark.parametrize("rounding", ["up", "exact"])
def test_psm_encode_above_maximum_still_refused_for_up_and_exact(cli, rounding):
    code, _, err = cli("psm", "encode", "--tau", "500d", "--active", "30s", "--rounding", rounding)
    assert code == 2 and "above the maximum" in err and "Traceback" not in err


@pytest.mark.parametrize("rounding", ["down", "nearest"])
def test_edrx_encode_above_maximum_clamps(cli_json, rounding):
    code, doc = cli_json("edrx", "encode", "--rat", "nb-iot", "--cycle", "5h", "--ptw", "1h", "--vendor", "quectel",
                         "--rounding", rounding)
    assert code == 0
    assert doc["cycle"]["seconds"] == 10485.76 and doc["cycle"]["bits"] == "1111"
    assert doc["ptw"]["seconds"] == 40.96 and doc["ptw"]["bits"] == "1111"
    assert sum("maximum" in w for w in doc["warnings"]) == 2


def test_edrx_encode_above_maximum_refused_for_up(cli):
    code, _, err = cli("edrx", "encode", "--rat", "lte-m", "--cycle", "5h")
    assert code == 2 and "above the maximum" in err


@pytest.mark.parametrize("value", ["9" * 400, "1e999", "9" * 400 + "d"])
def test_absurd_durations_are_bad_input_not_internal_errors(cli, value):
    code, _, err = cli("psm", "encode", "--tau", value, "--active", "30s", "--rounding", "down")
    assert code == 2 and "internal error" not in err


def test_choice_options_list_their_values_and_refuse_others():
    """--rounding, --vendor, --rat and `psm values TIMER` are choices: --help lists them (and shell
    completion offers them); a wrong one is exit 2 naming the valid ones (issue 13)."""
    from typer.testing import CliRunner

    from atctl.cli.main import app

    runner = CliRunner()
    for args, values in ((["psm", "encode", "--help"], ("up", "nearest", "exact", "ublox-r4")),
                         (["edrx", "encode", "--help"], ("lte-m", "nb-iot", "quectel")),
                         (["psm", "values", "--help"], ("legacy-tau",)),
                         (["decode", "--help"], ("ublox",))):
        out = runner.invoke(app, args, env={"COLUMNS": "200"}).output
        for value in values:
            assert value in out, (args, value)
    import os
    import shutil
    import subprocess

    atctl_bin = shutil.which("atctl")
    for words, expected in (("atctl psm encode --rounding ", {"up", "down", "nearest", "exact"}),
                            ("atctl psm encode --vendor ", {"standard", "quectel", "ublox-r5", "ublox-r4"}),
                            ("atctl edrx encode --rat ", {"lte-m", "nb-iot"}),
                            ("atctl psm values ", {"tau", "active", "legacy-tau"}),
                            ("atctl decode --vendor ", {"quectel", "ublox"})):
        env = {**os.environ, "_ATCTL_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()))}
        offered = subprocess.run([atctl_bin], env=env, capture_output=True, text=True, timeout=30).stdout.split()
        assert set(offered) == expected, (words, offered)  # the shell completion offers exactly the choices
    bad = runner.invoke(app, ["psm", "encode", "--tau", "1h", "--active", "1m", "--rounding", "sideways"])
    assert bad.exit_code == 2 and "nearest" in (bad.output + (bad.stderr if bad.stderr_bytes is not None else ""))
    ok = runner.invoke(app, ["psm", "encode", "--tau", "24h", "--active", "30s", "--rounding", "down", "--json"])
    assert ok.exit_code == 0 and '"rounding": "down"' in ok.output
