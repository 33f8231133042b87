"""The Relais application."""

import os

# python-telegram-bot 22 reports retry_after as a timedelta only with this set; without it,
# every flood-limit answer also raises a deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "1")
