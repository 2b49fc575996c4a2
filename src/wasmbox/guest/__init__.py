"""Python source that runs *inside* MicroPython. Never imported by the host."""
