"""Load Carnet's demo content: French and English, and Spanish when CARNET_LANGUAGES has it.

Idempotent: what exists already is left alone.
"""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site

from editorial.localize import translate_with_localize
from editorial.workflow import EDITORS, REVIEWERS
from home.demo import INFORMATION_PAGES, SOCIAL_ACCOUNTS, body_html, french
from home.models import HomePage, InformationPage, SiteLinks

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = os.environ.get("CARNET_ADMIN_PASSWORD", "carnet-admin")
# One account per editorial role, to try the review workflow: username, password, group.
EDITORIAL_ACCOUNTS = [
    ("editor", os.environ.get("CARNET_EDITOR_PASSWORD", "carnet-editor"), EDITORS),
    ("reviewer", os.environ.get("CARNET_REVIEWER_PASSWORD", "carnet-reviewer"), REVIEWERS),
]

HOME_FR = {
    "title": "Carnet",
    "slug": "accueil",
    "intro": (
        "<p>Un magazine sur les questions éthiques, philosophiques et sociétales "
        "que pose l’intelligence artificielle.</p>"
    ),
    "tagline": (
        "Carnet explore les enjeux éthiques, philosophiques et sociétaux de "
        "l’intelligence artificielle."
    ),
}
HOME_EN = {
    "Carnet": "Carnet",
    "accueil": "home",
    (
        "Un magazine sur les questions éthiques, philosophiques et sociétales "
        "que pose l’intelligence artificielle."
    ): "A magazine on the ethical, philosophical and societal questions raised by "
    "artificial intelligence.",
    HOME_FR["tagline"]: (
        "Carnet explores the ethical, philosophical and societal stakes of "
        "artificial intelligence."
    ),
}


class Command(BaseCommand):
    help = "Load the bilingual demo content (French pages and their English translations)."

    def handle(self, *args, **options):
        languages = dict(settings.LANGUAGES)
        if "fr" not in languages or "en" not in languages:
            raise CommandError(
                "The demo is written in French and translated into English: "
                "CARNET_LANGUAGES must name fr and en (and may name es)."
            )
        with transaction.atomic():
            admin = self.ensure_admin()
            members = {
                group: self.ensure_member(username, password, group)
                for username, password, group in EDITORIAL_ACCOUNTS
            }
            french, english = self.ensure_locales()
            home = self.ensure_home(french, admin)
            if not home.has_translation(english):
                translate_with_localize(home, english, HOME_EN, user=admin)
                self.stdout.write("Translated the home page into English.")
            magazine = self.load_magazine(home, english, admin, editor=members[EDITORS])
            pages = self.ensure_information_pages(home, english, admin)
            self.ensure_site_links(home, magazine, pages)
            self.ensure_featured_article(home, magazine, admin)
            self.add_comments(magazine, english)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def load_magazine(self, home, english, admin, editor):
        """Articles, topics and authors, in French and in English (see articles.demo), and
        the editor's article waiting for review."""
        from articles.demo.loader import DemoMagazine

        magazine = DemoMagazine(home, english, admin, log=self.stdout.write)
        magazine.load()
        magazine.leave_one_for_review(editor)
        if "es" in dict(settings.LANGUAGES):
            self.load_spanish(home, magazine, admin)
        return magazine

    def load_spanish(self, home, magazine, admin):
        """With Spanish among CARNET_LANGUAGES: the home page, the index, the topics, the
        authors and three articles in Spanish (articles.demo.spanish)."""
        from articles.demo import spanish as texts

        spanish, _created = Locale.objects.get_or_create(language_code="es")
        if not home.has_translation(spanish):
            translate_with_localize(home, spanish, texts.HOME, user=admin)
            self.stdout.write("Translated the home page into Spanish.")
        magazine.add_language(spanish, texts.TEXTS, texts.ARTICLES)

    def ensure_information_pages(self, home, english, admin):
        """About, legal notice and privacy policy, in French and translated into English:
        {site links field: French page}."""
        pages = {}
        for data in INFORMATION_PAGES:
            slug, title = data["slug"], data["title"]
            body, translations = body_html(data["body"])
            translations.update({slug[0]: slug[1], french(title[0]): title[1]})
            page = home.get_children().filter(slug=slug[0]).specific().first()
            if page is None:
                page = InformationPage(
                    title=french(title[0]), slug=slug[0], body=body, locale=home.locale
                )
                home.add_child(instance=page)
                page.save_revision(user=admin).publish(user=admin)
                self.stdout.write(f"Created the page {page.title!r}.")
            if not page.has_translation(english):
                translate_with_localize(page, english, translations, user=admin)
                self.stdout.write(f"Translated {page.title!r} into English.")
            pages[data["link"]] = page
        return pages

    def ensure_site_links(self, home, magazine, pages):
        """The header's and footer's links, unless an administrator has set them."""
        site = Site.objects.get(root_page=home)
        links, created = SiteLinks.objects.get_or_create(site=site)
        if not created and links.linked_pages():
            return
        links.articles_page = magazine.index
        links.topics_page = magazine.topic_list
        for name, page in pages.items():
            setattr(links, name, page)
        for name, address in SOCIAL_ACCOUNTS.items():
            setattr(links, name, address)
        links.save()
        self.stdout.write("Set the site's header and footer links.")

    def ensure_featured_article(self, home, magazine, admin):
        """The reference article, featured on the home page, unless one is featured."""
        from articles.demo.content import ARTICLES

        home = HomePage.objects.get(pk=home.pk)
        if home.featured_article_id:
            return
        home.featured_article = magazine.articles[ARTICLES[0].slug[0]]
        home.save_revision(user=admin).publish(user=admin)
        self.stdout.write(f"Featured {home.featured_article.title!r} on the home page.")

    def add_comments(self, magazine, english):
        """A few approved comments under French articles and their translations."""
        from comments.demo import add_demo_comments

        french_articles = magazine.articles
        english_articles = {
            page.get_translation(english).slug: page.get_translation(english)
            for page in french_articles.values()
            if page.has_translation(english)
        }
        add_demo_comments({"fr": french_articles, "en": english_articles}, self.stdout.write)

    def ensure_admin(self):
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(ADMIN_PASSWORD)
            admin.save()
            self.stdout.write(f"Created the superuser “{ADMIN_USERNAME}”.")
        return admin

    def ensure_member(self, username, password, group_name):
        """An account in one of the editorial groups (created by home's migrations)."""
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        if created:
            user.set_password(password)
            user.save()
            self.stdout.write(f"Created “{username}” in the group {group_name}.")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    def ensure_locales(self):
        french, _created = Locale.objects.get_or_create(language_code="fr")
        english, _created = Locale.objects.get_or_create(language_code="en")
        return french, english

    def ensure_home(self, locale, user):
        """The French home page at the site root, in place of Wagtail's welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific

        root = Page.get_first_root_node()
        home = HomePage(locale=locale, **HOME_FR)
        root.add_child(instance=home)
        home.save_revision(user=user).publish(user=user)
        previous_root = site.root_page if site else None
        base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site = site or Site(is_default_site=True)
        site.hostname = base_url.hostname or "localhost"
        site.port = base_url.port or (443 if base_url.scheme == "https" else 80)
        site.site_name = "Carnet"
        site.root_page = home
        site.save()
        if previous_root is not None and previous_root.depth == 2:
            previous_root.delete()
        self.stdout.write("Created the French home page.")
        return home
