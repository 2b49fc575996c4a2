"""fnmatch: shell-style wildcards (* ? [seq] [!seq]) as in CPython 3.11:
fnmatch, fnmatchcase, filter. Matching is done directly, without regular
expressions (MicroPython's re is small), so there is no translate().
Names are case-sensitive (POSIX), so fnmatch is fnmatchcase.
"""


def _compile(pat):
    # Tokens: '*', '?', a literal character, or (negate, items) for a [set];
    # items are single characters or (low, high) ranges.
    out = []
    i = 0
    n = len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == '*':
            if not out or out[-1] != '*':
                out.append('*')
        elif c == '?':
            out.append('?')
        elif c == '[':
            j = i
            if j < n and pat[j] == '!':
                j += 1
            if j < n and pat[j] == ']':
                j += 1
            while j < n and pat[j] != ']':
                j += 1
            if j >= n:
                out.append(('[',))
                continue
            stuff = pat[i:j]
            i = j + 1
            neg = stuff[:1] == '!'
            if neg:
                stuff = stuff[1:]
            items = []
            k = 0
            while k < len(stuff):
                if k + 2 < len(stuff) and stuff[k + 1] == '-':
                    items.append((stuff[k], stuff[k + 2]))
                    k += 3
                else:
                    items.append(stuff[k])
                    k += 1
            out.append((neg, items))
        else:
            out.append((c,))
    return out


def _one(tok, c):
    if tok == '?':
        return True
    if len(tok) == 1:
        return tok[0] == c
    neg, items = tok
    hit = False
    for it in items:
        if (c == it) if isinstance(it, str) else (it[0] <= c <= it[1]):
            hit = True
            break
    return hit != neg


_cache = {}


def fnmatchcase(name, pat):
    toks = _cache.get(pat)
    if toks is None:
        if len(_cache) > 256:
            _cache.clear()
        toks = _cache[pat] = _compile(pat)
    # Classic wildcard matching: every token but '*' takes exactly one character,
    # so backtracking to the last '*' is enough (no recursion).
    ti = ni = 0
    star = -1
    mark = 0
    nt = len(toks)
    nn = len(name)
    while ni < nn:
        if ti < nt and toks[ti] != '*' and _one(toks[ti], name[ni]):
            ti += 1
            ni += 1
        elif ti < nt and toks[ti] == '*':
            star = ti
            mark = ni
            ti += 1
        elif star >= 0:
            ti = star + 1
            mark += 1
            ni = mark
        else:
            return False
    while ti < nt and toks[ti] == '*':
        ti += 1
    return ti == nt


def fnmatch(name, pat):
    return fnmatchcase(name, pat)  # os.path.normcase changes nothing on POSIX


def filter(names, pat):
    return [n for n in names if fnmatchcase(n, pat)]
