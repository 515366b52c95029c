"""atctl: configure cellular IoT modules over AT commands.

Importing atctl makes the `sim://`, `replay://` and `labgrid://` pyserial URL schemes available. pyserial is
not imported here (start-up time matters): if it is already loaded the scheme
is registered now, otherwise as soon as anything imports `serial`.
"""

import sys

__version__ = "0.1.0"

_SIM_PACKAGE = "atctl.sim"
_URL_PACKAGES = (_SIM_PACKAGE, "atctl.replay", "atctl.labgrid")  # sim://, replay://, labgrid://


def _register_sim_scheme(serial_module) -> None:
    packages = serial_module.protocol_handler_packages
    for package in _URL_PACKAGES:
        if package not in packages:
            packages.append(package)


class _SerialImportHook:
    """Meta-path finder that registers the scheme right after `import serial`."""

    def find_spec(self, name, path=None, target=None):
        if name != "serial":
            return None
        sys.meta_path.remove(self)
        try:
            import importlib.util

            spec = importlib.util.find_spec("serial")
        finally:
            pass
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        original_exec = loader.exec_module

        def exec_module(module):
            original_exec(module)
            _register_sim_scheme(module)

        loader.exec_module = exec_module
        return spec


if "serial" in sys.modules:
    _register_sim_scheme(sys.modules["serial"])
elif not any(isinstance(f, _SerialImportHook) for f in sys.meta_path):
    sys.meta_path.insert(0, _SerialImportHook())
