"""The duty rota: who is on duty when, and reading rota files."""
