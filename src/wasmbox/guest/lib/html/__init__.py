"""html: escape and unescape, as in CPython 3.11 (MicroPython has no html).
unescape follows HTML5 exactly: numeric references (with CPython's fix-ups
for invalid code points) and all 2231 named references, including the legacy
ones that match without a ';' (from html.entities, loaded on first need).
"""

__all__ = ['escape', 'unescape']


def escape(s, quote=True):
    s = s.replace('&', '&amp;')
    s = s.replace('<', '&lt;')
    s = s.replace('>', '&gt;')
    if quote:
        s = s.replace('"', '&quot;')
        s = s.replace('\'', '&#x27;')
    return s


# Numeric references the HTML5 parser maps elsewhere (Windows-1252 mostly).
_INVALID_CHARREFS = {
    0x00: '\ufffd', 0x0d: '\r', 0x80: '\u20ac', 0x81: '\x81', 0x82: '\u201a', 0x83: '\u0192',
    0x84: '\u201e', 0x85: '\u2026', 0x86: '\u2020', 0x87: '\u2021', 0x88: '\u02c6', 0x89: '\u2030',
    0x8a: '\u0160', 0x8b: '\u2039', 0x8c: '\u0152', 0x8d: '\x8d', 0x8e: '\u017d', 0x8f: '\x8f',
    0x90: '\x90', 0x91: '\u2018', 0x92: '\u2019', 0x93: '\u201c', 0x94: '\u201d', 0x95: '\u2022',
    0x96: '\u2013', 0x97: '\u2014', 0x98: '\u02dc', 0x99: '\u2122', 0x9a: '\u0161', 0x9b: '\u203a',
    0x9c: '\u0153', 0x9d: '\x9d', 0x9e: '\u017e', 0x9f: '\u0178',
}
_COMMON = {'amp;': '&', 'lt;': '<', 'gt;': '>', 'quot;': '"', 'apos;': "'", 'nbsp;': '\xa0'}
_get = None


def _numeric(num):
    if num in _INVALID_CHARREFS:
        return _INVALID_CHARREFS[num]
    if 0xD800 <= num <= 0xDFFF or num > 0x10FFFF:
        return '\ufffd'
    if (1 <= num <= 8 or 0xE <= num <= 0x1F or 0x7F <= num <= 0x9F or 0xFDD0 <= num <= 0xFDEF
            or num == 0xB or num & 0xFFFE == 0xFFFE):
        return ''
    return chr(num)


def _named(s):
    global _get
    v = _COMMON.get(s)
    if v is not None:
        return v
    if _get is None:
        from html.entities import _get
    v = _get(s)
    if v is not None:
        return v
    # The longest prefix that is a reference (the legacy ones need no ';').
    for x in range(len(s) - 1, 1, -1):
        v = _get(s[:x])
        if v is not None:
            return v + s[x:]
    return '&' + s


_HEX = '0123456789abcdefABCDEF'
_DIGITS = '0123456789'


def unescape(s):
    if '&' not in s:
        return s
    out = []
    i = 0
    n = len(s)
    while True:
        j = s.find('&', i)
        if j < 0:
            out.append(s[i:])
            break
        out.append(s[i:j])
        k = j + 1
        end = -1
        if k < n and s[k] == '#':
            if k + 1 < n and s[k + 1] in 'xX':
                m = k + 2
                while m < n and s[m] in _HEX:
                    m += 1
                if m > k + 2:
                    end = m
                    rep_num = int(s[k + 2:m], 16)
            else:
                m = k + 1
                while m < n and s[m] in _DIGITS:
                    m += 1
                if m > k + 1:
                    end = m
                    rep_num = int(s[k + 1:m])
            if end >= 0:
                if end < n and s[end] == ';':
                    end += 1
                out.append(_numeric(rep_num))
        else:
            m = k
            while m < n and m - k < 32 and s[m] not in '\t\n\x0c <&#;':
                m += 1
            if m > k:
                end = m + 1 if m < n and s[m] == ';' else m
                out.append(_named(s[k:end]))
        if end < 0:
            out.append('&')
            i = k
        else:
            i = end
    return ''.join(out)
