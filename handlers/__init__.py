"""Thin adapters: Telegram updates and Twilio webhooks in, the engine does the rest."""
