"""The network's activity figures."""
