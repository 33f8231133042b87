"""Appointments at welcoming places: /rdv, answers, reminders."""
