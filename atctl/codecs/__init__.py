"""Pure response parsers: one AT response line -> a typed model (DESIGN.md `decode`).

`parse_line(line, vendor=None, pending=None) -> Parsed(type, fields)`; typed helpers
per response (`parse_cereg`, ...); `act_to_rat` maps AcT numbers per vendor.
"""

from atctl.codecs.act import act_to_rat, edrx_act_to_rat
from atctl.codecs.dispatch import PARSERS, parse_line, split_line, supported_prefixes
from atctl.codecs.model import Parsed
from atctl.codecs.registration import Registration, parse_cereg, parse_cgreg, parse_creg

__all__ = ["PARSERS", "Parsed", "Registration", "act_to_rat", "edrx_act_to_rat", "parse_cereg", "parse_cgreg",
           "parse_creg", "parse_line", "split_line", "supported_prefixes"]
