"""The guest's whole view of the world: a WASI preview1 layer written in Python."""
