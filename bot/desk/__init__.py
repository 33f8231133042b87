"""The worker desk: on duty, cards, claim, close, note, transfer, relay."""
