"""Queries that would make the engine abort are refused first; updates are named as such (issue 13)."""

import subprocess
import sys

import pytest

from kg.errors import QueryError
from kg.sparql_limits import QueryLimits, check_query, inspect_query

NESTED_BRACES = "SELECT * WHERE " + "{" * 5000 + "}" * 5000  # about 10 KB
NESTED_PARENS = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
UNIONS = "SELECT * WHERE { " + " UNION ".join("{ ?s ?p %d }" % i for i in range(100_000)) + " }"  # about 2.9 MB
CHAIN = "SELECT * WHERE { FILTER(true" + " && true" * 10_000 + ") }"


def _kg(*args, built):
    return subprocess.run([sys.executable, "-m", "kg", "query", *args, "--graph", str(built)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("sparql, says", [
    (NESTED_BRACES, "nests { ( [ 5000 deep, over the limit of 64 (--max-depth)"),
    (NESTED_PARENS, "nests { ( [ 5002 deep"),
    (UNIONS, "bytes, over the limit of 1,000,000 (--max-bytes)"),
    (CHAIN, "10,001 operators, over the limit of 2,000 (--max-operators)"),
], ids=["braces", "parentheses", "unions", "operator-chain"])
def test_a_query_that_crashed_the_engine_is_an_error_not_a_segfault(tmp_path, built, sparql, says):
    """Each of these made `kg query` die with SIGSEGV (exit 139) before the check."""
    path = tmp_path / "q.rq"
    path.write_text(sparql, encoding="utf-8")
    result = _kg(str(path), built=built)
    assert result.returncode == 1, result
    assert says in result.stderr


def test_union_branches_are_counted():
    query = "SELECT * WHERE { " + " UNION ".join("{ ?s ?p %d }" % i for i in range(1002)) + " }"
    with pytest.raises(QueryError, match="1,001 UNION branches, over the limit of 1,000"):
        check_query(query)


def test_marks_inside_strings_iris_and_comments_do_not_count(built):
    from kg.query import query

    sparql = ('# { { { UNION UNION ((((\nPREFIX ex: <http://example.org/a/(b)#>\n'
              'SELECT ?x WHERE { BIND("{{{{ UNION (((( && &&" AS ?x) BIND(\'\'\'}}}\n((((\'\'\' AS ?y) '
              'FILTER(?x != <http://example.org/((((>) }')
    shape = inspect_query(sparql)
    assert (shape.depth, shape.unions, shape.operators, shape.form) == (2, 0, 1, "SELECT")
    assert check_query(sparql, QueryLimits(max_depth=2, max_unions=1, max_operators=1)) == shape
    assert query(sparql, built).rows == [["{{{{ UNION (((( && &&"]]


def test_the_limits_are_options(tmp_path, built):
    path = tmp_path / "q.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE " + "{" * 100 + " ?s ?p ?o " + "}" * 100, encoding="utf-8")
    assert "over the limit of 64" in _kg(str(path), built=built).stderr
    result = _kg(str(path), "--max-depth", "200", built=built)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "(1 rows)"


@pytest.mark.parametrize("update", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                    "PREFIX ex: <urn:x#> DELETE WHERE { ?s ex:p ?o }", "CLEAR ALL"])
def test_an_update_says_updates_are_not_allowed(built, update):
    result = _kg(update, built=built)
    assert result.returncode == 1
    assert "SPARQL Update" in result.stderr and "not allowed" in result.stderr
    assert "kg serve --writable" in result.stderr and "expected" not in result.stderr
