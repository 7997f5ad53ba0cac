"""A name -> builder registry for the reference zoo, with published figures kept as data.

Each family module decorates its small builder functions with :func:`register_model`;
importing :mod:`classic_cnn` imports every family, so the registry is complete by then.
"""

from __future__ import annotations

import difflib
import fnmatch
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

import torch.nn as nn

__all__ = ["Figure", "ModelInfo", "register_model", "list_models", "create", "model_info"]


@dataclass(frozen=True)
class Figure:
    """One number about a model, and where it comes from.

    ``exact`` separates integers this package reproduces to the unit from the rounded
    (and sometimes inconsistent) figures that papers print.
    """

    value: float
    unit: str  # "params", "MACs", or "top1" (ImageNet top-1 accuracy in %, single model)
    source: str
    exact: bool
    note: str = ""  # why our count differs from this figure, when it does


@dataclass(frozen=True)
class ModelInfo:
    name: str
    family: str
    canonical_input: tuple[int, int, int]  # (C, H, W)
    published: tuple[Figure, ...]
    twin: str | None = None  # "torchvision:resnet50" or "timm:legacy_seresnet50": same state_dict keys and outputs
    num_classes: int = 1000  # what the default build outputs per example (CIFAR and MNIST nets: 10)
    # Arguments the twin's constructor needs to build the architecture ``create(name)`` builds
    # (torchvision's googlenet has aux heads by default, ours does not).
    twin_kwargs: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def exact(self, unit: str) -> Figure | None:
        """The first exact figure in ``unit``: by convention the one the default build reproduces
        (params; MACs at ``canonical_input``). Later exact figures describe other options."""
        return next((f for f in self.published if f.exact and f.unit == unit), None)


@dataclass(frozen=True)
class _Entry:
    info: ModelInfo
    builder: Callable[..., nn.Module]


_REGISTRY: dict[str, _Entry] = {}


def register_model(
    name: str,
    family: str,
    published: Iterable[Figure] = (),
    canonical_input: tuple[int, int, int] = (3, 224, 224),
    twin: str | None = None,
    num_classes: int = 1000,
    twin_kwargs: Mapping[str, Any] | None = None,
) -> Callable[[Callable[..., nn.Module]], Callable[..., nn.Module]]:
    """Decorator: register ``builder`` under ``name``; the builder itself is returned unchanged."""

    def decorate(builder: Callable[..., nn.Module]) -> Callable[..., nn.Module]:
        if name in _REGISTRY:
            raise ValueError(f"model {name!r} is already registered")
        info = ModelInfo(name, family, tuple(canonical_input), tuple(published), twin, num_classes,
                         MappingProxyType(dict(twin_kwargs or {})))
        _REGISTRY[name] = _Entry(info, builder)
        return builder

    return decorate


def _patterns(filters: str | Iterable[str]) -> list[str]:
    return [filters] if isinstance(filters, str) else list(filters)


def list_models(filter: str | Iterable[str] = "", exclude_filters: str | Iterable[str] = "") -> list[str]:
    """Registered names, sorted; like timm's ``list_models``, ``filter`` keeps the names that match
    any of its shell-style wildcards (``"resnet*"``, ``["vgg1?", "*_cifar"]``) and
    ``exclude_filters`` drops those that match any of its own. Matching is case-sensitive."""
    names = sorted(_REGISTRY)
    keep = [p for p in _patterns(filter) if p]
    if keep:
        names = [n for n in names if any(fnmatch.fnmatchcase(n, p) for p in keep)]
    drop = [p for p in _patterns(exclude_filters) if p]
    return [n for n in names if not any(fnmatch.fnmatchcase(n, p) for p in drop)]


def _entry(name: str) -> _Entry:
    try:
        return _REGISTRY[name]
    except KeyError:
        close = difflib.get_close_matches(name, _REGISTRY, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise KeyError(f"unknown model {name!r}{hint} (see classic_cnn.list_models())") from None


def create(name: str, pretrained: bool = False, **kwargs) -> nn.Module:
    """Build the registered model ``name`` with freshly initialised weights; ``kwargs`` go to its
    builder. ``pretrained`` is accepted for timm-style calls, but only ``False`` works: the zoo is
    for counting and comparing architectures and ships no trained weights."""
    entry = _entry(name)
    if pretrained:
        twin = f"; the state_dict of {entry.info.twin} loads into it as is" if entry.info.twin else ""
        raise ValueError(f"classic_cnn ships no pretrained weights: create({name!r}) builds {name} with "
                         f"random weights{twin}")
    return entry.builder(**kwargs)


def model_info(name: str) -> ModelInfo:
    return _entry(name).info


def published(name: str) -> tuple[Figure, ...]:
    return _entry(name).info.published
