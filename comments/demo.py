"""A few approved readers' comments for the demo, in French and in English.

Comments belong to one translation of an article, so each language has its own. A
comment already there (same article, name and text) is left alone.
"""

from comments.models import Comment
from home.demo import french

# (article slug in its language, name, text, replies as (name, text)).
COMMENTS = {
    "fr": [
        (
            "pour-une-ia-durable-et-ouverte",
            "Claire M.",
            "Merci pour ce compte rendu clair. La « troisième voie » reste floue pour moi : "
            "ouverte à qui, et financée par qui ?",
            [
                (
                    "Hugo Marchand",
                    "Bonne question ! Notre article sur les communs numériques et la "
                    "souveraineté tente d’y répondre, au moins pour les modèles.",
                )
            ],
        ),
        (
            "biais-algorithmiques",
            "Julien R.",
            "Je travaille dans le recrutement : les outils qui trient les candidatures "
            "reproduisent vite les choix passés, bons ou mauvais.",
            [],
        ),
        (
            "les-machines-peuvent-elles-penser",
            "Nadia",
            "Belle synthèse. J’aurais aimé une ligne sur Searle et sa chambre chinoise, "
            "qu’on cite toujours dans ce débat.",
            [],
        ),
    ],
    "en": [
        (
            "for-a-sustainable-and-open-ai",
            "Sam T.",
            "A useful summary of the summit. I had missed the Brookfield project in Cambrai.",
            [("Camille Laurent", "Thank you! It was announced the day before the summit.")],
        ),
        (
            "the-energy-footprint-of-large-models",
            "Priya",
            "Could you compare training and everyday use? Most of the energy seems to go "
            "to the second.",
            [],
        ),
    ],
}


def add_demo_comments(articles_by_language, log):
    """Add the demo's approved comments under the articles of `articles_by_language`
    ({language code: {slug: article}}) that exist."""
    for code, comments in COMMENTS.items():
        articles = articles_by_language.get(code, {})
        typeset = french if code == "fr" else str
        for slug, name, text, replies in comments:
            article = articles.get(slug)
            if article is None:
                continue
            text = typeset(text)
            replies = [(reply_name, typeset(reply_text)) for reply_name, reply_text in replies]
            comment, created = Comment.objects.get_or_create(
                article=article,
                author_name=name,
                text=text,
                defaults={"status": Comment.Status.APPROVED},
            )
            for reply_name, reply_text in replies:
                Comment.objects.get_or_create(
                    article=article,
                    parent=comment,
                    author_name=reply_name,
                    text=reply_text,
                    defaults={"status": Comment.Status.APPROVED},
                )
            if created:
                log(f"Added a comment by {name} under {article.title}.")
