"""What a run may reach beyond its own memory: values in and out, host functions, the network.

Nothing is granted by default. :mod:`.codec` says how values cross the
boundary, :mod:`.functions` runs the Python callables a host grants, and
:mod:`.fetch` is the built-in, policy-governed HTTP capability.
"""
