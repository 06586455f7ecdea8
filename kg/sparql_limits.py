"""Check a SPARQL text before the engine sees it: size, nesting, UNION branches, operators; query or update.

Oxigraph parses and plans a query by recursion on the thread's stack, and a
query nested deep enough overflows it: the process aborts (measured with
pyoxigraph 0.5 on this project's machine: 5,000 nested braces, 5,000 nested
parentheses, 100,000 UNION branches and a chain of 10,000 ``+`` or ``&&``
each kill it with SIGSEGV; 500 nested braces and 5,000 chained ``&&`` do
not). ``kg query`` and the proxy of ``kg serve`` refuse such a query with
the limit it passed, before it reaches the engine.

Everything is counted outside strings, IRIs and comments, by one pass of a
regular expression over SPARQL 1.1's lexical tokens (SPARQL 1.1 Query
Language, section 19.8, Grammar: STRING_LITERAL*, IRIREF, comments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryError

__all__ = ["QueryLimits", "QueryShape", "check_query", "inspect_query", "UPDATE_KEYWORDS"]

#: The first keywords of SPARQL 1.1 Update operations (SPARQL 1.1 Update, section 3).
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
_OPERATORS = frozenset({"&&", "||", "+", "-", "*", "/", "=", "!=", "<", "<=", ">", ">=", "|", "^", "!"})
_OPEN, _CLOSE = frozenset("{(["), frozenset("})]")

_TOKEN = re.compile(r'''
    (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<word>[\w:?$@][\w:.\-]*)
  | (?P<operator>&&|\|\||!=|<=|>=|[-+*/=<>|^!])
  | (?P<other>\S)
''', re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class QueryLimits:
    """The largest query ``kg query`` and ``kg serve`` pass to the engine.

    Attributes:
        max_bytes: the query's size in bytes of UTF-8 (1 MB).
        max_depth: how deep ``{ ( [`` may nest, counted together (64).
        max_unions: UNION keywords in the whole query (1,000).
        max_operators: operators (``&& || + - * / = != < <= > >= | ^ !``) in the whole query (2,000).

    The defaults are ours, far above any query of the shipped set (depth 4,
    no UNION, one operator at the most) and far below what makes the engine abort.
    """

    max_bytes: int = 1_000_000
    max_depth: int = 64
    max_unions: int = 1000
    max_operators: int = 2000


@dataclass(frozen=True)
class QueryShape:
    """What :func:`inspect_query` counted: bytes, deepest nesting, UNIONs, operators, and the form.

    ``form`` is the first keyword after the prologue (``SELECT``, ``ASK``,
    ``CONSTRUCT``, ``DESCRIBE``, an update keyword such as ``INSERT``), or ``""``.
    """

    size: int
    depth: int
    unions: int
    operators: int
    form: str

    @property
    def is_update(self) -> bool:
        return self.form in UPDATE_KEYWORDS


def inspect_query(sparql: str) -> QueryShape:
    """Count what :class:`QueryLimits` bounds, in one linear pass (no backtracking)."""
    depth = deepest = unions = operators = 0
    form, expect = "", None  # expect: what the prologue still needs before a form keyword can come
    for match in _TOKEN.finditer(sparql):
        kind, text = match.lastgroup, match.group()
        if kind == "other":
            if text in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
            elif text in _CLOSE:
                depth = max(0, depth - 1)
        elif kind == "operator":
            operators += 1
        elif kind == "word":
            upper = text.upper()
            if upper == "UNION":
                unions += 1
            if not form:
                if expect == "name":
                    expect = "iri"
                elif upper == "PREFIX":
                    expect = "name"
                elif upper == "BASE":
                    expect = "iri"
                else:
                    form = upper
        elif kind == "iri" and expect == "iri":
            expect = None
    return QueryShape(len(sparql.encode("utf-8")), deepest, unions, operators, form)


def check_query(sparql: str, limits: QueryLimits = QueryLimits(), allow_update: bool = False) -> QueryShape:
    """Refuse a query past a limit, or an update where only queries are allowed.

    Returns:
        Its :class:`QueryShape`.

    Raises:
        QueryError: past a limit (the message names the limit, its value and
            the option that sets it), or an update with ``allow_update`` false.
    """
    size = len(sparql.encode("utf-8"))
    if size > limits.max_bytes:
        raise QueryError(f"the query is {size:,} bytes, over the limit of {limits.max_bytes:,} (--max-bytes)")
    shape = inspect_query(sparql)
    if shape.depth > limits.max_depth:
        raise QueryError(f"the query nests {{ ( [ {shape.depth} deep, over the limit of {limits.max_depth} (--max-depth)")
    if shape.unions > limits.max_unions:
        raise QueryError(f"the query has {shape.unions:,} UNION branches, over the limit of {limits.max_unions:,} "
                         "(--max-unions)")
    if shape.operators > limits.max_operators:
        raise QueryError(f"the query has {shape.operators:,} operators, over the limit of {limits.max_operators:,} "
                         "(--max-operators)")
    if shape.is_update and not allow_update:
        raise QueryError(f"SPARQL Update ({shape.form} …) is not allowed: kg query only reads the build; "
                         "'kg serve --writable' serves an endpoint that takes updates")
    return shape
