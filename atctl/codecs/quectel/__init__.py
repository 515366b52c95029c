"""Quectel commands (BG9x LPWA, EC2x/EG2x LTE, BC66/BC660K NB-IoT): parse_X, build_X and format_X
per command family, and the one copy of each Quectel table."""
