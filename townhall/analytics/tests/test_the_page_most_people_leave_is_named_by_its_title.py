"""Where residents drop out of a form: the page is named by its title, not its id."""

from townhall.analytics.tests.test_performance_pages_show_figures_and_withhold_small_counts import (
    sign_in,
)


def test_managers_see_the_page_most_people_leave(client, catalogue, manager):
    from townhall.analytics.selectors import service_published
    from townhall.cases.services import journey_event_record

    slug = "tax-return"
    first, second = service_published(slug=slug).page_order[:2]
    for page_id, count in ((first, 12), (second, 4)):
        for _ in range(count):
            journey_event_record(service_slug=slug, kind="page_reached", page_id=page_id)
    sign_in(client, manager)
    html = client.get(f"/staff/analytics/{slug}/").content.decode()
    # The page's title from the service definition, never its id.
    assert first == "your_return"
    assert "was “About this return” (an estimated 8 people)" in html
    assert "your_return" not in html
