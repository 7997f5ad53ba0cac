"""The worker's side: runs *student* code and answers the grader's requests with plain data.

Loaded by path inside the forked worker (never imported by the grading process's logic), so it uses
only the standard library, numpy and torch. It computes; it never judges: expected values never
reach this process.
"""
import ast
import codeop
import contextlib
import linecache
import math
import re
import sys
import traceback
import types
import weakref

import numpy as np
import torch
from torch.overrides import TorchFunctionMode

MAX_MESSAGE = 4000
MAX_FAILED_CELLS = 100


def safe_text(value, limit=MAX_MESSAGE):
    """A bounded string for anything, even an object whose __repr__/__str__ raises or recurses."""
    try:
        text = str(value)
    except BaseException as error:  # noqa: BLE001 - hostile __str__
        text = f"<unrepresentable {type(error).__name__}>"
    return text if len(text) <= limit else text[: limit // 2] + " … " + text[-limit // 2:]


SUBMISSION_FILES = set()
WIRE = None  # the channel module, handed over by the zygote (loaded by path, not importable)


def _cache_sources(cells):
    """linecache lets tracebacks quote the student's lines, though the code never was a file here.
    A script's statements share their file's name: each is placed at its own lines."""
    files = {}
    for cell in cells:
        lines = files.setdefault(cell["filename"], [])
        start = int(cell.get("first_line", 1)) - 1
        body = cell["source"].splitlines(True)
        lines.extend(["\n"] * (start + len(body) - len(lines)))
        lines[start:start + len(body)] = body
    for filename, lines in files.items():
        linecache.cache[filename] = (sum(map(len, lines)), None, lines, filename)
        SUBMISSION_FILES.add(filename)


CELL_FRAME = re.compile(r'File "(cell \d+|In \[\d+\])", line (\d+)')


def format_exception(error):
    """The student's own frames (with their source lines) and the error: torch's and the
    harness's frames teach nothing and bury the line that matters."""
    try:
        frames = traceback.extract_tb(error.__traceback__)
        own = [f for f in frames if f.filename in SUBMISSION_FILES]
        lines = ["Traceback (most recent call last):\n"] + traceback.format_list(own or frames[-1:])
        lines += traceback.format_exception_only(type(error), error)
        # A notebook's cells are cited the way the student finds them: "cell 7, line 3" (a submitted
        # notebook) or "In [7], line 3" (the kernel's executions, graded by check_task).
        return safe_text(CELL_FRAME.sub(r"\1, line \2", "".join(lines)))
    except BaseException:  # noqa: BLE001 - a hostile exception must not take the harness down
        return f"<unrepresentable {safe_text(type(error).__name__, 100)}>"


def to_numpy(tensor):
    if not isinstance(tensor, torch.Tensor):
        raise TypeError(f"expected a tensor, got {type(tensor).__name__}")
    # Plain data only: strip subclasses and autograd, move to the CPU.
    plain = torch.Tensor.as_subclass(tensor.detach(), torch.Tensor).to("cpu")
    if plain.dtype not in (torch.float32, torch.float64, torch.float16, torch.int64, torch.bool):
        plain = plain.to(torch.float32)
    return plain.contiguous().numpy()


def ordinary_input(shape, device):
    """The input of a forward whose output the grader does not read (shapes, MACs, convolutions):
    drawn like the inputs of the forwards it does read, and run with autograd on as they are, so
    the module cannot tell a measurement from a comparison (an all-zero input under no_grad could)."""
    generator = torch.Generator().manual_seed(0)
    return torch.randn(list(shape), generator=generator).to(device)


class ParameterTrace(TorchFunctionMode):
    """Records, in call order, which named parameters and buffers each torch operation reads, as
    [op name, names, input shape, output shape, kind, input source]: the input is the first tensor
    argument that is not a named one, and either shape is None where there is no such tensor.

    ``kind`` is "alias" for a call on named tensors alone (a bias reshaped, a weight transposed or
    cut into per-group pieces): later calls that read its result read the named tensor. ``input
    source`` is the named tensor whose call produced the input, followed through calls that read no
    named tensor (a permute, a gate's multiplication): so transplant can tell which convolution's
    output a BatchNorm normalises, whatever happened to it in between. Results are tracked by id and forgotten when
    freed (weakref), so no id is read for another tensor and no activation is kept alive."""

    def __init__(self, names_by_id):
        super().__init__()
        self.names_by_id = dict(names_by_id)
        self.calls = []
        self.source_by_id = {}

    @classmethod
    def of(cls, module):
        """A trace of ``module``'s own parameters and buffers, by their names."""
        names_by_id = {id(p): n for n, p in module.named_parameters()}
        names_by_id.update({id(b): n for n, b in module.named_buffers()})
        return cls(names_by_id)

    def _remember(self, table, tensor, name):
        key = id(tensor)
        table[key] = name
        try:
            weakref.finalize(tensor, table.pop, key, None)
        except TypeError:  # not weak-referenceable: forget it now rather than risk a reused id
            table.pop(key, None)

    def __torch_function__(self, func, types_, args=(), kwargs=None):
        kwargs = kwargs or {}
        used = []
        input_shape = None
        sources = []  # (shape, source) of the unnamed tensor inputs that have one
        for value in list(args) + list(kwargs.values()):
            for item in (value if isinstance(value, (list, tuple)) else (value,)):
                name = self.names_by_id.get(id(item))
                if name is not None and name not in used:
                    used.append(name)
                elif name is None and isinstance(item, torch.Tensor):
                    if input_shape is None:
                        input_shape = list(item.shape)
                    if id(item) in self.source_by_id:
                        sources.append((tuple(item.shape), self.source_by_id[id(item)]))
        out = func(*args, **kwargs)
        # Of several inputs (x * gate), the one the output is shaped like carries the data.
        shaped = [src for shape, src in sources if isinstance(out, torch.Tensor) and shape == tuple(out.shape)]
        source = (shaped or [src for _, src in sources] or [None])[0]
        kind = None
        # chunk, split and unbind give their pieces as a tuple: each piece is the tensor it was cut
        # from (a weight sliced per group and fed to F.conv2d is read through its pieces).
        pieces = [piece for piece in (out if isinstance(out, (tuple, list)) else (out,))
                  if isinstance(piece, torch.Tensor)]
        if pieces:
            if used and input_shape is None:
                kind = "alias"
                for piece in pieces:
                    self._remember(self.names_by_id, piece, used[0])
            elif used or source:
                for piece in pieces:
                    self._remember(self.source_by_id, piece, used[0] if used else source)
        if used:
            output_shape = list(out.shape) if isinstance(out, torch.Tensor) else None
            self.calls.append([getattr(func, "__name__", safe_text(func, 80)), used, input_shape, output_shape,
                               kind, source])
        return out


def convolutions(session, header, arrays):
    """Every 2-D convolution one eval-mode forward performs, in call order: input, weight and output
    shapes, whether written as nn.Conv2d or F.conv2d. Where a stride sits shows here (a 3×3 conv
    mapping 9×9 to 5×5) even when parameter counts and output shapes agree."""
    class Record(TorchFunctionMode):
        def __init__(self):
            super().__init__()
            self.calls = []

        def __torch_function__(self, func, types_, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            if func in (torch.conv2d, torch.nn.functional.conv2d) and len(args) >= 2:
                self.calls.append({"input": list(args[0].shape), "weight": list(args[1].shape),
                                   "output": list(out.shape)})
            return out

    module = session.module
    module.eval()
    device = next((p.device for p in module.parameters()), session.device)
    record = Record()
    with record:
        module(ordinary_input(header["input_shape"], device))
    return {"convolutions": record.calls}, {}


class GroupedConvolutions:
    """Records, below autograd, every convolution a forward performs whose ``groups`` argument is
    above 1 (nn.Conv2d, F.conv2d, torch.convolution and aten ops alike). It is on for every forward
    the grader asks for, whichever check asks, so a submission cannot behave one way when it is
    watched and another when it is graded. Built lazily: the dispatch-mode import is paid once."""

    mode = None

    @classmethod
    def recorder(cls):
        if cls.mode is None:
            from torch.utils._python_dispatch import TorchDispatchMode

            class Record(TorchDispatchMode):
                def __init__(self):
                    super().__init__()
                    self.calls = []

                def __torch_dispatch__(self, func, types_, args=(), kwargs=None):
                    kwargs = kwargs or {}
                    if "conv" in func.name():
                        names = [a.name for a in func._schema.arguments]
                        groups = kwargs.get("groups", args[names.index("groups")] if "groups" in names
                                            and names.index("groups") < len(args) else 1)
                        if int(groups) > 1:
                            self.calls.append({"op": safe_text(func.name(), 100), "groups": int(groups)})
                    return func(*args, **kwargs)

            cls.mode = Record
        return cls.mode()


def grouped_modules(module):
    """Every convolution submodule built with ``groups`` > 1, as [name, type, groups]."""
    return [[name, type(sub).__name__, int(sub.groups)] for name, sub in module.named_modules()
            if isinstance(sub, torch.nn.modules.conv._ConvNd) and sub.groups > 1]


def class_origins(module):
    """``module.qualname`` of every class in the MRO of every submodule's type: where a built block
    really comes from, however it was imported, re-imported or dug up."""
    origins = set()
    for sub in module.modules():
        for klass in type(sub).__mro__:
            origins.add(f"{safe_text(getattr(klass, '__module__', ''), 200)}.{safe_text(klass.__qualname__, 200)}")
    return sorted(origins)


def _has_lazy(module):
    return any(isinstance(t, torch.nn.parameter.UninitializedTensorMixin)
               for t in list(module.parameters()) + list(module.buffers()))


def _materialise(module, input_shape, device):
    """Lazy layers (nn.LazyConv2d …) get their shapes from a first forward pass: one on zeros of the
    configuration's input shape, in eval mode (no running statistics move), before anything is
    described or loaded."""
    training = module.training
    module.eval()
    with torch.no_grad():
        module(torch.zeros([int(d) for d in input_shape], device=device))
    module.train(training)


def seed_initialisation(device):
    """Every build starts its parameters from the same seed. On the CPU only the CPU generator is
    read, and torch.manual_seed would also queue a lazy seed for each accelerator backend with the
    caller's formatted stack (a millisecond or more per build, under every check's every example)."""
    if device.type == "cpu":
        torch.default_generator.manual_seed(0)
    else:
        torch.manual_seed(0)


class Session:
    """One worker's state: the submission's namespace and the object under test."""

    def __init__(self, device, record_grouped=False):
        self.namespace = None
        self.module = None
        self.device = torch.device(device)
        # Set for the whole life of a task's worker, never per request: the code under test cannot
        # tell the check that reads the record from the others.
        self.record_grouped = record_grouped
        # Meta-device builds that nothing has run yet, by request: a network's checks ask for the
        # same build (its parameter count, then its shapes) and a ResNet costs ~80 ms to construct.
        # A module is handed out once and forgotten, so whatever runs sees a never-run build.
        self.unrun_meta = {}
        # The request whose values the channel is writing straight into the module's parameters.
        self._targets_for, self._targets = None, {}

    # -- requests -----------------------------------------------------------------------------
    def load(self, header, arrays):
        """Run the submission's cells in order in one module namespace, as a kernel would: a cell
        that raises is recorded and the next one runs. ``cells`` holds {label, source, filename,
        first_line}; a plain ``source`` is one cell. Replies with the cells that raised (the
        student's traceback, citing the cell) and which of the ``expect``ed names are missing."""
        module = types.ModuleType("submission")
        module.__file__ = header.get("filename", "submission.py")
        sys.modules["submission"] = module
        cells = header.get("cells")
        if cells is None:
            cells = [{"label": module.__file__, "source": header["source"], "filename": module.__file__}]
        _cache_sources(cells)
        failed = []
        compiler = codeop.Compile()   # carries `from __future__` imports into later cells, as IPython does
        for cell in cells:
            try:
                tree = ast.parse(cell["source"], cell["filename"])
                ast.increment_lineno(tree, int(cell.get("first_line", 1)) - 1)
                exec(compiler(tree, cell["filename"], "exec"), module.__dict__)  # noqa: S102 - this *is* the sandbox
            except BaseException as error:  # noqa: BLE001 - a cell that raises is the student's, and data
                if isinstance(error, KeyboardInterrupt) or type(error).__name__ == "ForbiddenImport":
                    raise  # the answer key is not part of any submission: the task is lost, as before
                if len(failed) < MAX_FAILED_CELLS:
                    failed.append({"cell": safe_text(cell.get("label", "?"), 80),
                                   "error_type": safe_text(type(error).__name__, 100),
                                   "error": format_exception(error)})
        self.namespace = module.__dict__
        missing = [name for name in header.get("expect", []) if name not in self.namespace]
        return {"failed": failed, "missing": missing}, {}

    def _lookup(self, task):
        if self.namespace is None or task not in self.namespace:
            raise NameError(f"the submission does not define {task!r}")
        return self.namespace[task]

    def call(self, header, arrays):
        args = WIRE.decode_value(header.get("args", []))
        kwargs = WIRE.decode_value(header.get("kwargs", {}))
        result = self._lookup(header["task"])(*args, **kwargs)
        if isinstance(result, torch.Tensor) and result.numel() == 1:
            result = result.item()
        if type(result) is tuple and all(isinstance(item, (int, np.integer)) and not isinstance(item, bool)
                                         for item in result):
            # A count that comes in parts (day23's separable_macs), each part an integer.
            return {"value": [int(item) for item in result], "type": "tuple"}, {}
        if isinstance(result, bool) or not isinstance(result, (int, float, np.integer, np.floating)):
            return {"value": None, "type": type(result).__name__, "repr": safe_text(repr(result), 200)}, {}
        if isinstance(result, (float, np.floating)):
            value = float(result)
            return {"value": value if math.isfinite(value) else safe_text(value), "type": "float"}, {}
        return {"value": int(result), "type": "int"}, {}

    def apply(self, header, arrays):
        """A task that is a function on tensors (day23's channel_shuffle): call it on the grader's
        input with the extra arguments; report its output, whether the input changed or came back
        as the output itself, and with a ``grad_output`` the gradient that reaches the input."""
        args = WIRE.decode_value(header.get("args", []))
        kwargs = WIRE.decode_value(header.get("kwargs", {}))
        x = torch.from_numpy(np.array(arrays["input"])).to(self.device)
        x_before = x.clone()
        backward = header.get("backward", False)
        x.requires_grad_(backward)
        out = self._lookup(header["task"])(x, *args, **kwargs)
        if not isinstance(out, torch.Tensor):
            raise TypeError(f"{header['task']}(...) returned {type(out).__name__}, not a tensor")
        reply = {"output_dtype": str(out.dtype).replace("torch.", ""), "returned_input": out is x,
                 "input_modified": not torch.equal(x.detach(), x_before)}
        result = {"output": to_numpy(out)}
        if backward and out.requires_grad:
            grad_out = torch.from_numpy(np.array(arrays["grad_output"])).to(device=out.device, dtype=out.dtype)
            out.backward(grad_out)
            if x.grad is not None:
                result["grad:input"] = to_numpy(x.grad)
        return reply, result

    def build(self, header, arrays):
        factory = self._lookup(header["task"])
        on_meta = header.get("meta", False)
        request = repr((header["task"], header.get("args"), header.get("kwargs"), header.get("input_shape")))
        module = self.unrun_meta.get(request) if on_meta else None
        if module is None:
            module, ran = self._construct(factory, header, on_meta)
            if on_meta and not ran:
                if len(self.unrun_meta) >= 4:
                    self.unrun_meta.pop(next(iter(self.unrun_meta)))
                self.unrun_meta[request] = module
        self.module = module
        params = [[n, list(p.shape), str(p.dtype).replace("torch.", "")] for n, p in module.named_parameters()]
        buffers = [[n, list(b.shape), str(b.dtype).replace("torch.", "")] for n, b in module.named_buffers()]
        kinds = sorted({type(m).__name__ for m in module.modules()})
        return {"parameters": params, "buffers": buffers, "module_types": kinds,
                "grouped_modules": grouped_modules(module), "class_origins": class_origins(module)}, {}

    def _construct(self, factory, header, on_meta):
        """The task's module, built from the request's arguments; and whether building it ran it
        (lazy layers are materialised with a forward)."""
        header = dict(header, args=WIRE.decode_value(header.get("args", [])),
                      kwargs=WIRE.decode_value(header.get("kwargs", {})))
        seed_initialisation(self.device)
        if on_meta:
            with torch.device("meta"):
                module = factory(*header.get("args", []), **header.get("kwargs", {}))
        else:
            module = factory(*header.get("args", []), **header.get("kwargs", {}))
        if not isinstance(module, torch.nn.Module):
            raise TypeError(f"{header['task']}(...) returned {type(module).__name__}, not an nn.Module")
        if not on_meta:
            module = module.to(self.device)
        ran = bool(header.get("input_shape")) and _has_lazy(module)
        if ran:
            _materialise(module, header["input_shape"], "meta" if on_meta else self.device)
        return module, ran

    def _running(self):
        """The module under test, about to run: no longer a never-run build."""
        self.unrun_meta = {request: m for request, m in self.unrun_meta.items() if m is not self.module}
        return self.module

    def _value_targets(self, header):
        """The module's parameters and buffers by name, looked up once per request."""
        if self._targets_for is not header:
            named = dict(self.module.named_parameters())
            named.update(dict(self.module.named_buffers()))
            self._targets_for, self._targets = header, named
        return self._targets

    def value_in_place(self, header, name, dtype, shape):
        """Where the channel may write a run's value for ``name`` directly: the parameter's own
        memory, when it is a plain contiguous CPU tensor of that dtype and size (a ResNet-50's
        values are 100 MB: received into fresh buffers and copied, they cost a fresh page each).
        Any other value goes through ``_load_values``' copy, which converts."""
        if header.get("op") != "run" or not name.startswith("value:") or self.module is None:
            return None
        try:
            target = self._value_targets(header).get(name[len("value:"):])
            if (type(target) not in (torch.Tensor, torch.nn.Parameter) or target.device.type != "cpu"
                    or target.layout != torch.strided or not target.is_contiguous()
                    or str(target.dtype) != f"torch.{dtype}" or target.numel() != math.prod(shape)):
                return None
            return target.detach().numpy()
        except BaseException:  # noqa: BLE001 - the module's own code raised: the run's handler reports it
            return None

    def _load_values(self, header, arrays):
        """Load the grader's values into the module, by name (those the channel did not already
        write into their parameters)."""
        named = self._value_targets(header)
        # Forgotten at once: kept, the table would hold this module's tensors after the next build.
        self._targets_for, self._targets = None, {}
        with torch.no_grad():
            for name, value in arrays.items():
                if not name.startswith("value:"):
                    continue
                target = named[name[len("value:"):]]
                if target.device.type == "cpu" and value.ctypes.data == target.data_ptr():
                    continue   # the channel wrote it there (value_in_place)
                # The channel's own fresh buffer: read in place, not copied (a ResNet-50's values are 100 MB).
                source = torch.from_numpy(np.asarray(value)).to(device=target.device, dtype=target.dtype)
                target.copy_(source.reshape(target.shape))

    def run(self, header, arrays):
        """Forward (and backward) on the grader's inputs with the grader's parameter values."""
        module = self._running()
        self._load_values(header, arrays)
        module.train(header.get("mode", "eval") == "train")
        x = torch.from_numpy(np.array(arrays["input"])).to(self.device)
        x_before = x.clone()
        x.requires_grad_(header.get("backward", False))
        trace = ParameterTrace.of(module) if header.get("trace") else None
        grouped = GroupedConvolutions.recorder() if self.record_grouped else None
        with grouped if grouped is not None else contextlib.nullcontext():
            if trace is not None:
                with trace:
                    out = module(x)
            else:
                out = module(x)
        if not isinstance(out, torch.Tensor):
            raise TypeError(f"forward returned {type(out).__name__}, not a tensor")
        reply = {"output_dtype": str(out.dtype).replace("torch.", ""),
                 "input_modified": not torch.equal(x.detach(), x_before)}
        if grouped is not None:
            reply["grouped_calls"] = grouped.calls[:20]
        result = {"output": to_numpy(out)}
        if header.get("backward"):
            for p in module.parameters():
                p.grad = None
            grad_out = torch.from_numpy(np.array(arrays["grad_output"])).to(device=out.device, dtype=out.dtype)
            if header.get("gradients") == "input":
                # Only the input's is read: autograd follows the paths to it alone, so no weight
                # gradient is computed (about half a network's backward).
                grad = torch.autograd.grad(out, x, grad_out, allow_unused=True)[0] if out.requires_grad else None
                if grad is not None:
                    result["grad:input"] = to_numpy(grad)
            else:
                if out.requires_grad:
                    out.backward(grad_out)
                if x.grad is not None:
                    result["grad:input"] = to_numpy(x.grad)
                for name, p in module.named_parameters():
                    if p.grad is not None:
                        result["grad:" + name] = to_numpy(p.grad)
        if trace is not None:
            reply["trace"] = trace.calls
        return reply, result

    def trace(self, header, arrays):
        """The order a meta-device build reads its parameters and buffers (``ParameterTrace``), on
        an input of the request's shape: the trace a run records, without a run's arithmetic (a
        GoogLeNet's traced run at 224x224 costs ~110 ms, this ~25 ms). Only a meta build is traced
        here; the grader falls back to a traced run for anything else (see Transplant)."""
        module = self._running()
        tensors = list(module.parameters()) + list(module.buffers())
        if not tensors or any(t.device.type != "meta" for t in tensors):
            raise ValueError("only a meta-device build is traced without running it")
        module.eval()
        trace = ParameterTrace.of(module)
        with trace:
            out = module(torch.empty(list(header["input_shape"]), device="meta"))
        if not isinstance(out, torch.Tensor):
            raise TypeError(f"forward returned {type(out).__name__}, not a tensor")
        return {"trace": trace.calls}, {}

    def shapes(self, header, arrays):
        """Output shapes of every instance of a named class (the student's own block) in call order,
        and the MACs the forward performs, measured with torch's own flop counter unless the
        request says ``"macs": false`` (the counter adds ~70 % to a meta-device forward: 50 ms
        for a ResNet-50, and no check reads the count of, say, a 10-class head)."""
        from torch.utils.flop_counter import FlopCounterMode

        module = self._running()
        module.eval()
        class_name = header.get("block_class")
        seen = []
        names = []
        handles = []

        def record(name):
            def hook(_module, _inputs, output):
                if isinstance(output, torch.Tensor):
                    seen.append(list(output.shape))
                    names.append(name)
            return hook

        for name, sub in module.named_modules():
            if class_name and type(sub).__name__ == class_name:
                handles.append(sub.register_forward_hook(record(name)))
        device = next((p.device for p in module.parameters()), self.device)
        x = ordinary_input(header["input_shape"], device)
        counter = FlopCounterMode(display=False) if header.get("macs", True) else None
        try:
            with counter if counter is not None else contextlib.nullcontext():
                out = module(x)
        finally:
            for h in handles:
                h.remove()
        return {"block_shapes": seen, "block_names": names, "output_shape": list(out.shape),
                "macs": int(counter.get_total_flops() // 2) if counter is not None else None}, {}

    def convolutions(self, header, arrays):
        self._running()
        return convolutions(self, header, arrays)

    def spawn(self, header, arrays):
        """Fork a child of this replayed worker to serve one task on a channel of its own, so the
        submission's cells run once per submission, not once per task. The child starts from the
        state the replay left (the state a fresh worker's replay reaches); the parent only forks.
        The child's end of a new socket pair goes to the grader over this channel, ahead of the
        reply. Everything here runs after the student's code, like every other request: the
        grader treats what comes back as evidence (see SANDBOX.md, "One replay per submission")."""
        import os
        import socket
        import threading

        if threading.active_count() > 1:
            # A fork copies only this thread, and with it every lock another thread held: the
            # grader gives up the replay and forks each task's worker from the zygote instead.
            raise RuntimeError("the submission's cells left threads running: not forking from them")
        while True:   # the tasks served before: reap them (their pids count against the job's)
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        ours, theirs = socket.socketpair()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:   # never returns: the child serves its task, then ends
            code = 0
            try:
                import ctypes
                ours.close()
                self.channel.close()
                ctypes.CDLL(None).prctl(1, 9, 0, 0, 0)   # PR_SET_PDEATHSIG, SIGKILL: it ends with the replay
                if os.getppid() != parent:
                    os._exit(72)
                self.record_grouped = bool(header.get("record_grouped"))
                self.unrun_meta = {}
                self.channel = theirs
                _serve_session(theirs, self)
            except BaseException:  # noqa: BLE001 - the grader sees the channel close
                code = 70
            finally:
                os._exit(code)
        theirs.close()
        socket.send_fds(self.channel, [b"\0"], [ours.fileno()])
        ours.close()
        return {"spawned": True}, {}

    HANDLERS = {"load": load, "call": call, "apply": apply, "build": build, "run": run, "trace": trace, "shapes": shapes,
                "convolutions": convolutions, "spawn": spawn}


def serve(channel, wire, device, record_grouped=False):
    """Answer requests until the grader closes the channel. Every request gets exactly one reply."""
    global WIRE
    WIRE = wire
    torch.set_num_threads(1)
    if str(device).startswith("cuda"):
        # Deterministic kernels; cuBLAS needs its workspace fixed before the first call.
        import os
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True)
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    session = Session(device, record_grouped)
    session.channel = channel
    _serve_session(channel, session)


def _serve_session(channel, session):
    wire = WIRE
    while True:
        try:
            header, arrays = wire.receive(channel, 1 << 31, into=session.value_in_place)
        except wire.ChannelClosed:
            return
        handler = Session.HANDLERS.get(header.get("op"))
        try:
            if handler is None:
                raise ValueError(f"unknown request {header.get('op')!r}")
            torch.set_default_dtype(torch.float32)
            reply, result = handler(session, header, arrays)
            reply["ok"] = True
        except BaseException as error:  # noqa: BLE001 - anything the student raises is data
            if isinstance(error, (KeyboardInterrupt,)):
                raise
            reply, result = {"ok": False, "error_type": safe_text(type(error).__name__, 100),
                             "error": format_exception(error)}, {}
        try:
            wire.send(channel, reply, result)
        except wire.ProtocolError as error:
            wire.send(channel, {"ok": False, "error_type": "ProtocolError", "error": safe_text(error)})
