"""Command-line interface: argument parsing and rendering only; logic lives in the library."""
