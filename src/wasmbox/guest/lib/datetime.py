"""datetime: CPython 3.11's date, time, datetime, timedelta, tzinfo, timezone
(timezone.utc, UTC), MINYEAR/MAXYEAR: arithmetic, comparisons, hash, repr/str,
isoformat/fromisoformat (3.11 forms), fromordinal/toordinal, fromisocalendar,
weekday/isoweekday/isocalendar, ctime, timetuple, replace, combine, astimezone,
today/now/utcnow/fromtimestamp/utcfromtimestamp/timestamp (from the time module;
the guest's local time zone is UTC), strftime (%a %A %b %B %c %d %f %H %I %j %m %M
%p %S %U %W %w %y %Y %z %Z %G %V %u %x %X %D %F %T %R %e %C %n %t %%) and strptime
(the same directives). strftime, strptime and the fromisoformat parsers are
sections of _compat_b.py, loaded on first use.
MicroPython limits: f'{d:%Y-%m-%d}' format specs do not reach __format__ (use
d.strftime(...)); comparing with the date/datetime on the right of <, > needs
both operands of these types; attributes are not read-only.
"""
import time as _time

MINYEAR = 1
MAXYEAR = 9999
_MAXORDINAL = 3652059
_DIM = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DBM = [-1]
_n = 0
for _d in _DIM[1:]:
    _DBM.append(_n)
    _n += _d
_MN = [None, 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
_DN = [None, 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
_MF = [None, 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
       'September', 'October', 'November', 'December']
_DF = [None, 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
_int = int


def _leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _dby(y):
    y -= 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _dim(y, m):
    return 29 if m == 2 and _leap(y) else _DIM[m]


def _ymd2ord(y, m, d):
    return _dby(y) + _DBM[m] + (m > 2 and _leap(y)) + d


def _ord2ymd(n):
    n -= 1
    n400, n = divmod(n, 146097)
    year = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leap = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    pre = _DBM[month] + (month > 2 and leap)
    if pre > n:
        month -= 1
        pre -= _DIM[month] + (month == 2 and leap)
    return year, month, n - pre + 1


def _ival(v):
    if isinstance(v, _int):
        return v
    if isinstance(v, bool):
        return _int(v)
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)


def _chk_date(y, m, d):
    y, m, d = _ival(y), _ival(m), _ival(d)
    if not MINYEAR <= y <= MAXYEAR:
        raise ValueError('year %d is out of range' % y)
    if not 1 <= m <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= d <= _dim(y, m):
        raise ValueError('day is out of range for month')
    return y, m, d


def _chk_time(h, mi, s, us, tz, fold):
    h, mi, s, us = _ival(h), _ival(mi), _ival(s), _ival(us)
    if not 0 <= h <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= mi <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= s <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= us <= 999999:
        raise ValueError('microsecond must be in 0..999999')
    if fold not in (0, 1):
        raise ValueError('fold must be either 0 or 1')
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError('tzinfo argument must be None or of a tzinfo subclass, not type '
                        "'%s'" % type(tz).__name__)
    return h, mi, s, us


def _ratio(x):
    # int or float as an exact (numerator, denominator).
    if isinstance(x, float):
        from math import frexp

        if x - x != 0.0:
            raise ValueError('cannot convert float %r to integer' % x)
        m, e = frexp(x)
        n = _int(m * 9007199254740992.0)
        e -= 53
        return (n << e, 1) if e >= 0 else (n, 1 << -e)
    return _ival(x), 1


def _divround(n, d):
    # n / d rounded half to even (d > 0).
    if d < 0:
        n, d = -n, -d
    q, r = divmod(n, d)
    r *= 2
    if r > d or r == d and q % 2 == 1:
        q += 1
    return q


def _qual(x):
    t = type(x).__name__
    return 'datetime.' + t if isinstance(x, (date, time, timedelta, tzinfo)) else t


def _cmperr(a, b, op='<'):
    raise TypeError("'%s' not supported between instances of '%s' and '%s'"
                    % (op, _qual(a), _qual(b)))


def _operr(a, b, op):
    raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'" % (op, _qual(a), _qual(b)))


class _Cmp:
    # Comparisons through _key(other, op): a pair to compare, or None for ==
    # between unrelated types (it raises TypeError for orderings).
    def __eq__(self, other):
        k = self._key(other, '==')
        return k is not None and k[0] == k[1]

    def __ne__(self, other):
        return not self.__eq__(other)

    def __lt__(self, other):
        a, b = self._key(other, '<')
        return a < b

    def __le__(self, other):
        a, b = self._key(other, '<=')
        return a <= b

    def __gt__(self, other):
        a, b = self._key(other, '>')
        return a > b

    def __ge__(self, other):
        a, b = self._key(other, '>=')
        return a >= b


class timedelta(_Cmp):
    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0,
                 weeks=0):
        n, d = 0, 1
        for v, f in ((weeks, 604800000000), (days, 86400000000), (hours, 3600000000),
                     (minutes, 60000000), (seconds, 1000000), (milliseconds, 1000),
                     (microseconds, 1)):
            if v:
                a, b = _ratio(v)
                n = n * b + a * f * d
                d *= b
        us = n // d if d == 1 else _divround(n, d)
        days, us = divmod(us, 86400000000)
        if abs(days) > 999999999:
            raise OverflowError('days=%d; must have magnitude <= 999999999' % days)
        self.days = days
        self.seconds, self.microseconds = divmod(us, 1000000)

    def _us(self):
        return (self.days * 86400 + self.seconds) * 1000000 + self.microseconds

    def total_seconds(self):
        return self._us() / 10**6

    def __repr__(self):
        a = []
        if self.days:
            a.append('days=%d' % self.days)
        if self.seconds:
            a.append('seconds=%d' % self.seconds)
        if self.microseconds:
            a.append('microseconds=%d' % self.microseconds)
        return 'datetime.timedelta(%s)' % (', '.join(a) or '0')

    def __str__(self):
        mm, ss = divmod(self.seconds, 60)
        hh, mm = divmod(mm, 60)
        s = '%d:%02d:%02d' % (hh, mm, ss)
        if self.days:
            s = '%d day%s, ' % (self.days, '' if abs(self.days) == 1 else 's') + s
        if self.microseconds:
            s += '.%06d' % self.microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(0, 0, self._us() + other._us())
        if isinstance(other, date):
            return other + self
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(0, 0, self._us() - other._us())
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return -self + other
        return NotImplemented

    def __neg__(self):
        return timedelta(0, 0, -self._us())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self.days < 0 else self

    def __mul__(self, other):
        if isinstance(other, (_int, bool)):
            return timedelta(0, 0, self._us() * other)
        if isinstance(other, float):
            a, b = _ratio(other)
            return timedelta(0, 0, _divround(self._us() * a, b))
        return NotImplemented

    __rmul__ = __mul__

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us() // other._us()
        if isinstance(other, _int):
            return timedelta(0, 0, self._us() // other)
        return NotImplemented

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us() / other._us()
        if isinstance(other, _int):
            return timedelta(0, 0, _divround(self._us(), other))
        if isinstance(other, float):
            a, b = _ratio(other)
            return timedelta(0, 0, _divround(b * self._us(), a))
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return timedelta(0, 0, self._us() % other._us())
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._us(), other._us())
            return q, timedelta(0, 0, r)
        return NotImplemented

    def _key(self, other, op):
        if not isinstance(other, timedelta):
            if op == '==':
                return None
            _cmperr(self, other, op)
        return self._us(), other._us()

    def __hash__(self):
        return hash(self._us())

    def __bool__(self):
        return self.days != 0 or self.seconds != 0 or self.microseconds != 0


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)
_HOUR = timedelta(hours=1)
_MINUTE = timedelta(minutes=1)


def _fmt_offset(off, sep=':'):
    if off is None:
        return ''
    sign = '+'
    if off.days < 0:
        sign = '-'
        off = -off
    hh, mm = divmod(off, _HOUR)
    mm, ss = divmod(mm, _MINUTE)
    s = '%s%02d%s%02d' % (sign, hh, sep, mm)
    if ss or ss.microseconds:
        s += '%s%02d' % (sep, ss.seconds)
        if ss.microseconds:
            s += '.%06d' % ss.microseconds
    return s


def _fmt_time(hh, mm, ss, us, timespec):
    if timespec == 'auto':
        timespec = 'microseconds' if us else 'seconds'
    if timespec == 'hours':
        return '%02d' % hh
    if timespec == 'minutes':
        return '%02d:%02d' % (hh, mm)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (hh, mm, ss)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (hh, mm, ss, us // 1000)
    if timespec == 'microseconds':
        return '%02d:%02d:%02d.%06d' % (hh, mm, ss, us)
    raise ValueError('Unknown timespec value')


def _check_offset(name, off):
    if off is None:
        return
    if not isinstance(off, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'"
                        % (name, type(off).__name__))
    if not -timedelta(1) < off < timedelta(1):
        raise ValueError('%s()=%s, must be strictly between -timedelta(hours=24) and '
                         'timedelta(hours=24)' % (name, off))


def _sf(obj, fmt):
    _lazy('strftime')
    return _strftime(obj, fmt)


def _isocal(y, m, d):
    def week1(year):
        first = _ymd2ord(year, 1, 1)
        wd = (first + 6) % 7
        w1 = first - wd
        if wd > 3:
            w1 += 7
        return w1

    today = _ymd2ord(y, m, d)
    w1 = week1(y)
    week, day = divmod(today - w1, 7)
    if week < 0:
        y -= 1
        week, day = divmod(today - week1(y), 7)
    elif week >= 52 and today >= week1(y + 1):
        y += 1
        week = 0
    return y, week + 1, day + 1


_ICD = None


def _isodate(y, w, d):
    global _ICD
    if _ICD is None:
        from collections import namedtuple

        class IsoCalendarDate(namedtuple('IsoCalendarDate', ('year', 'week', 'weekday'))):
            def __repr__(self):
                return 'datetime.IsoCalendarDate(year=%d, week=%d, weekday=%d)' % (
                    self[0], self[1], self[2])

            __str__ = __repr__

        _ICD = IsoCalendarDate
    return _ICD(y, w, d)


_ST = None


def _struct_time(t):
    global _ST
    if _ST is None:
        from collections import namedtuple

        _ST = namedtuple('struct_time', ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min',
                                         'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst'))
    return _ST(*t)


def _fromisocal(year, week, day):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('Year is out of range: %d' % year)
    if not 0 < week < 53:
        out = True
        if week == 53:
            first = _ymd2ord(year, 1, 1) % 7
            if first == 4 or (first == 3 and _leap(year)):
                out = False
        if out:
            raise ValueError('Invalid week: %d' % week)
    if not 0 < day < 8:
        raise ValueError('Invalid weekday: %d (range is [1, 7])' % day)
    first = _ymd2ord(year, 1, 1)
    wd = (first + 6) % 7
    w1 = first - wd
    if wd > 3:
        w1 += 7
    return _ord2ymd(w1 + (week - 1) * 7 + day - 1)


class tzinfo:
    def tzname(self, dt):
        raise NotImplementedError('tzinfo subclass must override tzname()')

    def utcoffset(self, dt):
        raise NotImplementedError('tzinfo subclass must override utcoffset()')

    def dst(self, dt):
        raise NotImplementedError('tzinfo subclass must override dst()')

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError('fromutc() requires a datetime argument')
        if dt.tzinfo is not self:
            raise ValueError('dt.tzinfo is not self')
        dtoff = dt.utcoffset()
        if dtoff is None:
            raise ValueError('fromutc() requires a non-None utcoffset() result')
        dtdst = dt.dst()
        if dtdst is None:
            raise ValueError('fromutc() requires a non-None dst() result')
        delta = dtoff - dtdst
        if delta:
            dt += delta
            dtdst = dt.dst()
            if dtdst is None:
                raise ValueError('fromutc(): dt.dst gave inconsistent results; cannot convert')
        return dt + dtdst


class timezone(tzinfo):
    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError('offset must be a timedelta')
        if name is not None and not isinstance(name, str):
            raise TypeError('name must be a string')
        if not -timedelta(1) < offset < timedelta(1):
            raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24)'
                             ' and timedelta(hours=24), not %r.' % (offset,))
        self._offset = offset
        self._name = name

    def __eq__(self, other):
        return isinstance(other, timezone) and self._offset == other._offset

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if not self._offset and self._name is None:
            return 'datetime.timezone.utc'
        if self._name is None:
            return 'datetime.timezone(%r)' % (self._offset,)
        return 'datetime.timezone(%r, %r)' % (self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def utcoffset(self, dt):
        return self._offset

    def tzname(self, dt):
        if self._name is not None:
            return self._name
        off = self._offset
        if not off:
            return 'UTC'
        return 'UTC' + _fmt_offset(off)

    def dst(self, dt):
        return None

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError('fromutc() argument must be a datetime instance or None')
        if dt.tzinfo is not self:
            raise ValueError('fromutc: dt.tzinfo is not self')
        return dt + self._offset


timezone.utc = UTC = timezone(timedelta(0))
timezone.min = timezone(-timedelta(hours=23, minutes=59))
timezone.max = timezone(timedelta(hours=23, minutes=59))


class date(_Cmp):
    def __init__(self, year, month=None, day=None):
        self.year, self.month, self.day = _chk_date(year, month, day)

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d = _time.gmtime(_int(t // 1))[:3]
        return cls(y, m, d)

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromordinal(cls, n):
        y, m, d = _ord2ymd(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        _lazy('isoparse')
        try:
            if len(s) not in (7, 8, 10):
                raise ValueError
            return cls(*_parse_date(s))
        except (ValueError, IndexError, TypeError):
            raise ValueError('Invalid isoformat string: %r' % (s,))

    @classmethod
    def fromisocalendar(cls, year, week, day):
        return cls(*_fromisocal(year, week, day))

    def __repr__(self):
        return 'datetime.%s(%d, %d, %d)' % (type(self).__name__, self.year, self.month, self.day)

    def isoformat(self):
        return '%04d-%02d-%02d' % (self.year, self.month, self.day)

    __str__ = isoformat

    def ctime(self):
        return _sf(self, '%a %b %e %H:%M:%S %Y')

    def strftime(self, fmt):
        return _sf(self, fmt)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError('must be str, not %s' % type(fmt).__name__)
        return self.strftime(fmt) if fmt else str(self)

    def timetuple(self):
        return _struct_time((self.year, self.month, self.day, 0, 0, 0, self.weekday(),
                             self.toordinal() - _ymd2ord(self.year, 1, 1) + 1, -1))

    def toordinal(self):
        return _ymd2ord(self.year, self.month, self.day)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self.year if year is None else year,
                          self.month if month is None else month,
                          self.day if day is None else day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        return _isodate(*_isocal(self.year, self.month, self.day))

    def _key(self, other, op):
        if isinstance(other, datetime) != isinstance(self, datetime):
            if op == '==':
                return None
            if isinstance(other, datetime):
                self, other = other, self
            raise TypeError("can't compare %s to %s" % (_qual(self), _qual(other)))
        if not isinstance(other, date):
            if op == '==':
                return None
            _cmperr(self, other, op)
        return (self.year, self.month, self.day), (other.year, other.month, other.day)

    def __hash__(self):
        return hash((self.year, self.month, self.day))

    def __add__(self, other):
        if isinstance(other, timedelta):
            o = self.toordinal() + other.days
            if 0 < o <= _MAXORDINAL:
                return type(self).fromordinal(o)
            raise OverflowError('date value out of range')
        _operr(self, other, '+')

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(self.toordinal() - other.toordinal())
        _operr(self, other, '-')


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


class time(_Cmp):
    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        self.hour, self.minute, self.second, self.microsecond = _chk_time(
            hour, minute, second, microsecond, tzinfo, fold)
        self.tzinfo = tzinfo
        self.fold = fold

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        if s[:1] == 'T':
            s = s[1:]
        _lazy('isoparse')
        try:
            return cls(*_parse_time(s))
        except Exception:
            raise ValueError('Invalid isoformat string: %r' % (s,))

    def utcoffset(self):
        if self.tzinfo is None:
            return None
        off = self.tzinfo.utcoffset(None)
        _check_offset('utcoffset', off)
        return off

    def tzname(self):
        return None if self.tzinfo is None else self.tzinfo.tzname(None)

    def dst(self):
        if self.tzinfo is None:
            return None
        off = self.tzinfo.dst(None)
        _check_offset('dst', off)
        return off

    def isoformat(self, timespec='auto'):
        return (_fmt_time(self.hour, self.minute, self.second, self.microsecond, timespec)
                + _fmt_offset(self.utcoffset()))

    __str__ = isoformat

    def strftime(self, fmt):
        return _sf(self, fmt)

    def __format__(self, fmt):
        return self.strftime(fmt) if fmt else str(self)

    def __repr__(self):
        if self.microsecond:
            s = ', %d, %d' % (self.second, self.microsecond)
        elif self.second:
            s = ', %d' % self.second
        else:
            s = ''
        s = 'datetime.%s(%d, %d%s)' % (type(self).__name__, self.hour, self.minute, s)
        if self.tzinfo is not None:
            s = s[:-1] + ', tzinfo=%r)' % (self.tzinfo,)
        if self.fold:
            s = s[:-1] + ', fold=1)'
        return s

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True, *,
                fold=None):
        return type(self)(self.hour if hour is None else hour,
                          self.minute if minute is None else minute,
                          self.second if second is None else second,
                          self.microsecond if microsecond is None else microsecond,
                          self.tzinfo if tzinfo is True else tzinfo,
                          fold=self.fold if fold is None else fold)

    def _key(self, other, op):
        if not isinstance(other, time):
            if op == '==':
                return None
            _cmperr(self, other, op)
        a = (self.hour, self.minute, self.second, self.microsecond)
        b = (other.hour, other.minute, other.second, other.microsecond)
        so, oo = self.utcoffset(), other.utcoffset()
        if so != oo:
            if (so is None) != (oo is None):
                if op == '==':
                    return None
                raise TypeError("can't compare offset-naive and offset-aware times")
            a = ((self.hour * 60 + self.minute) - so // _MINUTE,) + a[2:]
            b = ((other.hour * 60 + other.minute) - oo // _MINUTE,) + b[2:]
        return a, b

    def __hash__(self):
        off = self.utcoffset()
        if not off:
            return hash((self.hour, self.minute, self.second, self.microsecond))
        return hash((self.hour * 60 + self.minute - off // _MINUTE, self.second,
                     self.microsecond))

    def __bool__(self):
        return True


time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


class datetime(date):
    def __init__(self, year, month=None, day=None, hour=0, minute=0, second=0, microsecond=0,
                 tzinfo=None, *, fold=0):
        self.year, self.month, self.day = _chk_date(year, month, day)
        self.hour, self.minute, self.second, self.microsecond = _chk_time(
            hour, minute, second, microsecond, tzinfo, fold)
        self.tzinfo = tzinfo
        self.fold = fold

    @classmethod
    def _fromus(cls, us, tz):
        # From microseconds since the epoch (UTC); then into tz.
        s, us = divmod(us, 1000000)
        days, s = divmod(s, 86400)
        y, m, d = _ord2ymd(days + 719163)
        h, s = divmod(s, 3600)
        mi, s = divmod(s, 60)
        r = cls(y, m, d, h, mi, s, us, tz)
        if tz is not None:
            r = tz.fromutc(r)
        return r

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        if tz is not None and not isinstance(tz, tzinfo):
            raise TypeError('tzinfo argument must be None or of a tzinfo subclass')
        if isinstance(t, float):
            a, b = _ratio(t)
            us = _divround(a * 1000000, b)
        else:
            us = _ival(t) * 1000000
        return cls._fromus(us, tz)

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls.fromtimestamp(t)

    @classmethod
    def now(cls, tz=None):
        return cls._fromus(_time.time_ns() // 1000, tz)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        return cls.now()

    @classmethod
    def combine(cls, date, time, tzinfo=True):
        if tzinfo is True:
            tzinfo = time.tzinfo
        return cls(date.year, date.month, date.day, time.hour, time.minute, time.second,
                   time.microsecond, tzinfo, fold=time.fold)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        if len(s) < 7:
            raise ValueError('Invalid isoformat string: %r' % (s,))
        _lazy('isoparse')
        try:
            k = _date_sep(s)
            dc = _parse_date(s[:k])
            tstr = s[k + 1 :]
            tc = _parse_time(tstr) if tstr else [0, 0, 0, 0, None]
        except (ValueError, IndexError):
            raise ValueError('Invalid isoformat string: %r' % (s,))
        return cls(*(dc + tc))

    @classmethod
    def strptime(cls, date_string, format):
        _lazy('strptime')
        return _strptime(cls, date_string, format)

    def date(self):
        return date(self.year, self.month, self.day)

    def time(self):
        return time(self.hour, self.minute, self.second, self.microsecond, fold=self.fold)

    def timetz(self):
        return time(self.hour, self.minute, self.second, self.microsecond, self.tzinfo,
                    fold=self.fold)

    def utcoffset(self):
        if self.tzinfo is None:
            return None
        off = self.tzinfo.utcoffset(self)
        _check_offset('utcoffset', off)
        return off

    def tzname(self):
        return None if self.tzinfo is None else self.tzinfo.tzname(self)

    def dst(self):
        if self.tzinfo is None:
            return None
        off = self.tzinfo.dst(self)
        _check_offset('dst', off)
        return off

    def _epoch_us(self):
        us = (((self.toordinal() - 719163) * 24 + self.hour) * 60 + self.minute) * 60
        us = (us + self.second) * 1000000 + self.microsecond
        off = self.utcoffset()
        return us - off._us() if off else us

    def timestamp(self):
        return self._epoch_us() / 10**6

    def timetuple(self):
        d = self.dst()
        return _struct_time((self.year, self.month, self.day, self.hour, self.minute,
                             self.second, self.weekday(),
                             self.toordinal() - _ymd2ord(self.year, 1, 1) + 1,
                             -1 if d is None else (1 if d else 0)))

    def utctimetuple(self):
        off = self.utcoffset()
        s = self - off if off else self
        return _struct_time((s.year, s.month, s.day, s.hour, s.minute, s.second, s.weekday(),
                             s.toordinal() - _ymd2ord(s.year, 1, 1) + 1, 0))

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(self.year if year is None else year,
                          self.month if month is None else month,
                          self.day if day is None else day,
                          self.hour if hour is None else hour,
                          self.minute if minute is None else minute,
                          self.second if second is None else second,
                          self.microsecond if microsecond is None else microsecond,
                          self.tzinfo if tzinfo is True else tzinfo,
                          fold=self.fold if fold is None else fold)

    def astimezone(self, tz=None):
        if tz is None:
            tz = timezone(timedelta(0), 'UTC')
        elif not isinstance(tz, tzinfo):
            raise TypeError('tz argument must be an instance of tzinfo')
        if self.tzinfo is tz:
            return self
        off = self.utcoffset()
        utc = self - off if off else self
        return tz.fromutc(utc.replace(tzinfo=tz))

    def ctime(self):
        return _sf(self, '%a %b %e %H:%M:%S %Y')

    def isoformat(self, sep='T', timespec='auto'):
        return ('%04d-%02d-%02d%s' % (self.year, self.month, self.day, sep)
                + _fmt_time(self.hour, self.minute, self.second, self.microsecond, timespec)
                + _fmt_offset(self.utcoffset()))

    def __str__(self):
        return self.isoformat(sep=' ')

    def __repr__(self):
        L = [self.year, self.month, self.day, self.hour, self.minute, self.second,
             self.microsecond]
        if L[-1] == 0:
            del L[-1]
        if L[-1] == 0:
            del L[-1]
        s = 'datetime.%s(%s)' % (type(self).__name__, ', '.join([str(x) for x in L]))
        if self.tzinfo is not None:
            s = s[:-1] + ', tzinfo=%r)' % (self.tzinfo,)
        if self.fold:
            s = s[:-1] + ', fold=1)'
        return s

    def _key(self, other, op):
        if not isinstance(other, datetime):
            if isinstance(other, date):
                if op == '==':
                    return None
                raise TypeError("can't compare %s to %s" % (_qual(self), _qual(other)))
            if op == '==':
                return None
            _cmperr(self, other, op)
        so, oo = self.utcoffset(), other.utcoffset()
        if (so is None) != (oo is None):
            if op == '==':
                return None
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        if so is None or self.tzinfo is other.tzinfo:
            return self._naive_us(), other._naive_us()
        return self._epoch_us(), other._epoch_us()

    def _naive_us(self):
        return ((((self.toordinal() * 24 + self.hour) * 60 + self.minute) * 60 + self.second)
                * 1000000 + self.microsecond)

    def __hash__(self):
        off = self.utcoffset()
        return hash(self._naive_us() if off is None else self._epoch_us())

    def __add__(self, other):
        if not isinstance(other, timedelta):
            _operr(self, other, '+')
        us = self._naive_us() + other._us()
        days, us = divmod(us, 86400000000)
        if not 0 < days <= _MAXORDINAL:
            raise OverflowError('date value out of range')
        y, m, d = _ord2ymd(days)
        s, us = divmod(us, 1000000)
        h, s = divmod(s, 3600)
        mi, s = divmod(s, 60)
        return type(self)(y, m, d, h, mi, s, us, self.tzinfo)

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + -other
        if not isinstance(other, datetime):
            _operr(self, other, '-')
        so, oo = self.utcoffset(), other.utcoffset()
        if (so is None) != (oo is None):
            raise TypeError("can't subtract offset-naive and offset-aware datetimes")
        if so is None or self.tzinfo is other.tzinfo:
            return timedelta(microseconds=self._naive_us() - other._naive_us())
        return timedelta(microseconds=self._epoch_us() - other._epoch_us())


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)
_LOADED = []


def _lazy(name):
    # Define a '#[name]' section of _compat_b.py in this module (read, compiled once).
    if name not in _LOADED:
        s = open(__file__.rpartition('/')[0] + '/_compat_b.py', 'rb').read(1 << 17).decode()
        i = s.index('\n#[' + name + ']')
        exec(s[i : s.index('\n#[', i + 3)], globals())
        _LOADED.append(name)
