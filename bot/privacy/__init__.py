"""Privacy (Québec Law 25): erasure, retention purge, and the person's summary of her data."""
