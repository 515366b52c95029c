#!/bin/sh
# Rebuild atctl/data/countries.json from this partial Band Atlas copy and scripts/band_atlas_overlay/.
# Usage: scripts/band_atlas_snapshot/regen.sh [--out FILE]   (from the repository root, in its venv;
# PYTHON=... picks the interpreter, default python3)
set -e
here=$(dirname "$0")
exec "${PYTHON:-python3}" "$here/../import_band_atlas.py" "$here" --base "$here/base_countries.json" \
  --commit 027adc45a64261df7570504fcc9292bbfec65031 --commit-date 2026-10-02 \
  --provenance-note "No git snapshot of band-atlas-data could be fetched on 2026-12-01. Tables were read from the stored copy of the repository: networks.csv, network_bands.csv and sources.csv at commit 027adc45 (via the previous conversion, --base), iot_networks.csv and sunset.csv (one stored version, first seen at 5e948a03, unchanged at 027adc45). 'date' is the 'data checked' date of that commit's README; the commit timestamp itself could not be read." \
  "$@"
