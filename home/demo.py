"""The demo's information pages (about, legal notice, privacy policy) and site links.

Every text is a (French, English) pair, as in `articles.demo.content`: the French page is
written first, then translated into English through wagtail-localize. French
typography (non-breaking spaces before : ; ? ! and inside « ») is applied by `french`,
so the texts below are typed with plain spaces.
"""

FRENCH_SPACES = [
    (" :", "\u00a0:"),
    (" ;", "\u202f;"),
    (" ?", "\u202f?"),
    (" !", "\u202f!"),
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
]


def french(text):
    """French typography: non-breaking spaces before high punctuation and inside « »."""
    for plain, typeset in FRENCH_SPACES:
        text = text.replace(plain, typeset)
    return text


SOCIAL_ACCOUNTS = {
    "mastodon": "https://mastodon.social/@carnet_demo",
    "bluesky": "https://bsky.app/profile/carnet-demo.bsky.social",
}

# Each page: its link in the site links setting, slug, title, then its body as
# ("h2" or "p" or "li", (French, English)) elements; consecutive "li" make one list.
INFORMATION_PAGES = [
    {
        "link": "about_page",
        "slug": ("a-propos", "about"),
        "title": ("À propos", "About"),
        "body": [
            (
                "p",
                (
                    "Carnet est un magazine en ligne consacré aux questions éthiques, "
                    "philosophiques et sociétales que pose l’intelligence artificielle. Il "
                    "paraît en français et en anglais : chaque article est écrit en français, "
                    "puis traduit et relu.",
                    "Carnet is an online magazine about the ethical, philosophical and "
                    "societal questions raised by artificial intelligence. It is published in "
                    "French and in English: each article is written in French, then "
                    "translated and reviewed.",
                ),
            ),
            ("h2", ("Ce que nous publions", "What we publish")),
            (
                "p",
                (
                    "Des analyses, des entretiens et des synthèses sur la régulation, l’éthique, "
                    "l’open source, la société et l’environnement. Nous citons nos sources et "
                    "signalons chaque mise à jour importante par une date sous le titre.",
                    "Analyses, interviews and summaries on regulation, ethics, open source, "
                    "society and the environment. We cite our sources and mark every "
                    "substantial update with a date under the title.",
                ),
            ),
            ("h2", ("Comment nous travaillons", "How we work")),
            (
                "li",
                (
                    "Chaque texte est relu par une autre personne de la rédaction avant sa "
                    "publication.",
                    "Every text is reviewed by another member of the team before it is published.",
                ),
            ),
            (
                "li",
                (
                    "Les commentaires des lecteurs sont modérés : ils paraissent une fois "
                    "approuvés.",
                    "Readers’ comments are moderated: they appear once approved.",
                ),
            ),
            (
                "li",
                (
                    "Aucune publicité, aucun traceur : le site ne suit pas ses lecteurs.",
                    "No advertising, no trackers: the site does not follow its readers.",
                ),
            ),
            (
                "p",
                (
                    "Ce site est une démonstration du logiciel Carnet : ses articles, ses "
                    "auteurs et ses commentaires sont écrits pour l’exemple.",
                    "This site demonstrates the Carnet software: its articles, authors and "
                    "comments are written as examples.",
                ),
            ),
        ],
    },
    {
        "link": "legal_page",
        "slug": ("mentions-legales", "legal-notice"),
        "title": ("Mentions légales", "Legal notice"),
        "body": [
            ("h2", ("Éditeur", "Publisher")),
            (
                "p",
                (
                    "Ce site de démonstration est publié par l’équipe du logiciel Carnet. Un "
                    "site réel indique ici le nom de son éditeur, son adresse, son numéro "
                    "d’immatriculation s’il en a un, et le nom du directeur de la publication.",
                    "This demonstration site is published by the team of the Carnet software. "
                    "A real site gives here its publisher’s name, address and registration "
                    "number if it has one, and the name of the director of publication.",
                ),
            ),
            ("h2", ("Hébergement", "Hosting")),
            (
                "p",
                (
                    "Le site est servi par la machine qui exécute cette démonstration. Un site "
                    "réel indique le nom, l’adresse et le téléphone de son hébergeur.",
                    "The site is served by the machine that runs this demonstration. A real "
                    "site gives its host’s name, address and telephone number.",
                ),
            ),
            ("h2", ("Propriété intellectuelle", "Intellectual property")),
            (
                "p",
                (
                    "Les textes et les illustrations appartiennent à leurs auteurs. Vous pouvez "
                    "citer un court extrait d’un article en indiquant sa source et son "
                    "adresse ; toute autre reproduction demande l’accord de la rédaction.",
                    "Texts and illustrations belong to their authors. You may quote a short "
                    "extract of an article with its source and address; any other "
                    "reproduction needs the editors’ consent.",
                ),
            ),
            ("h2", ("Contact", "Contact")),
            (
                "p",
                (
                    "Pour toute question sur le site ou sur un article, écrivez à la rédaction "
                    "à l’adresse redaction@example.com.",
                    "For any question about the site or an article, write to the editors at "
                    "redaction@example.com.",
                ),
            ),
        ],
    },
    {
        "link": "privacy_page",
        "slug": ("confidentialite", "privacy"),
        "title": ("Politique de confidentialité", "Privacy policy"),
        "body": [
            (
                "p",
                (
                    "Carnet recueille le moins de données possible, pour deux usages "
                    "seulement : la lettre d’information et les commentaires.",
                    "Carnet collects as little data as it can, for two uses only: the "
                    "newsletter and the comments.",
                ),
            ),
            ("h2", ("La lettre d’information", "The newsletter")),
            (
                "p",
                (
                    "Nous gardons votre adresse électronique, la langue de la lettre et la "
                    "date de votre accord. Rien n’est envoyé avant que vous ayez confirmé "
                    "votre inscription par le lien reçu. Chaque lettre contient un lien de "
                    "désinscription qui prend effet aussitôt.",
                    "We keep your e-mail address, the language of the newsletter and the date "
                    "you agreed. Nothing is sent until you confirm your subscription with the "
                    "link you receive. Every newsletter holds an unsubscribe link that takes "
                    "effect at once.",
                ),
            ),
            ("h2", ("Les commentaires", "Comments")),
            (
                "p",
                (
                    "Un commentaire publie le nom que vous donnez et votre texte. Votre adresse "
                    "électronique, si vous la donnez, n’est jamais affichée : elle sert "
                    "seulement à vous joindre au sujet de votre commentaire.",
                    "A comment shows the name you give and your text. Your e-mail address, if "
                    "you give one, is never shown: it is only used to reach you about your "
                    "comment.",
                ),
            ),
            ("h2", ("Ce que nous ne faisons pas", "What we do not do")),
            (
                "li",
                (
                    "Aucun traceur publicitaire ni outil de mesure d’audience tiers.",
                    "No advertising trackers and no third-party analytics.",
                ),
            ),
            (
                "li",
                (
                    "Aucun cookie de mesure ni de publicité : le site ne dépose un cookie que "
                    "lorsqu’il en a besoin pour fonctionner, comme la connexion de la rédaction.",
                    "No analytics or advertising cookies: the site sets a cookie only where "
                    "it needs one to work, such as the editorial team’s login.",
                ),
            ),
            (
                "li",
                (
                    "Aucune vente ni cession de vos données.",
                    "No sale or transfer of your data.",
                ),
            ),
            ("h2", ("Vos droits", "Your rights")),
            (
                "p",
                (
                    "Vous pouvez demander à consulter, corriger ou effacer vos données en "
                    "écrivant à redaction@example.com. Vous pouvez aussi adresser une "
                    "réclamation à la CNIL.",
                    "You may ask to see, correct or erase your data by writing to "
                    "redaction@example.com. You may also complain to the CNIL, the French "
                    "data protection authority.",
                ),
            ),
        ],
    },
]


def body_html(elements):
    """The French rich text of a page body, and the {French: English} pairs of its segments."""
    html, pairs, in_list = [], {}, False
    for tag, (fr, en) in elements:
        fr = french(fr)
        pairs[fr] = en
        if tag == "li" and not in_list:
            html.append("<ul>")
        elif tag != "li" and in_list:
            html.append("</ul>")
        in_list = tag == "li"
        html.append(f"<{tag}>{fr}</{tag}>")
    if in_list:
        html.append("</ul>")
    return "".join(html), pairs
