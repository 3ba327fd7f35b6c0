"""My minigrad: the engine a learner builds in the exercises, one piece a chapter.

Each exercise adds one piece of the engine. A later exercise notebook starts with::

    from minigrad.exercises import mine
    mine.use(before=5)       # from here on, minigrad runs with my pieces from exercises 01-04

``use`` reads the learner's own earlier exercise notebooks (the ones next to the running notebook:
``exercises/`` for a learner, ``solutions/`` for the solutions), runs the cells tagged ``mine`` in a
fresh namespace, checks each piece with its chapter's check function (silently), and puts the pieces
that pass into minigrad in place of minigrad's own (``PIECES`` says where). A piece that is unfinished,
fails a check or raises is left out: minigrad's own piece stays, and the table ``use`` prints says so,
in Korean, so nobody is stuck. Nothing is copied: change a piece in its notebook, save, and the next
``use`` picks it up.

``load`` does the same without installing anything; ``with my.engine():`` installs the pieces for one
block; ``with mine.trying("record", record):`` installs one piece, given as an object, for one block
(the check functions run the learner's piece inside minigrad this way); ``with mine.own_engine():`` runs a
block on minigrad's own pieces, whatever is installed (a check's reference run).
"""
from __future__ import annotations

import contextlib
import importlib
import io
import json
import signal
from dataclasses import dataclass, field
from pathlib import Path

import minigrad
from minigrad import accumulate, engine, function, grad_mode, saved, vjp
from minigrad.tensor import is_expandable_to

from .tasks import is_check_cell

__all__ = ["Piece", "PIECES", "MyMinigrad", "load", "use", "trying", "own_engine", "find_folder"]

TAG = "mine"                 # the cells of an exercise notebook that define its piece
CELL_SECONDS = 10            # a cell of the learner's that runs longer is stopped (endless loop)


@dataclass(frozen=True)
class Piece:
    """One piece of the engine: what the learner defines (``name``, in notebook ``stem``), how it is
    checked (``check``: a function of ``minigrad.exercises.chNN``, given the piece) and where it goes
    into minigrad (``install(piece)`` returns an undo function)."""
    chapter: int
    stem: str
    name: str
    title: str
    check: str
    install: object


# --------------------------------------------------------------------------- where pieces go
def _patch(pairs):
    """Set each (object, attribute, value); return a function that puts the old values back."""
    old = [(obj, attr, getattr(obj, attr)) for obj, attr, _ in pairs]
    for obj, attr, value in pairs:
        setattr(obj, attr, value)

    def undo():
        for obj, attr, value in reversed(old):
            setattr(obj, attr, value)
    return undo


def _install_gradient_edge(gradient_edge):
    return _patch([(function, "gradient_edge", gradient_edge), (engine, "gradient_edge", gradient_edge)])


def _install_record(record):
    kernel_record = function.record

    def recording(ctx, args, output):
        """The learner's record (edges, grad_fn), then what minigrad adds for the rest of the engine."""
        if type(output) is tuple or not all(isinstance(a, minigrad.Tensor) for a in args):
            return kernel_record(ctx, args, output)      # several outputs, numbers among the arguments
        record(ctx, args, output)
        ctx.sequence_nr = next(function._sequence_nr)
        ctx.meta = ((output.array.shape, output.array.dtype),)
        if ctx.to_save:
            saved.pack(ctx, output)
        output._requires_grad = True
    return _patch([(function, "record", recording)])


def _install_run_backward(run_backward):
    kernel_loop = engine.run_backward

    def loop(root, retain_graph, capture):
        if capture is not None:                          # grad(), backward(inputs=...): minigrad's
            return kernel_loop(root, retain_graph, capture)
        return run_backward(root, lambda node, grads: _step(node, grads, retain_graph))
    return _patch([(engine, "run_backward", loop)])


def _step(node, grad_outputs, retain_graph):
    """What the learner's loop calls for one node: minigrad's run_node, each gradient fitted to its input."""
    return vjp.fit_all(node, engine.run_node(node, grad_outputs, retain_graph))


def _install_sum_to_shape(sum_to_shape):
    kernel_fit = vjp.fit

    def fit(node, i, grad, meta):
        shape, dtype = meta
        if grad.array.shape != shape and is_expandable_to(shape, grad.array.shape):
            grad = sum_to_shape(grad, shape)
        return kernel_fit(node, i, grad, meta)
    return _patch([(vjp, "fit", fit)])


def _install_accumulate(accumulate_fn):
    def call(node, grad):
        if grad_mode.is_grad_enabled():                  # create_graph=True: minigrad's
            return kernel_call(node, grad)
        accumulate_fn(node.variable, grad)
        return ()
    kernel_call = accumulate.AccumulateGrad.__call__
    return _patch([(accumulate.AccumulateGrad, "__call__", call)])


def _install_no_grad(no_grad):
    return _patch([(grad_mode, "no_grad", no_grad), (minigrad, "no_grad", no_grad),
                   (minigrad.autograd, "no_grad", no_grad)])


def _install_saved_box(SavedBox):
    kernel_unpack, kernel_release = saved.unpack, saved.release

    def pack(node, output):
        box = SavedBox()
        box.save(*node.to_save)
        node.saved, node.to_save = box, ()

    def is_box(node):                   # (minigrad's own packing: a tuple, or None once released)
        return isinstance(getattr(node, "saved", None), SavedBox)

    def unpack(node):
        return tuple(node.saved.get()) if is_box(node) else kernel_unpack(node)

    def release(node):
        if is_box(node):
            node.saved.free()
        else:
            kernel_release(node)
    return _patch([(saved, "pack", pack), (saved, "unpack", unpack), (saved, "release", release)])


def _no_install(piece):
    return lambda: None


PIECES = [
    Piece(1, "01_tensors", "gradient_edge", "기울기가 가는 곳 gradient_edge", "check_gradient_edge",
          _install_gradient_edge),
    Piece(2, "02_recording_operations", "record", "노드 기록 record", "check_record", _install_record),
    Piece(3, "03_backward_chain_rule", "run_backward", "역전파 루프 run_backward", "check_run_backward",
          _install_run_backward),
    Piece(4, "04_vector_jacobian_product", "sum_to_shape", "브로드캐스팅 되돌리기 sum_to_shape",
          "check_sum_to_shape", _install_sum_to_shape),
    Piece(5, "05_gradient_accumulation", "accumulate", "기울기 누적 accumulate", "check_accumulate",
          _install_accumulate),
    Piece(6, "06_stopping_gradients", "MyNoGrad", "기록 끄기 MyNoGrad", "check_no_grad", _install_no_grad),
    Piece(7, "07_retain_graph", "SavedBox", "저장 상자 SavedBox", "check_saved_box", _install_saved_box),
    Piece(8, "08_logistic_regression", "sgd_step", "SGD 한 걸음 sgd_step", "check_sgd_step", _no_install),
]


# --------------------------------------------------------------------------- loading pieces
@dataclass
class Loaded:
    """One piece as loaded: ``value`` is the learner's object, or None when minigrad's own is used
    (``why`` says why, in Korean)."""
    piece: Piece
    value: object = None
    why: str = ""

    @property
    def mine(self):
        return self.value is not None


@dataclass
class MyMinigrad:
    """The learner's pieces, loaded. ``engine()`` puts them into minigrad for a ``with`` block."""
    pieces: list = field(default_factory=list)

    def __getitem__(self, name):
        found = [p for p in self.pieces if p.piece.name == name]
        return found[0].value if found else None

    @contextlib.contextmanager
    def engine(self):
        undo = self.install()
        try:
            yield self
        finally:
            undo()

    def install(self):
        """Put the learner's pieces into minigrad; returns a function that takes them out again."""
        undos = [p.piece.install(p.value) for p in self.pieces if p.mine]

        def undo():
            for u in reversed(undos):
                u()
        return undo

    def table(self):
        lines = ["나의 minigrad: 앞 장에서 만든 조각"]
        for p in self.pieces:
            where = f"{p.piece.chapter:02d}장 {p.piece.title}"
            lines.append(f"  ✅ {where}: 내 코드" if p.mine else f"  ⚠️ {where}: minigrad 의 것 ({p.why})")
        return "\n".join(lines)

    def __repr__(self):
        return self.table()


def trying(name, value):
    """``with trying("record", record):`` minigrad runs with this one piece (the object given) inside
    the block, and with its own piece again after it."""
    piece = next(p for p in PIECES if p.name == name)
    return MyMinigrad([Loaded(piece, value)]).engine()


# Every place a piece goes, and what minigrad has there itself (read when this module is first imported,
# before anything could be installed).
_PLACES = [(function, "gradient_edge"), (engine, "gradient_edge"), (function, "record"),
           (engine, "run_backward"), (vjp, "fit"), (accumulate.AccumulateGrad, "__call__"),
           (grad_mode, "no_grad"), (minigrad, "no_grad"), (minigrad.autograd, "no_grad"),
           (saved, "pack"), (saved, "unpack"), (saved, "release")]
_OWN = [getattr(obj, attr) for obj, attr in _PLACES]


@contextlib.contextmanager
def own_engine():
    """``with own_engine():`` minigrad's own pieces inside the block; the installed ones again after it."""
    undo = _patch([(obj, attr, own) for (obj, attr), own in zip(_PLACES, _OWN)])
    try:
        yield
    finally:
        undo()


def find_folder(start=None):
    """The folder of the running notebook's chapter notebooks: the current directory, or its
    exercises/ when run from the repository root."""
    start = Path.cwd() if start is None else Path(start)
    if any(start.glob("[0-9][0-9]_*.ipynb")):
        return start
    return start / "exercises"


def load(before, folder=None):
    """The learner's pieces of the chapters before `before`, from the notebooks in `folder`."""
    folder = find_folder(folder)
    return MyMinigrad([_load_piece(p, folder) for p in PIECES if p.chapter < before])


def use(before, folder=None):
    """Load the learner's pieces (chapters before `before`) and put them into minigrad for the rest of
    this notebook; prints which pieces are the learner's and which are minigrad's."""
    my = load(before, folder)
    my.install()
    print(my.table())
    return my


def _load_piece(piece, folder):
    path = folder / f"{piece.stem}.ipynb"
    if not path.exists():
        return Loaded(piece, why=f"{path.name} 이 없습니다")
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError) as e:
        return Loaded(piece, why=f"{path.name} 을 읽을 수 없습니다: {type(e).__name__}")
    namespace = {"__name__": f"mine_{piece.stem}"}
    for cell in cells:
        if cell.get("cell_type") != "code" or TAG not in (cell.get("metadata") or {}).get("tags", []):
            continue
        if is_check_cell(cell):
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        error = _run(source, namespace)
        if error:
            return Loaded(piece, why=f"셀을 실행하다 오류: {error}")
    value = namespace.get(piece.name)
    if value is None:
        return Loaded(piece, why=f"{piece.name} 이 정의되어 있지 않습니다")
    check = getattr(importlib.import_module(f"minigrad.exercises.ch{piece.chapter:02d}"), piece.check)
    with contextlib.redirect_stdout(io.StringIO()):
        result = check(value)
    if result.status == "not_implemented":
        return Loaded(piece, why="아직 구현하지 않았습니다")
    if not result.passed:
        first = result.failures[0].description if result.failures else ""
        return Loaded(piece, why=f"검사를 통과하지 못했습니다: {first}")
    return Loaded(piece, value)


def _run(source, namespace):
    """Run one cell of the learner's; the error as a short text, or ''."""
    if source.lstrip().startswith(("%", "!")):
        return ""
    stop = _alarm(CELL_SECONDS)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(source, "<나의 minigrad>", "exec"), namespace)
    except TimeoutError:
        return f"{CELL_SECONDS}초 안에 끝나지 않았습니다"
    except BaseException as e:  # noqa: BLE001 - the learner's code may raise anything
        return f"{type(e).__name__}: {e}".splitlines()[0]
    finally:
        stop()
    return ""


def _alarm(seconds):
    """Interrupt a cell that runs too long (where signals work: the main thread on Unix)."""
    def ring(signum, frame):
        raise TimeoutError
    try:
        previous = signal.signal(signal.SIGALRM, ring)
        signal.alarm(seconds)
    except (ValueError, AttributeError):                 # not the main thread, or no SIGALRM
        return lambda: None

    def stop():
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return stop
