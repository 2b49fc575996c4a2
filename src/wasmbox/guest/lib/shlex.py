"""shlex: CPython 3.11's shell-like lexer (MicroPython has none).
split, quote, join, and the shlex class (posix and non-posix modes,
whitespace_split, commenters, quotes, escape, wordchars, push_token,
get_token, iteration). Not supported: punctuation_chars, source inclusion
(sourcehook) and error_leader.
"""

__all__ = ['shlex', 'split', 'quote', 'join']


class shlex:
    def __init__(self, instream=None, infile=None, posix=False, punctuation_chars=False):
        if punctuation_chars:
            raise NotImplementedError('shlex punctuation_chars is not supported here')
        if instream is None:
            import sys
            instream = sys.stdin
        if not isinstance(instream, str):
            instream = instream.read()
        self._s = instream
        self._i = 0
        self.infile = infile
        self.posix = posix
        self.eof = None if posix else ''
        self.commenters = '#'
        self.wordchars = ('abcdfeghijklmnopqrstuvwxyz'
                          'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_')
        if posix:
            self.wordchars += ('ßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ'
                               'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ')
        self.whitespace = ' \t\r\n'
        self.whitespace_split = False
        self.quotes = '\'"'
        self.escape = '\\'
        self.escapedquotes = '"'
        self.state = ' '
        self.pushback = []
        self.lineno = 1
        self.debug = 0
        self.token = ''
        self.punctuation_chars = ''

    def push_token(self, tok):
        self.pushback.insert(0, tok)

    def get_token(self):
        if self.pushback:
            return self.pushback.pop(0)
        return self.read_token()

    def _read(self):
        i = self._i
        if i >= len(self._s):
            return ''
        self._i = i + 1
        return self._s[i]

    def _readline(self):
        j = self._s.find('\n', self._i)
        self._i = len(self._s) if j < 0 else j + 1

    def read_token(self):
        quoted = False
        escapedstate = ' '
        posix = self.posix
        while True:
            nextchar = self._read()
            if nextchar == '\n':
                self.lineno += 1
            state = self.state
            if state is None:
                self.token = ''
                break
            elif state == ' ':
                if not nextchar:
                    self.state = None
                    break
                elif nextchar in self.whitespace:
                    if self.token or (posix and quoted):
                        break
                    continue
                elif nextchar in self.commenters:
                    self._readline()
                    self.lineno += 1
                elif posix and nextchar in self.escape:
                    escapedstate = 'a'
                    self.state = nextchar
                elif nextchar in self.wordchars:
                    self.token = nextchar
                    self.state = 'a'
                elif nextchar in self.quotes:
                    if not posix:
                        self.token = nextchar
                    self.state = nextchar
                elif self.whitespace_split:
                    self.token = nextchar
                    self.state = 'a'
                else:
                    self.token = nextchar
                    if self.token or (posix and quoted):
                        break
                    continue
            elif state in self.quotes:
                quoted = True
                if not nextchar:
                    raise ValueError('No closing quotation')
                if nextchar == state:
                    if not posix:
                        self.token += nextchar
                        self.state = ' '
                        break
                    self.state = 'a'
                elif posix and nextchar in self.escape and state in self.escapedquotes:
                    escapedstate = state
                    self.state = nextchar
                else:
                    self.token += nextchar
            elif state in self.escape:
                if not nextchar:
                    raise ValueError('No escaped character')
                # In POSIX shells only the quote itself or the escape character
                # may be escaped within quotes.
                if escapedstate in self.quotes and nextchar != state and nextchar != escapedstate:
                    self.token += state
                self.token += nextchar
                self.state = escapedstate
            elif state == 'a':
                if not nextchar:
                    self.state = None
                    break
                elif nextchar in self.whitespace:
                    self.state = ' '
                    if self.token or (posix and quoted):
                        break
                    continue
                elif nextchar in self.commenters:
                    self._readline()
                    self.lineno += 1
                    if posix:
                        self.state = ' '
                        if self.token or (posix and quoted):
                            break
                        continue
                elif posix and nextchar in self.quotes:
                    self.state = nextchar
                elif posix and nextchar in self.escape:
                    escapedstate = 'a'
                    self.state = nextchar
                elif (nextchar in self.wordchars or nextchar in self.quotes
                      or self.whitespace_split):
                    self.token += nextchar
                else:
                    self.pushback.insert(0, nextchar)
                    self.state = ' '
                    if self.token or (posix and quoted):
                        break
                    continue
        result = self.token
        self.token = ''
        if posix and not quoted and result == '':
            result = None
        return result

    def __iter__(self):
        return self

    def __next__(self):
        token = self.get_token()
        if token == self.eof:
            raise StopIteration
        return token


def split(s, comments=False, posix=True):
    if s is None:
        raise ValueError('s argument must not be None')
    lex = shlex(s, posix=posix)
    lex.whitespace_split = True
    if not comments:
        lex.commenters = ''
    return list(lex)


_SAFE = frozenset('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-')


def quote(s):
    if not s:
        return "''"
    for c in s:
        if c not in _SAFE:
            return "'" + s.replace("'", "'\"'\"'") + "'"
    return s


def join(split_command):
    return ' '.join([quote(arg) for arg in split_command])
