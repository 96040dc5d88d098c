"""Two requests or two digest runs at the same moment: still one subscriber, one e-mail.

PostgreSQL only: SQLite serialises every write, so it cannot show the race.
"""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from home.models import HomePage
from newsletter import subscriptions
from newsletter.digest import plan_digests, send_digests
from newsletter.models import SentDigestItem, Subscriber
from tests.factories import HomePageFactory, SubscriberFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
]


def run_together(task, times=2):
    """Run `task` in `times` threads released at the same instant; return their results."""
    barrier = threading.Barrier(times)
    results = [None] * times

    def worker(index):
        try:
            barrier.wait()
            results[index] = task()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.parametrize("known", [False, True], ids=["new-address", "pending-address"])
def test_simultaneous_sign_ups_of_one_address_make_one_subscriber_and_one_e_mail(
    postgres_only, known
):
    if known:
        SubscriberFactory(
            email="ana@example.com",
            status=Subscriber.Status.PENDING,
            notified_at=timezone.now() - timedelta(days=1),
        )

    run_together(lambda: subscriptions.sign_up("ana@example.com", "fr"), times=4)

    assert Subscriber.objects.filter(email="ana@example.com").count() == 1
    assert len(mail.outbox) == 1


def test_simultaneous_digest_runs_send_each_article_once(postgres_only, homes, settings):
    settings.NEWSLETTER_DIGEST_PAGE_MODEL = "home.HomePage"
    HomePage.objects.update(first_published_at=timezone.now() - timedelta(days=400))
    home_fr, _home_en = homes
    article = HomePageFactory(
        parent=home_fr, title="Article", slug="article", locale=home_fr.locale
    )
    Page.objects.filter(pk=article.pk).update(first_published_at=timezone.now())
    SubscriberFactory.create_batch(3, language="fr")
    plans = plan_digests()

    sent = run_together(lambda: send_digests(plans))

    assert sum(sent) == 3, "the two runs may share the work, never repeat it"
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        Subscriber.objects.values_list("email", flat=True)
    )
    assert SentDigestItem.objects.count() == 3
