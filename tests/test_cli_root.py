"""The root command: help, version, unknown command, error contract."""


def test_help_lists_commands(cli):
    code, out, _ = cli("--help")
    assert code == 0
    for name in ("psm", "edrx", "bands", "send", "apply", "diagnose"):
        assert name in out


def test_version(cli):
    code, out, _ = cli("--version")
    assert code == 0
    assert out.startswith("atctl ")


def test_unknown_command_is_usage_error(cli):
    code, _, err = cli("frobnicate")
    assert code == 2
    assert "frobnicate" in err
