"""Making ordinary CPython code run on MicroPython: the host-side source transformer."""

from .transform import transform

__all__ = ["transform"]
