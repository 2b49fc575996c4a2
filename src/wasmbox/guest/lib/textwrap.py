"""textwrap: CPython 3.11's TextWrapper (all options: width, initial_indent,
subsequent_indent, expand_tabs, tabsize, replace_whitespace, fix_sentence_endings,
break_long_words, drop_whitespace, break_on_hyphens, max_lines, placeholder),
wrap, fill, shorten, dedent, indent. Word splitting reimplements CPython's
regular expression by hand (MicroPython's re has no lookbehind); "letters" are
what str.isalpha() accepts, so non-ASCII hyphenation may differ.
"""

_WS = '\t\n\x0b\x0c\r '


def _lt(c):
    return c.isalpha() or c == '_'


def _w(c):
    return c.isalpha() or c.isdigit() or c == '_'


def _wp(c):
    return _w(c) or c in '!"\'&.,?'


def _expandtabs(s, n):
    out = []
    col = 0
    for c in s:
        if c == '\t':
            k = n - col % n if n > 0 else 0
            out.append(' ' * k)
            col += k
        else:
            out.append(c)
            col = 0 if c in '\r\n' else col + 1
    return ''.join(out)


def _dash(t, j):
    # '--' (or longer) at j followed by a word character: the end of the run, else 0.
    if t[j : j + 2] != '--':
        return 0
    k = j + 2
    while k < len(t) and t[k] == '-':
        k += 1
    return k if k < len(t) and _w(t[k]) else 0


def _split(t, hyphens):
    n = len(t)
    out = []
    i = 0
    while i < n:
        if t[i] in _WS:
            j = i + 1
            while j < n and t[j] in _WS:
                j += 1
        elif hyphens and i and _wp(t[i - 1]) and _dash(t, i):
            j = _dash(t, i)
        else:
            j = i + 1
            while j < n and t[j] not in _WS:
                if hyphens:
                    # A hyphen after two letters (or letter-letter-), before
                    # letter[-]letter, ends the chunk; so does an em-dash.
                    if (t[j] == '-' and j + 2 < n and _lt(t[j + 1])
                            and (_lt(t[j + 2]) or t[j + 2] == '-' and j + 3 < n and _lt(t[j + 3]))
                            and (j >= 2 and _lt(t[j - 2]) and _lt(t[j - 1])
                                 or j >= 3 and _lt(t[j - 3]) and t[j - 2] == '-' and _lt(t[j - 1]))):
                        j += 1
                        break
                    if _wp(t[j - 1]) and _dash(t, j):
                        break
                j += 1
        out.append(t[i:j])
        i = j
    return out


class TextWrapper:
    def __init__(self, width=70, initial_indent='', subsequent_indent='', expand_tabs=True,
                 replace_whitespace=True, fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8, *, max_lines=None,
                 placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        if self.expand_tabs:
            text = _expandtabs(text, self.tabsize)
        if self.replace_whitespace:
            for c in '\t\n\x0b\x0c\r':
                text = text.replace(c, ' ')
        return text

    def _split(self, text):
        return _split(text, self.break_on_hyphens is True)

    def _fix_sentence_endings(self, chunks):
        i = 0
        while i < len(chunks) - 1:
            c = chunks[i]
            if c[-1:] in '"\'':
                c = c[:-1]
            if chunks[i + 1] == ' ' and len(c) > 1 and c[-1] in '.!?' and 'a' <= c[-2] <= 'z':
                chunks[i + 1] = '  '
                i += 2
            else:
                i += 1

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words:
            end = space_left
            chunk = reversed_chunks[-1]
            if self.break_on_hyphens and len(chunk) > space_left:
                hyphen = chunk.rfind('-', 0, space_left)
                if hyphen > 0 and any(c != '-' for c in chunk[:hyphen]):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())

    def _wrap_chunks(self, chunks):
        lines = []
        if self.width <= 0:
            raise ValueError('invalid width %r (must be > 0)' % self.width)
        if self.max_lines is not None:
            indent = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if len(indent) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError('placeholder too large for max width')
        chunks.reverse()
        while chunks:
            cur_line = []
            cur_len = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(indent)
            if self.drop_whitespace and chunks[-1].strip() == '' and lines:
                del chunks[-1]
            while chunks:
                n = len(chunks[-1])
                if cur_len + n <= width:
                    cur_line.append(chunks.pop())
                    cur_len += n
                else:
                    break
            if chunks and len(chunks[-1]) > width:
                self._handle_long_word(chunks, cur_line, cur_len, width)
                cur_len = sum([len(c) for c in cur_line])
            if self.drop_whitespace and cur_line and cur_line[-1].strip() == '':
                cur_len -= len(cur_line[-1])
                del cur_line[-1]
            if cur_line:
                if (self.max_lines is None or len(lines) + 1 < self.max_lines
                        or (not chunks or self.drop_whitespace and len(chunks) == 1
                            and not chunks[0].strip()) and cur_len <= width):
                    lines.append(indent + ''.join(cur_line))
                else:
                    while cur_line:
                        if cur_line[-1].strip() and cur_len + len(self.placeholder) <= width:
                            cur_line.append(self.placeholder)
                            lines.append(indent + ''.join(cur_line))
                            break
                        cur_len -= len(cur_line[-1])
                        del cur_line[-1]
                    else:
                        if lines:
                            prev_line = lines[-1].rstrip()
                            if len(prev_line) + len(self.placeholder) <= self.width:
                                lines[-1] = prev_line + self.placeholder
                                break
                        lines.append(indent + self.placeholder.lstrip())
                    break
        return lines

    def _split_chunks(self, text):
        return [c for c in self._split(self._munge_whitespace(text)) if c]

    def wrap(self, text):
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        return '\n'.join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(' '.join(text.strip().split()))


def dedent(text):
    lines = text.split('\n')
    margin = None
    for i in range(len(lines)):
        s = lines[i]
        k = 0
        while k < len(s) and s[k] in ' \t':
            k += 1
        if k == len(s):
            lines[i] = ''
            continue
        ind = s[:k]
        if margin is None or margin.startswith(ind):
            margin = ind
        elif not ind.startswith(margin):
            k = 0
            while margin[k] == ind[k]:
                k += 1
            margin = margin[:k]
    if margin:
        n = len(margin)
        lines = [s[n:] if s.startswith(margin) else s for s in lines]
    return '\n'.join(lines)


def indent(text, prefix, predicate=None):
    out = []
    for line in text.splitlines(True):
        out.append(prefix + line if (predicate(line) if predicate else line.strip()) else line)
    return ''.join(out)
