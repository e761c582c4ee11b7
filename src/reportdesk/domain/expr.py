"""A small, safe expression language for form rules and ``visible_if``.

Expressions use Python's *syntax* (parsed with :mod:`ast`) but a tiny whitelisted semantics, evaluated
by walking the tree: no ``eval``, no attribute access (except ``table.column``), no imports, no
subscripts, no lambdas, no comprehensions.

Supported:
    literals (numbers, strings, True/False/None), field names, ``table.column`` (list of the column's
    values), arithmetic ``+ - * / // %``, comparisons (chains too, ``in`` / ``not in``), ``and or not``,
    ``x if cond else y`` and ``if(cond, x, y)``, and the functions below.

Functions:
    sum(table.col) | sum(table, expr)   — total, empty values ignored
    count(table) | count(table, expr)   — rows (matching expr)
    all(table, expr) / any(table, expr) — expr for every / some row (row columns in scope)
    min(...), max(...), abs(x), round(x[, n]), len(x), empty(x), filled(x)
    estimated(x) | estimated(table.col)  — the figure (or some cell of the column) is marked "ước thực hiện"

Empty values (None, "", []) make arithmetic and ordering comparisons *undetermined*: a rule whose
check is undetermined does not fire (a "required" flag is how a form demands a value).
"""

from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Mapping


class ExprError(ValueError):
    """The expression is not acceptable (syntax or a forbidden construct)."""

    def __init__(self, message: str, col: int | None = None):
        super().__init__(message)
        self.col = col


class Undetermined(Exception):
    """Raised during evaluation when an empty value makes the result unknown."""


TABLE_FUNCS = {"all", "any", "count"}
AGG_FUNCS = {"sum", "min", "max"}
SCALAR_FUNCS = {"abs", "round", "len", "empty", "filled", "if", "estimated"}
FUNCTIONS = TABLE_FUNCS | AGG_FUNCS | SCALAR_FUNCS

_ALLOWED_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod)
_ALLOWED_CMPOPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)
_MAX_LEN = 2000
_MAX_DEPTH = 40

_IF_NAME = "if_"


def _rewrite_if(src: str) -> str:
    """Turn the function form ``if(c, a, b)`` into ``if_(c, a, b)`` (``if`` is a Python keyword)."""
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError) as exc:  # pragma: no cover - parse reports
        raise ExprError(f"Biểu thức không hợp lệ: {exc}") from None
    out = []
    for i, tok in enumerate(toks):
        if tok.type == tokenize.NAME and tok.string == "if":
            nxt = next((t for t in toks[i + 1:] if t.type not in (tokenize.NL, tokenize.COMMENT)), None)
            prev = next((t for t in reversed(toks[:i]) if t.type not in (tokenize.NL, tokenize.COMMENT)), None)
            # function form: `if` followed by "(" and not the middle of a conditional expression
            if nxt is not None and nxt.string == "(" and (prev is None or prev.string in ("(", ",", "and", "or", "not", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "else", "if", "in")):
                out.append((tokenize.NAME, _IF_NAME))
                continue
        out.append((tok.type, tok.string))
    return tokenize.untokenize(out)


@dataclass(frozen=True)
class Expression:
    source: str
    tree: ast.Expression
    names: frozenset[str]  # top-level names referenced (fields or table names)
    columns: frozenset[tuple[str, str]]  # (table, column) references via table.column

    def evaluate(self, env: "Env") -> Any:
        return self._compiled(env)

    @functools.cached_property
    def _compiled(self) -> Callable[["Env"], Any]:
        """The tree turned once into nested closures (see :func:`_compile`): the same semantics as
        walking it (:class:`_Evaluator`, kept as the reference), without dispatching on every node of
        every row of every report."""
        return _compile(self.tree.body)


def parse(source: str) -> Expression:
    """Parse and check an expression. Raises :class:`ExprError` with a Vietnamese message.

    Cached: validation evaluates the same few rule expressions for every report and every row, and an
    Expression is immutable (errors are not cached)."""
    if isinstance(source, str):
        return _parse_cached(source)
    return _parse(source)


@functools.lru_cache(maxsize=4096)
def _parse_cached(source: str) -> Expression:
    return _parse(source)


def _parse(source: str) -> Expression:
    if not isinstance(source, str) or not source.strip():
        raise ExprError("Biểu thức trống.")
    if len(source) > _MAX_LEN:
        raise ExprError("Biểu thức quá dài.")
    text = _rewrite_if(source.strip())
    text = re.sub(r"\s+", " ", text).strip()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"Biểu thức sai cú pháp: {exc.msg}", exc.offset) from None
    names: set[str] = set()
    columns: set[tuple[str, str]] = set()
    _check(tree.body, names, columns, 0, row_scope=False)
    return Expression(source, tree, frozenset(names), frozenset(columns))


def _check(node: ast.AST, names: set, columns: set, depth: int, row_scope: bool) -> None:
    if depth > _MAX_DEPTH:
        raise ExprError("Biểu thức lồng nhau quá sâu.")
    d = depth + 1
    col = getattr(node, "col_offset", None)
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, (int, float, str, bool, type(None))):
            raise ExprError("Hằng số không được phép.", col)
        return
    if isinstance(node, ast.Name):
        if node.id.startswith("_"):
            raise ExprError(f"Tên không được phép: {node.id}", col)
        if node.id in FUNCTIONS or node.id == _IF_NAME:
            raise ExprError(f"'{node.id}' là hàm, cần dấu ngoặc.", col)
        names.add(node.id)
        return
    if isinstance(node, ast.Attribute):
        if not isinstance(node.value, ast.Name) or node.attr.startswith("_") or node.value.id.startswith("_"):
            raise ExprError("Không được truy cập thuộc tính (chỉ cho phép bảng.cột).", col)
        names.add(node.value.id)
        columns.add((node.value.id, node.attr))
        return
    if isinstance(node, ast.BinOp):
        if not isinstance(node.op, _ALLOWED_BINOPS):
            raise ExprError("Phép toán không được phép.", col)
        _check(node.left, names, columns, d, row_scope)
        _check(node.right, names, columns, d, row_scope)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.Not, ast.USub, ast.UAdd)):
            raise ExprError("Phép toán không được phép.", col)
        _check(node.operand, names, columns, d, row_scope)
        return
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _check(v, names, columns, d, row_scope)
        return
    if isinstance(node, ast.Compare):
        if not all(isinstance(op, _ALLOWED_CMPOPS) for op in node.ops):
            raise ExprError("Phép so sánh không được phép.", col)
        _check(node.left, names, columns, d, row_scope)
        for c in node.comparators:
            _check(c, names, columns, d, row_scope)
        return
    if isinstance(node, ast.IfExp):
        for v in (node.test, node.body, node.orelse):
            _check(v, names, columns, d, row_scope)
        return
    if isinstance(node, (ast.List, ast.Tuple)):
        for v in node.elts:
            _check(v, names, columns, d, row_scope)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name):
            raise ExprError("Chỉ được gọi các hàm có sẵn.", col)
        fname = node.func.id
        if fname not in FUNCTIONS and fname != _IF_NAME:
            raise ExprError(f"Hàm không được phép: {fname}", col)
        if node.keywords:
            raise ExprError("Không dùng tham số có tên trong hàm.", col)
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise ExprError("Cú pháp không được phép.", col)
        if fname == "estimated" and (len(node.args) != 1 or not isinstance(node.args[0], (ast.Name, ast.Attribute))):
            raise ExprError("Hàm estimated cần đúng 1 tham số là tên trường hoặc bảng.cột.", col)
        if fname == _IF_NAME and len(node.args) != 3:
            raise ExprError("Hàm if cần đúng 3 tham số: if(điều_kiện, giá_trị_đúng, giá_trị_sai).", col)
        if fname in TABLE_FUNCS or (fname == "sum" and len(node.args) == 2):
            if not node.args or not isinstance(node.args[0], ast.Name):
                if fname in ("all", "any") and len(node.args) == 1:
                    _check(node.args[0], names, columns, d, row_scope)
                    return
                raise ExprError(f"Tham số đầu của {fname} phải là tên một bảng.", col)
            if len(node.args) > 2:
                raise ExprError(f"Hàm {fname} nhận tối đa 2 tham số.", col)
            names.add(node.args[0].id)
            if len(node.args) == 2:
                row_names: set[str] = set()
                _check(node.args[1], row_names, columns, d, True)
                # names inside a row expression are columns of that table, or top-level fields
                for n in row_names:
                    columns.add((node.args[0].id, n))
            return
        for a in node.args:
            _check(a, names, columns, d, row_scope)
        return
    raise ExprError(f"Cú pháp không được phép trong biểu thức: {type(node).__name__}", col)


def is_empty(v: Any) -> bool:
    if v is None:
        return True
    t = type(v)
    if t is str or t is list or t is dict or t is tuple:
        return not v
    return False


class Env:
    """Values visible to an expression.

    ``fields``: field id -> value (tables are lists of row dicts).
    ``tables``: names that are tables. ``row``: the current row's values inside a per-row expression.
    """

    def __init__(self, fields: Mapping[str, Any], tables: Iterable[str] = (), row: Mapping[str, Any] | None = None):
        self.fields = fields
        self.tables = frozenset(tables)
        self.row = row

    def lookup(self, name: str) -> Any:
        if self.row is not None and name in self.row:
            return _plain(self.row[name])
        if name in self.fields:
            v = self.fields[name]
            return v if name in self.tables else _plain(v)
        return None

    def raw(self, name: str) -> Any:
        """The stored value, estimates not unwrapped."""
        if self.row is not None and name in self.row:
            return self.row[name]
        return self.fields.get(name)

    def with_row(self, row: Mapping[str, Any]) -> "Env":
        return Env(self.fields, self.tables, row)


def _plain(v: Any) -> Any:
    """Estimated figures are stored as {"value": x, "estimate": true}: expressions see the number."""
    if isinstance(v, dict) and "value" in v and set(v) <= {"value", "estimate"}:
        return v["value"]
    if isinstance(v, Decimal):
        return float(v)
    return v


def is_estimate(v: Any) -> bool:
    """A figure marked "ước thực hiện": {"value": x, "estimate": true}."""
    return isinstance(v, dict) and set(v) <= {"value", "estimate"} and bool(v.get("estimate"))


def _num(v: Any) -> Any:
    if is_empty(v):
        raise Undetermined()
    if isinstance(v, bool):
        return int(v)
    return v


class _Evaluator:
    def __init__(self, env: Env):
        self.env = env

    _dispatch: dict[type, Callable[["_Evaluator", ast.AST], Any]] = {}

    def visit(self, node: ast.AST) -> Any:
        return self._dispatch[type(node)](self, node)

    def v_Constant(self, node: ast.Constant) -> Any:
        return node.value

    def v_Name(self, node: ast.Name) -> Any:
        return self.env.lookup(node.id)

    def v_Attribute(self, node: ast.Attribute) -> Any:
        rows = self._rows(node.value.id)  # type: ignore[attr-defined]
        return [_plain(r.get(node.attr)) for r in rows]

    def v_List(self, node: ast.List) -> Any:
        return [self.visit(e) for e in node.elts]

    v_Tuple = v_List

    def v_BinOp(self, node: ast.BinOp) -> Any:
        a = _num(self.visit(node.left))
        b = _num(self.visit(node.right))
        op = node.op
        try:
            if isinstance(op, ast.Add):
                if isinstance(a, str) != isinstance(b, str):
                    raise Undetermined()
                return a + b
            if isinstance(a, str) or isinstance(b, str):
                raise Undetermined()
            if isinstance(op, ast.Sub):
                return a - b
            if isinstance(op, ast.Mult):
                return a * b
            if isinstance(op, ast.Div):
                return a / b
            if isinstance(op, ast.FloorDiv):
                return a // b
            if isinstance(op, ast.Mod):
                return a % b
        except ZeroDivisionError:
            raise Undetermined() from None
        except TypeError:
            raise Undetermined() from None
        raise Undetermined()  # pragma: no cover

    def v_UnaryOp(self, node: ast.UnaryOp) -> Any:
        if isinstance(node.op, ast.Not):
            v = self.visit(node.operand)
            return is_empty(v) or not v
        v = _num(self.visit(node.operand))
        if isinstance(v, str):
            raise Undetermined()
        return -v if isinstance(node.op, ast.USub) else +v

    def v_BoolOp(self, node: ast.BoolOp) -> Any:
        if isinstance(node.op, ast.And):
            result: Any = True
            undetermined = False
            for v in node.values:
                try:
                    result = self.visit(v)
                except Undetermined:
                    undetermined = True
                    continue
                if not _truthy(result):
                    return result
            if undetermined:
                raise Undetermined()
            return result
        result = False
        undetermined = False
        for v in node.values:
            try:
                result = self.visit(v)
            except Undetermined:
                undetermined = True
                continue
            if _truthy(result):
                return result
        if undetermined:
            raise Undetermined()
        return result

    def v_Compare(self, node: ast.Compare) -> Any:
        left = self.visit(node.left)
        for op, comp in zip(node.ops, node.comparators):
            right = self.visit(comp)
            if not _compare(op, left, right):
                return False
            left = right
        return True

    def v_IfExp(self, node: ast.IfExp) -> Any:
        return self.visit(node.body) if _truthy(self.visit(node.test)) else self.visit(node.orelse)

    def _rows(self, name: str) -> list:
        v = self.env.fields.get(name)
        if name not in self.env.tables:
            raise Undetermined()
        return [r for r in (v or []) if isinstance(r, dict)]

    def v_Call(self, node: ast.Call) -> Any:
        f = node.func.id  # type: ignore[attr-defined]
        args = node.args
        if f == _IF_NAME:
            return self.visit(args[1]) if _truthy(self.visit(args[0])) else self.visit(args[2])
        if f == "estimated":
            a = args[0]
            if isinstance(a, ast.Attribute):
                vals = [r.get(a.attr) for r in self._rows(a.value.id)]  # type: ignore[attr-defined]
            else:
                vals = [self.env.raw(a.id)]  # type: ignore[attr-defined]
            return any(is_estimate(v) for v in vals)
        if f in ("all", "any") and len(args) == 1:
            vals = self.visit(args[0])
            vals = vals if isinstance(vals, list) else [vals]
            return all(_truthy(v) for v in vals) if f == "all" else any(_truthy(v) for v in vals)
        if f in TABLE_FUNCS or (f == "sum" and len(args) == 2):
            rows = self._rows(args[0].id)  # type: ignore[attr-defined]
            if f == "count" and len(args) == 1:
                return len(rows)
            expr = args[1] if len(args) > 1 else None
            results = []
            undetermined = False
            for r in rows:
                sub = _Evaluator(self.env.with_row(r))
                try:
                    results.append(sub.visit(expr) if expr is not None else True)
                except Undetermined:
                    undetermined = True
                    results.append(None)
            return _fold_rows(f, results, undetermined)
        return _scalar_call(f, [self.visit(a) for a in args])


def _fold_rows(f: str, results: list, undetermined: bool) -> Any:
    """count / sum / all / any over the per-row results (None where a row was undetermined)."""
    if f == "count":
        return sum(1 for x in results if x is not None and _truthy(x))
    if f == "sum":
        return sum(_num(x) for x in results if not is_empty(x))
    determined = [x for x in results if x is not None]
    if f == "all":
        if any(not _truthy(x) for x in determined):
            return False
        if undetermined:
            raise Undetermined()
        return True
    if any(_truthy(x) for x in determined):
        return True
    if undetermined:
        raise Undetermined()
    return False


def _scalar_call(f: str, vals: list) -> Any:
    """The functions of plain values (their arguments evaluated)."""
    if f in AGG_FUNCS:
        flat: list = []
        for v in vals:
            flat.extend(v if isinstance(v, list) else [v])
        nums = [_num(x) for x in flat if not is_empty(x)]
        if f == "sum":
            return sum(nums)
        if not nums:
            raise Undetermined()
        return min(nums) if f == "min" else max(nums)
    if f == "abs":
        return abs(_num(vals[0]))
    if f == "round":
        return round(_num(vals[0]), int(_num(vals[1])) if len(vals) > 1 else 0)
    if f == "len":
        v = vals[0]
        return 0 if v is None else len(v)
    if f == "empty":
        return is_empty(vals[0])
    if f == "filled":
        return not is_empty(vals[0])
    raise Undetermined()  # pragma: no cover


_Evaluator._dispatch = {
    getattr(ast, name[2:]): fn for name, fn in vars(_Evaluator).items() if name.startswith("v_") and hasattr(ast, name[2:])
}


def _truthy(v: Any) -> bool:
    return not is_empty(v) and bool(v)


def _compare(op: ast.cmpop, a: Any, b: Any) -> bool:
    if isinstance(op, ast.Eq):
        return _eq(a, b)
    if isinstance(op, ast.NotEq):
        return not _eq(a, b)
    if isinstance(op, (ast.In, ast.NotIn)):
        if is_empty(b):
            res = False
        elif isinstance(b, (list, tuple)):
            res = any(_eq(a, x) for x in b)
        elif isinstance(b, str) and isinstance(a, str):
            res = a in b
        else:
            raise Undetermined()
        return res if isinstance(op, ast.In) else not res
    a = _num(a)
    b = _num(b)
    if isinstance(a, str) != isinstance(b, str):
        raise Undetermined()
    try:
        if isinstance(op, ast.Lt):
            return a < b
        if isinstance(op, ast.LtE):
            return a <= b
        if isinstance(op, ast.Gt):
            return a > b
        if isinstance(op, ast.GtE):
            return a >= b
    except TypeError:
        raise Undetermined() from None
    raise Undetermined()  # pragma: no cover


def _eq(a: Any, b: Any) -> bool:
    if is_empty(a) and is_empty(b):
        return True
    return a == b


# --- the tree compiled into closures -----------------------------------------------------------------
# Each node becomes a function of the Env, built once per expression. The semantics are those of
# _Evaluator, node for node (tests/foundation/test_expr_compiled.py compares both on every expression of
# every form and on random values); any node this compiler does not know is left to _Evaluator.

Compiled = Callable[[Env], Any]


def _table_rows(env: Env, name: str) -> list:
    v = env.fields.get(name)
    if name not in env.tables:
        raise Undetermined()
    return [r for r in (v or []) if isinstance(r, dict)]


def _compile(node: ast.AST) -> Compiled:
    fn = _COMPILERS.get(type(node))
    if fn is not None:
        try:
            return fn(node)
        except (AttributeError, IndexError, TypeError):  # a shape the checker let through: walk it instead
            pass
    return lambda env: _Evaluator(env).visit(node)


def _c_constant(node: ast.Constant) -> Compiled:
    value = node.value
    return lambda env: value


def _c_name(node: ast.Name) -> Compiled:
    name = node.id
    return lambda env: env.lookup(name)


def _c_attribute(node: ast.Attribute) -> Compiled:
    table, col = node.value.id, node.attr  # type: ignore[attr-defined]
    return lambda env: [_plain(r.get(col)) for r in _table_rows(env, table)]


def _c_list(node: ast.List | ast.Tuple) -> Compiled:
    parts = [_compile(e) for e in node.elts]
    return lambda env: [f(env) for f in parts]


def _c_binop(node: ast.BinOp) -> Compiled:
    fa, fb, op = _compile(node.left), _compile(node.right), type(node.op)

    def run(env: Env) -> Any:
        a = _num(fa(env))
        b = _num(fb(env))
        try:
            if op is ast.Add:
                if isinstance(a, str) != isinstance(b, str):
                    raise Undetermined()
                return a + b
            if isinstance(a, str) or isinstance(b, str):
                raise Undetermined()
            if op is ast.Sub:
                return a - b
            if op is ast.Mult:
                return a * b
            if op is ast.Div:
                return a / b
            if op is ast.FloorDiv:
                return a // b
            if op is ast.Mod:
                return a % b
        except (ZeroDivisionError, TypeError):
            raise Undetermined() from None
        raise Undetermined()  # pragma: no cover

    return run


def _c_unaryop(node: ast.UnaryOp) -> Compiled:
    f = _compile(node.operand)
    if isinstance(node.op, ast.Not):
        def negate(env: Env) -> Any:
            v = f(env)
            return is_empty(v) or not v
        return negate
    minus = isinstance(node.op, ast.USub)

    def sign(env: Env) -> Any:
        v = _num(f(env))
        if isinstance(v, str):
            raise Undetermined()
        return -v if minus else +v

    return sign


def _c_boolop(node: ast.BoolOp) -> Compiled:
    parts = [_compile(v) for v in node.values]
    is_and = isinstance(node.op, ast.And)

    def run(env: Env) -> Any:
        result: Any = is_and  # True for and, False for or
        undetermined = False
        for f in parts:
            try:
                result = f(env)
            except Undetermined:
                undetermined = True
                continue
            if _truthy(result) != is_and:
                return result
        if undetermined:
            raise Undetermined()
        return result

    return run


def _comparer(op: ast.cmpop) -> Callable[[Any, Any], bool]:
    """_compare for one operator, chosen once."""
    if isinstance(op, ast.Eq):
        return _eq
    if isinstance(op, ast.NotEq):
        return lambda a, b: not _eq(a, b)
    return functools.partial(_compare, op)


def _c_compare(node: ast.Compare) -> Compiled:
    fl = _compile(node.left)
    pairs = [(_comparer(op), _compile(c)) for op, c in zip(node.ops, node.comparators)]
    if len(pairs) == 1:
        cmp, fr = pairs[0]
        return lambda env: True if cmp(fl(env), fr(env)) else False

    def run(env: Env) -> Any:
        left = fl(env)
        for cmp, fc in pairs:
            right = fc(env)
            if not cmp(left, right):
                return False
            left = right
        return True

    return run


def _c_ifexp(node: ast.IfExp) -> Compiled:
    ft, fb, fo = _compile(node.test), _compile(node.body), _compile(node.orelse)
    return lambda env: fb(env) if _truthy(ft(env)) else fo(env)


def _c_call(node: ast.Call) -> Compiled:
    f = node.func.id  # type: ignore[attr-defined]
    args = node.args
    if f == _IF_NAME:
        fc, fa, fb = (_compile(a) for a in args[:3])
        return lambda env: fa(env) if _truthy(fc(env)) else fb(env)
    if f == "estimated":
        a = args[0]
        if isinstance(a, ast.Attribute):
            table, col = a.value.id, a.attr  # type: ignore[attr-defined]
            return lambda env: any(is_estimate(r.get(col)) for r in _table_rows(env, table))
        name = a.id  # type: ignore[attr-defined]
        return lambda env: is_estimate(env.raw(name))
    if f in ("all", "any") and len(args) == 1:
        fv = _compile(args[0])
        every = f == "all"

        def quantify(env: Env) -> Any:
            vals = fv(env)
            vals = vals if isinstance(vals, list) else [vals]
            return all(_truthy(v) for v in vals) if every else any(_truthy(v) for v in vals)

        return quantify
    if f in TABLE_FUNCS or (f == "sum" and len(args) == 2):
        table = args[0].id  # type: ignore[attr-defined]
        if f == "count" and len(args) == 1:
            return lambda env: len(_table_rows(env, table))
        fe = _compile(args[1]) if len(args) > 1 else None

        def over_rows(env: Env) -> Any:
            rows = _table_rows(env, table)
            results = []
            undetermined = False
            for r in rows:
                try:
                    results.append(fe(env.with_row(r)) if fe is not None else True)
                except Undetermined:
                    undetermined = True
                    results.append(None)
            return _fold_rows(f, results, undetermined)

        return over_rows
    fargs = [_compile(a) for a in args]
    return lambda env: _scalar_call(f, [fa(env) for fa in fargs])


_COMPILERS: dict[type, Callable[[Any], Compiled]] = {
    ast.Constant: _c_constant, ast.Name: _c_name, ast.Attribute: _c_attribute, ast.List: _c_list,
    ast.Tuple: _c_list, ast.BinOp: _c_binop, ast.UnaryOp: _c_unaryop, ast.BoolOp: _c_boolop,
    ast.Compare: _c_compare, ast.IfExp: _c_ifexp, ast.Call: _c_call,
}
