"""csv: CPython 3.11's reader, writer, DictReader, DictWriter and dialects
(excel, excel-tab, unix; register_dialect/get_dialect/list_dialects), with
delimiter, quotechar, escapechar, doublequote, skipinitialspace, lineterminator,
quoting (QUOTE_MINIMAL/ALL/NONNUMERIC/NONE) and strict, over any iterable of lines
(file objects, lists). The parser is CPython's state machine; writer output is
byte-for-byte CPython's (\\r\\n line endings by default).
DictReader rows are the runtime's insertion-ordered dict (printed as CPython
prints a dict), or OrderedDict where that runtime is absent.
Not supported: Sniffer, field_size_limit enforcement.
"""
try:
    _Row = __wb_od  # noqa: F821 - the runtime's insertion-ordered dict
except NameError:
    from collections import OrderedDict as _Row

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = 0, 1, 2, 3
__version__ = '1.0'


class Error(Exception):
    pass


class Dialect:
    _name = ''
    _valid = False
    delimiter = None
    quotechar = None
    escapechar = None
    doublequote = None
    skipinitialspace = None
    lineterminator = None
    quoting = None
    strict = False


class excel(Dialect):
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\r\n'
    quoting = QUOTE_MINIMAL


class excel_tab(excel):
    delimiter = '\t'


class unix_dialect(Dialect):
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = QUOTE_ALL


_dialects = {'excel': excel, 'excel-tab': excel_tab, 'unix': unix_dialect}
_limit = 131072


class _D:
    # A validated dialect: the given one, overridden by keyword arguments.
    def __init__(self, dialect, kw):
        if isinstance(dialect, str):
            dialect = get_dialect(dialect)
        for k in ('delimiter', 'quotechar', 'escapechar', 'doublequote', 'skipinitialspace',
                  'lineterminator', 'quoting', 'strict'):
            v = kw.pop(k) if k in kw else getattr(dialect, k, None)
            setattr(self, k, v)
        if kw:
            raise TypeError("'%s' is an invalid keyword argument for this function" % list(kw)[0])
        d = self.delimiter
        if d is None:
            d = self.delimiter = ','
        if not isinstance(d, str) or len(d) != 1:
            raise TypeError('"delimiter" must be a 1-character string')
        if self.doublequote is None:
            self.doublequote = True
        if self.skipinitialspace is None:
            self.skipinitialspace = False
        if self.lineterminator is None:
            self.lineterminator = '\r\n'
        if not isinstance(self.lineterminator, str):
            raise TypeError('"lineterminator" must be a string')
        q = self.quoting
        if q is None:
            q = self.quoting = QUOTE_MINIMAL
        if q not in (0, 1, 2, 3):
            raise TypeError('bad "quoting" value')
        if self.quotechar is not None and (
                not isinstance(self.quotechar, str) or len(self.quotechar) != 1):
            raise TypeError('"quotechar" must be a 1-character string')
        e = self.escapechar
        if e is not None and (not isinstance(e, str) or len(e) != 1):
            raise TypeError('"escapechar" must be a 1-character string')
        self.strict = bool(self.strict)


def register_dialect(name, dialect=None, **kw):
    if not isinstance(name, str):
        raise TypeError('dialect name must be a string')
    _dialects[name] = _D(dialect if dialect is not None else excel, kw)


def unregister_dialect(name):
    if name not in _dialects:
        raise Error('unknown dialect')
    del _dialects[name]


def get_dialect(name):
    try:
        return _dialects[name]
    except KeyError:
        raise Error('unknown dialect')


def list_dialects():
    return list(_dialects)


def field_size_limit(*a):
    global _limit
    old = _limit
    if a:
        _limit = a[0]
    return old


class _reader:
    def __init__(self, f, dialect, kw):
        self._it = iter(f)
        self.dialect = _D(dialect, kw)
        self.line_num = 0

    def __iter__(self):
        return self

    def __next__(self):
        d = self.dialect
        st = 0  # START_RECORD
        fields = []
        fld = []
        num = False
        delim, qc, esc = d.delimiter, d.quotechar, d.escapechar
        if d.quoting == QUOTE_NONE:
            qc = None
        nonnum = d.quoting == QUOTE_NONNUMERIC
        skip = d.skipinitialspace
        while True:
            try:
                line = next(self._it)
            except StopIteration:
                if fld or st == 4:
                    if d.strict:
                        raise Error('unexpected end of data')
                    fields.append(_save(fld, num))
                    return fields
                raise
            if not isinstance(line, str):
                raise Error('iterator should return strings, not %s (the file should be '
                            'opened in text mode)' % type(line).__name__)
            self.line_num += 1
            if st == 0 and (qc is None or qc not in line) and esc is None and not skip:
                # Fast path: a whole record on this line and nothing quoted.
                b = line
                if b[-2:] == '\r\n':
                    b = b[:-2]
                elif b[-1:] in ('\n', '\r'):
                    b = b[:-1]
                if '\r' not in b and '\n' not in b:
                    if not b:
                        return []
                    r = b.split(delim)
                    if nonnum:
                        r = [float(x) if x else x for x in r]
                    return r
            # CPython's end-of-line marker: a character the line lacks, else an object.
            if _EOL in line:
                E = _END
                it = _chars(line)
            else:
                E = _EOL
                it = line + _EOL
            for c in it:
                if st == 0:  # START_RECORD
                    if c == E:
                        break
                    if (c == '\r' or c == '\n'):
                        st = 8
                        continue
                    st = 1
                if st == 1:  # START_FIELD
                    if (c == '\r' or c == '\n' or c == E):
                        fields.append(_save(fld, num))
                        fld = []
                        num = False
                        st = 0 if c == E else 8
                    elif c == qc:
                        st = 4
                    elif c == esc:
                        st = 2
                    elif c == ' ' and skip:
                        pass
                    elif c == delim:
                        fields.append(_save(fld, num))
                        fld = []
                        num = False
                    else:
                        num = nonnum
                        fld.append(c)
                        st = 3
                elif st == 2:  # ESCAPED_CHAR
                    if (c == '\r' or c == '\n'):
                        fld.append(c)
                        st = 7
                    else:
                        fld.append('\n' if c == E else c)
                        st = 3
                elif st == 3 or st == 7:  # IN_FIELD, AFTER_ESCAPED_CRNL
                    if st == 7 and c == E:
                        continue
                    if (c == '\r' or c == '\n' or c == E):
                        fields.append(_save(fld, num))
                        fld = []
                        num = False
                        st = 0 if c == E else 8
                    elif c == esc:
                        st = 2
                    elif c == delim:
                        fields.append(_save(fld, num))
                        fld = []
                        num = False
                        st = 1
                    else:
                        fld.append(c)
                elif st == 4:  # IN_QUOTED_FIELD
                    if c == E:
                        pass
                    elif c == esc:
                        st = 5
                    elif c == qc:
                        st = 6 if d.doublequote else 3
                    else:
                        fld.append(c)
                elif st == 5:  # ESCAPE_IN_QUOTED_FIELD
                    fld.append('\n' if c == E else c)
                    st = 4
                elif st == 6:  # QUOTE_IN_QUOTED_FIELD
                    if c == qc:
                        fld.append(c)
                        st = 4
                    elif c == delim:
                        fields.append(_save(fld, num))
                        fld = []
                        num = False
                        st = 1
                    elif (c == '\r' or c == '\n' or c == E):
                        fields.append(_save(fld, num))
                        fld = []
                        num = False
                        st = 0 if c == E else 8
                    elif not d.strict:
                        fld.append(c)
                        st = 3
                    else:
                        raise Error("'%s' expected after '%s'" % (delim, qc))
                elif st == 8:  # EAT_CRNL
                    if c == E:
                        st = 0
                    elif not (c == '\r' or c == '\n'):
                        raise Error('new-line character seen in unquoted field - do you need'
                                    ' to open the file in universal-newline mode?')
            if st == 0:
                return fields


_EOL = '\uffff'
_END = object()


def _chars(line):
    yield from line
    yield _END


def _save(fld, num):
    s = ''.join(fld)
    return float(s) if num else s


def reader(csvfile, dialect='excel', **kw):
    return _reader(csvfile, dialect, kw)


class _writer:
    def __init__(self, f, dialect, kw):
        self._w = f.write
        self.dialect = _D(dialect, kw)

    def writerow(self, row):
        d = self.dialect
        q = d.quoting
        delim, qc, esc, lt = d.delimiter, d.quotechar, d.escapechar, d.lineterminator
        special = delim + lt + (qc or '') + (esc or '')
        try:
            it = iter(row)
        except TypeError:
            raise Error('iterable expected, not %s' % type(row).__name__)
        out = []
        for f in it:
            quoted = q == QUOTE_ALL or (q == QUOTE_NONNUMERIC and not (
                isinstance(f, (int, float, bool, complex)) or hasattr(f, '__float__')))
            if f is None:
                f = ''
            elif not isinstance(f, str):
                f = str(f)
            for c in special:
                if c in f:
                    break
            else:
                out.append(_q(qc, f) if quoted else f)
                continue
            r = []
            for c in f:
                if c in special:
                    esc_it = False
                    if q == QUOTE_NONE:
                        esc_it = True
                    else:
                        if c == qc:
                            if d.doublequote:
                                r.append(qc)
                            else:
                                esc_it = True
                        elif c == esc:
                            esc_it = True
                        if not esc_it:
                            quoted = True
                    if esc_it:
                        if esc is None:
                            raise Error('need to escape, but no escapechar set')
                        r.append(esc)
                r.append(c)
            f = ''.join(r)
            out.append(_q(qc, f) if quoted else f)
        if len(out) == 1 and out[0] == '':
            if q == QUOTE_NONE:
                raise Error('single empty field record must be quoted')
            out[0] = _q(qc, '')
        return self._w(delim.join(out) + lt)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def _q(qc, f):
    if qc is None:
        raise Error('quotechar must be set if quoting enabled')
    return qc + f + qc


def writer(csvfile, dialect='excel', **kw):
    return _writer(csvfile, dialect, kw)


class DictReader:
    def __init__(self, f, fieldnames=None, restkey=None, restval=None, dialect='excel', **kw):
        if fieldnames is not None and iter(fieldnames) is fieldnames:
            fieldnames = list(fieldnames)
        self._fieldnames = fieldnames
        self.restkey = restkey
        self.restval = restval
        self.reader = reader(f, dialect, **kw)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    @property
    def fieldnames(self):
        if self._fieldnames is None:
            try:
                self._fieldnames = next(self.reader)
            except StopIteration:
                pass
        self.line_num = self.reader.line_num
        return self._fieldnames

    def __next__(self):
        if self.line_num == 0:
            self.fieldnames
        row = next(self.reader)
        self.line_num = self.reader.line_num
        while row == []:
            row = next(self.reader)
        names = self.fieldnames
        d = _Row()
        for k, v in zip(names, row):
            d[k] = v
        lf = len(names)
        lr = len(row)
        if lf < lr:
            d[self.restkey] = row[lf:]
        elif lf > lr:
            for k in names[lr:]:
                d[k] = self.restval
        return d


class DictWriter:
    def __init__(self, f, fieldnames, restval='', extrasaction='raise', dialect='excel', **kw):
        if fieldnames is not None and iter(fieldnames) is fieldnames:
            fieldnames = list(fieldnames)
        self.fieldnames = fieldnames
        self.restval = restval
        if extrasaction.lower() not in ('raise', 'ignore'):
            raise ValueError("extrasaction (%s) must be 'raise' or 'ignore'" % extrasaction)
        self.extrasaction = extrasaction
        self.writer = writer(f, dialect, **kw)

    def writeheader(self):
        return self.writer.writerow(self.fieldnames)

    def _dict_to_list(self, rowdict):
        if self.extrasaction == 'raise':
            wrong = [k for k in rowdict if k not in self.fieldnames]
            if wrong:
                raise ValueError('dict contains fields not in fieldnames: '
                                 + ', '.join([repr(x) for x in wrong]))
        return [rowdict.get(k, self.restval) for k in self.fieldnames]

    def writerow(self, rowdict):
        return self.writer.writerow(self._dict_to_list(rowdict))

    def writerows(self, rowdicts):
        for r in rowdicts:
            self.writerow(r)
