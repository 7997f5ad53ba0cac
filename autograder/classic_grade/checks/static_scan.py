"""Reading a submission's source (never running it) for what the worker's own observations cannot be
trusted to see: code that reaches below torch's public API, where the grader's dispatch-level record
of convolutions could be switched off or lied to, and code that re-imports, re-executes or digs up
library modules, where a forbidden library object could be had afresh.

The runtime record judges what a convolution actually received (``groups=self.g`` that is 1 at run
time is fine); this scan judges only whether that record could have been evaded. What it reports:

- ``dispatch``: torch internals (``torch._C``, ``torch.utils._python_dispatch``, ``torch.ops``,
  ``torch.overrides``, ``torch.library``, the compiler), dispatch/function-mode stack manipulation,
  ``__torch_dispatch__``/``__torch_function__`` hooks, ``set_default_device``;
- ``reexecution``: ``importlib`` (only ``from importlib import import_module`` called with a constant
  is left alone), ``runpy``, ``exec``/``eval``/``compile``, ``__import__`` or ``getattr`` of a module
  with a computed name, ``sys.modules`` and
  frames, ``gc`` (but ``gc.collect``), ``inspect``, ``pickle``/``marshal``, code objects, dunder
  back doors (``__globals__``, ``__subclasses__``, a module's ``__file__``/``__dict__``…) and
  ``operator.attrgetter``, ``torch.load``/``torch.hub``;
- ``process``: native calls and other interpreters (``ctypes``, ``subprocess``, ``os.fork``…): work
  done where the grader's record cannot see it;
- ``hidden_groups`` (only for a task that may not pass ``groups``): a ``**`` or ``*`` expansion into a
  convolution whose keys the scan cannot follow back to visible call sites.

The scope of a task is the code that runs when the module is loaded (top-level statements, class
bodies, decorators, default values) plus the top-level definitions the task names, transitively.
"""
from __future__ import annotations

import ast
import functools
from dataclasses import dataclass

from ..messages import Message, Text, msg

# Segments of a resolved dotted name that are torch's internals: below them the grader's
# dispatch-level observer can be switched off or bypassed.
DISPATCH_SEGMENTS = {"_C", "_python_dispatch", "_ops", "_dispatch", "_subclasses", "_dynamo", "_inductor", "_VF",
                     "_prims", "_refs", "_decomp", "_higher_order_ops", "_functorch", "overrides", "library",
                     "_jit_internal", "_guards"}
# Names that manipulate torch's mode stacks or intercept every operation, whatever they are reached through.
MODE_NAMES = {"_disable_current_modes", "_pop_mode", "_push_mode", "_pop_mode_temporarily", "_get_current_dispatch_mode",
              "_len_torch_dispatch_stack", "_get_dispatch_mode", "_set_dispatch_mode", "TorchDispatchMode",
              "TorchFunctionMode", "DisableTorchFunction", "DisableTorchFunctionSubclass", "_DisableTorchDispatch",
              "_ExcludeDispatchKeyGuard", "_EnableTorchFunction", "__torch_dispatch__", "__torch_function__",
              "set_default_device", "set_default_tensor_type", "_disable_torch_function_impl",
              "enable_reentrant_dispatch", "no_dispatch", "_get_current_dispatch_mode_stack", "_is_in_torch_dispatch_mode",
              "is_in_torch_dispatch_mode", "any_torch_dispatch_mode_on_stack", "_detect_infra_mode",
              "_disable_infra_mode", "_unset_infra_mode", "BaseTorchDispatchMode", "_is_in_non_infra_torch_dispatch_mode",
              "_get_current_function_mode_stack", "_get_current_function_mode", "is_torch_function_mode_enabled"}
# Whole modules whose only uses here are re-importing, re-executing or digging up other code.
REEXEC_MODULES = {"importlib", "imp", "runpy", "inspect", "pickle", "_pickle", "marshal", "dill", "cloudpickle",
                  "copyreg", "linecache", "pkgutil", "zipimport", "code", "codeop", "pdb", "cProfile", "profile",
                  "trace", "_imp", "_frozen_importlib", "_frozen_importlib_external", "site"}
# Modules that leave the interpreter the grader observes: native calls, other processes. They cannot
# hand a library object back without pickling it (reported above), but they can compute unseen.
# Threads too: torch's dispatch modes are per thread, so a convolution run on another thread is unseen.
PROCESS_MODULES = {"ctypes", "_ctypes", "cffi", "subprocess", "multiprocessing", "concurrent", "pty", "threading",
                   "_thread"}
# Attributes of otherwise ordinary modules that do the same.
REEXEC_ATTRIBUTES = {
    "sys": {"modules", "_getframe", "meta_path", "path_hooks", "path_importer_cache", "settrace", "setprofile",
            "_current_frames", "exc_info", "exception", "last_traceback", "last_value", "last_exc", "monitoring",
            "addaudithook", "__dict__", "_getframemodulename"},
    "gc": None,   # every attribute but the allowed ones below
    "types": {"CodeType", "FunctionType", "ModuleType", "LambdaType", "FrameType", "TracebackType", "MethodType"},
    "torch": {"load", "hub", "package"},
    "operator": {"attrgetter", "methodcaller"},
    "builtins": {"exec", "eval", "compile", "__import__", "globals", "vars", "getattr", "setattr", "__dict__",
                 "breakpoint", "__builtins__"},
}
ALLOWED_ATTRIBUTES = {"gc": {"collect", "disable", "enable", "isenabled"}}
PROCESS_ATTRIBUTES = {"os": {"system", "popen", "execv", "execve", "execl", "execle", "execlp", "execvp", "execvpe",
                             "spawnv", "spawnve", "spawnl", "spawnle", "posix_spawn", "posix_spawnp", "fork",
                             "forkpty"}}
# Attribute names that lead from any object to frames, globals, code or the whole class graph.
BACK_DOORS = {"__globals__", "__builtins__", "__code__", "__closure__", "__subclasses__", "__import__", "__loader__",
              "__spec__", "__file__", "__path__", "__cached__", "__getattribute__", "__self__", "__reduce__",
              "__reduce_ex__", "f_back", "f_locals", "f_globals", "f_builtins", "f_code", "tb_frame", "tb_next",
              "gi_frame", "cr_frame", "ag_frame", "__func__", "func_globals"}
# Attribute names that are torch's internals whatever object they are read from (a function may
# return the torch module itself); a student's own ``self._C`` is left alone.
INTERNAL_ATTRIBUTES = {"_C", "_python_dispatch", "_VF", "_ops", "aten", "_dispatch"}
DYNAMIC_BUILTINS = {"exec", "eval", "compile", "__import__", "globals", "vars", "breakpoint", "__builtins__",
                    "getattr", "setattr", "delattr", "hasattr"}
CALLED_SAFELY = {"getattr", "setattr", "delattr", "hasattr", "vars", "__import__"}  # judged at the call below

# Convolution callables by their last name, and where each takes ``groups`` positionally.
GROUPS_POSITION = {"Conv1d": 6, "Conv2d": 6, "Conv3d": 6, "LazyConv1d": 5, "LazyConv2d": 5, "LazyConv3d": 5,
                   "conv1d": 6, "conv2d": 6, "conv3d": 6, "convolution": 8, "_convolution": 8,
                   "ConvTranspose2d": 7, "conv_transpose2d": 6}


@dataclass(frozen=True)
class Finding:
    line: int
    kind: str        # "dispatch", "reexecution", "process" or "hidden_groups"
    reason: Message
    text: str        # the student's line, shortened

    def __str__(self) -> str:
        return str(self.message())

    def message(self) -> Message:
        return msg("line {line}: {reason} ({code})", line=self.line, reason=self.reason, code=self.text)


def listing(found: list[Finding], limit: int = 5) -> Text:
    """The first ``limit`` findings, one indented line each."""
    return Text(*(part for finding in found[:limit] for part in ("\n  ", finding.message())))


class _Module:
    """One parsed submission: aliases of imported modules, parents, top-level definitions."""

    def __init__(self, source: str):
        self.source = source
        self.lines = source.splitlines()
        self.tree = ast.parse(source)
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.aliases: dict[str, str] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for name in node.names:
                    if name.asname:
                        self.aliases[name.asname] = name.name
                    else:
                        root = name.name.split(".")[0]
                        self.aliases[root] = root
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for name in node.names:
                    self.aliases[name.asname or name.name] = f"{node.module}.{name.name}"
        # Plain local aliases (``conv = F.conv2d``), flow-insensitively: a name bound once to a dotted path.
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                dotted = self.dotted(node.value)
                if dotted and node.targets[0].id not in self.aliases:
                    self.aliases[node.targets[0].id] = dotted
        self.definitions: dict[str, ast.AST] = {}
        for node in self.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.definitions[node.name] = node
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            self.definitions[name.id] = node

    def dotted(self, node) -> str | None:
        """``torch.nn.functional.conv2d`` for ``F.conv2d``, ``getattr(F, "conv2d")`` or
        ``importlib.import_module("…")``; None for anything not rooted at an imported module."""
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else None
            first = node.args[0]
            if name == "getattr" and len(node.args) >= 2 and _constant_str(node.args[1]):
                base = self.dotted(first)
                return f"{base}.{node.args[1].value}" if base else None
            if (name == "__import__" or self.dotted(node.func) == "importlib.import_module") and _constant_str(first):
                return first.value
        return None

    def text(self, node) -> str:
        line = self.lines[node.lineno - 1].strip() if 0 < node.lineno <= len(self.lines) else ""
        return line if len(line) <= 90 else line[:87] + "…"

    def scope(self, task: str, load_time: bool = True) -> list[ast.AST]:
        """Load-time code (unless ``load_time`` is False) plus the task's definitions and everything
        they name, transitively."""
        roots: list[ast.AST] = []
        for node in self.tree.body if load_time else ():
            roots.extend(_load_time(node))
        found: list[ast.AST] = []
        pending = [task]
        names_seen = set()
        while pending:
            name = pending.pop()
            if name in names_seen:
                continue
            names_seen.add(name)
            node = self.definitions.get(name)
            if node is None:
                continue
            found.append(node)
            pending.extend(n.id for n in ast.walk(node) if isinstance(n, ast.Name))
            pending.extend(n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute))
        return roots + found


def _constant_str(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _load_time(node) -> list[ast.AST]:
    """The parts of a top-level statement that run when the module is loaded."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        parts = list(node.decorator_list) + list(node.args.defaults) + [d for d in node.args.kw_defaults if d]
        return parts + ([node.returns] if node.returns else [])
    if isinstance(node, ast.ClassDef):
        parts = list(node.decorator_list) + list(node.bases) + [k.value for k in node.keywords]
        for statement in node.body:
            parts.extend(_load_time(statement))
        return parts
    return [node]


def _nodes(roots) -> list[ast.AST]:
    seen, nodes = set(), []
    for root in roots:
        for node in ast.walk(root):
            if id(node) not in seen:
                seen.add(id(node))
                nodes.append(node)
    return nodes


def _dotted_problem(dotted: str) -> tuple[str, str] | None:
    """(kind, reason) for a resolved dotted name the grader cannot follow, else None."""
    parts = dotted.split(".")
    for index, part in enumerate(parts):
        if part in MODE_NAMES:
            return "dispatch", msg("uses {name}, which switches or intercepts torch's operator dispatch", name=part)
        if index and part in DISPATCH_SEGMENTS and parts[0] in ("torch", "torchvision", "numpy") or part == "_C":
            return "dispatch", msg("reaches torch's internals ({name})", name=".".join(parts[:index + 1]))
        if index and parts[index - 1] == "torch" and part == "ops":
            return "dispatch", msg("calls torch.ops operators directly, below the functions the grader follows")
        if index and parts[index - 1] == "torch" and part in ("compile", "jit") and "load" not in parts:
            return "dispatch", msg("uses torch.{name}, whose compiled code runs below the functions the grader follows",
                                   name=part)
    root = parts[0]
    if parts[:3] == ["torch", "jit", "load"]:
        return "reexecution", msg("uses torch.jit.load, which builds a module from a file, not from this source")
    if root in PROCESS_MODULES or len(parts) > 1 and parts[1] in PROCESS_ATTRIBUTES.get(root, ()):
        return "process", msg("uses {name}, which computes outside the interpreter the grader observes",
                              name=".".join(parts[:2]))
    if root in REEXEC_MODULES:
        if dotted == "importlib.import_module":
            return None   # judged at the call: a constant name resolves like an import statement
        return "reexecution", msg("uses {name}, which can re-import or re-execute library code", name=".".join(parts[:2]))
    for index, part in enumerate(parts[:-1]):
        flagged = REEXEC_ATTRIBUTES.get(part)
        following = parts[index + 1]
        if part in REEXEC_ATTRIBUTES and (index == 0 or part == "torch") and \
                (flagged is None and following not in ALLOWED_ATTRIBUTES.get(part, ()) or flagged and following in flagged):
            return "reexecution", msg("uses {name}, which can reach modules and code the grader cannot follow",
                                       name=part + "." + following)
    return None


class _Scan:
    def __init__(self, module: _Module):
        self.m = module
        self.findings: list[Finding] = []
        self._seen: set[tuple[int, str]] = set()

    def add(self, node, kind: str, reason: Message) -> None:
        key = (node.lineno, reason)
        if key not in self._seen:
            self._seen.add(key)
            self.findings.append(Finding(node.lineno, kind, reason, self.m.text(node)))

    def evasions(self, nodes) -> None:
        # Import statements only bind names: what counts is a use of those names (reported through
        # the aliases), so a notebook's unused ``import importlib`` costs nothing, and an import at the
        # top of the file does not count against every task.
        for node in nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in MODE_NAMES:
                self.add(node, "dispatch", msg("defines {name}, which intercepts every torch operation", name=node.name))
            elif isinstance(node, ast.Attribute):
                self._attribute(node)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                self._name(node)
            elif isinstance(node, ast.Call):
                self._call(node)

    def _attribute(self, node: ast.Attribute) -> None:
        if node.attr in BACK_DOORS:
            self.add(node, "reexecution", msg("reads {name}, a way to frames, globals, code or other modules", name=node.attr))
            return
        if node.attr == "__dict__" and self.m.dotted(node.value):
            self.add(node, "reexecution", msg("reads a module's __dict__, looking its names up by strings"))
            return
        dotted = self.m.dotted(node)
        if dotted is None:
            if node.attr in INTERNAL_ATTRIBUTES and not _is_self(node.value):
                self.add(node, "dispatch", msg("reaches {name}, one of torch's internals", name=node.attr))
            elif node.attr in MODE_NAMES:
                self.add(node, "dispatch", msg("uses {name}, which switches or intercepts torch's operator dispatch",
                                               name=node.attr))
            return
        if dotted == "sys.path":
            parent = self.m.parents.get(node)
            call = self.m.parents.get(parent)
            if isinstance(parent, ast.Attribute) and parent.attr in ("append", "insert", "extend") and \
                    isinstance(call, ast.Call) and all(_constant(a) for a in call.args):
                return   # a notebook's sys.path.append("..") changes nothing the sandbox holds
            self.add(node, "reexecution", msg("changes sys.path with computed entries (a library folder imported anew)"))
            return
        problem = _dotted_problem(dotted)
        if problem and not isinstance(self.m.parents.get(node), ast.Attribute):
            self.add(node, *problem)   # reported once, on the longest chain
        elif problem and _dotted_problem(self.m.dotted(self.m.parents[node]) or "") is None:
            self.add(node, *problem)

    def _name(self, node: ast.Name) -> None:
        parent = self.m.parents.get(node)
        called = isinstance(parent, ast.Call) and parent.func is node
        if node.id in DYNAMIC_BUILTINS and node.id not in self.m.aliases and not (called and node.id in CALLED_SAFELY):
            self.add(node, "reexecution", msg("uses {name}, which runs or looks up code by strings the grader cannot read",
                                              name=node.id))
            return
        dotted = self.m.aliases.get(node.id)
        if dotted and not isinstance(parent, ast.Attribute) and not (called and dotted == "importlib.import_module"):
            problem = _dotted_problem(dotted)
            if problem:
                self.add(node, *problem)

    def _call(self, node: ast.Call) -> None:
        name = node.func.id if isinstance(node.func, ast.Name) and node.func.id not in self.m.aliases else None
        dotted_func = self.m.dotted(node.func)
        if name in ("getattr", "setattr", "delattr", "hasattr") and len(node.args) >= 2:
            target = self.m.dotted(node.args[0])
            if not _constant_str(node.args[1]) and (target or _is_builtins(node.args[0])):
                self.add(node, "reexecution", msg("{call} on the module {module} with a computed name", call=name,
                                                  module=target or "__builtins__"))
            elif _constant_str(node.args[1]) and (node.args[1].value in BACK_DOORS | MODE_NAMES):
                self.add(node, "reexecution", msg("{call} of {name}, a way around what the grader reads", call=name,
                                                  name=node.args[1].value))
            resolved = self.m.dotted(node)
            problem = _dotted_problem(resolved) if resolved else None
            if problem:
                self.add(node, *problem)
        elif name == "vars" and not (node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == "self"):
            self.add(node, "reexecution", msg("vars() of a module or frame looks names up by strings"))
        elif name == "__import__" or dotted_func == "importlib.import_module":
            if not node.args or not _constant_str(node.args[0]):
                self.add(node, "reexecution", msg("imports a module whose name is computed"))
            else:
                problem = _dotted_problem(node.args[0].value)
                if problem:
                    self.add(node, *problem)
        elif dotted_func and dotted_func.split(".")[-1] in ("timeit", "repeat") and dotted_func.startswith("timeit"):
            if node.args and not isinstance(node.args[0], (ast.Lambda, ast.Name)):
                self.add(node, "reexecution", msg("timeit of a string executes it as code"))

    # -- ``groups`` hidden in an expansion ------------------------------------------------------

    def hidden_groups(self, nodes) -> None:
        for node in nodes:
            if not isinstance(node, ast.Call):
                continue
            target, args, keywords = self._convolution_call(node)
            if target is None:
                continue
            position = GROUPS_POSITION[target]
            for keyword in keywords:
                if keyword.arg is None and not self._visible_keywords(keyword.value, node):
                    self.add(node, "hidden_groups", msg("passes **{name} to {target}, so the scan cannot see whether it "
                                                        "carries groups", name=_short(keyword.value), target=target))
            named = any(keyword.arg == "groups" for keyword in keywords)   # then no position can carry it
            for index, arg in enumerate(args):
                if isinstance(arg, ast.Starred) and index <= position and not named \
                        and not self._visible_positionals(arg.value, node):
                    self.add(node, "hidden_groups", msg("passes *{name} to {target}, so the scan cannot see whether it "
                                                        "reaches the groups slot", name=_short(arg.value), target=target))

    def _convolution_call(self, node: ast.Call):
        """(convolution name, positional args, keywords) for a call of a convolution, directly or
        through functools.partial; (None, …) otherwise."""
        func, args, keywords = node.func, list(node.args), list(node.keywords)
        dotted = self.m.dotted(func) or ""
        if dotted.split(".")[-1] == "partial" and args:
            func, args = args[0], args[1:]
            dotted = self.m.dotted(func) or ""
        last = dotted.split(".")[-1] if dotted else (func.attr if isinstance(func, ast.Attribute) else "")
        if last in GROUPS_POSITION and (dotted.startswith("torch") or isinstance(func, ast.Attribute)):
            return last, args, keywords
        return None, args, keywords

    def _enclosing_function(self, node):
        while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node = self.m.parents.get(node)
        return node

    def _visible_keywords(self, value, call) -> bool:
        """The keys a ``**value`` expansion can carry are in plain sight: a literal, a local or
        module-level name bound once to a literal and never changed, or a ``**kwargs`` parameter
        whose every call site passes plain keywords."""
        if _literal_keys(value):
            return True
        if not isinstance(value, ast.Name):
            return False
        function = self._enclosing_function(call)
        if function is not None:
            arguments = function.args
            if arguments.kwarg is not None and arguments.kwarg.arg == value.id:
                return self._unchanged(function, value.id) == 0 and self._call_sites_visible(function)
            if value.id in {a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs}:
                return False    # whatever the caller passed
            local = self._unchanged(function, value.id)
            if local != 0:
                return local == 1
        return self._unchanged(self.m.tree, value.id) == 1

    def _visible_positionals(self, value, call) -> bool:
        if isinstance(value, (ast.Tuple, ast.List)):
            return not any(isinstance(e, ast.Starred) for e in value.elts)
        function = self._enclosing_function(call)
        if isinstance(value, ast.Name) and function is not None and function.args.vararg is not None \
                and function.args.vararg.arg == value.id:
            return self._call_sites_visible(function)
        return False

    def _unchanged(self, function, name: str) -> int | None:
        """How many times ``name`` is bound (each to a literal of constant keys) in ``function``, or
        None when it is changed in place, bound otherwise, or handed to code that may change it."""
        bindings = 0
        for node in ast.walk(function):
            if not (isinstance(node, ast.Name) and node.id == name):
                continue
            parent = self.m.parents.get(node)
            if isinstance(node.ctx, ast.Store):
                if not (isinstance(parent, ast.Assign) and parent.targets == [node] and _literal_keys(parent.value)):
                    return None
                bindings += 1
            elif isinstance(parent, ast.keyword) and parent.arg is None:
                continue   # the expansion itself
            elif isinstance(parent, ast.Subscript) and parent.value is node and isinstance(parent.ctx, ast.Load):
                continue
            elif isinstance(parent, ast.Attribute) and parent.attr in ("get", "keys", "items", "values", "copy"):
                continue
            elif isinstance(parent, ast.Compare):
                continue
            else:
                return None
        return bindings

    def _call_sites_visible(self, function) -> bool:
        """Every call of ``function`` in the file passes plain arguments (no ``*``/``**`` of its own)
        and the function is never handed around as a value, so its ``*args``/``**kwargs`` hold
        only what those call sites show."""
        names = {function.name}
        owner = self.m.parents.get(function)
        if function.name == "__init__" and isinstance(owner, ast.ClassDef):
            names.add(owner.name)
        calls = 0
        for node in ast.walk(self.m.tree):
            referenced = (node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute)
                          else None)
            if referenced not in names or node is function:
                continue
            parent = self.m.parents.get(node)
            if isinstance(parent, ast.Call) and parent.func is node:
                if any(isinstance(a, ast.Starred) for a in parent.args) or any(k.arg is None for k in parent.keywords):
                    return False
                calls += 1
            elif isinstance(getattr(node, "ctx", None), ast.Load):
                return False    # handed around: its calls cannot be seen
        return True


def _literal_keys(value) -> bool:
    """A dict display of constant string keys, or ``dict(k=v, …)``: its keys are in plain sight."""
    if isinstance(value, ast.Dict):
        return all(k is not None and _constant_str(k) for k in value.keys)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict":
        return not value.args and all(k.arg is not None for k in value.keywords)
    return False


def _constant(node) -> bool:
    return isinstance(node, ast.Constant)


def _is_self(node) -> bool:
    return isinstance(node, ast.Name) and node.id in ("self", "cls")


def _is_builtins(node) -> bool:
    return isinstance(node, ast.Name) and node.id in ("__builtins__", "builtins")


def _short(node) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 30 else text[:27] + "…"


@functools.lru_cache(maxsize=4)
def _parse(source: str) -> _Module | None:
    """The parsed submission, shared by every task's scan of it (a _Module is never changed after
    it is built; parsing and indexing it cost ~15 ms per task on a day's whole notebook)."""
    try:
        return _Module(source)
    except (SyntaxError, ValueError, RecursionError):
        return None


def evasions(source: str, task: str) -> list[Finding]:
    """Everything in the task's scope that could evade the worker's observation or re-execute a library."""
    module = _parse(source)
    if module is None:
        return []
    scan = _Scan(module)
    scan.evasions(_nodes(module.scope(task)))
    return sorted(scan.findings, key=lambda f: f.line)


def reexecutions(source: str, task: str) -> list[Finding]:
    """What could hand a forbidden library object over afresh: re-imports, re-execution, digging."""
    return [f for f in evasions(source, task) if f.kind == "reexecution"]


def hidden_groups(source: str, task: str) -> list[Finding]:
    """``*``/``**`` expansions into a convolution, in the task's own definitions, that the scan
    cannot follow back to visible values. Load-time code is not the task's: a convolution a
    notebook cell builds at the top level (to print its parameter count) is not in the module."""
    module = _parse(source)
    if module is None:
        return []
    scan = _Scan(module)
    scan.hidden_groups(_nodes(module.scope(task, load_time=False)))
    return sorted(scan.findings, key=lambda f: f.line)
