"""string for MicroPython.

Supported: the constants (ascii_letters, ascii_lowercase, ascii_uppercase,
digits, hexdigits, octdigits, punctuation, whitespace, printable), capwords,
Template (substitute, safe_substitute, get_identifiers, is_valid, a custom
`delimiter` in subclasses, CPython's error messages; substitute's KeyError
prints its key quoted, as CPython's), Formatter.format/vformat.
Not supported: Template subclasses that change idpattern, braceidpattern,
pattern or flags (MicroPython's re has no named groups); Formatter's
parse/get_field/convert_field hooks.
"""
whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join([w[:1].upper() + w[1:].lower() for w in s.split(sep)])


def _ident_len(s, i):
    # Length of the [_a-zA-Z][_a-zA-Z0-9]* identifier at s[i:].
    n = len(s)
    j = i
    while j < n:
        c = s[j]
        if c == '_' or 'a' <= c <= 'z' or 'A' <= c <= 'Z' or (j > i and '0' <= c <= '9'):
            j += 1
        else:
            break
    return j - i


class Template:
    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _scan(self, get, safe):
        # get(name) -> text to insert, or None when missing.
        t = self.template
        d = self.delimiter
        nd = len(d)
        out = []
        i = 0
        n = len(t)
        while True:
            j = t.find(d, i)
            if j < 0:
                out.append(t[i:])
                return ''.join(out)
            out.append(t[i:j])
            k = j + nd
            if t[k:k + nd] == d:
                out.append(d)
                i = k + nd
                continue
            if t[k:k + 1] == '{':
                m = _ident_len(t, k + 1)
                if m and t[k + 1 + m:k + 2 + m] == '}':
                    name = t[k + 1:k + 1 + m]
                    end = k + 2 + m
                else:
                    name = None
            else:
                m = _ident_len(t, k)
                name = t[k:k + m] if m else None
                end = k + m
            if name is None:
                if not safe:
                    line = t[:k].count('\n') + 1
                    col = k - (t.rfind('\n', 0, k) + 1)
                    raise ValueError('Invalid placeholder in string: line %d, col %d' % (line, col))
                out.append(d)
                i = k
                continue
            v = get(name)
            out.append(t[j:end] if v is None else v)
            i = end

    def substitute(self, mapping=None, **kws):
        m = _merge(mapping, kws)

        def get(name):
            try:
                v = m[name]
            except KeyError:
                raise _KeyError(name)
            return '%s' % (v,)
        return self._scan(get, False)

    def safe_substitute(self, mapping=None, **kws):
        m = _merge(mapping, kws)

        def get(name):
            try:
                return '%s' % (m[name],)
            except KeyError:
                return None
        return self._scan(get, True)

    def get_identifiers(self):
        ids = []

        def get(name):
            if name not in ids:
                ids.append(name)
            return ''
        self._scan(get, True)
        return ids

    def is_valid(self):
        try:
            self._scan(lambda name: '', False)
        except ValueError:
            return False
        return True


_KE = KeyError


def _key_error():
    # MicroPython prints a KeyError's key bare; CPython as its repr.
    class KeyError(_KE):
        def __str__(self):
            return repr(self.args[0])
    return KeyError


_KeyError = _key_error()


def _merge(mapping, kws):
    if not kws:
        return {} if mapping is None else mapping
    if mapping is None:
        return kws
    m = dict(mapping.items()) if hasattr(mapping, 'items') else dict(mapping)
    m.update(kws)
    return m


class Formatter:
    def format(self, format_string, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        return format_string.format(*args, **kwargs)
