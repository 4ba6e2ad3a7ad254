"""Render record classes for the big-module task family (see render_big_task.py).

An entity is described by a small table (name, plural, key field, fields with types, rules and a
sample value; a base's tables are in big_<base>.toml, read by `load_entities`); `render_entity`
writes a dataclass with validation and (de)serialisation, a registry class with lookups and totals,
CSV import/export and a summary function. The output is plain, deterministic Python: the same tables
always give the same module text.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # "str", "int", "float", "bool"
    doc: str
    sample: object
    default: object = None  # None: required
    rule: tuple = ()  # ("nonempty",), ("nonneg",), ("positive",), ("range", lo, hi), ("choice", (...))


@dataclass(frozen=True)
class Entity:
    name: str
    plural: str  # snake-case plural, e.g. "suppliers"
    doc: str
    fields: tuple[Field, ...]
    extra: str = ""  # hand-written methods appended to the dataclass (already indented)

    @property
    def key(self) -> Field:
        return self.fields[0]

    @property
    def title(self) -> str:
        return self.plural.replace("_", " ")

    @property
    def numeric(self) -> list[Field]:
        return [f for f in self.fields if f.type in ("int", "float")]

    @property
    def texts(self) -> list[Field]:
        return [f for f in self.fields[1:] if f.type == "str"]

    @property
    def flags(self) -> list[Field]:
        return [f for f in self.fields if f.type == "bool"]


def load_entities(path: Path) -> list[Entity]:
    """The `[[entity]]` tables of a base's records file (big_<base>.toml), in file order."""
    with path.open("rb") as handle:
        tables = tomllib.load(handle)["entity"]
    return [
        Entity(table["name"], table["plural"], table["doc"], tuple(Field(**{**spec, "rule": _tuples(spec.get("rule", []))}) for spec in table["fields"]))
        for table in tables
    ]


def _tuples(value: object) -> object:
    """TOML's arrays as the tuples a Field's rule holds (nested: a choice's options)."""
    return tuple(_tuples(item) for item in value) if isinstance(value, list) else value


CONVERT = {"str": "str", "int": "_as_int", "float": "_as_float", "bool": "_as_bool"}


def _literal(value: object) -> str:
    """A Python literal for value, strings in double quotes (tuples of strings too)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        return "(" + ", ".join(_literal(item) for item in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _checks(entity: Entity, f: Field) -> list[str]:
    if not f.rule:
        return []
    kind = f.rule[0]
    where = f"{entity.name}.{f.name}"
    if kind == "nonempty":
        return [f"if not self.{f.name}.strip():", f'    raise ValueError("{where} must not be empty")']
    if kind == "nonneg":
        return [f"if self.{f.name} < 0:", f'    raise ValueError(f"{where} must be >= 0, got {{self.{f.name}}}")']
    if kind == "positive":
        return [f"if self.{f.name} <= 0:", f'    raise ValueError(f"{where} must be > 0, got {{self.{f.name}}}")']
    if kind == "range":
        lo, hi = f.rule[1], f.rule[2]
        return [f"if not {lo!r} <= self.{f.name} <= {hi!r}:", f'    raise ValueError(f"{where} must be between {lo} and {hi}, got {{self.{f.name}}}")']
    if kind == "choice":
        return [f"if self.{f.name} not in {_literal(f.rule[1])}:", f'    raise ValueError(f"{where} must be one of {", ".join(f.rule[1])}, got {{self.{f.name}!r}}")']
    raise ValueError(kind)


def render_entity(entity: Entity) -> str:
    n, key = entity.name, entity.key
    upper = "".join("_" + c if c.isupper() else c for c in n).strip("_").upper()
    lines: list[str] = []
    add = lines.append
    bar = "# " + "-" * 98
    add(bar)
    add(f"# {entity.title.capitalize()}")
    add(bar)
    add("")
    add(f"{upper}_FIELDS: tuple[str, ...] = {_literal(tuple(f.name for f in entity.fields))}")
    add("")
    add("")
    add("@dataclass")
    add(f"class {n}:")
    add(f'    """{entity.doc}')
    add("")
    add("    Attributes:")
    for f in entity.fields:
        add(f"        {f.name}: {f.doc}")
    add('    """')
    add("")
    for f in entity.fields:
        if f.default is None:
            add(f"    {f.name}: {f.type}")
    for f in entity.fields:
        if f.default is not None:
            add(f"    {f.name}: {f.type} = {_literal(f.default)}")
    add("")
    add("    def validate(self) -> None:")
    add('        """Raise ValueError when a field breaks its rule."""')
    body = [c for f in entity.fields for c in _checks(entity, f)]
    if not body:
        body = ["return None"]
    lines += ["        " + c for c in body]
    add("")
    add(f"    def key(self) -> {key.type}:")
    add(f'        """The value that identifies this record in a registry (its {key.name})."""')
    add(f"        return self.{key.name}")
    add("")
    add("    def to_dict(self) -> dict[str, Any]:")
    add('        """A plain dictionary with one entry per field, in field order."""')
    add("        return {")
    for f in entity.fields:
        add(f'            "{f.name}": self.{f.name},')
    add("        }")
    add("")
    add("    @classmethod")
    add(f'    def from_dict(cls, data: Mapping[str, Any]) -> "{n}":')
    add(f'        """Build a validated record from a mapping such as `to_dict` returns.')
    add("")
    add(f'        Missing optional fields take their defaults; a missing "{key.name}" raises KeyError.')
    add('        """')
    add("        item = cls(")
    for f in entity.fields:
        conv = CONVERT[f.type]
        if f.default is None:
            add(f'            {f.name}={conv}(data["{f.name}"]),')
        else:
            add(f'            {f.name}={conv}(data.get("{f.name}", {_literal(f.default)})),')
    add("        )")
    add("        item.validate()")
    add("        return item")
    add("")
    add(f'    def replace(self, **changes: Any) -> "{n}":')
    add('        """A validated copy with some fields changed; unknown field names raise TypeError."""')
    add("        item = dataclasses.replace(self, **changes)")
    add("        item.validate()")
    add("        return item")
    add("")
    add("    def describe(self) -> str:")
    add('        """One human-readable line with every field."""')
    parts = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in entity.fields[1:])
    add(f'        return f"{n} {{self.{key.name}}}: {parts}"')
    if entity.extra:
        add("")
        lines += entity.extra.rstrip("\n").split("\n")
    add("")
    add("")
    reg = f"{n}Registry"
    add(f"class {reg}:")
    add(f'    """{n} records keyed by {key.name}, in insertion order."""')
    add("")
    add(f"    def __init__(self, items: Iterable[{n}] = ()) -> None:")
    add(f"        self._items: dict[{key.type}, {n}] = {{}}")
    add("        for item in items:")
    add("            self.add(item)")
    add("")
    add("    def __len__(self) -> int:")
    add("        return len(self._items)")
    add("")
    add(f"    def __iter__(self) -> Iterator[{n}]:")
    add("        return iter(list(self._items.values()))")
    add("")
    add("    def __contains__(self, key: object) -> bool:")
    add("        return key in self._items")
    add("")
    add(f"    def add(self, item: {n}) -> None:")
    add(f'        """Add a validated record; a {key.name} that is already present raises KeyError."""')
    add("        item.validate()")
    add("        if item.key() in self._items:")
    add(f'            raise KeyError(f"duplicate {n.lower()} {{item.key()!r}}")')
    add("        self._items[item.key()] = item")
    add("")
    add(f"    def get(self, key: {key.type}) -> {n}:")
    add(f'        """The record with this {key.name}; KeyError if there is none."""')
    add("        try:")
    add("            return self._items[key]")
    add("        except KeyError:")
    add(f'            raise KeyError(f"no {n.lower()} {{key!r}}") from None')
    add("")
    add(f"    def find(self, key: {key.type}) -> {n} | None:")
    add(f'        """The record with this {key.name}, or None."""')
    add("        return self._items.get(key)")
    add("")
    add(f"    def remove(self, key: {key.type}) -> {n}:")
    add('        """Remove and return a record; KeyError if there is none."""')
    add("        item = self.get(key)")
    add("        del self._items[key]")
    add("        return item")
    add("")
    add(f"    def update(self, key: {key.type}, **changes: Any) -> {n}:")
    add(f'        """Replace fields of one record (not its {key.name}) and return the new record."""')
    add(f'        if "{key.name}" in changes:')
    add(f'            raise ValueError("the {key.name} of a record cannot change")')
    add("        item = self.get(key).replace(**changes)")
    add("        self._items[key] = item")
    add("        return item")
    for f in entity.texts:
        add("")
        add(f"    def find_by_{f.name}(self, value: str) -> list[{n}]:")
        add(f'        """Records whose {f.name} equals `value`, ignoring case and surrounding spaces."""')
        add("        wanted = value.strip().casefold()")
        add(f"        return [item for item in self._items.values() if item.{f.name}.strip().casefold() == wanted]")
    for f in entity.flags:
        add("")
        add(f"    def only_{f.name}(self, value: bool = True) -> list[{n}]:")
        add(f'        """Records whose {f.name} flag is `value`."""')
        add(f"        return [item for item in self._items.values() if item.{f.name} is value]")
    for f in entity.numeric:
        add("")
        add(f"    def total_{f.name}(self) -> {f.type}:")
        add(f'        """The sum of {f.name} over all records (0 when empty)."""')
        zero = "0.0" if f.type == "float" else "0"
        add(f"        return sum((item.{f.name} for item in self._items.values()), {zero})")
        add("")
        add(f"    def max_{f.name}(self) -> {n} | None:")
        add(f'        """The record with the largest {f.name} (the first one on ties), or None when empty."""')
        add("        best = None")
        add("        for item in self._items.values():")
        add(f"            if best is None or item.{f.name} > best.{f.name}:")
        add("                best = item")
        add("        return best")
    add("")
    add(f"    def where(self, predicate: Callable[[{n}], bool]) -> list[{n}]:")
    add('        """Records for which `predicate` is true, in insertion order."""')
    add("        return [item for item in self._items.values() if predicate(item)]")
    add("")
    add(f"    def sorted_by(self, field_name: str, reverse: bool = False) -> list[{n}]:")
    add('        """Records sorted by one field; an unknown field raises ValueError."""')
    add(f"        if field_name not in {upper}_FIELDS:")
    add('            raise ValueError(f"unknown field {field_name!r}")')
    add("        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)")
    add("")
    add("    def to_rows(self) -> list[dict[str, Any]]:")
    add('        """Every record as a dictionary, in insertion order."""')
    add("        return [item.to_dict() for item in self._items.values()]")
    add("")
    add("")
    add(f"def {entity.plural}_to_csv(items: Iterable[{n}]) -> str:")
    add(f'    """CSV text with a header row and one row per record."""')
    add("    buffer = io.StringIO()")
    add(f'    writer = csv.DictWriter(buffer, fieldnames={upper}_FIELDS, lineterminator="\\n")')
    add("    writer.writeheader()")
    add("    for item in items:")
    add("        writer.writerow(item.to_dict())")
    add("    return buffer.getvalue()")
    add("")
    add("")
    add(f"def {entity.plural}_from_csv(text: str) -> list[{n}]:")
    add(f'    """Parse CSV text as `{entity.plural}_to_csv` writes it; blank lines are skipped."""')
    add("    reader = csv.DictReader(io.StringIO(text))")
    add(f"    return [{n}.from_dict(_clean_row(row)) for row in reader" + ' if any((value or "").strip() for value in row.values())]')
    add("")
    add("")
    add(f"def summarize_{entity.plural}(items: Iterable[{n}]) -> dict[str, Any]:")
    add('    """The number of records and, for every numeric field, its total, minimum and maximum."""')
    add("    items = list(items)")
    add('    summary: dict[str, Any] = {"count": len(items)}')
    for f in entity.numeric:
        add(f"    values_{f.name} = [item.{f.name} for item in items]")
        add(f'    summary["{f.name}"] = {{')
        add(f'        "total": sum(values_{f.name}),')
        add(f'        "min": min(values_{f.name}, default=None),')
        add(f'        "max": max(values_{f.name}, default=None),')
        add("    }")
    add("    return summary")
    add("")
    add("")
    add(f"def index_{entity.plural}(items: Iterable[{n}]) -> dict[{key.type}, {n}]:")
    add(f'    """Records keyed by {key.name}; a repeated {key.name} raises ValueError."""')
    add(f"    index: dict[{key.type}, {n}] = {{}}")
    add("    for item in items:")
    add("        if item.key() in index:")
    add(f'            raise ValueError(f"duplicate {key.name} {{item.key()!r}}")')
    add("        index[item.key()] = item")
    add("    return index")
    if entity.texts:
        f = entity.texts[0]
        add("")
        add("")
        add(f"def group_{entity.plural}_by_{f.name}(items: Iterable[{n}]) -> dict[str, list[{n}]]:")
        add(f'    """Records grouped by {f.name} (keys in first-seen order, records in input order)."""')
        add(f"    groups: dict[str, list[{n}]] = {{}}")
        add("    for item in items:")
        add(f"        groups.setdefault(item.{f.name}, []).append(item)")
        add("    return groups")
    return "\n".join(lines) + "\n"


HELPERS = '''
def _as_int(value: Any) -> int:
    """An int from an int or its text; bools and fractional numbers raise ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"not an integer: {value!r}")
        return int(value)
    return int(str(value).strip())


def _as_float(value: Any) -> float:
    """A float from a number or its text."""
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    return float(value if isinstance(value, (int, float)) else str(value).strip())


_TRUE = frozenset({"1", "true", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "no", "n", "off", ""})


def _as_bool(value: Any) -> bool:
    """A bool from a bool or its usual spellings ("yes", "0", "True", ...)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"not a yes/no value: {value!r}")


def _clean_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV row without empty cells, so that missing values take their defaults."""
    return {key: value for key, value in row.items() if key is not None and value not in (None, "")}
'''


def sample_dict(entity: Entity, variant: int = 0) -> dict[str, object]:
    out: dict[str, object] = {}
    for f in entity.fields:
        value = f.sample
        if variant and f is entity.key:
            value = f"{value}{variant}"
        elif variant and f.type == "int":
            value = value + variant
        elif variant and f.type == "float":
            value = round(value + variant * 1.5, 2)
        out[f.name] = value
    return out


def render_record_tests(module: str, entities: list[Entity]) -> str:
    """Visible tests of the generated record code (they pass on every task's starting repo)."""
    names = sorted({e.name for e in entities} | {f"{e.name}Registry" for e in entities})
    funcs = sorted({f"{e.plural}_to_csv" for e in entities} | {f"{e.plural}_from_csv" for e in entities} | {f"summarize_{e.plural}" for e in entities})
    lines = ["import pytest", "", f"from {module} import (", *[f"    {name}," for name in names + funcs], ")", ""]
    for e in entities:
        first, second = sample_dict(e), sample_dict(e, 2)
        key = e.key.name
        low = e.plural
        lines += [
            "",
            f"def test_{low}_round_trip() -> None:",
            f"    first = {e.name}.from_dict({first!r})",
            f"    second = {e.name}.from_dict({second!r})",
            f"    assert {e.name}.from_dict(first.to_dict()) == first",
            f"    assert {low}_from_csv({low}_to_csv([first, second])) == [first, second]",
            "",
            "",
            f"def test_{low}_registry() -> None:",
            f"    registry = {e.name}Registry([{e.name}.from_dict({first!r})])",
            f"    registry.add({e.name}.from_dict({second!r}))",
            f"    assert len(registry) == 2 and {second[key]!r} in registry",
            "    with pytest.raises(KeyError):",
            f"        registry.add({e.name}.from_dict({first!r}))",
            f"    assert registry.remove({first[key]!r}).{key} == {first[key]!r}",
            f"    assert [item.{key} for item in registry] == [{second[key]!r}]",
        ]
        if e.numeric:
            f = e.numeric[0]
            total = first[f.name] + second[f.name]
            lines += [
                "",
                "",
                f"def test_{low}_summary() -> None:",
                f"    items = [{e.name}.from_dict({first!r}), {e.name}.from_dict({second!r})]",
                f"    summary = summarize_{low}(items)",
                f'    assert summary["count"] == 2',
            ]
            if f.type == "float":  # float totals compare approximately
                lines += [
                    f'    assert summary["{f.name}"]["total"] == pytest.approx({total!r})',
                    f'    assert summary["{f.name}"]["max"] == {max(first[f.name], second[f.name])!r}',
                ]
            else:
                lines.append(
                    f'    assert summary["{f.name}"] == {{"total": {total!r}, "min": {min(first[f.name], second[f.name])!r}, "max": {max(first[f.name], second[f.name])!r}}}'
                )
    return "\n".join(lines) + "\n"
