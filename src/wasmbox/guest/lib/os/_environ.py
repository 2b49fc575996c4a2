# os.environ for the os overlay, loaded by os.__getattr__ on first use.
import _wasmbox

_b = _wasmbox.builtin('os')
_wasmbox = None


class _Environ:
    # The environment through getenv/putenv/unsetenv. Keys set or read here
    # are remembered, so that iteration can show them.
    def __init__(self):
        self._seen = []

    def _note(self, key):
        if key not in self._seen:
            self._seen.append(key)

    def __getitem__(self, key):
        v = _b.getenv(key)
        if v is None:
            raise KeyError(key)
        self._note(key)
        return v

    def __setitem__(self, key, value):
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError('str expected, not ' + type(value if isinstance(key, str) else key).__name__)
        _b.putenv(key, value)
        self._note(key)

    def __delitem__(self, key):
        if _b.getenv(key) is None:
            raise KeyError(key)
        _b.unsetenv(key)

    def __contains__(self, key):
        return isinstance(key, str) and _b.getenv(key) is not None

    def get(self, key, default=None):
        v = _b.getenv(key)
        if v is None:
            return default
        self._note(key)
        return v

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def pop(self, key, *default):
        v = _b.getenv(key)
        if v is None:
            if default:
                return default[0]
            raise KeyError(key)
        _b.unsetenv(key)
        return v

    def update(self, *args, **kwargs):
        for a in args:
            for k, v in (a.items() if hasattr(a, 'items') else a):
                self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def keys(self):
        return [k for k in self._seen if _b.getenv(k) is not None]

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self.keys())

    def items(self):
        return [(k, _b.getenv(k)) for k in self.keys()]

    def values(self):
        return [v for k, v in self.items()]

    def copy(self):
        return dict(self.items())

    def __repr__(self):
        return 'environ({' + ', '.join(['%r: %r' % kv for kv in self.items()]) + '})'


environ = _Environ()
