"""SQLite storage: one connection, WAL, numbered migrations, one module per aggregate."""
