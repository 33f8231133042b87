"""Channel-agnostic conversations: pure functions over plain data, no I/O, no clock."""
