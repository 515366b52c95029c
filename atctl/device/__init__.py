"""Vendor-neutral procedures over an AT session: identify the module, read its network state,
wait for a registration, read the radio state. They ask the profile's dialect for command forms."""
