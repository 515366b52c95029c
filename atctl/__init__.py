"""atctl: configure cellular IoT modules over AT commands."""

__version__ = "0.1.0"
