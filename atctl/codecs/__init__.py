"""Pure AT codecs: parse a response line into a typed model, build a command, format a reply.

Per command family one module in `standard/` (TS 27.007), `quectel/` or `ublox/` with
`parse_X`, `build_X` and `format_X` side by side; `parse_line(line, ...) -> Parsed(type,
fields)` dispatches on the prefix through the `PARSERS` registry (atctl.codecs.dispatch).
"""

from atctl.codecs.dispatch import PARSERS, Context, parse_line, split_line, supported_prefixes
from atctl.codecs.model import Parsed
from atctl.codecs.standard.act import act_to_rat, edrx_act_to_rat
from atctl.codecs.standard.registration import Registration, parse_cereg, parse_cgreg, parse_creg

__all__ = ["PARSERS", "Context", "Parsed", "Registration", "act_to_rat", "edrx_act_to_rat", "parse_cereg",
           "parse_cgreg", "parse_creg", "parse_line", "split_line", "supported_prefixes"]
