from newsletter.render import Member, member_card, newsletter


def test_card() -> None:
    assert member_card(Member("Ana", "Porto", 2024)) == '<li class="member"><b>Ana</b> from Porto (since 2024)</li>'


def test_ampersand_in_a_name() -> None:
    html = newsletter("May", [Member("Tom & Jerry", "Bonn", 2023)])
    assert "<b>Tom &amp; Jerry</b>" in html
    assert "&amp;amp;" not in html
    assert html.startswith("<h1>May</h1><h2>New members</h2><ul><li")
