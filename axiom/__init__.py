"""Axiom: small code models that get better by learning from their own verified work."""

__version__ = "0.1.0"
