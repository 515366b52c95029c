"""power.battery.life_text: a battery life in words (the estimate shows days too)."""


# the one formatter the estimate (with days) and the status/apply battery line share
def test_life_text():
    from atctl.power.battery import life_text

    assert life_text(12.4) == "12 days"
    assert life_text(858.9) == "2.4 years" and life_text(858.9, with_days=True) == "2.35 years (859 days)"
    assert life_text(3652.5, with_days=True) == "10.00 years (3,652 days)"
    assert life_text(float("inf")) == "unlimited"
