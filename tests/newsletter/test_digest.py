"""The digest: latest articles, to confirmed subscribers, in their language, once each."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage
from newsletter.digest import plan_digests, send_digests
from newsletter.models import SentDigestItem, Subscriber
from tests.factories import HomePageFactory, SubscriberFactory
from tests.newsletter.helpers import NBSP, html_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest_of_home_pages(settings):
    """Home pages stand in for articles until the articles app exists on this branch."""
    settings.NEWSLETTER_DIGEST_PAGE_MODEL = "home.HomePage"


@pytest.fixture
def site(homes, digest_of_home_pages):
    """Both home pages, published long ago so that only the test's articles are news."""
    HomePage.objects.update(first_published_at=timezone.now() - timedelta(days=400))
    return homes


def publish(parent, title, days_ago=1, **fields):
    page = HomePageFactory(
        parent=parent,
        title=title,
        slug=title.lower().replace(" ", "-"),
        locale=parent.locale,
        **fields,
    )
    Page.objects.filter(pk=page.pk).update(
        first_published_at=timezone.now() - timedelta(days=days_ago)
    )
    return page


def test_each_confirmed_subscriber_gets_the_new_articles_in_their_language(site):
    home_fr, home_en = site
    publish(
        home_fr,
        "Le sommet de Paris",
        days_ago=2,
        search_description="Une troisième voie pour l’IA.",
    )
    publish(home_fr, "Bletchley Park", days_ago=1)
    publish(home_en, "The Paris summit", days_ago=2)
    french = SubscriberFactory(email="ana@example.com", language="fr")
    english = SubscriberFactory(email="bob@example.com", language="en")
    SubscriberFactory(email="pending@example.com", status=Subscriber.Status.PENDING)
    SubscriberFactory(email="gone@example.com", status=Subscriber.Status.UNSUBSCRIBED)

    assert send_digests(plan_digests()) == 2

    messages = {message.to[0]: message for message in mail.outbox}
    assert set(messages) == {french.email, english.email}
    to_ana, to_bob = messages[french.email], messages[english.email]
    assert to_ana.subject == "2 nouveaux articles sur Carnet"
    assert to_ana.body.index("Bletchley Park") < to_ana.body.index("Le sommet de Paris")
    assert "Une troisième voie pour l’IA." in to_ana.body
    assert "http://testserver/fr/le-sommet-de-paris/" in to_ana.body
    assert f"Nouveau sur Carnet depuis notre dernier e-mail{NBSP}:" in to_ana.body
    assert '<a href="http://testserver/fr/bletchley-park/"' in html_of(to_ana)
    assert "Paris summit" not in to_ana.body
    assert to_bob.subject == "New on Carnet: The Paris summit"
    assert "Le sommet" not in to_bob.body
    for message in (to_ana, to_bob):
        unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
        assert unsubscribe in message.body and unsubscribe in html_of(message)
    assert SentDigestItem.objects.filter(subscriber=french).count() == 2


def test_running_the_digest_again_never_sends_twice(site):
    home_fr, _home_en = site
    publish(home_fr, "Premier article")
    SubscriberFactory(language="fr")
    assert send_digests(plan_digests()) == 1

    assert plan_digests() == []
    assert send_digests(plan_digests()) == 0
    assert len(mail.outbox) == 1

    publish(home_fr, "Second article")
    assert send_digests(plan_digests()) == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == f"Nouveau sur Carnet{NBSP}: Second article"
    assert "Premier article" not in mail.outbox[1].body


def test_two_runs_working_from_the_same_plan_send_once(site):
    """As when the command and the admin button run at the same moment."""
    home_fr, _home_en = site
    publish(home_fr, "Premier article")
    SubscriberFactory(language="fr")
    plans = plan_digests()

    assert send_digests(plans) == 1
    assert send_digests(plans) == 0
    assert len(mail.outbox) == 1


def test_a_subscriber_who_unsubscribes_meanwhile_gets_nothing(site):
    home_fr, _home_en = site
    publish(home_fr, "Premier article")
    subscriber = SubscriberFactory(language="fr")
    plans = plan_digests()

    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.UNSUBSCRIBED)

    assert send_digests(plans) == 0
    assert mail.outbox == []
    assert not SentDigestItem.objects.exists()


def test_old_draft_and_private_pages_are_not_announced(site):
    home_fr, _home_en = site
    publish(home_fr, "Vieil article", days_ago=15)
    draft = publish(home_fr, "Brouillon")
    draft.unpublish()
    private = publish(home_fr, "Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    publish(home_fr, "Nouvel article")
    SubscriberFactory(language="fr")

    (plan,) = plan_digests()

    assert [item.title for item in plan.items] == ["Nouvel article"]


def test_the_lookback_is_a_setting(site, settings):
    home_fr, _home_en = site
    publish(home_fr, "Vieil article", days_ago=20)
    SubscriberFactory(language="fr")
    assert plan_digests() == []

    settings.NEWSLETTER_DIGEST_LOOKBACK_DAYS = 30

    assert [item.title for item in plan_digests()[0].items] == ["Vieil article"]


@pytest.mark.parametrize("subscribers_per_language", [1, 4])
def test_planning_costs_the_same_queries_whatever_the_number_of_subscribers(
    site, django_assert_num_queries, subscribers_per_language
):
    home_fr, home_en = site
    publish(home_fr, "Premier article")
    publish(home_en, "First article")
    for _number in range(subscribers_per_language):
        SubscriberFactory(language="fr")
        SubscriberFactory(language="en")
    plan_digests()  # warms Wagtail's cache of site root paths, as any earlier request does

    # The subscribers; then per language: view restrictions, pages, what was already sent.
    with django_assert_num_queries(7):
        plans = plan_digests()

    assert len(plans) == 2 * subscribers_per_language


def test_the_command_has_a_dry_run_that_sends_and_records_nothing(site):
    home_fr, _home_en = site
    publish(home_fr, "Premier article")
    SubscriberFactory(email="ana@example.com", language="fr")
    out = StringIO()

    call_command("send_digest", "--dry-run", stdout=out)

    assert "ana@example.com (fr): Premier article" in out.getvalue()
    assert "1 e-mail(s) would be sent; nothing was sent" in out.getvalue()
    assert mail.outbox == [] and not SentDigestItem.objects.exists()


def test_the_command_sends_then_finds_nothing_more_to_send(site):
    home_fr, _home_en = site
    publish(home_fr, "Premier article")
    SubscriberFactory(language="fr")
    first, second = StringIO(), StringIO()

    call_command("send_digest", stdout=first)
    call_command("send_digest", stdout=second)

    assert "Queued 1 of 1 digest e-mail(s)" in first.getvalue()
    assert "Nothing to send" in second.getvalue()
    assert len(mail.outbox) == 1


def test_the_command_explains_a_page_model_that_does_not_exist(settings, db):
    settings.NEWSLETTER_DIGEST_PAGE_MODEL = "articles.Brochure"

    with pytest.raises(CommandError, match="not an installed page model"):
        call_command("send_digest", "--dry-run", stdout=StringIO())
