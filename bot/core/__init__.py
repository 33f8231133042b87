"""Core services: settings, clock, i18n, logs, the engine and the scheduler."""
