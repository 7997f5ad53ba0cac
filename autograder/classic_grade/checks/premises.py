"""The order of diagnosis: which checks a check's verdict presupposes, in one table.

A check compares something that only means what it says once its premises hold: outputs can only
be compared once they have the right shape, gradients once the outputs agree. When a premise of a failed check failed too, the check's own failure is a
consequence, not news: the report says "not compared: fix ⟨premise⟩ first" instead of repeating
(or misattributing) the premise's failure. Scores do not depend on this table: a failed check
scores 0 whatever it says, and a passed one keeps its pass.

Only premises graded in the same task count (a task without an ``output_shape`` check simply has
no such premise). The table is transitive through ``root_premise``: gradients name the output
shape when that is what failed first.
"""
from __future__ import annotations

# check id -> the check ids it presupposes, most fundamental first.
PREMISES: dict[str, tuple[str, ...]] = {
    # Outputs are compared element by element: that needs the shape (a network's block shapes too).
    # The parameter count comes before the mapping, but is no premise here: where the counts differ
    # no mapping exists, and that failure names the student's tensor without a counterpart itself
    # (kept: grading._diagnose); where a mapping was found, a differing output is news.
    "same_function": ("block_shapes", "output_shape"),
    # Gradients are compared only once the functions agree.
    "gradients": ("same_function",),
    # Figures measured on the output or on the feature maps.
    "macs": ("block_shapes", "output_shape"),
    "stride_placement": ("output_shape",),
    "depthwise_stride": ("output_shape",),
    # Properties read off the output, pixel by pixel or channel by channel.
    "receptive_field": ("output_shape",),
    "pixel_locality": ("output_shape",),
    "separable_receptive_field": ("output_shape",),
    "identity_path": ("output_shape",),
    "projection_shortcut": ("output_shape",),
    "group_block_diagonal": ("output_shape",),
    "depthwise_block_diagonal": ("output_shape",),
    "channel_scaling": ("output_shape",),
    "per_sample_gate": ("output_shape",),
    "channel_neighbourhood": ("output_shape",),
    "concatenation_order": ("output_shape",),
    "growth": ("output_shape",),
    "channel_permutation": ("output_shape",),
    # A counting function's drawn arguments presuppose the paper's own examples.
    "drawn_arguments": ("paper_examples",),
}


def premises_of(check_id: str) -> tuple[str, ...]:
    return PREMISES.get(check_id, ())


def root_premise(check_id: str, failed: set[str], graded: set[str]) -> str | None:
    """The most fundamental failed premise of ``check_id`` among the task's graded checks, or None
    when every graded premise held. Only failed premises are followed: when the outputs agree, a
    gradient failure is news whatever the output shape check said."""
    seen: set[str] = {check_id}

    def walk(check: str) -> str | None:
        for premise in premises_of(check):
            if premise in seen or premise not in graded or premise not in failed:
                continue
            seen.add(premise)
            return walk(premise) or premise
        return None

    return walk(check_id)
