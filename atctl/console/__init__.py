"""The console and monitor's pure side: what a modem line means (explain), what Tab offers
(catalog), the colon helpers (helpers), the monitor's picture of the module (dashboard)."""

from atctl.console.explain import Explainer

__all__ = ["Explainer"]
