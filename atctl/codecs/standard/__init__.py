"""TS 27.007 / 27.005 commands: parse_X, build_X and format_X per command family."""
