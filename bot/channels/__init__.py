"""Channels: the transport protocol, Telegram and SMS, rendering, GSM-7, the sender."""
