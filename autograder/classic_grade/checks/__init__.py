"""The checks: one module per kind of task (modules, counting functions, networks)."""
