"""The 27.007 <stat> of +CREG / +CGREG / +CEREG: which values are registrations.

Registered at home: 1; 6 "SMS only"; 9 "CSFB not preferred". Roaming: 5; 7; 10. These are the
six ModemManager counts as registered (REG_STATE_IS_REGISTERED, src/mm-iface-modem-3gpp.c);
8 and 11 (emergency services only) are not registrations.
"""

HOME = frozenset({1, 6, 9})
ROAMING = frozenset({5, 7, 10})
REGISTERED = HOME | ROAMING
DENIED = 3
