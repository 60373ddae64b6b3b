# La base de connaissances dans la console des agents : liste, article, éditeur, historique, rapports.
nav-knowledge = Connaissances

## Vocabulaire
kb-kind-sop = Procédure (SOP)
kb-kind-known-error = Erreur connue
kb-kind-faq = Question et réponse
kb-kind-how-to = Mode d’emploi
kb-kind-hint-sop = Des étapes numérotées, chacune avec le résultat que l’agent doit constater.
kb-kind-hint-known-error = Un symptôme, sa cause et le contournement.
kb-kind-hint-faq = Une question et sa réponse.
kb-kind-hint-how-to = Un texte libre avec titres, listes et liens.
kb-status-draft = Brouillon
kb-status-review = En relecture
kb-status-published = Publié
kb-status-archived = Archivé
kb-visibility-public = Public
kb-visibility-internal = Interne
kb-move-submit = Soumettre à la relecture
kb-move-approve = Approuver et publier
kb-move-send-back = Renvoyer au rédacteur
kb-move-archive = Archiver
kb-move-revive = Remettre en brouillon
kb-part-symptom = Symptôme
kb-part-cause = Cause
kb-part-workaround = Contournement
kb-part-question = Question
kb-part-answer = Réponse
kb-part-body = Texte

## La liste
kb-title = Base de connaissances
kb-new = Nouvel article
kb-counts-label = Articles par statut
kb-filters-label = Filtrer les articles
kb-filter-q = Mots
kb-filter-q-hint = Cherche dans tout le texte de chaque traduction (mots fléchis, avec ou sans accents), meilleurs résultats d’abord ; si rien ne correspond, les titres qui contiennent le texte.
kb-filter-kind = Type
kb-filter-status = Statut
kb-filter-category = Catégorie
kb-filter-visibility = Visibilité
kb-filter-lang = Langue
kb-filter-any = Tous
kb-filter-invalid = Le filtre « { $field } » a une valeur incomprise ; tous les articles sont affichés.
kb-empty = Aucun article ne correspond.
kb-empty-clear = Effacer les filtres
kb-col-title = Titre
kb-col-kind = Type
kb-col-status = Statut
kb-col-visibility = Visibilité
kb-col-views = Lectures
kb-col-votes = Votes
kb-col-updated = Dernière modification
kb-votes-helpful = Utile
kb-votes-not-helpful = Pas utile
kb-articles-count = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}

## Un article
kb-content-label = Contenu
kb-expected = Résultat attendu :
kb-no-steps = Cette procédure n’a pas encore d’étapes.
kb-lifecycle = Statut et relecture
kb-edit = Modifier
kb-mark-reviewed = Marquer comme relu (toujours juste)
kb-send-back-note = Que doit changer le rédacteur ?
kb-files = Fichiers
kb-files-none = Aucun fichier.
kb-attach = Joindre des fichiers
kb-attach-submit = Joindre
kb-facts = À propos de cet article
kb-published-at = Publié le
kb-reviewed-at = Dernière relecture
kb-category = Catégorie
kb-service = Service
kb-author = Rédigé par
kb-owner = Responsable
kb-source-ticket = Rédigé depuis le ticket
kb-deflections = Problèmes résolus sans ticket
kb-votes-text = { $helpful } utile(s), { $not_helpful } pas utile(s)
kb-approved-by = approuvé par { $name } le { $at }
kb-person = utilisateur n° { $id }
kb-version-n = version { $n }
kb-history = Historique
kb-languages = Langues
kb-original = original
kb-translate = Traduire
kb-translation-add = Traduire en { $language }
kb-translation-edit = Modifier la traduction en { $language }
kb-size-bytes = { $n } octets
kb-size-kib = { $n } Ko
kb-size-mib = { $n } Mo
kb-done-created = Le brouillon a été enregistré.
kb-done-saved = L’article a été enregistré dans une nouvelle version.
kb-done-translated = La traduction a été enregistrée.
kb-done-submit = L’article a été soumis à la relecture.
kb-done-approve = L’article a été approuvé et publié.
kb-done-send-back = L’article a été renvoyé à son rédacteur.
kb-done-archive = L’article a été archivé.
kb-done-revive = L’article est de nouveau un brouillon.
kb-done-reviewed = L’article est marqué comme relu.
kb-done-files = Les fichiers ont été joints.
kb-done-voted = Merci : votre vote a été pris en compte.
kb-vote-question = Cet article vous a-t-il été utile ?

## L’éditeur
kb-new-title = Nouvel article
kb-edit-title = Modifier « { $title } »
kb-translate-title = Traduction en { $language }
kb-translation-hint = Traduisez le titre et chaque partie ; le texte original est prérempli comme point de départ.
kb-kind-choose = Choisissez le type d’article à rédiger :
kb-editor-kind = Type : { $kind }
kb-field-title = Titre
kb-field-lang = Langue
kb-field-note = Ce qui a changé (pour l’historique)
kb-no-category = Aucune catégorie
kb-steps = Étapes
kb-steps-hint = Une action par étape, avec ce que l’agent doit voir quand elle a réussi. Les lignes vides sont ignorées.
kb-step-n = Étape { $n }
kb-step-remove = Supprimer l’étape { $n }
kb-step-add = Ajouter une étape
kb-markdown-hint = Chaque partie est en Markdown : **gras**, *italique*, listes, `code` et liens.
kb-conflict = Quelqu’un a enregistré cet article pendant que vous le modifiiez : vous êtes parti de la version { $mine }, et la version { $current } est l’actuelle. Votre texte est conservé ci-dessous. Consultez la version actuelle et ce qui a changé ; enregistrer de nouveau la remplace par votre texte.
kb-conflict-current = Ouvrir la version actuelle
kb-conflict-diff = Voir ce qui a changé depuis votre version

## Erreurs
kb-error-see-field = L’article n’a pas été enregistré : voyez le champ signalé ci-dessous.
kb-error-choose = Choisissez l’une des valeurs proposées.
kb-error-unknown-move = Ce changement de statut n’existe pas.
kb-error-required = Ce champ doit être rempli.
kb-error-incomplete = Chaque partie doit être remplie avant la relecture ; celle-ci est vide : { $part }.
kb-error-too-long = C’est trop long.
kb-error-one-line = Le titre tient sur une ligne.
kb-error-too-many = Une procédure a au plus 100 étapes.
kb-error-unknown = Cette catégorie n’existe pas.
kb-error-inactive = Cette catégorie n’est plus utilisée.
kb-error-no-file = Choisissez d’abord un fichier.
kb-error-empty-file = Le fichier est vide.
kb-error-submit-only-draft = Seul un brouillon peut être soumis à la relecture.
kb-error-approve-only-review = Seul un article en relecture peut être approuvé.
kb-error-send-back-only-review = Seul un article en relecture peut être renvoyé.
kb-error-archive-only-published = Seul un article publié peut être archivé.
kb-error-revive-only-archived = Seul un article archivé peut être remis en brouillon.
kb-error-review-edited-by-publisher = Un article en relecture n’est modifié que par un publicateur, ou renvoyé en brouillon d’abord.
kb-error-published-edited-by-publisher = Un article publié n’est modifié que par un publicateur.
kb-error-archived-is-read-only = Un article archivé est en lecture seule ; remettez-le d’abord en brouillon.
kb-error-review-only-published = Seul un article publié est marqué comme relu.
kb-error-translation-is-original = C’est la langue originale de l’article : modifiez plutôt l’article.
kb-error-stale-version = Quelqu’un a enregistré cet article entre-temps ; rechargez-le et refaites votre modification.

## Historique et différences
kb-history-title = Historique de « { $title } »
kb-back-to-article = Retour à l’article
kb-compare-from = De
kb-compare-to = À
kb-compare = Comparer
kb-col-version = Version
kb-col-author = Par
kb-col-when = Quand
kb-col-changes = Modifications
kb-see-changes = Voir les modifications
kb-first-version = Première version
kb-someone = quelqu’un
kb-versions-count = { $count ->
    [one] { $count } version
   *[other] { $count } versions
}
kb-diff-title = Modifications de la version { $from } à la version { $to }
kb-diff-summary = { $added }, { $removed }.
kb-diff-lines-added = { $count ->
    [one] { $count } ligne ajoutée
   *[other] { $count } lignes ajoutées
}
kb-diff-lines-removed = { $count ->
    [one] { $count } ligne supprimée
   *[other] { $count } lignes supprimées
}
kb-diff-legend = Les lignes ajoutées sont vertes et commencent par + ; les lignes supprimées sont rouges, barrées et commencent par −.
kb-diff-added = ajoutée
kb-diff-removed = supprimée

## Rapports
kb-reports-title = Rapports sur les connaissances
kb-most-viewed = Les plus lus
kb-none-yet = Rien pour l’instant.
kb-needs-review = À relire
kb-needs-review-hint = Articles publiés que la plupart des lecteurs ont jugés pas utiles (au moins 5 votes, plus de la moitié « pas utile »), ou non relus depuis 180 jours.
kb-needs-review-none = Aucun article n’est à relire.
kb-col-why = Pourquoi
kb-why-not-helpful = surtout pas utile ({ $not_helpful } pas utile(s), { $helpful } utile(s))
kb-why-stale = { $days ->
    [one] non relu depuis { $days } jour
   *[other] non relu depuis { $days } jours
}
kb-contribution = Contribution par personne
kb-col-person = Personne
kb-col-authored = Rédigés
kb-col-published = Dont publiés
kb-col-from-tickets = Depuis des tickets
kb-col-approved = Approuvés
kb-col-edits = Versions enregistrées
kb-people-count = { $count ->
    [one] { $count } personne
   *[other] { $count } personnes
}

## Tickets liés à un article
kb-linked-tickets = Tickets liés
kb-linked-tickets-none = Aucun ticket que vous pouvez lire n’est lié à cet article.
kb-col-ticket = Ticket
kb-col-subject = Objet
kb-col-linked = Lié le
kb-tickets-count = { $count ->
    [one] { $count } ticket
   *[other] { $count } tickets
}
