"""Escalation of unclaimed requests, the shift hand-over and recurring housekeeping."""
