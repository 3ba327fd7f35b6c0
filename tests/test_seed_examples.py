"""Run every seed example (tests/seed_examples.py) on minigrad and compare with PyTorch.

* ``test_torch_reproduces_expected``: real PyTorch (when importable) prints exactly the stored
  ``expected`` output (after normalization) -- this validates the data itself.
* ``test_minigrad_matches``: minigrad prints what PyTorch prints for the same code (live parity when
  torch is importable, else the stored ``expected``), raises the same exception class, emits the
  same warning class.  Skipped while minigrad is not importable.
* ``test_minigrad_parity_summary``: counts exact (byte-identical, before normalization) and
  normalized matches, prints them, and asserts that every example matches.

Run ``python tests/test_seed_examples.py`` for a readable mismatch report.
"""
from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.util
import io
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _load_seed_examples():
    name = "_minigrad_seed_examples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("seed_examples.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look the module up while the file runs
    spec.loader.exec_module(module)
    return module


seeds = _load_seed_examples()
EXAMPLES = seeds.EXAMPLES
IDS = [ex.id for ex in EXAMPLES]
DOC_TEXT = Path(__file__).with_name("SEED_EXAMPLES.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- backends
def _torch_backend():
    try:
        import torch
    except Exception:  # noqa: BLE001 - any import problem means "no oracle"
        return None
    return torch, torch.autograd.Variable


def _minigrad_backend():
    """(module, Variable) or a string saying why minigrad cannot run yet."""
    if not (ROOT / "minigrad" / "engine.py").exists():
        return "minigrad/engine.py 가 아직 없습니다 (엔진 작성 중)"
    try:
        minigrad = importlib.import_module("minigrad")
    except Exception as exc:  # noqa: BLE001
        return f"import minigrad 실패: {type(exc).__name__}: {exc}"
    if not hasattr(minigrad, "tensor"):
        return "minigrad 에 tensor 가 아직 없습니다"
    try:
        variable = importlib.import_module("minigrad.autograd").Variable
    except Exception as exc:  # noqa: BLE001 - a missing Variable is a mismatch, not a skip
        reason = f"{type(exc).__name__}: {exc}"

        def variable(*args, **kwargs):
            raise AttributeError(f"minigrad.autograd.Variable 없음 ({reason})")
    return minigrad, variable


# --------------------------------------------------------------------------- runner
@dataclass
class Result:
    stdout: str = ""
    exception: BaseException | None = None
    warnings: list = field(default_factory=list)
    probe: str | None = None
    setup_error: BaseException | None = None

    @property
    def exc_name(self):
        return None if self.exception is None else type(self.exception).__name__

    def summary(self):
        text = self.stdout
        if self.exception is not None:
            text += f"!! {type(self.exception).__name__}: {self.exception}\n"
        if self.probe is not None:
            text += "-- probe --\n" + self.probe
        return text


def run_cell(code: str, namespace: dict, filename: str) -> None:
    """Run ``code`` like a Jupyter cell: a final bare expression prints its repr (``Out[]``)."""
    tree = ast.parse(code, filename=filename)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(last, filename, "eval"), namespace)
        if value is not None:
            print(repr(value))


def run_example(ex, backend) -> Result:
    torch_module, variable = backend
    namespace = {"torch": torch_module, "Variable": variable, "__name__": "__seed__"}
    result = Result()
    # earlier cells of the same "notebook": output and warnings discarded
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for prev in seeds.setup_chain(ex.id):
                run_cell(prev.code, namespace, f"<seed {prev.id}>")
    except Exception as exc:  # noqa: BLE001
        result.setup_error = exc
        result.exception = exc
        return result
    buffer = io.StringIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.redirect_stdout(buffer):
            try:
                run_cell(ex.code, namespace, f"<seed {ex.id}>")
            except Exception as exc:  # noqa: BLE001
                result.exception = exc
    result.stdout = buffer.getvalue()
    result.warnings = [(w.category.__name__, str(w.message)) for w in caught]
    if ex.probe is not None and result.exception is None:
        probe_buffer = io.StringIO()
        with contextlib.redirect_stdout(probe_buffer), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                run_cell(ex.probe, namespace, f"<seed {ex.id} probe>")
            except Exception as exc:  # noqa: BLE001
                probe_buffer.write(f"!! {type(exc).__name__}: {exc}\n")
        result.probe = probe_buffer.getvalue()
    return result


def problems(ex, got: Result, reference: Result | None) -> list[str]:
    """Differences of ``got`` from the reference run (torch) or, without one, from the stored data."""
    out = []
    if got.setup_error is not None:
        out.append(f"앞 셀 ({ex.after}) 실행 중 예외: {type(got.setup_error).__name__}: {got.setup_error}")
        return out
    want_stdout = seeds.normalize(reference.stdout) if reference else ex.expected
    if seeds.normalize(got.stdout) != want_stdout:
        out.append(f"stdout 다름\n--- 기대 ---\n{want_stdout}--- 실제 ---\n{seeds.normalize(got.stdout)}")
    want_exc = reference.exc_name if reference else ex.raises
    if got.exc_name != want_exc:
        out.append(f"예외 다름: 기대 {want_exc}, 실제 {got.exc_name}: {got.exception}")
    elif ex.raises and ex.raises_match and ex.raises_match not in str(got.exception):
        out.append(f"예외 메시지에 {ex.raises_match!r} 없음: {got.exception}")
    if ex.raises and not isinstance(got.exception, RuntimeError if ex.raises == "RuntimeError" else Exception):
        out.append(f"예외가 {ex.raises} 의 인스턴스가 아님: {got.exc_name}")
    if ex.warns:
        hits = [m for c, m in got.warnings if c == ex.warns and (ex.warns_match or "") in m]
        if not hits:
            out.append(f"{ex.warns} ({ex.warns_match!r}) 경고가 없음; 받은 경고: {got.warnings}")
    else:
        if got.warnings:
            out.append(f"예상하지 않은 경고: {got.warnings}")
    if ex.probe is not None:
        want_probe = seeds.normalize(reference.probe) if reference else ex.probe_expected
        if seeds.normalize(got.probe or "") != want_probe:
            out.append(f"probe 출력 다름\n--- 기대 ---\n{want_probe}--- 실제 ---\n{got.probe}")
    return out


_CACHE: dict = {}


def _run_cached(kind: str, ex):
    key = (kind, ex.id)
    if key not in _CACHE:
        backend = _torch_backend() if kind == "torch" else _minigrad_backend()
        _CACHE[key] = run_example(ex, backend)
    return _CACHE[key]


# --------------------------------------------------------------------------- data sanity
def test_ids_unique_and_well_formed():
    import re

    assert len(IDS) == len(set(IDS))
    for ex in EXAMPLES:
        assert re.fullmatch(r"\d{3}-\d{2}", ex.id), ex.id
        assert ex.source.startswith(ex.id[:3]), ex.id
        assert ex.after is None or ex.after in seeds.BY_ID, ex.id
        assert ex.must_contain, f"{ex.id}: must_contain 가 비어 있음"
        squashed = "".join(ex.code.split())
        for line in ex.must_contain:
            assert "".join(line.split()) in squashed, f"{ex.id}: must_contain {line!r} 가 code 에 없음"
        assert ex.chapter in seeds.CHAPTERS.values(), ex.id
        assert f"`{ex.id}`" in DOC_TEXT, f"{ex.id} 가 tests/SEED_EXAMPLES.md 에 없음"


def test_seed_files_contain_the_key_lines():
    """Each example's key lines (randomness replacements aside) appear in its seed document."""
    seed_dir = ROOT.parent / "shared" / "seeds"
    if not seed_dir.is_dir():
        pytest.skip(f"seed 문서 폴더가 없습니다: {seed_dir.name}")
    for ex in EXAMPLES:
        text = "".join((seed_dir / ex.source).read_text(encoding="utf-8").split())
        for line in ex.must_contain:
            if ex.id == "002-02" and line.startswith("w ="):
                continue
            assert "".join(line.split()) in text, f"{ex.id}: {line!r} 가 {ex.source} 에 없음"


# --------------------------------------------------------------------------- torch validates the data
@pytest.mark.parity
@pytest.mark.parametrize("example_id", IDS)
def test_torch_reproduces_expected(example_id):
    if _torch_backend() is None:
        pytest.skip("torch 가 설치되어 있지 않음: 저장된 기대 출력으로만 비교합니다")
    ex = seeds.BY_ID[example_id]
    got = _run_cached("torch", ex)
    issues = problems(ex, got, reference=None)
    assert not issues, f"[{ex.id}] torch 출력이 저장된 기대값과 다름:\n" + "\n".join(issues)


# --------------------------------------------------------------------------- minigrad
@pytest.mark.parametrize("example_id", IDS)
def test_minigrad_matches(example_id):
    backend = _minigrad_backend()
    if isinstance(backend, str):
        pytest.skip(backend)
    ex = seeds.BY_ID[example_id]
    got = _run_cached("minigrad", ex)
    reference = _run_cached("torch", ex) if _torch_backend() is not None else None
    issues = problems(ex, got, reference)
    assert not issues, f"[{ex.id}] minigrad ≠ {'torch' if reference else 'stored'}\n" \
                       f"--- code ---\n{ex.code}" + "\n".join(issues)


def parity_report():
    """(exact, normalized, total, mismatches) for minigrad vs torch (or stored data)."""
    backend = _minigrad_backend()
    if isinstance(backend, str):
        return None
    have_torch = _torch_backend() is not None
    exact = normalized = 0
    mismatches = []
    for ex in EXAMPLES:
        got = _run_cached("minigrad", ex)
        ref = _run_cached("torch", ex) if have_torch else None
        issues = problems(ex, got, ref)
        if not issues:
            normalized += 1
            ref_text = ref.summary() if ref else None
            if ref_text is not None and got.summary() == ref_text:
                exact += 1
        else:
            mismatches.append((ex, got, ref, issues))
    return exact, normalized, len(EXAMPLES), mismatches, have_torch


def test_minigrad_parity_summary(capsys):
    report = parity_report()
    if report is None:
        pytest.skip(_minigrad_backend())
    exact, normalized, total, mismatches, have_torch = report
    with capsys.disabled():
        print(f"\n[seed parity] {total} 예제 중 {normalized} 개 일치 (정규화 후), "
              f"{exact} 개는 PyTorch 와 바이트까지 동일"
              + ("" if have_torch else " (torch 없음: 저장된 출력과 비교)")
              + (f"; 불일치: {', '.join(m[0].id for m in mismatches)}" if mismatches else ""))
    assert not mismatches, f"{len(mismatches)} 개 예제가 다름: {[m[0].id for m in mismatches]}"


def main() -> int:
    report = parity_report()
    if report is None:
        print("minigrad 를 실행할 수 없음:", _minigrad_backend())
        return 2
    exact, normalized, total, mismatches, have_torch = report
    for ex, got, ref, issues in mismatches:
        print(f"==================== {ex.id} ({ex.title})")
        print("--- code ---")
        print(ex.code)
        print("--- torch ---" if ref else "--- stored ---")
        print(ref.summary() if ref else ex.expected)
        print("--- minigrad ---")
        print(got.summary())
        print("--- 문제 ---")
        print("\n".join(issues))
    if have_torch:
        for ex in EXAMPLES:
            got, ref = _run_cached("minigrad", ex), _run_cached("torch", ex)
            if got.summary() != ref.summary() and not problems(ex, got, ref):
                diff = [(a, b) for a, b in zip(ref.summary().splitlines(), got.summary().splitlines()) if a != b]
                print(f"{ex.id}: 정규화 후에만 같음: " + "; ".join(f"torch {a!r} / minigrad {b!r}" for a, b in diff))
    print(f"{normalized}/{total} 일치 (정규화 후), {exact} 개 바이트 동일")
    return 0 if not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
