"""Declarative device config: load -> desired state -> plan -> apply -> verify."""
