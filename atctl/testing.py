"""pytest plugin (entry point `atctl`): fixtures handing out simulated modem ports.

Filled in by the simulator work; kept importable so pytest always loads.
"""
