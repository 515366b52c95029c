"""Human output of the data commands: nothing a user copies is cut, counts read as counts,
untrusted text is never markup, warnings go to stderr."""

from __future__ import annotations

import pytest


def joined(text: str) -> str:
    """Output lines glued together without the table borders and padding (folded text rejoins)."""
    return "".join(part.strip(" │┃") for part in text.splitlines())


def test_bands_mask_command_folds_instead_of_being_cut(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "30")
    code, out, _ = cli("bands", "mask", "--module", "quectel-bg95-m3", "--country", "DE", "--country", "US")
    assert code == 0
    code_j, doc_out, _ = cli("bands", "mask", "--module", "quectel-bg95-m3", "--country", "DE", "--country", "US", "--json")
    import json

    command = json.loads(doc_out)["commands"][0]
    assert len(command) > 30
    assert command in joined(out)
    assert "…" not in out


@pytest.mark.parametrize("args", [["modules", "quectel-bg95-m3"], ["countries", "DE"], ["modules"], ["countries"],
                                  ["examples"]])
def test_no_ellipsis_at_80_columns(cli, monkeypatch, args):
    # before: 'github.com/QuecPyt…' (a source URL) and 'Telefón…' / '2021-06-…' were cut
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli(*args)
    assert code == 0
    assert "…" not in out


def test_module_source_url_survives_80_columns(cli, cli_json, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    _, doc = cli_json("modules", "quectel-bg95-m3")
    source = doc["module"]["bands"]["gsm"]["source"]
    url = next(word for word in source.split() if "github.com" in word)
    code, out, _ = cli("modules", "quectel-bg95-m3")
    assert url.strip("(),;") in joined(out)


def test_modules_list_says_band_counts_in_words(cli, cli_json, monkeypatch):
    # before: 'lte-m 17, nb-iot 16' read like band numbers
    monkeypatch.setenv("COLUMNS", "200")
    _, doc = cli_json("modules")
    bg95 = next(m for m in doc["modules"] if m["id"] == "quectel-bg95-m3")
    n = len(bg95["bands"]["lte-m"]["bands"])
    code, out, _ = cli("modules")
    row = next(line for line in out.splitlines() if "quectel-bg95-m3 " in line)
    assert f"lte-m: {n} bands" in row
    assert f"lte-m {n}" not in row


def test_profile_text_is_not_markup(cli, tmp_path):
    from pathlib import Path

    import yaml

    src = Path(__file__).resolve().parents[2] / "modem_profiles" / "quectel-bg95-m3.yaml"
    data = yaml.safe_load(src.read_text())
    data["id"] = "test-markup-module"
    data["description"] = "made [bold]for[/bold] tests [/x]"
    (tmp_path / "test-markup-module.yaml").write_text(yaml.safe_dump(data))
    code, out, err = cli("modules", "test-markup-module", "--profiles", str(tmp_path))
    assert code == 0, err
    assert "made [bold]for[/bold] tests [/x]" in out
