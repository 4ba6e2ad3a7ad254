from layercfg.layers import load_layers


def test_three_layers() -> None:
    layers = ['{"a": 1, "b": {"x": 1}}', '{"b": {"y": 2}}', '{"a": 3}']
    assert load_layers(layers) == {"a": 3, "b": {"x": 1, "y": 2}}
