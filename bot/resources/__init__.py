"""The resource directory: import, search, and /ressource."""
