"""Writes of the producers app: one module per thing that changes (profile, team, verification, OCOP)."""
