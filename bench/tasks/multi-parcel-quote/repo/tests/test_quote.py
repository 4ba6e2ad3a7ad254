from parcels.quote import quote


def test_two_parcels_to_the_eu() -> None:
    assert quote([(20, 10, 10, 3.2), (10, 10, 10, 0.3)], "eu") == 26.6
