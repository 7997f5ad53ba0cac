"""Rubrics: which checks each task has, their points and visibility. Data (rubrics/*.json), read by
the CLI and by the notebooks' test cells alike, so the two never drift."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

CHECK_NAMES = {
    "output_shape": "output shape",
    "parameter_count": "parameter count",
    "same_function": "same function as the reference",
    "gradients": "gradients equal the reference's",
    "hygiene": "input unchanged, deterministic, every parameter used",
    "macs": "multiply–accumulates",
    "pixel_locality": "a 1×1 conv mixes channels only within a pixel",
    "receptive_field": "receptive field",
    "block_shapes": "per-block feature-map shapes",
    "paper_examples": "the papers' examples",
    "drawn_arguments": "exact over drawn arguments",
    "identity_path": "with its residual branch silenced, a block with an identity shortcut passes x through",
    "projection_shortcut": "projection shortcut exactly when the shape changes",
    "stride_placement": "stride on the 3×3 conv (feature-map shapes and MACs)",
    "group_block_diagonal": "output group g depends only on input group g",
    "forbidden_api": "grouping written by hand (no groups > 1 passed to torch)",
    "channel_scaling": "output is x times one factor in (0, 1) per sample and channel",
    "mean_squeeze": "the squeeze is a spatial mean",
    "per_sample_gate": "each sample gated by its own statistics",
    "excitation_width": "excitation bottleneck of max(1, C // r) units",
    "channel_neighbourhood": "gate sees only the k_size neighbouring channels",
    "concatenation_order": "output is x, then the new features (concatenation order)",
    "preactivation_order": "pre-activation order: BN → ReLU → conv",
    "growth": "layer i reads in_channels + i·growth_rate channels and adds growth_rate",
    "depthwise_block_diagonal": "depthwise stage: output channel c depends only on input channel c",
    "separable_receptive_field": "3×3 receptive field: the pointwise stage mixes channels within a pixel",
    "depthwise_stride": "stride on the depthwise 3×3 conv (feature-map shapes)",
    "channel_permutation": "output channels are a permutation of the input channels",
}


@dataclass(frozen=True)
class CheckSpec:
    id: str
    points: float
    visibility: str

    @property
    def name(self) -> str:
        """The English title, translatable (``messages.render(name, "zh-TW")``)."""
        from .messages import Message

        return Message(CHECK_NAMES[self.id])


@dataclass(frozen=True)
class TaskRubric:
    name: str
    kind: str
    signature: str
    checks: tuple[CheckSpec, ...]

    def points(self, visibility: str | None = None) -> float:
        return sum(c.points for c in self.checks if visibility in (None, c.visibility))


@dataclass(frozen=True)
class Rubric:
    assignment: str
    title: str
    tasks: tuple[TaskRubric, ...]

    def task(self, name: str) -> TaskRubric:
        for task in self.tasks:
            if task.name == name:
                return task
        raise KeyError(f"{self.assignment} has no task {name!r}; its tasks: {', '.join(t.name for t in self.tasks)}")


def assignments() -> list[str]:
    folder = resources.files("classic_grade") / "rubrics"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def load(assignment: str) -> Rubric:
    if assignment not in assignments():
        raise KeyError(f"no assignment {assignment!r}; known: {', '.join(assignments())}")
    data = json.loads((resources.files("classic_grade") / "rubrics" / f"{assignment}.json").read_text("utf-8"))
    tasks = tuple(
        TaskRubric(t["name"], t["kind"], t["signature"],
                   tuple(CheckSpec(c["id"], float(c["points"]), c["visibility"]) for c in t["checks"]))
        for t in data["tasks"])
    return Rubric(data["assignment"], data["title"], tasks)
