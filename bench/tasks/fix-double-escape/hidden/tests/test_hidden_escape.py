from newsletter.markup import element
from newsletter.render import Member, new_members_section, newsletter


def test_quotes_and_tags_escaped_once() -> None:
    html = new_members_section([Member('Bo "B" <Bold>', "Köln & Co", 2022), Member("al", "X", 2021)])
    assert html == (
        "<h2>New members</h2><ul>"
        '<li class="member"><b>al</b> from X (since 2021)</li>'
        '<li class="member"><b>Bo &quot;B&quot; &lt;Bold&gt;</b> from Köln &amp; Co (since 2022)</li>'
        "</ul>"
    )


def test_title_escaped() -> None:
    assert newsletter("Q&A", []).startswith("<h1>Q&amp;A</h1>")


def test_attribute_values() -> None:
    assert element("a", "x", href='/p?a=1&b="2"') == '<a href="/p?a=1&amp;b=&quot;2&quot;">x</a>'
