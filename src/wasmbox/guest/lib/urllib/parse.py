"""urllib.parse: CPython 3.11's URL parsing and quoting (MicroPython has none).

urlparse, urlsplit, urlunparse, urlunsplit, urljoin, urldefrag (results with
.scheme .netloc .path .params .query .fragment .username .password .hostname
.port, geturl(), _replace(), encode()/decode()); parse_qs (insertion-ordered),
parse_qsl, urlencode; quote, quote_plus, quote_from_bytes, unquote,
unquote_plus, unquote_to_bytes. str and bytes arguments, as in CPython.
Percent-decoding uses UTF-8 with errors='replace' (CPython's default) or
'strict'; other encodings are not available.
"""
import _wasmbox

_nt = _wasmbox.builtin('collections').namedtuple
_wasmbox = None
try:
    _od = __wb_od  # noqa: F821 - the runtime's insertion-ordered dict
except NameError:
    _od = dict

__all__ = ['urlparse', 'urlunparse', 'urljoin', 'urldefrag', 'urlsplit', 'urlunsplit',
           'urlencode', 'parse_qs', 'parse_qsl', 'quote', 'quote_plus', 'quote_from_bytes',
           'unquote', 'unquote_plus', 'unquote_to_bytes', 'DefragResult', 'ParseResult',
           'SplitResult', 'DefragResultBytes', 'ParseResultBytes', 'SplitResultBytes']

uses_relative = ['', 'ftp', 'http', 'gopher', 'nntp', 'imap', 'wais', 'file', 'https', 'shttp',
                 'mms', 'prospero', 'rtsp', 'rtspu', 'sftp', 'svn', 'svn+ssh', 'ws', 'wss']
uses_netloc = ['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms',
               'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync', 'svn',
               'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']
uses_params = ['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu',
               'sip', 'sips', 'mms', 'sftp', 'tel']
scheme_chars = ('abcdefghijklmnopqrstuvwxyz' 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' '0123456789' '+-.')
_C0_OR_SPACE = ''.join([chr(i) for i in range(33)])
_ALWAYS_SAFE = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~'
_HEX = '0123456789ABCDEFabcdef'


# -- str/bytes: bytes arguments are parsed as ASCII text, results encoded back --

def _coerce(*args):
    str_input = isinstance(args[0], str)
    for a in args[1:]:
        if a and isinstance(a, str) != str_input:
            raise TypeError('Cannot mix str and non-str arguments')
    if str_input:
        return args + (None,)
    return tuple([a.decode('ascii') if a else '' for a in args]) + (True,)


def _enc(x):
    return x.encode('ascii') if isinstance(x, str) else x


# -- result types ---------------------------------------------------------------

class _NetlocMixin:
    @property
    def username(self):
        return self._userinfo()[0]

    @property
    def password(self):
        return self._userinfo()[1]

    @property
    def hostname(self):
        h = self._hostinfo()[0]
        if not h:
            return None
        sep = '%' if isinstance(h, str) else b'%'
        h, pct, zone = h.partition(sep)
        return h.lower() + pct + zone

    @property
    def port(self):
        port = self._hostinfo()[1]
        if port is not None:
            s = port.decode('ascii', 'replace') if isinstance(port, bytes) else port
            if s.isdigit() and all(ord(c) < 128 for c in s):
                port = int(s)
            else:
                raise ValueError('Port could not be cast to integer value as %r' % (port,))
            if not 0 <= port <= 65535:
                raise ValueError('Port out of range 0-65535')
        return port

    def _userinfo(self):
        netloc = self.netloc
        b = isinstance(netloc, bytes)
        userinfo, have, hostinfo = netloc.rpartition(b'@' if b else '@')
        if have:
            user, have_pw, pw = userinfo.partition(b':' if b else ':')
            if not have_pw:
                pw = None
        else:
            user = pw = None
        return user, pw

    def _hostinfo(self):
        netloc = self.netloc
        b = isinstance(netloc, bytes)
        _, _, hostinfo = netloc.rpartition(b'@' if b else '@')
        _, have_br, bracketed = hostinfo.partition(b'[' if b else '[')
        if have_br:
            host, _, port = bracketed.partition(b']' if b else ']')
            _, _, port = port.partition(b':' if b else ':')
        else:
            host, _, port = hostinfo.partition(b':' if b else ':')
        if not port:
            port = None
        return host, port

    def _replace(self, **kw):
        vals = [kw.pop(f) if f in kw else getattr(self, f) for f in self._fields]
        if kw:
            raise ValueError('Got unexpected field names: %r' % list(kw))
        return type(self)(*vals)

    def _asdict(self):
        d = _od()
        for f in self._fields:
            d[f] = getattr(self, f)
        return d


_SPLIT = ('scheme', 'netloc', 'path', 'query', 'fragment')
_PARSE = ('scheme', 'netloc', 'path', 'params', 'query', 'fragment')
_DEFRAG = ('url', 'fragment')


class SplitResult(_NetlocMixin, _nt('SplitResult', _SPLIT)):
    _fields = _SPLIT

    def geturl(self):
        return urlunsplit(self)

    def encode(self, encoding='ascii', errors='strict'):
        return SplitResultBytes(*[x.encode(encoding, errors) for x in self])


class ParseResult(_NetlocMixin, _nt('ParseResult', _PARSE)):
    _fields = _PARSE

    def geturl(self):
        return urlunparse(self)

    def encode(self, encoding='ascii', errors='strict'):
        return ParseResultBytes(*[x.encode(encoding, errors) for x in self])


class DefragResult(_nt('DefragResult', _DEFRAG)):
    _fields = _DEFRAG
    _replace = _NetlocMixin._replace

    def geturl(self):
        return self.url + '#' + self.fragment if self.fragment else self.url

    def encode(self, encoding='ascii', errors='strict'):
        return DefragResultBytes(*[x.encode(encoding, errors) for x in self])


class SplitResultBytes(_NetlocMixin, _nt('SplitResultBytes', _SPLIT)):
    _fields = _SPLIT

    def geturl(self):
        return urlunsplit(self)

    def decode(self, encoding='ascii', errors='strict'):
        return SplitResult(*[x.decode(encoding, errors) for x in self])


class ParseResultBytes(_NetlocMixin, _nt('ParseResultBytes', _PARSE)):
    _fields = _PARSE

    def geturl(self):
        return urlunparse(self)

    def decode(self, encoding='ascii', errors='strict'):
        return ParseResult(*[x.decode(encoding, errors) for x in self])


class DefragResultBytes(_nt('DefragResultBytes', _DEFRAG)):
    _fields = _DEFRAG
    _replace = _NetlocMixin._replace

    def geturl(self):
        return self.url + b'#' + self.fragment if self.fragment else self.url

    def decode(self, encoding='ascii', errors='strict'):
        return DefragResult(*[x.decode(encoding, errors) for x in self])


# -- splitting and joining --------------------------------------------------------

def _splitnetloc(url, start=0):
    delim = len(url)
    for c in '/?#':
        w = url.find(c, start)
        if w >= 0:
            delim = min(delim, w)
    return url[start:delim], url[delim:]


def _splitparams(url):
    if '/' in url:
        i = url.find(';', url.rfind('/'))
        if i < 0:
            return url, ''
    else:
        i = url.find(';')
    return url[:i], url[i + 1:]


def _checknetloc(netloc):
    if not netloc or all(ord(c) < 128 for c in netloc):
        return
    # Characters that NFKC-normalize into URL delimiters cannot be checked
    # here (no unicodedata); CPython raises ValueError for those.


def urlsplit(url, scheme='', allow_fragments=True):
    url, scheme, b = _coerce(url, scheme)
    url = url.lstrip(_C0_OR_SPACE)
    scheme = scheme.strip(_C0_OR_SPACE)
    for c in '\t\r\n':
        url = url.replace(c, '')
        scheme = scheme.replace(c, '')
    netloc = query = fragment = ''
    i = url.find(':')
    if i > 0 and ord(url[0]) < 128 and url[0].isalpha():
        for c in url[:i]:
            if c not in scheme_chars:
                break
        else:
            scheme, url = url[:i].lower(), url[i + 1:]
    if url[:2] == '//':
        netloc, url = _splitnetloc(url, 2)
        if ('[' in netloc and ']' not in netloc) or (']' in netloc and '[' not in netloc):
            raise ValueError('Invalid IPv6 URL')
    if allow_fragments and '#' in url:
        url, fragment = url.split('#', 1)
    if '?' in url:
        url, query = url.split('?', 1)
    _checknetloc(netloc)
    if b:
        return SplitResultBytes(_enc(scheme), _enc(netloc), _enc(url), _enc(query),
                                _enc(fragment))
    return SplitResult(scheme, netloc, url, query, fragment)


def urlparse(url, scheme='', allow_fragments=True):
    url, scheme, b = _coerce(url, scheme)
    scheme, netloc, url, query, fragment = urlsplit(url, scheme, allow_fragments)
    if scheme in uses_params and ';' in url:
        url, params = _splitparams(url)
    else:
        params = ''
    if b:
        return ParseResultBytes(*[_enc(x) for x in (scheme, netloc, url, params, query,
                                                      fragment)])
    return ParseResult(scheme, netloc, url, params, query, fragment)


def urlunsplit(components):
    scheme, netloc, url, query, fragment, b = _coerce(*components)
    if netloc or (scheme and scheme in uses_netloc and url[:2] != '//'):
        if url and url[:1] != '/':
            url = '/' + url
        url = '//' + (netloc or '') + url
    if scheme:
        url = scheme + ':' + url
    if query:
        url = url + '?' + query
    if fragment:
        url = url + '#' + fragment
    return _enc(url) if b else url


def urlunparse(components):
    scheme, netloc, url, params, query, fragment, b = _coerce(*components)
    if params:
        url = '%s;%s' % (url, params)
    url = urlunsplit((scheme, netloc, url, query, fragment))
    return _enc(url) if b else url


def urljoin(base, url, allow_fragments=True):
    if not base:
        return url
    if not url:
        return base
    base, url, b = _coerce(base, url)
    bscheme, bnetloc, bpath, bparams, bquery, bfragment = urlparse(base, '', allow_fragments)
    scheme, netloc, path, params, query, fragment = urlparse(url, bscheme, allow_fragments)
    out = None
    if scheme != bscheme or scheme not in uses_relative:
        out = url
    elif scheme in uses_netloc and netloc:
        out = urlunparse((scheme, netloc, path, params, query, fragment))
    else:
        if scheme in uses_netloc:
            netloc = bnetloc
        if not path and not params:
            path = bpath
            params = bparams
            if not query:
                query = bquery
            out = urlunparse((scheme, netloc, path, params, query, fragment))
    if out is None:
        base_parts = bpath.split('/')
        if base_parts[-1] != '':
            del base_parts[-1]
        if path[:1] == '/':
            segments = path.split('/')
        else:
            segments = base_parts + path.split('/')
            segments[1:-1] = [s for s in segments[1:-1] if s]
        resolved = []
        for seg in segments:
            if seg == '..':
                if resolved:
                    resolved.pop()
            elif seg == '.':
                continue
            else:
                resolved.append(seg)
        if segments[-1] in ('.', '..'):
            resolved.append('')
        out = urlunparse((scheme, netloc, '/'.join(resolved) or '/', params, query, fragment))
    return _enc(out) if b else out


def urldefrag(url):
    url, b = _coerce(url)
    if '#' in url:
        s, n, p, a, q, frag = urlparse(url)
        defrag = urlunparse((s, n, p, a, q, ''))
    else:
        frag = ''
        defrag = url
    if b:
        return DefragResultBytes(_enc(defrag), _enc(frag))
    return DefragResult(defrag, frag)


# -- quoting ----------------------------------------------------------------------

def quote_from_bytes(bs, safe='/'):
    if not isinstance(bs, (bytes, bytearray)):
        raise TypeError('quote_from_bytes() expected bytes')
    if not bs:
        return ''
    if isinstance(safe, str):
        safe = bytes([ord(c) for c in safe if ord(c) < 128])
    else:
        safe = bytes([c for c in safe if c < 128])
    ok = _SAFE_CACHE.get(safe)
    if ok is None:
        ok = set(_ALWAYS_SAFE + safe)
        if len(_SAFE_CACHE) < 32:
            _SAFE_CACHE[safe] = ok
    return ''.join([chr(c) if c in ok else '%%%02X' % c for c in bs])


_SAFE_CACHE = {}


def quote(string, safe='/', encoding=None, errors=None):
    if isinstance(string, str):
        if not string:
            return string
        _check_encoding(encoding)
        string = string.encode('utf-8')
    else:
        if encoding is not None:
            raise TypeError("quote() doesn't support 'encoding' for bytes")
        if errors is not None:
            raise TypeError("quote() doesn't support 'errors' for bytes")
    return quote_from_bytes(string, safe)


def quote_plus(string, safe='', encoding=None, errors=None):
    if (isinstance(string, str) and ' ' not in string) or (
            isinstance(string, (bytes, bytearray)) and b' ' not in string):
        return quote(string, safe, encoding, errors)
    space = ' ' if isinstance(safe, str) else b' '
    return quote(string, safe + space, encoding, errors).replace(' ', '+')


def unquote_to_bytes(string):
    if not string:
        if isinstance(string, str):
            return b''
        string.split
        return b''
    if isinstance(string, str):
        string = string.encode('utf-8')
    bits = bytes(string).split(b'%')
    if len(bits) == 1:
        return bytes(string)
    res = [bits[0]]
    for item in bits[1:]:
        h = item[:2]
        if len(h) == 2 and chr(h[0]) in _HEX and chr(h[1]) in _HEX:
            res.append(bytes([int(chr(h[0]) + chr(h[1]), 16)]))
            res.append(item[2:])
        else:
            res.append(b'%')
            res.append(item)
    return b''.join(res)


def _decode(b, errors):
    # UTF-8 with CPython's 'replace': one U+FFFD per maximal invalid subpart.
    # (MicroPython's own decoder lets surrogates and overlong forms through.)
    for c in b:
        if c > 0x7F:
            break
    else:
        return b.decode()
    out = []
    i = 0
    n = len(b)
    while i < n:
        c = b[i]
        if c < 0x80:
            out.append(chr(c))
            i += 1
            continue
        if 0xC2 <= c <= 0xDF:
            need, lo, hi, cp = 1, 0x80, 0xBF, c & 0x1F
        elif 0xE0 <= c <= 0xEF:
            need, cp = 2, c & 0x0F
            lo, hi = (0xA0, 0xBF) if c == 0xE0 else (0x80, 0x9F) if c == 0xED else (0x80, 0xBF)
        elif 0xF0 <= c <= 0xF4:
            need, cp = 3, c & 0x07
            lo, hi = (0x90, 0xBF) if c == 0xF0 else (0x80, 0x8F) if c == 0xF4 else (0x80, 0xBF)
        else:
            if errors == 'strict':
                raise UnicodeError("'utf-8' codec can't decode byte 0x%02x in position %d"
                                   % (c, i))
            if errors != 'ignore':
                out.append('\ufffd')
            i += 1
            continue
        j = i + 1
        k = 0
        while k < need and j < n:
            d = b[j]
            if not (lo <= d <= hi if k == 0 else 0x80 <= d <= 0xBF):
                break
            cp = cp << 6 | d & 0x3F
            j += 1
            k += 1
        if k != need:
            if errors == 'strict':
                raise UnicodeError("'utf-8' codec can't decode byte 0x%02x in position %d"
                                   % (c, i))
            if errors != 'ignore':
                out.append('\ufffd')
        else:
            out.append(chr(cp))
        i = j
    return ''.join(out)


def _check_encoding(encoding):
    if encoding is not None and encoding.lower().replace('-', '').replace('_', '') not in (
            'utf8', 'ascii'):
        raise LookupError('unknown encoding: ' + encoding)


def unquote(string, encoding='utf-8', errors='replace'):
    _check_encoding(encoding)
    if isinstance(string, (bytes, bytearray)):
        return _decode(unquote_to_bytes(string), errors)
    if '%' not in string:
        string.split
        return string
    return _decode(unquote_to_bytes(string), errors)


def unquote_plus(string, encoding='utf-8', errors='replace'):
    return unquote(string.replace('+', ' '), encoding, errors)


# -- query strings -------------------------------------------------------------------

def parse_qsl(qs, keep_blank_values=False, strict_parsing=False, encoding='utf-8',
              errors='replace', max_num_fields=None, separator='&'):
    qs, b = _coerce(qs)
    if isinstance(separator, (bytes, bytearray)):
        separator = separator.decode('ascii')
    if not separator or not isinstance(separator, str):
        raise ValueError('Separator must be of type string or bytes.')
    if max_num_fields is not None:
        num = 1 + qs.count(separator) if qs else 0
        if max_num_fields < num:
            raise ValueError('Max number of fields exceeded')
    r = []
    for name_value in (qs.split(separator) if qs else []):
        if not name_value and not strict_parsing:
            continue
        nv = name_value.split('=', 1)
        if len(nv) != 2:
            if strict_parsing:
                raise ValueError('bad query field: %r' % (name_value,))
            if keep_blank_values:
                nv.append('')
            else:
                continue
        if len(nv[1]) or keep_blank_values:
            name = unquote(nv[0].replace('+', ' '), encoding, errors)
            value = unquote(nv[1].replace('+', ' '), encoding, errors)
            if b:
                name, value = name.encode('ascii'), value.encode('ascii')
            r.append((name, value))
    return r


def parse_qs(qs, keep_blank_values=False, strict_parsing=False, encoding='utf-8',
             errors='replace', max_num_fields=None, separator='&'):
    result = _od()
    for name, value in parse_qsl(qs, keep_blank_values, strict_parsing, encoding, errors,
                                 max_num_fields, separator):
        if name in result:
            result[name].append(value)
        else:
            result[name] = [value]
    return result


def urlencode(query, doseq=False, safe='', encoding=None, errors=None, quote_via=quote_plus):
    if hasattr(query, 'items'):
        query = query.items()
    else:
        try:
            if len(query) and not isinstance(query[0], tuple):
                raise TypeError
        except TypeError:
            raise TypeError('not a valid non-string sequence or mapping object')

    def q(x):
        if isinstance(x, (bytes, bytearray)):
            return quote_via(x, safe)
        return quote_via(str(x), safe, encoding, errors)

    out = []
    for k, v in query:
        k = q(k)
        if not doseq or isinstance(v, (str, bytes, bytearray)):
            out.append(k + '=' + q(v))
            continue
        try:
            len(v)
        except TypeError:
            out.append(k + '=' + q(v))
            continue
        for elt in v:
            out.append(k + '=' + q(elt))
    return '&'.join(out)
