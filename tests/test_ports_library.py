"""atctl.ports as a library (not through `atctl ports`): USB VID:PID matching against the module profiles,
the AT interface number, and --port auto's choice. Ports are pyserial ListPortInfo-like objects; the ids are
Quectel's 0x2C7C:0x0700 (BG95/BG77 family, AT on interface 2, Quectel UMTS/HSPA/LTE Linux USB driver
user guide) and u-blox's 0x1546:0x1141 (LARA-R6 profile)."""

from types import SimpleNamespace

import pytest

from atctl.errors import InputError
from atctl.ports import auto_port, interface_number, scan


def port(device, vid=None, pid=None, location=None, description="n/a"):
    return SimpleNamespace(device=device, vid=vid, pid=pid, location=location, description=description)


def test_interface_number_from_a_pyserial_location():
    assert interface_number("1-1.2:1.3") == 3
    assert interface_number("1-1") is None and interface_number(None) is None


def test_quectel_at_interface_is_the_likely_port_and_the_others_are_not():
    rows = scan([port(f"/dev/ttyUSB{i}", 0x2C7C, 0x0700, f"1-1:1.{i}") for i in range(4)] + [port("/dev/ttyS0")])
    by_device = {r["device"]: r for r in rows}
    assert [r["device"] for r in rows if r["likely_at_port"]] == ["/dev/ttyUSB2"]
    assert by_device["/dev/ttyUSB2"]["vid"] == "0x2C7C" and by_device["/dev/ttyUSB2"]["vendor"] == "Quectel"
    assert by_device["/dev/ttyUSB2"]["module"] and by_device["/dev/ttyS0"]["module"] is None
    assert auto_port(rows) == "/dev/ttyUSB2"


def test_a_profile_without_an_at_interface_marks_every_interface():
    rows = scan([port("/dev/ttyACM0", 0x1546, 0x1141, "1-2:1.0"), port("/dev/ttyACM1", 0x1546, 0x1141, "1-2:1.2")])
    assert all(r["likely_at_port"] for r in rows) and rows[0]["vendor"] == "u-blox"
    with pytest.raises(InputError, match="2 likely AT ports"):
        auto_port(rows)


def test_no_module_among_the_ports_names_them():
    with pytest.raises(InputError, match=r"no Quectel or u-blox module among the serial ports \(/dev/ttyS0\)"):
        auto_port(scan([port("/dev/ttyS0")]))
    with pytest.raises(InputError, match="no serial port found"):
        auto_port([])
