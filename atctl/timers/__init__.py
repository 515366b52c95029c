"""Pure 3GPP power-saving timer codecs (TS 24.008): PSM timers, eDRX, PTW, durations."""
