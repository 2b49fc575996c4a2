# pprint: CPython's pprint module for wasmbox (MicroPython has none).
#
# A port of CPython 3.11's Lib/pprint.py with the same output: pprint, pformat,
# pp, saferepr, isreadable, isrecursive and PrettyPrinter (indent, width,
# depth, stream, compact, sort_dicts, underscore_numbers) for dicts (also the
# runtime's insertion-ordered ones), lists, tuples, sets, frozensets, str and
# bytes wrapping, bytearray, dataclasses, and collections' OrderedDict,
# defaultdict, Counter, deque and ChainMap.
# MicroPython allows only about 60 nested calls, so nothing here recurses on
# the depth of the data: formatting runs from an explicit stack of tasks.
import sys as _sys

__all__ = ["pprint", "pformat", "isreadable", "isrecursive", "saferepr",
           "PrettyPrinter", "pp"]


def pprint(object, stream=None, indent=1, width=80, depth=None, *,
           compact=False, sort_dicts=True, underscore_numbers=False):
    """Pretty-print a Python object to a stream [default is sys.stdout]."""
    printer = PrettyPrinter(
        stream=stream, indent=indent, width=width, depth=depth,
        compact=compact, sort_dicts=sort_dicts,
        underscore_numbers=underscore_numbers)
    printer.pprint(object)


def pformat(object, indent=1, width=80, depth=None, *,
            compact=False, sort_dicts=True, underscore_numbers=False):
    """Format a Python object into a pretty-printed representation."""
    return PrettyPrinter(indent=indent, width=width, depth=depth,
                         compact=compact, sort_dicts=sort_dicts,
                         underscore_numbers=underscore_numbers).pformat(object)


def pp(object, *args, sort_dicts=False, **kwargs):
    """Pretty-print a Python object"""
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)


def saferepr(object):
    """Version of repr() which can handle recursive data structures."""
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[0]


def isreadable(object):
    """Determine if saferepr(object) is readable by eval()."""
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[1]


def isrecursive(object):
    """Determine if object requires a recursive representation."""
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[2]


class _safe_key:
    # Sort key for unorderable objects: falls back to (type name, id).
    def __init__(self, obj):
        self.obj = obj

    def __lt__(self, other):
        try:
            return self.obj < other.obj
        except TypeError:
            return ((str(type(self.obj)), id(self.obj)) <
                    (str(type(other.obj)), id(other.obj)))

    def __gt__(self, other):
        return other.__lt__(self)

    def __eq__(self, other):
        try:
            return self.obj == other.obj
        except TypeError:
            return self.obj is other.obj


def _safe_tuple(t):
    return _safe_key(t[0]), _safe_key(t[1])


def _sorted_items(items):
    items = list(items)
    try:
        return sorted(items, key=lambda kv: kv[0])
    except TypeError:
        return sorted(items, key=_safe_tuple)


def _sorted_set(obj):
    try:
        return sorted(obj)
    except TypeError:
        return sorted(obj, key=_safe_key)


def _recursion(object):
    return "<Recursion on %s with id=%s>" % (type(object).__name__, id(object))


def _underscored(n):
    s = str(abs(n))
    groups = []
    while len(s) > 3:
        groups.append(s[-3:])
        s = s[:-3]
    groups.append(s)
    groups.reverse()
    return ('-' if n < 0 else '') + '_'.join(groups)


def _words(line):
    # re.findall(r'\S*\s*', line) without the final empty match.
    parts = []
    i = 0
    n = len(line)
    while i < n:
        j = i
        while j < n and not line[j].isspace():
            j += 1
        while j < n and line[j].isspace():
            j += 1
        parts.append(line[i:j])
        i = j
    return parts


def _wrap_bytes_repr(object, width, allowance):
    out = []
    current = b''
    last = len(object) // 4 * 4
    for i in range(0, len(object), 4):
        part = object[i: i + 4]
        candidate = current + part
        if i == last:
            width -= allowance
        if len(repr(candidate)) > width:
            if current:
                out.append(repr(current))
            current = part
        else:
            current = candidate
    if current:
        out.append(repr(current))
    return out


_KINDS = {}


def _kinds():
    # type -> kind, for the types pprint formats itself.
    if not _KINDS:
        _KINDS[type({})] = 'dict'
        rt = _sys.modules.get('_wasmbox_rt')
        rtdict = getattr(rt, 'dict', None) if rt is not None else None
        if isinstance(rtdict, type):
            _KINDS[rtdict] = 'dict'  # the ordered dict of transformed user code
        for t, k in ((list, 'list'), (tuple, 'tuple'), (set, 'set'), (frozenset, 'set'),
                     (str, 'str'), (bytes, 'bytes'), (bytearray, 'bytearray')):
            _KINDS[t] = k
    col = _sys.modules.get('collections')
    if col is not None and 'odict' not in _KINDS:
        _KINDS['odict'] = True
        for name, k in (('OrderedDict', 'odict'), ('defaultdict', 'ddict'),
                        ('Counter', 'counter'), ('deque', 'deque'), ('ChainMap', 'chainmap')):
            t = getattr(col, name, None)
            if isinstance(t, type):
                _KINDS[t] = k
    return _KINDS


def _kind(typ):
    # The kind of `typ`, or of the base whose __repr__ it inherits (CPython
    # dispatches on type(obj).__repr__); None when pprint uses repr().
    kinds = _kinds()
    t = typ
    for _ in range(64):
        k = kinds.get(t)
        if k is not None:
            return k
        try:
            if '__repr__' in t.__dict__:
                return None
        except AttributeError:
            return None
        bases = getattr(t, '__bases__', ())
        if not bases:
            return None
        t = bases[0]
    return None


def _is_dataclass_instance(object):
    cls = type(object)
    if not hasattr(cls, '__wb_field_order__') or isinstance(object, type):
        return False
    dc = _sys.modules.get('dataclasses')
    fn = getattr(cls, '__repr__', None)
    g = getattr(fn, '__globals__', None)
    return dc is not None and g is not None and g is getattr(dc, '__dict__', None)


class PrettyPrinter:
    def __init__(self, indent=1, width=80, depth=None, stream=None, *,
                 compact=False, sort_dicts=True, underscore_numbers=False):
        indent = int(indent)
        width = int(width)
        if indent < 0:
            raise ValueError('indent must be >= 0')
        if depth is not None and depth <= 0:
            raise ValueError('depth must be > 0')
        if not width:
            raise ValueError('width must be != 0')
        self._depth = depth
        self._indent_per_level = indent
        self._width = width
        if stream is not None:
            self._stream = stream
        else:
            self._stream = _sys.stdout
        self._compact = bool(compact)
        self._sort_dicts = sort_dicts
        self._underscore_numbers = underscore_numbers

    def pprint(self, object):
        if self._stream is not None:
            out = []
            self._format(object, out, 0, 0, {}, 0)
            out.append("\n")
            self._stream.write(''.join(out))

    def pformat(self, object):
        out = []
        self._format(object, out, 0, 0, {}, 0)
        return ''.join(out)

    def isrecursive(self, object):
        return self.format(object, {}, 0, 0)[2]

    def isreadable(self, object):
        s, readable, recursive = self.format(object, {}, 0, 0)
        return readable and not recursive

    # -- the layout: an explicit stack of tasks instead of recursion ----------
    # ('w', text): write; ('f', obj, indent, allowance, level): format an
    # object; ('x', objid): leave a container (drop it from `context`).

    def _format(self, object, out, indent, allowance, context, level):
        stack = [('f', object, indent, allowance, level)]
        while stack:
            task = stack.pop()
            op = task[0]
            if op == 'w':
                out.append(task[1])
            elif op == 'x':
                del context[task[1]]
            else:
                tasks = self._format1(task[1], task[2], task[3], context, task[4])
                for t in reversed(tasks):
                    stack.append(t)

    def _format1(self, object, indent, allowance, context, level):
        objid = id(object)
        if objid in context:
            self._recursive = True
            self._readable = False
            return [('w', _recursion(object))]
        rep = self._repr(object, context, level)
        max_width = self._width - indent - allowance
        if len(rep) > max_width:
            kind = _kind(type(object))
            if kind is not None:
                context[objid] = 1
                tasks = getattr(self, '_pprint_' + kind)(object, indent, allowance, context,
                                                         level + 1)
                tasks.append(('x', objid))
                return tasks
            if _is_dataclass_instance(object):
                context[objid] = 1
                tasks = self._pprint_dataclass(object, indent, allowance, context, level + 1)
                tasks.append(('x', objid))
                return tasks
        return [('w', rep)]

    def _pprint_dataclass(self, object, indent, allowance, context, level):
        import dataclasses
        cls_name = object.__class__.__name__
        indent += len(cls_name) + 1
        items = [(f.name, getattr(object, f.name)) for f in dataclasses.fields(object) if f.repr]
        tasks = [('w', cls_name + '(')]
        self._format_namespace_items(tasks, items, indent, allowance, context, level)
        tasks.append(('w', ')'))
        return tasks

    def _pprint_dict(self, object, indent, allowance, context, level):
        tasks = [('w', '{')]
        if self._indent_per_level > 1:
            tasks.append(('w', (self._indent_per_level - 1) * ' '))
        if len(object):
            if self._sort_dicts:
                items = _sorted_items(object.items())
            else:
                items = list(object.items())
            self._format_dict_items(tasks, items, indent, allowance + 1, context, level)
        tasks.append(('w', '}'))
        return tasks

    def _pprint_odict(self, object, indent, allowance, context, level):
        if not len(object):
            return [('w', repr(object))]
        cls = object.__class__
        return [('w', cls.__name__ + '('),
                ('f', list(object.items()), indent + len(cls.__name__) + 1, allowance + 1,
                 level),
                ('w', ')')]

    def _pprint_list(self, object, indent, allowance, context, level):
        tasks = [('w', '[')]
        self._format_items(tasks, object, indent, allowance + 1, context, level)
        tasks.append(('w', ']'))
        return tasks

    def _pprint_tuple(self, object, indent, allowance, context, level):
        endchar = ',)' if len(object) == 1 else ')'
        tasks = [('w', '(')]
        self._format_items(tasks, object, indent, allowance + len(endchar), context, level)
        tasks.append(('w', endchar))
        return tasks

    def _pprint_set(self, object, indent, allowance, context, level):
        if not len(object):
            return [('w', repr(object))]
        typ = object.__class__
        if typ is set:
            tasks = [('w', '{')]
            endchar = '}'
        else:
            tasks = [('w', typ.__name__ + '({')]
            endchar = '})'
            indent += len(typ.__name__) + 1
        object = _sorted_set(object)
        self._format_items(tasks, object, indent, allowance + len(endchar), context, level)
        tasks.append(('w', endchar))
        return tasks

    def _pprint_str(self, object, indent, allowance, context, level):
        if not len(object):
            return [('w', repr(object))]
        chunks = []
        lines = object.split('\n')
        lines = [line + '\n' for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
        if level == 1:
            indent += 1
            allowance += 1
        max_width1 = max_width = self._width - indent
        rep = ''
        for i, line in enumerate(lines):
            rep = repr(line)
            if i == len(lines) - 1:
                max_width1 -= allowance
            if len(rep) <= max_width1:
                chunks.append(rep)
            else:
                parts = _words(line)
                max_width2 = max_width
                current = ''
                for j, part in enumerate(parts):
                    candidate = current + part
                    if j == len(parts) - 1 and i == len(lines) - 1:
                        max_width2 -= allowance
                    if len(repr(candidate)) > max_width2:
                        if current:
                            chunks.append(repr(current))
                        current = part
                    else:
                        current = candidate
                if current:
                    chunks.append(repr(current))
        if len(chunks) == 1:
            return [('w', rep)]
        out = []
        if level == 1:
            out.append('(')
        for i, rep in enumerate(chunks):
            if i > 0:
                out.append('\n' + ' ' * indent)
            out.append(rep)
        if level == 1:
            out.append(')')
        return [('w', ''.join(out))]

    def _pprint_bytes(self, object, indent, allowance, context, level):
        if len(object) <= 4:
            return [('w', repr(object))]
        out = []
        parens = level == 1
        if parens:
            indent += 1
            allowance += 1
            out.append('(')
        delim = ''
        for rep in _wrap_bytes_repr(object, self._width - indent, allowance):
            out.append(delim)
            out.append(rep)
            if not delim:
                delim = '\n' + ' ' * indent
        if parens:
            out.append(')')
        return [('w', ''.join(out))]

    def _pprint_bytearray(self, object, indent, allowance, context, level):
        tasks = [('w', 'bytearray(')]
        tasks.extend(self._pprint_bytes(bytes(object), indent + 10, allowance + 1, context,
                                        level + 1))
        tasks.append(('w', ')'))
        return tasks

    def _format_dict_items(self, tasks, items, indent, allowance, context, level):
        indent += self._indent_per_level
        delimnl = ',\n' + ' ' * indent
        last_index = len(items) - 1
        for i, (key, ent) in enumerate(items):
            last = i == last_index
            rep = self._repr(key, context, level)
            tasks.append(('w', rep + ': '))
            tasks.append(('f', ent, indent + len(rep) + 2, allowance if last else 1, level))
            if not last:
                tasks.append(('w', delimnl))

    def _format_namespace_items(self, tasks, items, indent, allowance, context, level):
        delimnl = ',\n' + ' ' * indent
        last_index = len(items) - 1
        for i, (key, ent) in enumerate(items):
            last = i == last_index
            tasks.append(('w', key + '='))
            if id(ent) in context:
                tasks.append(('w', '...'))
            else:
                tasks.append(('f', ent, indent + len(key) + 1, allowance if last else 1, level))
            if not last:
                tasks.append(('w', delimnl))

    def _format_items(self, tasks, items, indent, allowance, context, level):
        indent += self._indent_per_level
        if self._indent_per_level > 1:
            tasks.append(('w', (self._indent_per_level - 1) * ' '))
        delimnl = ',\n' + ' ' * indent
        delim = ''
        width = max_width = self._width - indent + 1
        items = list(items)
        n = len(items)
        for i in range(n):
            ent = items[i]
            last = i == n - 1
            if last:
                max_width -= allowance
                width -= allowance
            if self._compact:
                rep = self._repr(ent, context, level)
                w = len(rep) + 2
                if width < w:
                    width = max_width
                    if delim:
                        delim = delimnl
                if width >= w:
                    width -= w
                    tasks.append(('w', delim))
                    delim = ', '
                    tasks.append(('w', rep))
                    continue
            tasks.append(('w', delim))
            delim = delimnl
            tasks.append(('f', ent, indent, allowance if last else 1, level))

    def _repr(self, object, context, level):
        repr, readable, recursive = self.format(object, context.copy(), self._depth, level)
        if not readable:
            self._readable = False
        if recursive:
            self._recursive = True
        return repr

    def format(self, object, context, maxlevels, level):
        """Format object for a specific context, returning a string
        and flags indicating whether the representation is 'readable'
        and whether the object represents a recursive construct.
        """
        return self._safe_repr(object, context, maxlevels, level)

    def _pprint_ddict(self, object, indent, allowance, context, level):
        if not len(object):
            return [('w', repr(object))]
        rdf = self._repr(object.default_factory, context, level)
        cls = object.__class__
        indent += len(cls.__name__) + 1
        tasks = [('w', '%s(%s,\n%s' % (cls.__name__, rdf, ' ' * indent))]
        tasks.extend(self._pprint_dict(object, indent, allowance + 1, context, level))
        tasks.append(('w', ')'))
        return tasks

    def _pprint_counter(self, object, indent, allowance, context, level):
        if not len(object):
            return [('w', repr(object))]
        cls = object.__class__
        tasks = [('w', cls.__name__ + '({')]
        if self._indent_per_level > 1:
            tasks.append(('w', (self._indent_per_level - 1) * ' '))
        items = object.most_common()
        self._format_dict_items(tasks, items, indent + len(cls.__name__) + 1, allowance + 2,
                                context, level)
        tasks.append(('w', '})'))
        return tasks

    def _pprint_chainmap(self, object, indent, allowance, context, level):
        if not len(object.maps):
            return [('w', repr(object))]
        cls = object.__class__
        tasks = [('w', cls.__name__ + '(')]
        indent += len(cls.__name__) + 1
        for i, m in enumerate(object.maps):
            if i == len(object.maps) - 1:
                tasks.append(('f', m, indent, allowance + 1, level))
                tasks.append(('w', ')'))
            else:
                tasks.append(('f', m, indent, 1, level))
                tasks.append(('w', ',\n' + ' ' * indent))
        return tasks

    def _pprint_deque(self, object, indent, allowance, context, level):
        if not len(object):
            return [('w', repr(object))]
        cls = object.__class__
        tasks = [('w', cls.__name__ + '(')]
        indent += len(cls.__name__) + 1
        tasks.append(('w', '['))
        if object.maxlen is None:
            self._format_items(tasks, object, indent, allowance + 2, context, level)
            tasks.append(('w', '])'))
        else:
            self._format_items(tasks, object, indent, 2, context, level)
            rml = self._repr(object.maxlen, context, level)
            tasks.append(('w', '],\n%smaxlen=%s)' % (' ' * indent, rml)))
        return tasks

    # -- repr with depth limits and recursion detection, without recursion -----

    def _leaf(self, object):
        typ = type(object)
        if typ in _builtin_scalars:
            return repr(object), True, False
        if typ is int and self._underscore_numbers:
            return _underscored(object), True, False
        rep = repr(object)
        return rep, bool(rep and not rep.startswith('<')), False

    def _safe_repr(self, object, context, maxlevels, level):
        # Return triple (repr_string, isreadable, isrecursive).
        custom = type(self).format is not PrettyPrinter.format
        stack = []

        def enter(obj, level):
            # A finished triple, or None after pushing a frame for a container.
            typ = type(obj)
            if typ in _builtin_scalars:
                return repr(obj), True, False
            kind = _kind(typ)
            if kind == 'dict':
                if not obj:
                    return "{}", True, False
                fmt = None
            elif kind == 'list':
                if not obj:
                    return "[]", True, False
                fmt = "[%s]"
            elif kind == 'tuple':
                if len(obj) == 1:
                    fmt = "(%s,)"
                elif not obj:
                    return "()", True, False
                else:
                    fmt = "(%s)"
            else:
                if isinstance(obj, int) and not isinstance(obj, bool) and self._underscore_numbers \
                        and typ is int:
                    return _underscored(obj), True, False
                return self._leaf(obj)
            objid = id(obj)
            if maxlevels and level >= maxlevels:
                return ("{...}" if fmt is None else fmt % "..."), False, objid in context
            if objid in context:
                return _recursion(obj), False, True
            context[objid] = 1
            if fmt is None:
                items = _sorted_items(obj.items()) if self._sort_dicts else list(obj.items())
                children = []
                for k, v in items:
                    children.append(k)
                    children.append(v)
            else:
                children = list(obj)
            # [fmt, children, next index, parts, readable, recursive, objid, level]
            stack.append([fmt, children, 0, [], True, False, objid, level + 1])
            return None

        res = enter(object, level)
        while stack:
            fr = stack[-1]
            if res is not None:
                fr[3].append(res[0])
                if not res[1]:
                    fr[4] = False
                if res[2]:
                    fr[5] = True
                res = None
            if fr[2] < len(fr[1]):
                child = fr[1][fr[2]]
                fr[2] += 1
                if custom:
                    res = self.format(child, context, maxlevels, fr[7])
                else:
                    res = enter(child, fr[7])
                continue
            stack.pop()
            del context[fr[6]]
            parts = fr[3]
            if fr[0] is None:
                body = ", ".join(["%s: %s" % (parts[i], parts[i + 1])
                                  for i in range(0, len(parts), 2)])
                res = "{%s}" % body, fr[4], fr[5]
            else:
                res = fr[0] % ", ".join(parts), fr[4], fr[5]
        return res


_builtin_scalars = frozenset({str, bytes, bytearray, float, complex, bool, type(None)})
