import pytest

from layercfg.layers import load_layers
from layercfg.merge import deep_merge


def test_inputs_untouched_and_not_shared() -> None:
    base = {"a": {"b": {"c": 1}}, "keep": [1]}
    override = {"a": {"b": {"d": 2}}, "new": {"x": 1}}
    merged = deep_merge(base, override)
    assert merged == {"a": {"b": {"c": 1, "d": 2}}, "keep": [1], "new": {"x": 1}}
    merged["a"]["b"]["c"] = 99
    merged["new"]["x"] = 99
    assert base == {"a": {"b": {"c": 1}}, "keep": [1]}
    assert override == {"a": {"b": {"d": 2}}, "new": {"x": 1}}


def test_non_dict_replaces_dict() -> None:
    assert deep_merge({"a": {"b": 1}}, {"a": 5}) == {"a": 5}
    assert deep_merge({"a": 5}, {"a": {"b": 1}}) == {"a": {"b": 1}}


def test_layers_edges() -> None:
    assert load_layers([]) == {}
    assert load_layers(['{"a": null}', '{"a": {"b": 1}}']) == {"a": {"b": 1}}
    with pytest.raises(ValueError):
        load_layers(['{"a": 1}', "[1, 2]"])
