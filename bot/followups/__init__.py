"""Follow-up check-ins, their answers, tags and campaigns."""
