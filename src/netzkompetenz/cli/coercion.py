"""Option values converted without building pydantic adapters (docs/performance.md).

Typer ≥ 0.26 converts every value of a command line through a pydantic `TypeAdapter` made
for each parameter when the command runs: importing its adapters and building them was
≈ 90 ms of a `report` of one person, more than the report itself. The types our commands
declare (text, a flag, a path, a choice of an `Enum`, a `parser=`, and lists of them)
need none of that: they are converted here with Typer's own checks of
choices and paths, so that values and messages stay the same. Any other type, or a Typer
whose internals differ, is left to Typer as before.
"""

from __future__ import annotations

import typing
from enum import Enum
from pathlib import Path
from typing import Any

from typer import BadParameter

try:  # Typer's internals: if they change, Typer converts as it always did
    from typer._coercion import RuntimeParam, build_runtime_param, resolve_type_descriptor
    from typer._param_types import coerce_cli_choice, coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover
    RuntimeParam = None  # type: ignore[assignment,misc]  # older or newer Typer

if RuntimeParam is not None:

    class _Plain(RuntimeParam):
        """One value (or each of a list) converted as Typer's adapter would."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            item = _item_type(self.annotation)
            if item is not None:
                return [self._one(v, item, param, ctx) for v in value]
            return self._one(value, self.annotation, param, ctx)

        def _one(self, value: Any, annotation: Any, param: Any, ctx: Any) -> Any:
            parser = self.parameter_info.parser
            try:
                if parser is not None:
                    return parser(value)
                if isinstance(annotation, type) and issubclass(annotation, Enum):
                    return coerce_cli_choice(
                        value,
                        choices=list(annotation),
                        case_sensitive=self.parameter_info.case_sensitive,
                        ctx=ctx,
                    )
            except ValueError as exc:  # worded as Typer words a failed check (views/usage)
                raise BadParameter(f"Value error, {exc}", ctx=ctx, param=param) from exc
            if annotation is Path:  # Typer's checks of a path (readable, exists=, …)
                checked = coerce_cli_path(
                    value, self.parameter_info, path_type=None, param=param, ctx=ctx
                )
                assert not isinstance(checked, bytes)  # without path_type: the text as given
                return checked if isinstance(checked, Path) else Path(checked)
            if annotation is str:
                return str(value)
            if isinstance(value, bool):  # a flag
                return value
            # a flag's value from elsewhere ("yes", "0"): as Typer converts it
            typer_s = build_runtime_param(resolve_type_descriptor(annotation, self.parameter_info))
            return typer_s._coerce_value(value, param=param, ctx=ctx)


def _item_type(annotation: Any) -> Any:
    """`list[X]` -> X, else None."""
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return None


def _plain_type(annotation: Any) -> bool:
    if _item_type(annotation) is not None:
        annotation = _item_type(annotation)
    return annotation in (str, bool, Path) or (
        isinstance(annotation, type) and issubclass(annotation, Enum)
    )


def plain_conversion(params: list[Any]) -> None:
    """Give each parameter of ours whose type needs no adapter the plain conversion."""
    if RuntimeParam is None:  # pragma: no cover
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (
            isinstance(param, _TyperParameter)
            and getattr(param, "_runtime_param", True) is None
            and descriptor is not None
            and descriptor.file_annotation is None
            and descriptor.parameter_info.path_type is None
            and (descriptor.parameter_info.parser is not None or _plain_type(descriptor.annotation))
        ):
            param._runtime_param = _Plain(descriptor.parameter_info, descriptor.annotation)
