"""typing: enough for annotations and the usual imports to work in MicroPython.

Supported: every common name imports; List, Dict, Optional, Union, Callable,
Literal, ... can be subscripted (typing.Dict[str, int]), compared, printed and,
for the container aliases, called (List() -> []); TypeVar, ParamSpec, NewType,
cast, overload, final, no_type_check, runtime_checkable, get_origin, get_args,
assert_never, reveal_type, TYPE_CHECKING (False); Generic[T] and Protocol as
base classes; NamedTuple and TypedDict, both the functional and the class form.
Not supported: static checking (MicroPython ignores annotations entirely),
isinstance() against typing aliases, subscripting user generic classes
(Stack[int]).
Class-form NamedTuple/TypedDict fields need a value (x: int = 0) unless the
source transformer keeps annotations: see dataclasses.
"""
TYPE_CHECKING = False


def _r(t):
    if isinstance(t, type):
        m = getattr(t, '__module__', 'builtins')
        return t.__name__ if m in ('builtins', None) else m + '.' + t.__name__
    if t is Ellipsis:
        return '...'
    if t is None:
        return 'None'
    if isinstance(t, (list, tuple)):
        return '[' + ', '.join([_r(a) for a in t]) + ']'
    return repr(t) if not isinstance(t, str) else repr(t)


class _A:
    # A typing object: bare (List) or subscripted (List[int]).
    def __init__(self, name, origin=None, args=None, nargs=-1):
        self._name = name
        self.__origin__ = origin
        self.__args__ = args
        self._n = nargs

    def __getitem__(self, p):
        if self.__args__ is not None or self._n == 0:
            raise TypeError('%r is not a generic class' % self)
        if p.__class__ is not tuple:
            p = (p,)
        n = self._name
        if n == 'Union' or n == 'Optional':
            if n == 'Optional':
                p = (p[0], type(None))
            flat = []
            for a in p:
                a = type(None) if a is None else a
                for b in (a.__args__ if isinstance(a, _A) and a._name == 'Union' else (a,)):
                    if b not in flat:
                        flat.append(b)
            if len(flat) == 1:
                return flat[0]
            return _A('Union', None, tuple(flat))
        return _A(n, self.__origin__, p, self._n)

    def __call__(self, *a, **k):
        o = self.__origin__
        if o is None:
            raise TypeError('Cannot instantiate typing.%s' % self._name)
        if self._n == -2:
            raise TypeError('Type %s cannot be instantiated; use %s() instead'
                            % (self._name, o.__name__))
        return o(*a, **k)

    def __repr__(self):
        a = self.__args__
        if a is None:
            return 'typing.' + self._name
        if self._name == 'Union' and len(a) == 2 and type(None) in a:
            return 'typing.Optional[%s]' % _r(a[0] if a[1] is type(None) else a[1])
        if self._name == 'Literal':
            return 'typing.Literal[%s]' % ', '.join([repr(x) for x in a])
        if self._name == 'Tuple' and a == ((),):
            return 'typing.Tuple[()]'
        return 'typing.%s[%s]' % (self._name, ', '.join([_r(x) for x in a]))

    def __eq__(self, o):
        return isinstance(o, _A) and (self._name, self.__args__) == (o._name, o.__args__)

    def __hash__(self):
        return hash((self._name, self.__args__))

    def __or__(self, o):
        return Union[self, o]

    def __ror__(self, o):
        return Union[o, self]


def _mk(names, origin=None, n=-1):
    g = globals()
    for s in names.split():
        g[s] = _A(s, origin, None, n)


_mk('Any NoReturn Never Self LiteralString TypeAlias', None, 0)
_mk('Union Optional Literal Final ClassVar Annotated Concatenate TypeGuard Required NotRequired Unpack')
_mk('Callable Iterable Iterator Generator Awaitable Coroutine AsyncIterable AsyncIterator '
    'AsyncGenerator Sequence MutableSequence Mapping MutableMapping Collection Container '
    'Hashable Sized Reversible AbstractSet MutableSet KeysView ValuesView ItemsView '
    'MappingView ContextManager AsyncContextManager Pattern Match IO TextIO BinaryIO '
    'SupportsInt SupportsFloat SupportsAbs SupportsRound SupportsIndex SupportsBytes')
List = _A('List', list, None, -2)
Dict = _A('Dict', dict, None, -2)
Set = _A('Set', set, None, -2)
FrozenSet = _A('FrozenSet', frozenset, None, -2)
Tuple = _A('Tuple', tuple, None, -2)
Type = _A('Type', type, None, -2)
Text = str
AnyStr = None  # replaced below, once TypeVar exists


def _coll(name):
    def f(*a, **k):
        import collections
        return getattr(collections, name)(*a, **k)
    return f


Deque = _A('Deque', _coll('deque'))
DefaultDict = _A('DefaultDict', _coll('defaultdict'))
OrderedDict = _A('OrderedDict', _coll('OrderedDict'))
Counter = _A('Counter', _coll('Counter'))
ChainMap = _A('ChainMap', _coll('ChainMap'))


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False, infer_variance=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        return ('+' if self.__covariant__ else '-' if self.__contravariant__ else '~') + self.__name__

    def __or__(self, o):
        return Union[self, o]


class ParamSpec(TypeVar):
    args = kwargs = None


TypeVarTuple = TypeVar
AnyStr = TypeVar('AnyStr', bytes, str)
T = TypeVar('T')
KT = TypeVar('KT')
VT = TypeVar('VT')


class _G:
    pass


class _GenericForm:
    # Generic[T] gives a plain base class; Generic itself cannot be (CPython agrees).
    def __getitem__(self, p):
        return _G

    def __repr__(self):
        return "<class 'typing.Generic'>"


Generic = _GenericForm()


class Protocol:
    pass


def runtime_checkable(cls):
    return cls


def cast(typ, val):
    return val


def overload(f):
    return f


def final(f):
    return f


def no_type_check(f):
    return f


def override(f):
    return f


def dataclass_transform(**kw):
    return lambda f: f


def assert_never(arg):
    raise AssertionError('Expected code to be unreachable, but got: %r' % (arg,))


def assert_type(val, typ):
    return val


def reveal_type(obj):
    import sys
    sys.stderr.write('Runtime type is %r\n' % type(obj).__name__)
    return obj


def get_origin(tp):
    if isinstance(tp, _A):
        if tp._name == 'Union':
            return Union
        return tp.__origin__ if tp.__args__ is not None else None
    return None


def get_args(tp):
    if isinstance(tp, _A) and tp.__args__ is not None:
        a = tp.__args__
        if tp._name == 'Callable' and len(a) == 2 and isinstance(a[0], list):
            return a
        return a
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    # A function's annotations come from the runtime's records (the source
    # transformer keeps them where the code asks for them); a class's from its
    # MRO, base first. Strings are evaluated; None stands for NoneType.
    try:
        ga, hints = __wb_getattr, __wb_od()
    except NameError:
        ga, hints = getattr, {}
    if isinstance(obj, type):
        try:
            chain = list(ga(obj, '__mro__'))
        except AttributeError:
            chain = [obj]
        for c in reversed(chain):
            a = getattr(c, '__dict__', {}).get('__annotations__')
            for k in a or ():
                hints[k] = a[k]
    else:
        a = ga(obj, '__annotations__') if hasattr(obj, '__name__') else None
        for k in a or ():
            hints[k] = a[k]
    g = globalns if globalns is not None else getattr(obj, '__globals__', None)
    if g is None and isinstance(obj, type):
        # (MicroPython keeps a class's annotations as source text.) The
        # module's globals, from one of its functions, else built-ins only.
        g = {}
        for c in chain:
            for v in getattr(c, '__dict__', {}).values():
                if hasattr(v, '__globals__'):
                    g = v.__globals__
                    break
            if g:
                break
    for k in list(hints):
        v = hints[k]
        if v is None:
            hints[k] = type(None)
        elif isinstance(v, str) and g is not None:
            try:
                hints[k] = eval(v, g, localns) if localns is not None else eval(v, g)
            except Exception:
                pass
    return hints


def NewType(name, tp):
    def new_type(x):
        return x
    return new_type


def __getattr__(name):
    # The class forms need the __build_class__ hook: installed on first use.
    if name in ('NamedTuple', 'TypedDict'):
        import _compat_a
        g = globals()
        g['NamedTuple'] = _compat_a.NamedTuple
        g['TypedDict'] = _compat_a.TypedDict
        return g[name]
    raise AttributeError("module 'typing' has no attribute '%s'" % name)
