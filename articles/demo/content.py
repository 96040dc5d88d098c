"""The demo magazine, in French with its English translation, side by side.

Every text is a (French, English) pair. The loader writes the French pages and hands
the pairs to wagtail-localize as the English translation of each French segment.
French typography (non-breaking spaces before : ; ? ! and inside « ») is applied by
the loader, so the texts below are typed with plain spaces.
"""

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: tuple[str, str]


@dataclass
class Heading:
    text: tuple[str, str]
    level: str = "h2"


@dataclass
class Quote:
    quote: tuple[str, str]
    attribution: str = ""


@dataclass
class Picture:
    file: str
    alt_text: tuple[str, str]
    caption: tuple[str, str]
    credit: tuple[str, str] = ("Illustration : Carnet", "Illustration: Carnet")


@dataclass
class Callout:
    kind: str
    title: tuple[str, str]
    items: list[tuple[str, str]]


@dataclass
class Embed:
    url: str
    caption: tuple[str, str]


@dataclass
class Links:
    slugs: list[str]
    heading: tuple[str, str] | None = None


@dataclass
class Article:
    slug: tuple[str, str]
    title: tuple[str, str]
    intro: tuple[str, str]
    date: str
    authors: list[str]
    topics: list[str]
    hero: str
    hero_alt: tuple[str, str]
    body: list = field(default_factory=list)
    updated: str | None = None


INDEX = {
    "slug": ("articles", "articles"),
    "title": ("Articles", "Articles"),
    "intro": (
        "Tous les articles de Carnet, du plus récent au plus ancien.",
        "Every article of Carnet, newest first.",
    ),
}

TOPIC_LIST = {
    "slug": ("sujets", "topics"),
    "title": ("Sujets", "Topics"),
    "intro": (
        "Les grandes questions que l’intelligence artificielle pose à nos sociétés, une à une.",
        "The big questions artificial intelligence raises for our societies, one by one.",
    ),
}

TOPICS = [
    {
        "slug": ("ethique", "ethics"),
        "title": ("Éthique", "Ethics"),
        "intro": (
            "Responsabilité, équité, transparence : ce que l’on doit exiger des systèmes "
            "qui décident à notre place.",
            "Accountability, fairness, transparency: what we should demand of systems "
            "that decide for us.",
        ),
    },
    {
        "slug": ("regulation", "regulation"),
        "title": ("Régulation", "Regulation"),
        "intro": (
            "Les lois et les institutions qui encadrent l’IA, en Europe et ailleurs.",
            "The laws and institutions that govern AI, in Europe and elsewhere.",
        ),
    },
    {
        "slug": ("open-source", "open-source"),
        "title": ("Open source", "Open source"),
        "intro": (
            "Modèles ouverts, communs numériques et partage du savoir-faire.",
            "Open models, digital commons and shared know-how.",
        ),
    },
    {
        "slug": ("societe", "society"),
        "title": ("Société", "Society"),
        "intro": (
            "Travail, école, vie privée : comment l’IA change le quotidien.",
            "Work, school, privacy: how AI changes everyday life.",
        ),
    },
    {
        "slug": ("environnement", "environment"),
        "title": ("Environnement", "Environment"),
        "intro": (
            "L’énergie, l’eau et les matériaux que consomme l’intelligence artificielle.",
            "The energy, water and materials artificial intelligence consumes.",
        ),
    },
]

AUTHORS = [
    {
        "name": "Camille Laurent",
        "slug": "camille-laurent",
        "portrait": "portrait-cl.png",
        "bio": (
            "Journaliste, Camille Laurent suit les politiques publiques du numérique et la "
            "régulation de l’intelligence artificielle en Europe.",
            "A journalist, Camille Laurent follows digital public policy and the regulation "
            "of artificial intelligence in Europe.",
        ),
    },
    {
        "name": "Hugo Marchand",
        "slug": "hugo-marchand",
        "portrait": "portrait-hm.png",
        "bio": (
            "Ingénieur logiciel et contributeur open source, Hugo Marchand écrit sur les "
            "communs numériques et l’empreinte environnementale du calcul.",
            "A software engineer and open source contributor, Hugo Marchand writes about "
            "digital commons and the environmental footprint of computing.",
        ),
    },
    {
        "name": "Inès Benali",
        "slug": "ines-benali",
        "portrait": "portrait-ib.png",
        "bio": (
            "Philosophe, Inès Benali enseigne l’éthique des techniques et s’intéresse à ce "
            "que les machines font à nos manières de juger.",
            "A philosopher, Inès Benali teaches the ethics of technology and studies what "
            "machines do to the way we judge.",
        ),
    },
]

IMAGES = {
    "nef.png": "Verrière et arcs d’un grand hall",
    "reseau.png": "Réseau de points reliés",
    "balance.png": "Balance aux plateaux inégaux",
    "feuilles.png": "Feuilles sur une grille",
    "foule.png": "Foule stylisée",
    "textes.png": "Pile de documents",
    "ondes.png": "Ondes entrelacées",
    "livres.png": "Rangée de livres",
    "cercles.png": "Cercles concentriques",
    "cadenas.png": "Cadenas sur une grille de fiches",
    "mosaique.png": "Mosaïque de carreaux",
    "dialogue.png": "Deux bulles de dialogue",
    "loupe.png": "Loupe sur des lignes de code",
    "portrait-cl.png": "Portrait de Camille Laurent",
    "portrait-hm.png": "Portrait de Hugo Marchand",
    "portrait-ib.png": "Portrait d’Inès Benali",
}

ARTICLES = [
    Article(
        slug=("pour-une-ia-durable-et-ouverte", "for-a-sustainable-and-open-ai"),
        title=(
            "Pour une IA durable et ouverte (Open Source)",
            "For a sustainable and open AI (Open Source)",
        ),
        intro=(
            "Au sommet pour l’action sur l’IA, à Paris, la France a plaidé pour une "
            "troisième voie : une intelligence artificielle ouverte, sobre et régulée.",
            "At the AI Action Summit in Paris, France argued for a third way: an "
            "artificial intelligence that is open, sober and regulated.",
        ),
        date="2025-02-10",
        updated="2025-09-18",
        authors=["camille-laurent"],
        topics=["open-source", "environnement", "regulation"],
        hero="nef.png",
        hero_alt=(
            "Des arcs de verre et d’acier au-dessus d’une grande nef, en illustration.",
            "Glass and steel arches above a great nave, as an illustration.",
        ),
        body=[
            Paragraph(
                (
                    "Les 10 et 11 février 2025, le Grand Palais a accueilli le sommet pour "
                    "l’action sur l’intelligence artificielle. Chefs d’État, chercheurs, "
                    "entreprises et associations s’y sont retrouvés sous la grande verrière "
                    "pour une question simple à poser et difficile à trancher : quelle IA "
                    "voulons-nous, et qui en décide ?",
                    "On 10 and 11 February 2025, the Grand Palais hosted the AI Action "
                    "Summit. Heads of state, researchers, companies and civil society met "
                    "under its great glass roof around a question that is easy to ask and "
                    "hard to settle: what kind of AI do we want, and who decides?",
                )
            ),
            Paragraph(
                (
                    "La France y a défendu une troisième voie entre le modèle américain, "
                    "porté par quelques géants privés, et le modèle chinois, piloté par "
                    "l’État. Cette voie repose sur deux idées : des modèles ouverts, que "
                    "chacun peut étudier et améliorer, et une IA sobre, pensée dès le départ "
                    "pour consommer moins.",
                    "France defended a third way between the American model, driven by a "
                    "few private giants, and the Chinese model, steered by the state. That "
                    "way rests on two ideas: open models, which anyone can study and "
                    "improve, and a sober AI, designed from the start to consume less.",
                )
            ),
            Heading(("De Bletchley Park à Paris", "From Bletchley Park to Paris")),
            Paragraph(
                (
                    "Le premier sommet de ce genre s’était tenu à Bletchley Park, au "
                    "Royaume-Uni, les 1er et 2 novembre 2023. Il avait surtout porté sur "
                    "les risques existentiels, ceux d’une IA qui échapperait à tout "
                    "contrôle. Paris a déplacé le regard vers des enjeux plus immédiats : "
                    "l’accès aux modèles, l’énergie, l’emploi et la place de l’Europe.",
                    "The first summit of its kind was held at Bletchley Park, in the United "
                    "Kingdom, on 1 and 2 November 2023. It focused mostly on existential "
                    "risk, that of an AI escaping all control. Paris shifted the gaze to "
                    "more immediate stakes: access to models, energy, jobs and Europe’s "
                    "place.",
                )
            ),
            Quote(
                (
                    "Une IA ouverte n’est pas une IA sans règles : c’est une IA dont les "
                    "règles peuvent être vérifiées par tous.",
                    "An open AI is not an AI without rules: it is an AI whose rules "
                    "everyone can check.",
                ),
                "Camille Laurent",
            ),
            Heading(("Des investissements massifs", "Massive investment")),
            Paragraph(
                (
                    "La veille du sommet, le 9 février, la France a annoncé un plan de "
                    "109 milliards d’euros d’investissements dans l’IA. Le gouvernement a "
                    "aussi recensé 35 sites prêts à accueillir des centres de données, et "
                    "le fonds canadien Brookfield a présenté un projet de 20 milliards "
                    "d’euros à Cambrai.",
                    "The day before the summit, on 9 February, France announced a plan of "
                    "€109 billion of investment in AI. The government also listed 35 sites "
                    "ready to host data centres, and the Canadian fund Brookfield presented "
                    "a €20 billion project in Cambrai.",
                )
            ),
            Callout(
                "key_points",
                ("Les chiffres du sommet", "The summit in figures"),
                [
                    (
                        "109 milliards d’euros d’investissements annoncés",
                        "€109 billion of announced investment",
                    ),
                    (
                        "35 sites prêts pour des centres de données",
                        "35 sites ready for data centres",
                    ),
                    (
                        "20 milliards d’euros pour le projet de Brookfield à Cambrai",
                        "€20 billion for Brookfield’s project in Cambrai",
                    ),
                ],
            ),
            Paragraph(
                (
                    "Reste une tension que le sommet n’a pas dissipée. Les grandes "
                    "entreprises américaines du numérique critiquent ouvertement les règles "
                    "européennes, du DSA au DMA en passant par l’AI Act, qu’elles jugent "
                    "trop lourdes. L’Europe, elle, parie que des règles claires et des "
                    "modèles ouverts feront la confiance, et que la confiance fera le "
                    "marché. Une IA durable se mesure aussi à sa facture énergétique : "
                    "c’est l’autre moitié du pari.",
                    "One tension remains that the summit did not dispel. Large American "
                    "tech companies openly criticise European rules, from the DSA and the "
                    "DMA to the AI Act, which they find too heavy. Europe bets that clear "
                    "rules and open models will build trust, and that trust will build the "
                    "market. A sustainable AI is also measured by its energy bill: that is "
                    "the other half of the bet.",
                )
            ),
            Picture(
                "reseau.png",
                (
                    "Des points reliés entre eux par des traits, comme un réseau.",
                    "Dots linked by lines, like a network.",
                ),
                (
                    "Un modèle ouvert se construit en réseau : chacun peut l’étudier, "
                    "l’améliorer et le partager.",
                    "An open model is built as a network: anyone can study, improve and share it.",
                ),
            ),
        ],
    ),
    Article(
        slug=("biais-algorithmiques", "algorithmic-bias"),
        title=(
            "Biais algorithmiques : qui répond des décisions automatisées ?",
            "Algorithmic bias: who answers for automated decisions?",
        ),
        intro=(
            "Quand un logiciel trie des candidatures ou accorde un crédit, ses erreurs ne "
            "tombent pas au hasard. Reste à savoir qui doit en rendre compte.",
            "When software sorts job applications or grants credit, its mistakes do not "
            "fall at random. The question is who must answer for them.",
        ),
        date="2024-10-15",
        authors=["ines-benali"],
        topics=["ethique", "societe"],
        hero="balance.png",
        hero_alt=(
            "Une balance dont les deux plateaux ne sont pas à la même hauteur.",
            "A pair of scales whose two pans hang at different heights.",
        ),
        body=[
            Paragraph(
                (
                    "Un modèle apprend à partir d’exemples passés. Si ces exemples "
                    "reflètent des discriminations, le modèle les reproduit, souvent avec "
                    "une régularité que l’humain n’avait pas. Le biais n’est donc pas un "
                    "accident de programmation : il vient des données, des objectifs "
                    "choisis et de la manière dont on mesure le succès.",
                    "A model learns from past examples. If those examples reflect "
                    "discrimination, the model reproduces it, often with a regularity no "
                    "human had. Bias is therefore not a programming accident: it comes "
                    "from the data, from the goals chosen and from the way success is "
                    "measured.",
                )
            ),
            Heading(("Une responsabilité diluée", "A diluted responsibility")),
            Paragraph(
                (
                    "Le fournisseur du modèle renvoie vers l’entreprise qui l’utilise, "
                    "l’entreprise vers le modèle, et la personne écartée ne sait même pas "
                    "qu’un calcul a pesé sur son sort. Cette dilution est le vrai problème "
                    "éthique : une décision sans auteur est une décision sans recours.",
                    "The model’s provider points to the company that uses it, the company "
                    "points to the model, and the person turned down does not even know "
                    "that a computation weighed on their fate. This dilution is the real "
                    "ethical problem: a decision without an author is a decision without "
                    "appeal.",
                )
            ),
            Quote(
                (
                    "Une décision sans auteur est une décision sans recours.",
                    "A decision without an author is a decision without appeal.",
                ),
                "Inès Benali",
            ),
            Embed(
                "https://www.ted.com/talks/joy_buolamwini_how_i_m_fighting_bias_in_algorithms",
                (
                    "La chercheuse Joy Buolamwini raconte comment elle a mis au jour les "
                    "biais de la reconnaissance faciale (conférence TED, en anglais).",
                    "Researcher Joy Buolamwini tells how she exposed the biases of facial "
                    "recognition (TED talk).",
                ),
            ),
            Paragraph(
                (
                    "Des pistes existent : auditer les systèmes avant leur mise en service, "
                    "publier leurs taux d’erreur par groupe, garder un humain capable de "
                    "revenir sur la décision. Aucune ne suffit seule, mais toutes partent "
                    "du même principe : quelqu’un doit pouvoir répondre.",
                    "There are ways forward: audit systems before they go live, publish "
                    "their error rates by group, keep a human who can overturn the "
                    "decision. None is enough on its own, but all start from the same "
                    "principle: someone must be able to answer.",
                )
            ),
            Callout(
                "note",
                ("Trois questions à poser", "Three questions to ask"),
                [
                    (
                        "Sur quelles données le système a-t-il appris ?",
                        "What data did the system learn from?",
                    ),
                    (
                        "Comment ses erreurs se répartissent-elles ?",
                        "How are its mistakes distributed?",
                    ),
                    (
                        "Qui peut revenir sur sa décision ?",
                        "Who can overturn its decision?",
                    ),
                ],
            ),
        ],
    ),
    Article(
        slug=("ai-act-regulation-fondee-sur-les-risques", "ai-act-risk-based-regulation"),
        title=(
            "L’AI Act expliqué : une régulation fondée sur les risques",
            "The AI Act explained: a risk-based regulation",
        ),
        intro=(
            "Le règlement européen sur l’IA ne traite pas tous les systèmes de la même "
            "façon. Tout dépend du risque qu’ils font courir aux personnes.",
            "The European AI regulation does not treat every system alike. Everything "
            "depends on the risk they pose to people.",
        ),
        date="2024-09-05",
        authors=["camille-laurent"],
        topics=["regulation"],
        hero="textes.png",
        hero_alt=(
            "Une pile de documents, le premier annoté d’un cercle rouge.",
            "A stack of documents, the top one marked with a red circle.",
        ),
        body=[
            Paragraph(
                (
                    "Entré en vigueur le 1er août 2024, l’AI Act est le premier cadre "
                    "général consacré à l’intelligence artificielle. Sa logique est "
                    "graduée : plus un usage peut nuire aux droits des personnes, plus les "
                    "obligations sont lourdes.",
                    "In force since 1 August 2024, the AI Act is the first general "
                    "framework dedicated to artificial intelligence. Its logic is graded: "
                    "the more a use can harm people’s rights, the heavier the "
                    "obligations.",
                )
            ),
            Callout(
                "key_points",
                ("Quatre niveaux de risque", "Four levels of risk"),
                [
                    (
                        "Inacceptable : pratiques interdites, comme la notation sociale.",
                        "Unacceptable: banned practices, such as social scoring.",
                    ),
                    (
                        "Élevé : recrutement, éducation, infrastructures critiques.",
                        "High: recruitment, education, critical infrastructure.",
                    ),
                    (
                        "Limité : obligations de transparence, par exemple pour les "
                        "assistants conversationnels.",
                        "Limited: transparency duties, for instance for chatbots.",
                    ),
                    (
                        "Minimal : la grande majorité des usages, sans obligation particulière.",
                        "Minimal: most uses, with no specific duty.",
                    ),
                ],
            ),
            Heading(("Un calendrier par étapes", "A staged timetable")),
            Paragraph(
                (
                    "Le texte s’applique progressivement. Les interdictions d’abord, "
                    "depuis février 2025, puis les règles propres aux modèles à usage "
                    "général, puis l’essentiel des obligations pour les systèmes à haut "
                    "risque. Les entreprises ont donc le temps de s’organiser, mais pas "
                    "celui d’attendre.",
                    "The text applies in stages. The bans first, since February 2025, then "
                    "the rules for general-purpose models, then most of the duties for "
                    "high-risk systems. Companies thus have time to get organised, but not "
                    "to wait.",
                )
            ),
            Heading(("Ce qui reste ouvert", "What remains open")),
            Paragraph(
                (
                    "Beaucoup dépendra des normes techniques et de la manière dont les "
                    "autorités nationales contrôleront les systèmes. Une bonne loi mal "
                    "appliquée ne protège personne ; l’enjeu des prochaines années est "
                    "moins le texte que ses moyens.",
                    "Much will depend on technical standards and on how national "
                    "authorities check systems. A good law badly enforced protects no one; "
                    "the stake of the coming years is less the text than its means.",
                )
            ),
        ],
    ),
    Article(
        slug=("empreinte-energetique-des-grands-modeles", "the-energy-footprint-of-large-models"),
        title=(
            "L’empreinte énergétique des grands modèles",
            "The energy footprint of large models",
        ),
        intro=(
            "Entraîner un grand modèle consomme beaucoup, mais c’est son usage quotidien, "
            "répété des millions de fois, qui pèse le plus lourd.",
            "Training a large model uses a lot, but it is its daily use, repeated "
            "millions of times, that weighs the most.",
        ),
        date="2025-03-20",
        authors=["hugo-marchand"],
        topics=["environnement"],
        hero="ondes.png",
        hero_alt=(
            "Des ondes colorées qui s’entrelacent sur un fond sombre.",
            "Coloured waves intertwining on a dark background.",
        ),
        body=[
            Paragraph(
                (
                    "On parle souvent du coût de l’entraînement, ces semaines de calcul sur "
                    "des milliers de processeurs. C’est spectaculaire, mais ponctuel. "
                    "L’inférence, c’est-à-dire chaque réponse produite pour un utilisateur, "
                    "se répète sans fin, et sa somme finit par dépasser l’entraînement.",
                    "People often talk about the cost of training, those weeks of "
                    "computing on thousands of processors. It is spectacular, but "
                    "one-off. Inference, that is each answer produced for a user, repeats "
                    "endlessly, and its sum ends up exceeding training.",
                )
            ),
            Heading(("L’électricité, mais aussi l’eau", "Electricity, but also water")),
            Paragraph(
                (
                    "Les centres de données doivent être refroidis, souvent avec de l’eau. "
                    "Leur implantation pèse sur les réseaux électriques locaux et sur les "
                    "ressources en eau, ce qui en fait un sujet d’aménagement du "
                    "territoire autant que de technique.",
                    "Data centres must be cooled, often with water. Where they are built "
                    "weighs on local power grids and water resources, which makes them a "
                    "matter of land planning as much as of engineering.",
                )
            ),
            Embed(
                "https://www.ted.com/talks/"
                "sasha_luccioni_ai_is_dangerous_but_not_for_the_reasons_you_think",
                (
                    "La chercheuse Sasha Luccioni plaide pour mesurer les effets concrets de "
                    "l’IA, à commencer par son coût environnemental (conférence TED, en "
                    "anglais).",
                    "Researcher Sasha Luccioni argues for measuring AI’s concrete effects, "
                    "starting with its environmental cost (TED talk).",
                ),
            ),
            Paragraph(
                (
                    "La bonne nouvelle est que les leviers sont connus : des modèles plus "
                    "petits pour les tâches simples, du matériel mieux utilisé, une "
                    "électricité peu carbonée et, surtout, la question préalable de "
                    "l’utilité. Tout ne mérite pas un grand modèle.",
                    "The good news is that the levers are known: smaller models for simple "
                    "tasks, better-used hardware, low-carbon electricity and, above all, "
                    "the prior question of usefulness. Not everything deserves a large "
                    "model.",
                )
            ),
            Callout(
                "warning",
                ("Attention aux comparaisons", "Beware of comparisons"),
                [
                    (
                        "Les chiffres publiés varient beaucoup selon ce qu’ils comptent : "
                        "le calcul seul, le refroidissement, la fabrication du matériel. "
                        "Avant de comparer, vérifiez le périmètre.",
                        "Published figures vary widely with what they count: computing "
                        "alone, cooling, making the hardware. Before comparing, check the "
                        "scope.",
                    )
                ],
            ),
        ],
    ),
    Article(
        slug=("que-veut-dire-open-source-pour-une-ia", "what-open-source-means-for-an-ai"),
        title=(
            "Que veut dire « open source » pour un modèle d’IA ?",
            "What does “open source” mean for an AI model?",
        ),
        intro=(
            "Publier les poids d’un modèle ne suffit pas à le rendre ouvert. Données, code "
            "et licence comptent tout autant.",
            "Publishing a model’s weights is not enough to make it open. Data, code and "
            "licence matter just as much.",
        ),
        date="2025-01-14",
        authors=["hugo-marchand"],
        topics=["open-source"],
        hero="reseau.png",
        hero_alt=(
            "Des points reliés entre eux par des traits, comme un réseau.",
            "Dots linked by lines, like a network.",
        ),
        body=[
            Paragraph(
                (
                    "Pour un logiciel, la définition est claire depuis longtemps : le code "
                    "source est disponible, et chacun peut l’étudier, le modifier et le "
                    "redistribuer. Un modèle d’IA complique les choses, car il ne se "
                    "résume pas à son code.",
                    "For software, the definition has long been clear: the source code is "
                    "available, and anyone can study, modify and redistribute it. An AI "
                    "model complicates things, because it is more than its code.",
                )
            ),
            Heading(("Poids ouverts, modèle ouvert", "Open weights, open model")),
            Paragraph(
                (
                    "Beaucoup de modèles dits ouverts publient leurs poids, ces milliards "
                    "de nombres issus de l’entraînement, mais pas les données ni le "
                    "procédé qui les ont produits. On peut les utiliser, pas vraiment les "
                    "comprendre ni les refaire.",
                    "Many so-called open models publish their weights, those billions of "
                    "numbers produced by training, but not the data or the process that "
                    "produced them. You can use them, not really understand or rebuild "
                    "them.",
                )
            ),
            Heading(("Une définition de référence", "A reference definition"), "h3"),
            Paragraph(
                (
                    "L’Open Source Initiative a publié à l’automne 2024 une définition de "
                    "l’IA open source. Elle demande de quoi étudier et reproduire le "
                    "système : le code, les paramètres et une description suffisante des "
                    "données d’entraînement.",
                    "The Open Source Initiative published a definition of open source AI "
                    "in the autumn of 2024. It asks for what is needed to study and "
                    "reproduce the system: the code, the parameters and a sufficient "
                    "description of the training data.",
                )
            ),
            Quote(
                (
                    "Ouvrir un modèle, c’est donner les moyens de le contredire.",
                    "To open a model is to give the means to contradict it.",
                ),
                "Hugo Marchand",
            ),
            Links(["pour-une-ia-durable-et-ouverte"]),
        ],
    ),
    Article(
        slug=("travailler-avec-l-ia", "working-with-ai"),
        title=(
            "Travailler avec l’IA sans se déposséder de son métier",
            "Working with AI without giving up one’s craft",
        ),
        intro=(
            "Les outils d’IA promettent de gagner du temps. Encore faut-il décider "
            "ensemble de ce que l’on fait du temps gagné.",
            "AI tools promise to save time. We still have to decide together what to do "
            "with the time saved.",
        ),
        date="2025-04-22",
        authors=["ines-benali"],
        topics=["societe"],
        hero="foule.png",
        hero_alt=(
            "Des silhouettes alignées en rangs, de couleurs variées.",
            "Silhouettes lined up in rows, in various colours.",
        ),
        body=[
            Paragraph(
                (
                    "Dans les bureaux, les assistants d’écriture et de synthèse se sont "
                    "installés en quelques mois. Ils rédigent des comptes rendus, résument "
                    "des dossiers, proposent des réponses. Le gain est réel, surtout pour "
                    "les tâches répétitives.",
                    "In offices, writing and summarising assistants settled in within a "
                    "few months. They draft minutes, summarise files, suggest answers. The "
                    "gain is real, especially for repetitive tasks.",
                )
            ),
            Paragraph(
                (
                    "Mais un métier n’est pas une liste de tâches. C’est aussi un jugement, "
                    "une expérience, une manière de repérer ce qui cloche. Déléguer sans "
                    "comprendre, c’est perdre peu à peu ce savoir.",
                    "But a craft is not a list of tasks. It is also judgement, experience, "
                    "a way of spotting what is wrong. Delegating without understanding "
                    "slowly loses that knowledge.",
                )
            ),
            Heading(("Décider ensemble", "Deciding together")),
            Paragraph(
                (
                    "Les entreprises qui réussissent ces transitions associent les équipes "
                    "au choix des outils et à la définition de leurs limites. Le temps "
                    "gagné peut servir à mieux faire, à se former, ou simplement à "
                    "travailler moins : c’est une question sociale, pas technique.",
                    "Companies that handle these transitions well involve teams in "
                    "choosing the tools and setting their limits. Time saved can be used "
                    "to do better, to learn, or simply to work less: it is a social "
                    "question, not a technical one.",
                )
            ),
            Picture(
                "foule.png",
                (
                    "Des rangées de silhouettes stylisées.",
                    "Rows of stylised silhouettes.",
                ),
                (
                    "Le travail est une affaire collective, l’outil aussi.",
                    "Work is a collective matter, and so is the tool.",
                ),
            ),
        ],
    ),
    Article(
        slug=("le-droit-de-comprendre", "the-right-to-understand"),
        title=(
            "Expliquer une décision : le droit de comprendre",
            "Explaining a decision: the right to understand",
        ),
        intro=(
            "Une décision qui nous concerne doit pouvoir être expliquée. Avec l’IA, cette "
            "exigence ancienne devient un défi technique.",
            "A decision that concerns us must be explainable. With AI, this old demand "
            "becomes a technical challenge.",
        ),
        date="2024-12-03",
        authors=["ines-benali"],
        topics=["ethique", "regulation"],
        hero="cercles.png",
        hero_alt=(
            "Des cercles concentriques traversés par une ligne horizontale.",
            "Concentric circles crossed by a horizontal line.",
        ),
        body=[
            Paragraph(
                (
                    "Le droit administratif connaît depuis longtemps l’obligation de "
                    "motiver une décision. Le principe est simple : celui qui subit une "
                    "décision doit savoir sur quoi elle repose, pour pouvoir la contester.",
                    "Administrative law has long known the duty to give reasons for a "
                    "decision. The principle is simple: whoever is subject to a decision "
                    "must know what it rests on, in order to challenge it.",
                )
            ),
            Heading(("Expliquer n’est pas justifier", "Explaining is not justifying")),
            Paragraph(
                (
                    "Les méthodes d’explicabilité indiquent quels facteurs ont pesé dans un "
                    "calcul. C’est utile, mais une explication technique ne dit pas si la "
                    "décision était juste. Il faut encore une personne pour l’assumer.",
                    "Explainability methods show which factors weighed in a computation. "
                    "That is useful, but a technical explanation does not say whether the "
                    "decision was fair. It still takes a person to own it.",
                )
            ),
            Embed(
                "https://www.ted.com/talks/"
                "zeynep_tufekci_machine_intelligence_makes_human_morals_more_important",
                (
                    "La sociologue Zeynep Tufekci explique pourquoi l’intelligence des "
                    "machines rend la morale humaine plus nécessaire (conférence TED, en "
                    "anglais).",
                    "Sociologist Zeynep Tufekci explains why machine intelligence makes "
                    "human morals more important (TED talk).",
                ),
            ),
            Callout(
                "note",
                ("Bon à savoir", "Good to know"),
                [
                    (
                        "En Europe, le RGPD encadre déjà les décisions entièrement "
                        "automatisées qui produisent des effets importants sur une "
                        "personne.",
                        "In Europe, the GDPR already governs fully automated decisions that "
                        "significantly affect a person.",
                    )
                ],
            ),
            Links(["biais-algorithmiques"]),
        ],
    ),
    Article(
        slug=("donnees-personnelles-et-entrainement", "personal-data-and-training"),
        title=(
            "Données personnelles : ce que l’entraînement des modèles change",
            "Personal data: what training models changes",
        ),
        intro=(
            "Les modèles apprennent sur d’immenses corpus où se glissent nos traces. Le "
            "droit des données personnelles s’applique, mais il est mis à l’épreuve.",
            "Models learn from huge corpora where our traces slip in. Data protection law "
            "applies, but it is put to the test.",
        ),
        date="2025-05-27",
        authors=["camille-laurent"],
        topics=["regulation", "societe"],
        hero="cadenas.png",
        hero_alt=(
            "Un cadenas fermé posé sur une grille de fiches.",
            "A closed padlock over a grid of index cards.",
        ),
        body=[
            Paragraph(
                (
                    "Depuis mai 2018, le RGPD impose une base légale à tout traitement de "
                    "données personnelles. Pour entraîner un modèle sur des textes "
                    "collectés en ligne, les entreprises invoquent souvent leur intérêt "
                    "légitime, qui suppose une mise en balance avec les droits des "
                    "personnes.",
                    "Since May 2018, the GDPR requires a legal basis for any processing of "
                    "personal data. To train a model on texts collected online, companies "
                    "often invoke their legitimate interest, which requires weighing it "
                    "against people’s rights.",
                )
            ),
            Heading(
                ("Le droit à l’effacement à l’épreuve", "The right to erasure put to the test")
            ),
            Paragraph(
                (
                    "Effacer une ligne d’une base de données est simple. Faire oublier une "
                    "information à un modèle déjà entraîné l’est beaucoup moins. Les "
                    "autorités de protection, comme la CNIL en France, publient des "
                    "recommandations pour concilier ces droits avec la technique.",
                    "Deleting a row from a database is simple. Making an already trained "
                    "model forget a piece of information is much less so. Data protection "
                    "authorities, such as the CNIL in France, publish recommendations to "
                    "reconcile these rights with the technology.",
                )
            ),
            Callout(
                "key_points",
                ("Vos droits", "Your rights"),
                [
                    ("Savoir si vos données sont utilisées.", "Know whether your data is used."),
                    ("Vous opposer à leur utilisation.", "Object to their use."),
                    ("Demander leur effacement.", "Ask for their erasure."),
                ],
            ),
            Picture(
                "textes.png",
                (
                    "Une pile de documents dessinée.",
                    "A drawn stack of documents.",
                ),
                (
                    "Nos écrits en ligne nourrissent les modèles, souvent à notre insu.",
                    "What we write online feeds models, often without our knowing.",
                ),
            ),
        ],
    ),
    Article(
        slug=("une-ia-frugale-est-elle-possible", "can-ai-be-frugal"),
        title=("Une IA frugale est-elle possible ?", "Can AI be frugal?"),
        intro=(
            "Faire plus avec moins : la frugalité n’est pas un renoncement, c’est une "
            "méthode de conception.",
            "Doing more with less: frugality is not giving up, it is a way of designing.",
        ),
        date="2025-06-30",
        authors=["hugo-marchand"],
        topics=["environnement", "open-source"],
        hero="feuilles.png",
        hero_alt=(
            "Des feuilles vertes et ocre posées sur une grille.",
            "Green and ochre leaves lying on a grid.",
        ),
        body=[
            Paragraph(
                (
                    "Une IA frugale commence par une question : ce problème a-t-il besoin "
                    "d’un modèle géant ? Souvent, un modèle spécialisé, plus petit, fait "
                    "aussi bien pour une fraction de l’énergie.",
                    "A frugal AI starts with a question: does this problem need a giant "
                    "model? Often, a smaller specialised model does as well for a fraction "
                    "of the energy.",
                )
            ),
            Heading(("L’ouverture aide la sobriété", "Openness helps sobriety")),
            Paragraph(
                (
                    "Les modèles ouverts évitent de réentraîner sans cesse ce qui existe "
                    "déjà. On part d’une base partagée et on l’adapte, au lieu de tout "
                    "recommencer dans son coin.",
                    "Open models avoid endlessly retraining what already exists. One "
                    "starts from a shared base and adapts it, instead of starting over "
                    "alone.",
                )
            ),
            Picture(
                "feuilles.png",
                (
                    "Des feuilles dispersées sur un quadrillage.",
                    "Leaves scattered over a grid.",
                ),
                (
                    "La sobriété se conçoit dès le départ, pas à la fin.",
                    "Sobriety is designed from the start, not at the end.",
                ),
            ),
            Paragraph(
                (
                    "Mesurer reste la première étape. Sans chiffres publiés sur la "
                    "consommation des modèles, impossible de comparer ni de choisir en "
                    "connaissance de cause.",
                    "Measuring remains the first step. Without published figures on the "
                    "consumption of models, it is impossible to compare or to choose "
                    "knowingly.",
                )
            ),
            Links(
                ["empreinte-energetique-des-grands-modeles", "pour-une-ia-durable-et-ouverte"],
                ("Pour aller plus loin", "To go further"),
            ),
        ],
    ),
    Article(
        slug=("communs-numeriques-et-souverainete", "digital-commons-and-sovereignty"),
        title=("Communs numériques et souveraineté", "Digital commons and sovereignty"),
        intro=(
            "Pour ne pas dépendre de quelques fournisseurs, l’Europe peut miser sur des "
            "ressources partagées : données, modèles et outils ouverts.",
            "To avoid depending on a few providers, Europe can bet on shared resources: "
            "open data, models and tools.",
        ),
        date="2025-07-15",
        authors=["camille-laurent", "hugo-marchand"],
        topics=["open-source", "regulation"],
        hero="mosaique.png",
        hero_alt=(
            "Une mosaïque de carreaux de quatre couleurs, assemblés en un seul carré.",
            "A mosaic of tiles in four colours, put together into one square.",
        ),
        body=[
            Paragraph(
                (
                    "La souveraineté numérique est souvent pensée comme une affaire de "
                    "champions nationaux. Une autre approche existe : produire ensemble "
                    "des ressources que personne ne possède seul et que tous peuvent "
                    "utiliser.",
                    "Digital sovereignty is often thought of as a matter of national "
                    "champions. Another approach exists: jointly produce resources that "
                    "no one owns alone and that everyone can use.",
                )
            ),
            Heading(("Des communs à entretenir", "Commons to maintain")),
            Paragraph(
                (
                    "Un commun ne vit que s’il est entretenu. Bibliothèques logicielles, "
                    "jeux de données publics, modèles de langue pour les langues moins "
                    "parlées : tous demandent des contributeurs, des financements et des "
                    "règles de gouvernance.",
                    "A commons only lives if it is maintained. Software libraries, public "
                    "datasets, language models for less widely spoken languages: all need "
                    "contributors, funding and governance rules.",
                )
            ),
            Quote(
                (
                    "Ce que personne ne possède, tout le monde peut le défendre.",
                    "What no one owns, everyone can defend.",
                ),
                "Camille Laurent",
            ),
            Paragraph(
                (
                    "Les pouvoirs publics ont un rôle à jouer, comme acheteurs et comme "
                    "financeurs. Choisir des outils ouverts dans l’administration, c’est "
                    "déjà soutenir ces communs.",
                    "Public authorities have a part to play, as buyers and as funders. "
                    "Choosing open tools in government is already supporting these "
                    "commons.",
                )
            ),
            Links(["que-veut-dire-open-source-pour-une-ia", "pour-une-ia-durable-et-ouverte"]),
        ],
    ),
    Article(
        slug=("apprendre-avec-l-ia", "learning-with-ai"),
        title=(
            "Apprendre avec l’IA, apprendre malgré elle",
            "Learning with AI, learning despite it",
        ),
        intro=(
            "À l’école comme à l’université, les assistants d’IA bousculent les devoirs et "
            "l’évaluation. Ils obligent à redire ce que veut dire apprendre.",
            "At school as at university, AI assistants shake up homework and assessment. "
            "They force us to say again what learning means.",
        ),
        date="2025-09-02",
        authors=["ines-benali"],
        topics=["societe", "ethique"],
        hero="livres.png",
        hero_alt=(
            "Une rangée de livres de couleurs et de hauteurs différentes.",
            "A row of books of different colours and heights.",
        ),
        body=[
            Paragraph(
                (
                    "Un devoir rédigé en quelques secondes ne dit plus rien de ce que "
                    "l’élève a compris. Les enseignants le savent et transforment leurs "
                    "pratiques : plus d’oral, plus de travail en classe, plus d’attention "
                    "au raisonnement qu’au résultat.",
                    "Homework written in a few seconds no longer says anything about what "
                    "the pupil understood. Teachers know it and are changing their "
                    "practice: more oral work, more work in class, more attention to "
                    "reasoning than to the result.",
                )
            ),
            Heading(("Un outil à apprivoiser", "A tool to tame")),
            Paragraph(
                (
                    "Interdire ne suffit pas, ignorer non plus. Apprendre à interroger un "
                    "assistant, à vérifier ses réponses et à repérer ses erreurs devient "
                    "une compétence à part entière.",
                    "Banning is not enough, nor is ignoring. Learning to question an "
                    "assistant, check its answers and spot its mistakes becomes a skill "
                    "in its own right.",
                )
            ),
            Picture(
                "livres.png",
                ("Une étagère de livres dessinée.", "A drawn bookshelf."),
                (
                    "Les livres restent, l’outil s’ajoute.",
                    "Books remain, the tool is added.",
                ),
            ),
            Callout(
                "note",
                ("Une piste pour la classe", "An idea for the classroom"),
                [
                    (
                        "Demander aux élèves de corriger une réponse produite par une IA, "
                        "en justifiant chaque correction.",
                        "Ask pupils to correct an answer produced by an AI, justifying each "
                        "correction.",
                    )
                ],
            ),
        ],
    ),
    Article(
        slug=("les-machines-peuvent-elles-penser", "can-machines-think"),
        title=(
            "Les machines peuvent-elles penser ? Retour sur une vieille question",
            "Can machines think? Back to an old question",
        ),
        intro=(
            "Depuis Turing, la question revient à chaque progrès. Les modèles de langue "
            "lui donnent une actualité nouvelle, sans la trancher.",
            "Since Turing, the question returns with every advance. Language models give "
            "it fresh urgency, without settling it.",
        ),
        date="2025-10-07",
        authors=["ines-benali"],
        topics=["ethique"],
        hero="dialogue.png",
        hero_alt=(
            "Deux bulles de dialogue : l’une de lignes de texte, l’autre de carrés.",
            "Two speech bubbles: one of lines of text, the other of squares.",
        ),
        body=[
            Paragraph(
                (
                    "En 1950, Alan Turing proposait de remplacer la question « les "
                    "machines peuvent-elles penser ? » par un jeu : si l’on ne distingue "
                    "plus la machine d’un humain dans une conversation, à quoi bon lui "
                    "refuser la pensée ?",
                    "In 1950, Alan Turing proposed replacing the question “can machines "
                    "think?” with a game: if a machine can no longer be told apart from a "
                    "human in conversation, why deny it thought?",
                )
            ),
            Heading(("Parler n’est pas comprendre", "Talking is not understanding")),
            Paragraph(
                (
                    "Trente ans plus tard, John Searle répondait avec sa chambre chinoise : "
                    "manipuler des symboles selon des règles ne suffit pas à en saisir le "
                    "sens. Les modèles de langue actuels relancent ce débat, puisqu’ils "
                    "produisent des phrases justes sans que l’on sache ce qu’ils en "
                    "comprennent.",
                    "Thirty years later, John Searle answered with his Chinese room: "
                    "handling symbols by rules is not enough to grasp their meaning. "
                    "Today’s language models revive the debate, since they produce apt "
                    "sentences without our knowing what they understand of them.",
                )
            ),
            Quote(
                (
                    "La vraie question n’est peut-être pas ce que pensent les machines, "
                    "mais ce que nous cessons de penser en leur déléguant.",
                    "The real question may not be what machines think, but what we stop "
                    "thinking by delegating to them.",
                ),
                "Inès Benali",
            ),
            Heading(("Une question pour nous", "A question for us"), "h3"),
            Paragraph(
                (
                    "Que les machines pensent ou non, nous leur prêtons des intentions dès "
                    "qu’elles parlent bien. Cette tendance, elle, est bien réelle, et c’est "
                    "à elle que l’éthique doit d’abord prêter attention.",
                    "Whether machines think or not, we lend them intentions as soon as "
                    "they speak well. That tendency is very real, and it is what ethics "
                    "should attend to first.",
                )
            ),
            Links(["le-droit-de-comprendre", "apprendre-avec-l-ia"]),
        ],
    ),
]

# A French draft that the demo's editor has submitted: it waits in the reviewers' queue,
# so a newcomer can approve it (or send it back) and see the workflow run.
AWAITING_REVIEW = Article(
    slug=("qui-relit-les-algorithmes", "who-reviews-the-algorithms"),
    title=("Qui relit les algorithmes ?", "Who reviews the algorithms?"),
    intro=(
        "Un texte n’est publié ici qu’après relecture. Pourquoi les systèmes qui décident "
        "pour nous échappent-ils si souvent à cette règle ?",
        "Nothing is published here before it is reviewed. Why do the systems that decide "
        "for us so often escape that rule?",
    ),
    date="2025-10-06",
    authors=["camille-laurent"],
    topics=["ethique"],
    hero="loupe.png",
    hero_alt=(
        "Une loupe posée sur des lignes de code.",
        "A magnifying glass over lines of code.",
    ),
    body=[
        Paragraph(
            (
                "Dans une rédaction, un article passe entre plusieurs mains avant de "
                "paraître : l’auteur l’écrit, un relecteur le vérifie, quelqu’un répond de "
                "la décision de le publier. Cette chaîne est lente, mais elle rend chaque "
                "erreur attribuable et chaque correction possible.",
                "In a newsroom, an article passes through several hands before it appears: "
                "the author writes it, a reviewer checks it, someone answers for the "
                "decision to publish it. The chain is slow, but it makes every error "
                "attributable and every correction possible.",
            )
        ),
        Paragraph(
            (
                "Les modèles qui trient des candidatures ou fixent des primes d’assurance "
                "n’ont souvent ni relecteur ni signataire. Exiger pour eux ce que nous "
                "exigeons d’un simple article serait déjà un progrès.",
                "The models that sort job applications or set insurance premiums often "
                "have neither reviewer nor signatory. Asking of them what we ask of a "
                "mere article would already be progress.",
            )
        ),
    ],
)
