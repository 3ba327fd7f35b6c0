"""minigrad's modules import each other without circles (docs/design.md).

Every import is counted: at the top of a file, at the bottom, or inside a function. The only circle
allowed is the one between the tensor and Function (tensor.py <-> function.py); today there is none.
"""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "minigrad"
ALLOWED = {frozenset({"minigrad.tensor", "minigrad.function"})}


def _module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path, modules):
    """The minigrad modules that the file at `path` imports, wherever the import statement stands."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            submodules = [f"{base}.{alias.name}" for alias in node.names]
            # `from pkg import module` imports the module; `from pkg import name` uses pkg itself
            targets = submodules + ([base] if any(m not in modules for m in submodules) else [])
        else:
            continue
        found.update(t for t in targets if t in modules and t != name)
    return found


def _graph():
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: _imports(path, files) for name, path in files.items()}


def _circles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(frozenset(component))

    for v in graph:
        if v not in index:
            visit(v)
    return result


def test_no_import_circles_beyond_tensor_and_function():
    circles = [c for c in _circles(_graph()) if c not in ALLOWED]
    assert not circles, "import circles: " + "; ".join(" <-> ".join(sorted(c)) for c in circles)


def test_the_check_finds_a_circle(tmp_path):
    graph = {"minigrad.a": {"minigrad.b"}, "minigrad.b": {"minigrad.c"}, "minigrad.c": {"minigrad.a"},
             "minigrad.tensor": {"minigrad.function"}, "minigrad.function": {"minigrad.tensor"}}
    found = _circles(graph)
    assert frozenset({"minigrad.a", "minigrad.b", "minigrad.c"}) in found
    assert [c for c in found if c not in ALLOWED] == [frozenset({"minigrad.a", "minigrad.b", "minigrad.c"})]


def test_imports_inside_functions_count(tmp_path):
    path = tmp_path / "minigrad" / "x.py"
    path.parent.mkdir()
    path.write_text("def f():\n    from . import y\n    return y\n", encoding="utf-8")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "minigrad"
    try:
        assert _imports(path, {"minigrad.x", "minigrad.y"}) == {"minigrad.y"}
    finally:
        PACKAGE = saved
