"""Checks for tasks that build an nn.Module: shapes, counts, function, gradients, invariants.

Every check draws configurations with hypothesis, builds the submission in the worker and the
reference here, and compares plain arrays here. ``spec`` is the task's description (see tasks/).
"""
from __future__ import annotations

import contextlib
import copy

import numpy as np
import torch

from classic_cnn.counting import count_macs, count_params

from ..messages import msg
from ..sandbox import wire
from ..sandbox.harness import ParameterTrace
from . import composites, reference_cache, registry, transplant
from .numeric import compare, draw_buffer, draw_input, draw_kind, draw_parameter, fan_in, seed_for
from .outcome import CheckFailed, NoMapping
from .properties import for_all
from .registry import FUNCTION, PREMISED


def _input_shape(config):
    return (config["batch"], config["in_channels"], config["height"], config["width"])


def build_reference(spec, config) -> torch.nn.Module:
    """The reference for a configuration, seeded; built once per grading process, a copy each call."""
    def build():
        torch.manual_seed(0)
        return spec.reference(*config["args"], **config.get("kwargs", {})).eval()

    key = ("reference", reference_cache.spec_key(spec), reference_cache.digest(config["args"], config.get("kwargs", {})))
    return reference_cache.remembered(key, build, leaves_rng=True)


def describe_submission(ctx, config, meta: bool = False) -> dict:
    """Build in the worker (on the meta device, where asked); the reply lists its parameters and
    buffers as [name, shape, dtype]."""
    header = {"op": "build", "task": ctx.task, "args": wire.encode_value(config["args"]),
              "kwargs": wire.encode_value(config.get("kwargs", {})),
              "input_shape": list(_input_shape(config))}  # materialises lazy layers
    reply, _ = ctx.request(dict(header, meta=True) if meta else header)
    return reply


def float_tensors(reply) -> dict[str, tuple]:
    return {n: tuple(s) for n, s, dtype in reply["parameters"] + reply["buffers"] if dtype.startswith("float")}


def build_submission(ctx, config) -> dict[str, tuple]:
    """Build in the worker; returns the float tensors' names and shapes (parameters and buffers)."""
    return float_tensors(describe_submission(ctx, config))


def run_submission(ctx, values: dict, x: np.ndarray, mode="eval", grad_output=None, trace=False,
                   input_gradient_only=False):
    """The submission's output (and, given a ``grad_output``, the gradients: every parameter's and
    the input's, or the input's alone where the caller reads nothing else, which spares a network
    sending back as many bytes as its values)."""
    arrays = {"value:" + name: value for name, value in values.items()}
    arrays["input"] = x
    if grad_output is not None:
        arrays["grad_output"] = grad_output
    header = {"op": "run", "mode": mode, "backward": grad_output is not None, "trace": trace}
    if input_gradient_only:
        header["gradients"] = "input"
    reply, result = ctx.request(header, arrays)
    return reply, result


def run_reference(module, values, x, mode="eval", grad_output=None, *, runnable=None, module_key=None,
                  input_gradient_only=False):
    """The reference's output (and gradients, given a ``grad_output``: every parameter's and the
    input's, or the input's alone) with these values on this input; once per grading process for
    the same module structure, values, input and mode (and, in train mode, torch's generator state,
    which dropout reads). ``module`` is changed by a run (its values loaded, its mode set) unless
    ``runnable`` is given: then ``module`` only names the key and ``runnable()`` gives the module to
    run, called only when the result is not known yet."""
    train = mode == "train"
    key = ("run", module_key or reference_cache.module_key(module), reference_cache.digest(values, x, grad_output),
           mode, reference_cache.digest(torch.get_rng_state().numpy()) if train else None, input_gradient_only)
    return reference_cache.remembered(
        key, lambda: _run_reference(runnable() if runnable else module, values, x, mode, grad_output,
                                    input_gradient_only), leaves_rng=train)


def _run_reference(module, values, x, mode="eval", grad_output=None, input_gradient_only=False):
    named = dict(module.named_parameters()) | dict(module.named_buffers())
    with torch.no_grad():
        for name, value in values.items():
            named[name].copy_(torch.from_numpy(np.array(value)).reshape(named[name].shape))  # values may be shared, read-only
    module.train(mode == "train")
    xt = torch.from_numpy(x.copy()).requires_grad_(grad_output is not None)
    out = module(xt)
    result = {"output": out.detach().numpy()}
    if grad_output is not None and input_gradient_only:
        # Autograd follows only the paths to the input: no weight gradient is computed, and a large
        # network's cached run holds one input-sized array, not another copy of every parameter.
        result["grad:input"] = torch.autograd.grad(out, xt, torch.from_numpy(grad_output))[0].numpy()
    elif grad_output is not None:
        module.zero_grad(set_to_none=True)
        out.backward(torch.from_numpy(grad_output))
        result["grad:input"] = xt.grad.numpy()
        for name, p in module.named_parameters():
            result["grad:" + name] = p.grad.numpy() if p.grad is not None else np.zeros(p.shape, np.float32)
    return result


def reference_shapes_and_trace(module, x):
    shapes = {n: tuple(t.shape) for n, t in list(module.named_parameters()) + list(module.named_buffers())
              if t.is_floating_point()}
    names_by_id = {id(t): n for n, t in list(module.named_parameters()) + list(module.named_buffers())}
    tracer = ParameterTrace(names_by_id)
    with torch.no_grad(), tracer:
        module(torch.from_numpy(x))
    return shapes, tracer.calls


# Own values (a ResNet at 224×224 draws tens of millions of numbers, for the one run that traces
# the order its parameters are used in; a module's checks, a few thousand per configuration) are
# remembered by the generator's state and the tensors' shapes and kinds, what the draws depend on,
# in the reference cache's bounded store; a hit leaves the generator where drawing would have. They
# are the same for every student whose module has these shapes. The key and the lookup cost about
# 10 µs, what drawing 1,000 numbers costs (4,096: 50 µs; 65,536: 0.7 ms; 3 Dec 2026).
OWN_VALUES_CACHED_FROM = 1 << 12     # elements; smaller draws cost less than the key


def own_values(shapes: dict, rng) -> dict:
    """Fan-in-scaled values for the submission's own tensors, by its own names (no mapping)."""
    if sum(int(np.prod(shape)) for shape in shapes.values()) < OWN_VALUES_CACHED_FROM:
        return {name: draw_parameter(rng, shape, name) for name, shape in shapes.items()}
    kinds = tuple((tuple(shape), draw_kind(shape, name)) for name, shape in shapes.items())

    def draw():
        return tuple(draw_parameter(rng, shape, name) for name, shape in shapes.items()), rng.bit_generator.state

    drawn, after = reference_cache.remembered(("own values", reference_cache.digest(rng.bit_generator.state), kinds),
                                              draw)
    rng.bit_generator.state = after
    return dict(zip(shapes, drawn))


def _max_fan_in(shapes) -> int:
    return max([fan_in(s) for s in shapes.values()] or [1])


class Transplant:
    """The reference with drawn values, the submission's matching tensors, and the mapping that
    makes them compute the same thing (when one exists)."""

    def __init__(self, ctx, spec, config, check_id, meta_trace: bool = False):
        self.ctx, self.spec, self.config = ctx, spec, config
        seed = seed_for(ctx.task, check_id, config)
        # The reference comes back shared, not copied: it is read here, and copied only for a run
        # whose result is not known yet (``expected``) or for a caller that may change it
        # (``reference``). A batch's later students find every run known and copy nothing.
        self.shared_reference, self.x, ref_shapes, ref_trace, self.values, state = reference_cache.remembered(
            ("transplant", reference_cache.spec_key(spec), seed, reference_cache.digest(config)),
            lambda: self._reference_side(spec, config, seed), leaves_rng=True, copy_modules=False)
        self._runnable = None
        self._module_key = None
        rng = np.random.default_rng(seed)
        rng.bit_generator.state = state   # where the reference's draws left it: the submission's come next
        self.grad_output = None
        self.rng = rng
        self.fan_in = _max_fan_in(ref_shapes)
        self.ref_shapes, self.ref_trace = ref_shapes, ref_trace
        meta_trace = self._meta_trace(ctx, config) if meta_trace else None
        sub_shapes = build_submission(ctx, config)
        self.own = own_values(sub_shapes, rng)   # drawn even when unsent: the generator moves on the same
        self.sub_shapes = sub_shapes
        self.traced_on_meta = meta_trace is not None and meta_trace[0] == sub_shapes
        if self.traced_on_meta:
            self.trace = meta_trace[1]
            try:
                self._map_from_trace()
            except NoMapping:   # said only after a real run's trace says it too
                self.confirm_on_cpu()
        else:
            reply, _ = run_submission(ctx, self.own, self.x, trace=True)
            self.trace = reply.get("trace", [])
            self._map_from_trace()
        self.transposed: frozenset = frozenset()  # submission matrices that hold the reference's transposed

    def _map_from_trace(self):
        try:
            self.candidates = transplant.candidate_mappings(
                transplant.units(self.ref_shapes, self.ref_trace), transplant.units(self.sub_shapes, self.trace))
            self.first = next(self.candidates)
        except StopIteration:
            raise NoMapping(msg("no assignment of your tensors to the reference's covers them all")) from None
        except ValueError as error:  # SearchExhausted included: undecided is not passed
            raise NoMapping(error.args[0] if error.args else str(error)) from None

    @staticmethod
    def _meta_trace(ctx, config):
        """(float tensors, trace) of a meta-device build traced without arithmetic, or None where the
        submission's code does not run on the meta device. For whole networks: their traced run on
        the CPU is a full forward at 224x224. What it finds is only a proposal: a mapping passes by
        the outputs of real runs, and a failure is confirmed on a traced CPU run (``confirm_on_cpu``)."""
        try:
            shapes = float_tensors(describe_submission(ctx, config, meta=True))
            reply, _ = ctx.request({"op": "trace", "input_shape": list(_input_shape(config))})
        except CheckFailed:
            return None
        return shapes, reply.get("trace", [])

    def confirm_on_cpu(self) -> bool:
        """After a failure under the meta trace's mapping: trace a real run, as a trial without
        ``meta_trace`` does. True when that trace differs and the mappings were searched again (the
        caller retries ``first``); False when the failure stands (same trace, same candidates)."""
        if not self.traced_on_meta:
            return False
        self.traced_on_meta = False
        reply, _ = run_submission(self.ctx, self.own, self.x, trace=True)
        trace = reply.get("trace", [])
        if trace == self.trace and hasattr(self, "first"):
            return False
        self.trace = trace
        self._map_from_trace()
        return True

    @property
    def reference(self) -> torch.nn.Module:
        """A fresh copy of the reference, which the caller may change (the shared one it must not)."""
        return copy.deepcopy(self.shared_reference)

    def expected(self, mode="eval", grad_output=None, x=None) -> dict:
        """The reference's run on this trial's values and input (or ``x``; see ``run_reference``):
        one copy of the reference per trial, made only if some run is not known yet, and reused by
        its runs (each loads every value and sets the mode, as runs on one module always did)."""
        if self._module_key is None:
            self._module_key = reference_cache.module_key(self.shared_reference)
        return run_reference(self.shared_reference, self.values, self.x if x is None else x, mode, grad_output,
                             runnable=self._own_reference, module_key=self._module_key)

    def _own_reference(self) -> torch.nn.Module:
        if self._runnable is None:
            self._runnable = self.reference
        return self._runnable

    @staticmethod
    def _reference_side(spec, config, seed):
        """Everything of the trial that does not depend on the submission, in the order it is drawn."""
        rng = np.random.default_rng(seed)
        reference = build_reference(spec, config)
        x = draw_input(rng, _input_shape(config))
        ref_shapes, ref_trace = reference_shapes_and_trace(reference, x)
        values = {n: draw_parameter(rng, s, n) for n, s in ref_shapes.items()}
        return reference, x, ref_shapes, ref_trace, values, rng.bit_generator.state

    def mapped(self, mapping) -> dict:
        """The submission's tensors filled with the reference's values; a tensor that holds several
        reference tensors gets each in its slice, a reference tensor split over several fills each
        with its part (see composites)."""
        values = {}
        for name, value in self.values.items():
            target = mapping.get(name)
            if target is None or composites.fill(values, target, value, self.sub_shapes):
                continue
            if isinstance(target, transplant.Transposed) or target in self.transposed:
                values[target] = np.ascontiguousarray(value.reshape(self.sub_shapes[target][::-1]).T)
            else:
                values[target] = value
        return values

    def find(self, mode="eval"):
        """The first candidate mapping under which outputs agree; CheckFailed (about the first-use
        proposal) when none does."""
        expected = self.expected(mode)["output"]
        first_problem = None
        mappings = [self.first]
        exhausted = None
        try:
            mappings.extend(self.candidates)
        except transplant.SearchExhausted as error:  # try those found; undecided if none agrees
            exhausted = error
        # A square matrix stored (in, out) and applied as ``z @ W`` matches (out, in) by shape but
        # not by layout: when no mapping agrees, try each once more with such matrices transposed.
        # (Non-square ones are matched transposed by shape already: see transplant.Transposed.)
        square = frozenset(n for n, s in self.sub_shapes.items() if len(s) == 2 and s[0] == s[1] > 1)
        for transposed in (frozenset(), square) if square else (frozenset(),):
            for mapping in mappings:
                self.transposed = transposed & {t for t in mapping.values() if isinstance(t, str)}
                _, got = run_submission(self.ctx, self.mapped(mapping), self.x, mode)
                problem = compare(expected, got["output"], msg("output in {mode}() mode", mode=mode), self.fan_in,
                                  self.spec.depth)
                if problem is None:
                    return mapping
                first_problem = first_problem or problem
        self.transposed = frozenset()
        if exhausted is not None:
            raise NoMapping(msg("{exhausted}; none of the {count} mappings it found makes the outputs agree",
                                exhausted=exhausted.args[0] if exhausted.args else str(exhausted), count=len(mappings)))
        raise CheckFailed(first_problem)



def mapped_gradient(got: dict, target, shape, transposed=frozenset()):
    """The submission's gradient for one reference tensor (its slice, or its parts joined, for a
    composite; the transpose of it, for a matrix stored the other way round)."""
    if not isinstance(target, str):
        return composites.gradient(got, target, shape)
    grad = got.get("grad:" + target)
    if grad is not None and (isinstance(target, transplant.Transposed) or target in transposed):
        grad = grad.T
    return None if grad is None else grad.reshape(shape)


@contextlib.contextmanager
def _reported_as(config):
    """A check that enlarges the drawn configuration reports the one it actually ran."""
    try:
        yield
    except CheckFailed as failure:
        failure.example = failure.example or config
        raise


def _output_shape(reference, x) -> tuple:
    with torch.no_grad():
        return tuple(reference(torch.from_numpy(x)).shape)


def reference_count(spec, config, count, *args) -> int:
    """``count`` (count_params, count_macs) of the configuration's reference, once per process."""
    return reference_cache.remembered(
        (count.__name__, reference_cache.spec_key(spec), reference_cache.digest(config, args)),
        lambda: count(build_reference(spec, config), *args))


@registry.check("output_shape", kind="module", title="output shape", evidence=PREMISED, figure=True)
def check_output_shape(ctx, spec, examples):
    def body(config):
        rng = np.random.default_rng(seed_for(ctx.task, "output_shape", config))
        x = draw_input(rng, _input_shape(config))
        expected = reference_cache.remembered(
            ("output shape", reference_cache.spec_key(spec), reference_cache.digest(config)),
            lambda: _output_shape(build_reference(spec, config), x))
        shapes = build_submission(ctx, config)
        _, result = run_submission(ctx, own_values(shapes, rng), x)
        got = tuple(result["output"].shape)
        if got != expected:
            raise CheckFailed(msg("for an input of shape {shape}, expected output shape {expected}, got {got}",
                                  shape=tuple(x.shape), expected=expected, got=got))
    return for_all(spec.configs, examples, body)


@registry.check("parameter_count", kind="module", title="parameter count", evidence=PREMISED, figure=True)
def check_parameter_count(ctx, spec, examples):
    def body(config):
        expected = reference_count(spec, config, count_params)
        params = describe_submission(ctx, config)["parameters"]
        got = sum(int(np.prod(shape)) for _, shape, _ in params)
        if got != expected:
            listing = ", ".join(f"{n} {tuple(s)}" for n, s, _ in params[:12])
            raise CheckFailed(msg("expected {expected:,} learnable parameters, got {got:,} (the submission's "
                                  "tensors: {tensors})", expected=expected, got=got,
                                  tensors=listing + (" …" if len(params) > 12 else "")))
    return for_all(spec.configs, examples, body)


# The scale of the extra input same_function runs a module on: drawn inputs and fan-in-scaled
# values keep pre-activations within a few units, below ReLU6's clip; 32 times larger most are past it.
LARGE_INPUT_SCALE = 32


@registry.check("same_function", premises=("block_shapes", "output_shape"), kind="module", evidence=FUNCTION,
                title="same function as the reference")
def check_same_function(ctx, spec, examples):
    def body(config):
        trial = Transplant(ctx, spec, config, "same_function")
        mapping = trial.find("eval")
        # Train mode too: batch statistics, dropout and the like behave differently there.
        expected = trial.expected("train")["output"]
        _, got = run_submission(ctx, trial.mapped(mapping), trial.x, "train")
        problem = compare(expected, got["output"], msg("output in {mode}() mode", mode="train"), trial.fan_in,
                          spec.depth)
        if problem:
            raise CheckFailed(problem)
        # A clipped activation (ReLU6 for ReLU) agrees with the course's wherever no pre-activation
        # passes its clip, and fan-in-scaled values keep them near 1: the same trial once more with
        # its input scaled up (a piecewise-linear block's pre-activations with it) reaches the clip.
        large = (trial.x * LARGE_INPUT_SCALE).astype(np.float32)
        expected = trial.expected("eval", x=large)["output"]
        _, got = run_submission(ctx, trial.mapped(mapping), large, "eval")
        problem = compare(expected, got["output"], msg("output in eval() mode for the input scaled by {scale}",
                                                       scale=LARGE_INPUT_SCALE), trial.fan_in, spec.depth)
        if problem:
            raise CheckFailed(problem)
    return for_all(spec.configs, examples, body)


@registry.check("gradients", premises=("same_function",), kind="module", evidence=FUNCTION,
                title="gradients equal the reference's")
def check_gradients(ctx, spec, examples):
    def body(config):
        trial = Transplant(ctx, spec, config, "gradients")
        mapping = trial.find("eval")
        out_shape = trial.expected()["output"].shape
        grad_output = draw_input(trial.rng, out_shape)
        expected = trial.expected("eval", grad_output)
        _, got = run_submission(ctx, trial.mapped(mapping), trial.x, "eval", grad_output)
        if "grad:input" not in got:
            raise CheckFailed(msg("no gradient reached the input (is the output detached from it?)"))
        problem = compare(expected["grad:input"], got["grad:input"], msg("gradient of the input"), trial.fan_in,
                          spec.depth)
        if problem:
            raise CheckFailed(problem)
        for ref_name, target in mapping.items():
            if "grad:" + ref_name not in expected:
                continue  # a buffer
            want = expected["grad:" + ref_name]
            have = mapped_gradient(got, target, want.shape, trial.transposed)
            label = composites.label(target)
            if have is None:
                raise CheckFailed(msg("parameter {name!r} received no gradient", name=label))
            problem = compare(want, have, msg("gradient of parameter {name!r}", name=label), trial.fan_in, spec.depth)
            if problem:
                raise CheckFailed(problem)
    return for_all(spec.configs, examples, body)


@registry.check("hygiene", kind="module", evidence=PREMISED,
                title="input unchanged, deterministic, every parameter used")
def check_hygiene(ctx, spec, examples):
    """Mapping-free: the input is left alone, the forward is deterministic, every parameter is used."""
    def body(drawn):
        config = dict(drawn, batch=max(drawn["batch"], 2))
        with _reported_as(config):
            hygiene_of(config)

    def hygiene_of(config):
        rng = np.random.default_rng(seed_for(ctx.task, "hygiene", config))
        description = describe_submission(ctx, config)
        values = own_values(float_tensors(description), rng)
        # Buffers by role, not by name: a functional BN's running variance may be called anything.
        values.update({n: draw_buffer(rng, s) for n, s, dtype in description["buffers"] if dtype.startswith("float")})
        x = draw_input(rng, _input_shape(config))
        reply, first = run_submission(ctx, values, x, trace=True)
        if reply["input_modified"]:
            raise CheckFailed(msg("the forward pass modified its input tensor in place"))
        grad_output = draw_input(rng, first["output"].shape)
        _, second = run_submission(ctx, values, x, "eval", grad_output)
        if not np.array_equal(first["output"], second["output"]):
            raise CheckFailed(msg("two forward passes on the same input with the same weights gave different outputs"))
        params = [n for n, _, _ in description["parameters"]]
        # Structural, not numerical: a ReLU that happens to be off everywhere gives a zero gradient,
        # but only a tensor outside the autograd graph gets none at all.
        dead = [n for n in params if "grad:" + n not in second]
        if dead:
            raise CheckFailed(msg("parameter(s) {names} received no gradient: they do not take part in the output",
                                  names=", ".join(dead)))
        # Running statistics are what eval() mode normalises with: a BN that always uses the batch's
        # statistics leaves them unread (and its layout unmappable, so only this check can tell).
        read = {name for call in reply.get("trace", []) for name in call[1]}  # (op, tensors read, shapes…)
        unread = [n for n, _, dtype in description["buffers"] if dtype.startswith("float") and n not in read]
        if unread:
            raise CheckFailed(msg("buffer(s) {names} are never read in eval() mode: a BN layer must normalise with "
                                  "its running statistics there, not with the batch's", names=", ".join(unread)))
    return for_all(spec.configs, examples, body)


@registry.check("macs", premises=("block_shapes", "output_shape"), kind="module", title="multiply–accumulates", evidence=PREMISED, figure=True)
def check_macs(ctx, spec, examples):
    """No more multiply–accumulates than the reference's count. A count below it is the counter's
    blind spot, not the student's: torch's flop counter sees matrix products and convolutions only,
    so a product written elementwise (an einsum whose contraction has size 1, unfold-and-multiply, a
    depthwise conv as shifted slices) counts nothing, and the check is credited only once the same
    function was verified. More than the reference's is work the layer does not need (a grouped
    conv run as a dense one with a block-diagonal weight)."""
    def body(config):
        shape = _input_shape(config)
        expected = reference_count(spec, config, count_macs, shape)
        build_submission(ctx, config)
        reply, _ = ctx.request({"op": "shapes", "input_shape": list(shape)})
        if type(reply["macs"]) is not int or reply["macs"] > expected:   # a bool is no count
            raise CheckFailed(msg("for an input of shape {shape}, expected {expected:,} multiply–accumulates "
                                  "(torch.utils.flop_counter), got {got:,}", shape=shape, expected=expected,
                                  got=reply["macs"]))
    return for_all(spec.configs, examples, body)


@registry.check("receptive_field", premises=("output_shape",), kind="module", title="receptive field", evidence=PREMISED)
@registry.check("pixel_locality", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="a 1×1 conv mixes channels only within a pixel")
def check_receptive_field(ctx, spec, examples):
    """Mapping-free: perturb one input pixel (all channels); only outputs within the task's
    receptive radius of it may change."""
    def body(drawn):
        rh, rw = spec.receptive_radius(drawn)
        config = dict(drawn, height=max(drawn["height"], 2 * rh + 3), width=max(drawn["width"], 2 * rw + 3))
        with _reported_as(config):
            field_of(config, rh, rw)

    def field_of(config, rh, rw):
        rng = np.random.default_rng(seed_for(ctx.task, "receptive_field", config))
        shapes = build_submission(ctx, config)
        values = own_values(shapes, rng)
        x = draw_input(rng, _input_shape(config))
        i, j = config["height"] // 2, config["width"] // 2
        moved = x.copy()
        moved[:, :, i, j] = draw_input(rng, moved[:, :, i, j].shape)   # the pixel drawn afresh: an ordinary input
        _, a = run_submission(ctx, values, x)
        _, b = run_submission(ctx, values, moved)
        if a["output"].shape != b["output"].shape or a["output"].ndim != 4:
            raise CheckFailed(msg("unexpected output shape {shape}", shape=a["output"].shape))
        changed = np.argwhere(np.abs(a["output"] - b["output"]).sum(axis=(0, 1)) > 0)
        outside = [(int(p), int(q)) for p, q in changed if abs(p - i) > rh or abs(q - j) > rw]
        if outside:
            raise CheckFailed(msg("changing input pixel {pixel} changed output pixel {output}, outside the "
                                  "{height}×{width} neighbourhood the definition allows", pixel=(i, j),
                                  output=outside[0], height=2 * rh + 1, width=2 * rw + 1))
    return for_all(spec.configs, examples, body)

