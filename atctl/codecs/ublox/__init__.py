"""u-blox commands (SARA-R4/R5, LARA-R6, SARA-U2): parse_X, build_X and format_X per command
family, and the one copy of each u-blox table."""
