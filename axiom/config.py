"""Typed configs: dataclasses loaded from YAML, with `key=value` overrides on top.

A config class is a plain dataclass whose fields carry a help string
(`field(default=..., metadata={"help": "..."})`) and whose `__post_init__` checks values.
Nested dataclass fields are sections (`train.lr=1e-4`). `Literal[...]` fields list their
allowed values, and a typo in a key or a value fails before any work with a message that
names the key, what was wrong and what is allowed.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, Union

import yaml

from axiom.errors import ConfigError
from axiom.jsonl import read_text

T = TypeVar("T")


def option(default: Any, help: str) -> Any:
    """A config field with its help string; a list default gets a fresh copy per instance."""
    if isinstance(default, list):
        return dataclasses.field(default_factory=lambda d=default: list(d), metadata={"help": help})
    return dataclasses.field(default=default, metadata={"help": help})


def load_config(cls: type[T], path: str | Path | None = None, overrides: Sequence[str] = (),
                values: Mapping[str, Any] | None = None) -> T:
    """`cls` built from the YAML file at `path` (optional), then `values` ({dotted key: value}, what a
    command's flags set), then `key=value` overrides, then validated."""
    data: dict[str, Any] = {}
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}" if not path.is_dir() else
                              f"{path} is a folder; a YAML config file is expected here")
        try:
            loaded = yaml.safe_load(read_text(path, "YAML config file"))
        except yaml.YAMLError as e:
            raise ConfigError(f"{path}: not valid YAML: {e}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{path}: the top level must be a mapping of keys to values")
        data = loaded or {}
    for key, value in (values or {}).items():
        _set_path(data, key.split("."), value)
    return from_dict(cls, apply_overrides(data, overrides))


def apply_overrides(data: dict[str, Any], overrides: Sequence[str]) -> dict[str, Any]:
    """`data` with each `key=value` (dotted key, YAML value) set in place; returns `data`."""
    for item in overrides:
        key, sep, text = item.partition("=")
        if not sep or not key:
            raise ConfigError(f"override {item!r} is not key=value (for example train.lr=1e-4)")
        _set_path(data, key.strip().split("."), parse_value(text))
    return data


def override_keys(overrides: Sequence[str]) -> list[str]:
    """The dotted keys of `key=value` overrides."""
    return [item.partition("=")[0].strip() for item in overrides]


def from_dict(cls: type[T], data: dict[str, Any], prefix: str = "") -> T:
    """Build dataclass `cls` from a mapping, checking every key and converting every value."""
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix.rstrip('.') or 'config'}: expected a mapping, got {data!r}")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for key, value in data.items():
        if key not in fields:
            raise ConfigError(_unknown_key(prefix + str(key), key, list(fields)))
        kwargs[key] = _convert(value, hints[key], prefix + key)
    try:
        return cls(**kwargs)
    except ConfigError:
        raise
    except (TypeError, ValueError) as e:
        raise ConfigError(f"{prefix.rstrip('.') or cls.__name__}: {e}") from None


def to_dict(cfg: Any) -> dict[str, Any]:
    """A config as plain JSON/YAML values (for config.json in a run directory)."""
    return dataclasses.asdict(cfg)


def describe(cls: type, prefix: str = "") -> list[tuple[str, str, str]]:
    """(key, default, help) for every field, sections flattened with dots: for --help texts."""
    rows = []
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if dataclasses.is_dataclass(hints[f.name]):
            rows += describe(hints[f.name], f"{prefix}{f.name}.")
            continue
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else "(required)")
        rows.append((prefix + f.name, repr(default), f.metadata.get("help", "")))
    return rows


def help_text(cls: type, sections: Sequence[str] | None = None) -> str:
    """describe(cls) as an aligned block for argparse epilogs; only keys under `sections` when given."""
    rows = [r for r in describe(cls) if sections is None or r[0].split(".")[0] in sections]
    width = max(len(k) for k, _, _ in rows)
    return "\n".join(f"  {k:<{width}}  {h} (default {d})" for k, d, h in rows)


def _set_path(data: dict, keys: list[str], value: Any) -> None:
    for key in keys[:-1]:
        data = data.setdefault(key, {})
        if not isinstance(data, dict):
            raise ConfigError(f"{'.'.join(keys)}: {key} is a value, not a section")
    data[keys[-1]] = value


def parse_value(text: str) -> Any:
    """Command-line values read as YAML (1e-4, true, [1, 3], null), plain text when that fails."""
    try:
        return yaml.safe_load(text) if text.strip() else ""
    except yaml.YAMLError:
        return text


def _unknown_key(where: str, key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return f"unknown config key {where!r}.{hint} Allowed keys here: {', '.join(sorted(allowed))}"


def _convert(value: Any, kind: Any, key: str) -> Any:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if dataclasses.is_dataclass(kind):
        return from_dict(kind, value if value is not None else {}, key + ".")
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in (a for a in args if a is not type(None)):
            try:
                return _convert(value, arg, key)
            except ConfigError as e:
                errors.append(str(e))
        raise ConfigError(errors[0] if len(errors) == 1 else f"{key}: {value!r} matches none of {kind}")
    if origin is Literal:
        if value not in args:
            allowed = ", ".join(map(str, args))
            raise ConfigError(f"{key}: {value!r} is not allowed; choose one of: {allowed}")
        return value
    if origin in (list, tuple, Sequence) or kind in (list, tuple):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            value = [value]
        item = args[0] if args else Any
        out = [_convert(v, item, f"{key}[{i}]") for i, v in enumerate(value)]
        return tuple(out) if origin is tuple or kind is tuple else out
    if origin is dict or kind is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a mapping, got {value!r}")
        return dict(value)
    if kind is Any:
        return value
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{key}: expected true or false, got {value!r}")
    if kind in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ConfigError(f"{key}: expected a number, got {value!r}")
        try:
            number = float(value) if kind is float else _as_int(value)
        except ValueError:
            raise ConfigError(f"{key}: expected {'a number' if kind is float else 'an integer'}, got {value!r}") \
                from None
        return number
    if kind is str:
        if isinstance(value, (dict, list)):
            raise ConfigError(f"{key}: expected text, got {value!r}")
        return str(value)
    if kind is Path:
        return Path(str(value))
    return value


def _as_int(value: int | float | str) -> int:
    number = float(value) if isinstance(value, str) else value
    if number != int(number):
        raise ValueError(value)
    return int(number)
