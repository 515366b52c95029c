"""+URAT codec edge cases: an empty or unknown RAT list is a typed error, never StopIteration."""

import pytest

from atctl.bands import urat
from atctl.errors import InputError


@pytest.mark.parametrize("rats", [[], ["lte-m"], ["nr"]])
def test_set_values_without_a_matching_set_is_input_error(rats):
    with pytest.raises(InputError):
        urat.set_values(rats)


def test_set_values_ignores_repeats():
    assert urat.set_values(["lte", "gsm", "lte"]) == [5, 3]


@pytest.mark.parametrize("values,order", [([], ()), ([99], ()), ([-1], ()), ([4, 3, 2], ("lte", "umts", "gsm")),
                                          ([1, 2, 0], ("umts", "gsm"))])
def test_set_order_on_odd_reads(values, order):
    assert urat.set_order(values) == order
