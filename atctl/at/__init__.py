"""The AT engine: transport (pyserial URL), framing (bytes -> lines), engine
(command -> final result, URC routing, per-command deadlines), error tables, transcript."""

from atctl.at.session import AtSession, open_session
from atctl.at.types import Response

__all__ = ["AtSession", "Response", "open_session"]
