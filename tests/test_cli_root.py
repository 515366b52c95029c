"""The root command: help, version, unknown command, error contract."""


def test_help_lists_every_built_command(cli):
    import importlib.util

    from atctl.cli.main import COMMANDS

    code, out, _ = cli("--help")
    assert code == 0
    built = [name for name, (module, _, _) in COMMANDS.items() if importlib.util.find_spec(module)]
    assert {"psm", "edrx"} <= set(built)
    for name in built:
        assert name in out


def test_version(cli):
    code, out, _ = cli("--version")
    assert code == 0
    assert out.startswith("atctl ")


def test_unknown_command_is_usage_error(cli):
    code, _, err = cli("frobnicate")
    assert code == 2
    assert "frobnicate" in err
