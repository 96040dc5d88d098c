"""The demo magazine in Spanish, for `CARNET_LANGUAGES` with `es` in it.

Written in Spanish for Carnet (not machine-translated): the home page, the article index,
the topics, the authors and three articles. Each French text (typed with plain spaces, as
in `articles.demo.content`) maps to its Spanish; the loader hands them to wagtail-localize
as the Spanish translation of each French segment, as it does for English.
"""

ARTICLES = [
    "travailler-avec-l-ia",
    "apprendre-avec-l-ia",
    "donnees-personnelles-et-entrainement",
]

HOME = {
    "Carnet": "Carnet",
    "accueil": "inicio",
    "Un magazine sur les questions éthiques, philosophiques et sociétales que pose "
    "l’intelligence artificielle.": "Una revista sobre las cuestiones éticas, filosóficas y "
    "sociales que plantea la inteligencia artificial.",
    "Carnet explore les enjeux éthiques, philosophiques et sociétaux de l’intelligence "
    "artificielle.": "Carnet explora lo que está en juego, en lo ético, lo filosófico y lo "
    "social, con la inteligencia artificial.",
}

TEXTS = {
    # The article index and the topics.
    "articles": "articulos",
    "Articles": "Artículos",
    "Tous les articles de Carnet, du plus récent au plus ancien.": (
        "Todos los artículos de Carnet, del más reciente al más antiguo."
    ),
    "sujets": "temas",
    "Sujets": "Temas",
    "Les grandes questions que l’intelligence artificielle pose à nos sociétés, une à une.": (
        "Las grandes preguntas que la inteligencia artificial plantea a nuestras sociedades, "
        "una a una."
    ),
    "ethique": "etica",
    "Éthique": "Ética",
    "Responsabilité, équité, transparence : ce que l’on doit exiger des systèmes qui "
    "décident à notre place.": (
        "Responsabilidad, equidad, transparencia: lo que debemos exigir a los sistemas que "
        "deciden por nosotros."
    ),
    "regulation": "regulacion",
    "Régulation": "Regulación",
    "Les lois et les institutions qui encadrent l’IA, en Europe et ailleurs.": (
        "Las leyes y las instituciones que regulan la IA, en Europa y en otros lugares."
    ),
    "open-source": "codigo-abierto",
    "Open source": "Código abierto",
    "Modèles ouverts, communs numériques et partage du savoir-faire.": (
        "Modelos abiertos, bienes comunes digitales y conocimiento compartido."
    ),
    "societe": "sociedad",
    "Société": "Sociedad",
    "Travail, école, vie privée : comment l’IA change le quotidien.": (
        "Trabajo, escuela, vida privada: cómo cambia la IA la vida cotidiana."
    ),
    "environnement": "medio-ambiente",
    "Environnement": "Medio ambiente",
    "L’énergie, l’eau et les matériaux que consomme l’intelligence artificielle.": (
        "La energía, el agua y los materiales que consume la inteligencia artificial."
    ),
    # The authors.
    "Camille Laurent": "Camille Laurent",
    "Journaliste, Camille Laurent suit les politiques publiques du numérique et la "
    "régulation de l’intelligence artificielle en Europe.": (
        "Periodista, Camille Laurent sigue las políticas públicas digitales y la regulación "
        "de la inteligencia artificial en Europa."
    ),
    "Hugo Marchand": "Hugo Marchand",
    "Ingénieur logiciel et contributeur open source, Hugo Marchand écrit sur les communs "
    "numériques et l’empreinte environnementale du calcul.": (
        "Ingeniero de software y colaborador de proyectos de código abierto, Hugo Marchand "
        "escribe sobre los bienes comunes digitales y la huella ambiental de la computación."
    ),
    "Inès Benali": "Inès Benali",
    "Philosophe, Inès Benali enseigne l’éthique des techniques et s’intéresse à ce que les "
    "machines font à nos manières de juger.": (
        "Filósofa, Inès Benali enseña ética de la técnica y estudia lo que las máquinas "
        "hacen con nuestra manera de juzgar."
    ),
    "Illustration : Carnet": "Ilustración: Carnet",
    # Travailler avec l’IA sans se déposséder de son métier.
    "travailler-avec-l-ia": "trabajar-con-la-ia",
    "Travailler avec l’IA sans se déposséder de son métier": (
        "Trabajar con la IA sin renunciar al propio oficio"
    ),
    "Les outils d’IA promettent de gagner du temps. Encore faut-il décider ensemble de ce "
    "que l’on fait du temps gagné.": (
        "Las herramientas de IA prometen ahorrar tiempo. Falta decidir entre todos qué se "
        "hace con el tiempo ahorrado."
    ),
    "Des silhouettes alignées en rangs, de couleurs variées.": (
        "Siluetas de colores variados, alineadas en filas."
    ),
    "Dans les bureaux, les assistants d’écriture et de synthèse se sont installés en "
    "quelques mois. Ils rédigent des comptes rendus, résument des dossiers, proposent des "
    "réponses. Le gain est réel, surtout pour les tâches répétitives.": (
        "En las oficinas, los asistentes de redacción y de síntesis se han instalado en pocos "
        "meses. Redactan actas, resumen expedientes, proponen respuestas. La ganancia es "
        "real, sobre todo en las tareas repetitivas."
    ),
    "Mais un métier n’est pas une liste de tâches. C’est aussi un jugement, une expérience, "
    "une manière de repérer ce qui cloche. Déléguer sans comprendre, c’est perdre peu à peu "
    "ce savoir.": (
        "Pero un oficio no es una lista de tareas. Es también criterio, experiencia, una "
        "manera de notar lo que falla. Delegar sin comprender es perder poco a poco ese saber."
    ),
    "Décider ensemble": "Decidir entre todos",
    "Les entreprises qui réussissent ces transitions associent les équipes au choix des "
    "outils et à la définition de leurs limites. Le temps gagné peut servir à mieux faire, "
    "à se former, ou simplement à travailler moins : c’est une question sociale, pas "
    "technique.": (
        "Las empresas que llevan bien estas transiciones hacen partícipes a los equipos de la "
        "elección de las herramientas y de la definición de sus límites. El tiempo ahorrado "
        "puede servir para trabajar mejor, para formarse o simplemente para trabajar menos: "
        "es una cuestión social, no técnica."
    ),
    "Des rangées de silhouettes stylisées.": "Filas de siluetas estilizadas.",
    "Le travail est une affaire collective, l’outil aussi.": (
        "El trabajo es un asunto colectivo, y la herramienta también."
    ),
    # Apprendre avec l’IA, apprendre malgré elle.
    "apprendre-avec-l-ia": "aprender-con-la-ia",
    "Apprendre avec l’IA, apprendre malgré elle": "Aprender con la IA, aprender a pesar de ella",
    "À l’école comme à l’université, les assistants d’IA bousculent les devoirs et "
    "l’évaluation. Ils obligent à redire ce que veut dire apprendre.": (
        "En la escuela como en la universidad, los asistentes de IA trastocan los deberes y "
        "la evaluación. Nos obligan a decir de nuevo qué significa aprender."
    ),
    "Une rangée de livres de couleurs et de hauteurs différentes.": (
        "Una hilera de libros de colores y alturas distintos."
    ),
    "Un devoir rédigé en quelques secondes ne dit plus rien de ce que l’élève a compris. "
    "Les enseignants le savent et transforment leurs pratiques : plus d’oral, plus de "
    "travail en classe, plus d’attention au raisonnement qu’au résultat.": (
        "Un trabajo redactado en pocos segundos ya no dice nada de lo que el alumno ha "
        "entendido. Los docentes lo saben y cambian sus prácticas: más exposición oral, más "
        "trabajo en clase, más atención al razonamiento que al resultado."
    ),
    "Un outil à apprivoiser": "Una herramienta que hay que domar",
    "Interdire ne suffit pas, ignorer non plus. Apprendre à interroger un assistant, à "
    "vérifier ses réponses et à repérer ses erreurs devient une compétence à part "
    "entière.": (
        "Prohibir no basta, e ignorar tampoco. Aprender a preguntar a un asistente, a "
        "comprobar sus respuestas y a detectar sus errores se convierte en una competencia "
        "por derecho propio."
    ),
    "Une étagère de livres dessinée.": "Una estantería de libros dibujada.",
    "Les livres restent, l’outil s’ajoute.": "Los libros se quedan; la herramienta se suma.",
    "Une piste pour la classe": "Una idea para el aula",
    "Demander aux élèves de corriger une réponse produite par une IA, en justifiant chaque "
    "correction.": (
        "Pedir a los alumnos que corrijan una respuesta producida por una IA, justificando "
        "cada corrección."
    ),
    # Données personnelles : ce que l’entraînement des modèles change.
    "donnees-personnelles-et-entrainement": "datos-personales-y-entrenamiento",
    "Données personnelles : ce que l’entraînement des modèles change": (
        "Datos personales: lo que cambia el entrenamiento de los modelos"
    ),
    "Les modèles apprennent sur d’immenses corpus où se glissent nos traces. Le droit des "
    "données personnelles s’applique, mais il est mis à l’épreuve.": (
        "Los modelos aprenden de inmensos corpus en los que se cuelan nuestras huellas. El "
        "derecho de protección de datos se aplica, pero se pone a prueba."
    ),
    "Un cadenas fermé posé sur une grille de fiches.": (
        "Un candado cerrado sobre una cuadrícula de fichas."
    ),
    "Depuis mai 2018, le RGPD impose une base légale à tout traitement de données "
    "personnelles. Pour entraîner un modèle sur des textes collectés en ligne, les "
    "entreprises invoquent souvent leur intérêt légitime, qui suppose une mise en balance "
    "avec les droits des personnes.": (
        "Desde mayo de 2018, el RGPD exige una base jurídica para todo tratamiento de datos "
        "personales. Para entrenar un modelo con textos recopilados en internet, las "
        "empresas suelen invocar su interés legítimo, que obliga a sopesarlo con los derechos "
        "de las personas."
    ),
    "Le droit à l’effacement à l’épreuve": "El derecho de supresión, puesto a prueba",
    "Effacer une ligne d’une base de données est simple. Faire oublier une information à "
    "un modèle déjà entraîné l’est beaucoup moins. Les autorités de protection, comme la "
    "CNIL en France, publient des recommandations pour concilier ces droits avec la "
    "technique.": (
        "Borrar una fila de una base de datos es sencillo. Hacer que un modelo ya entrenado "
        "olvide un dato lo es mucho menos. Las autoridades de protección de datos, como la "
        "CNIL en Francia o la AEPD en España, publican recomendaciones para conciliar estos "
        "derechos con la técnica."
    ),
    "Vos droits": "Sus derechos",
    "Savoir si vos données sont utilisées.": "Saber si se utilizan sus datos.",
    "Vous opposer à leur utilisation.": "Oponerse a su uso.",
    "Demander leur effacement.": "Pedir su supresión.",
    "Une pile de documents dessinée.": "Una pila de documentos dibujada.",
    "Nos écrits en ligne nourrissent les modèles, souvent à notre insu.": (
        "Lo que escribimos en internet alimenta los modelos, a menudo sin que lo sepamos."
    ),
}
