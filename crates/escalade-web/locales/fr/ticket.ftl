# La page d'un ticket pour les agents : champs, fiche du demandeur, historique, fichiers et formulaires.
ticket-none = —
ticket-unassigned = Non attribué
ticket-system = Système
ticket-public = Public
ticket-internal = Interne
ticket-security = Sécurité : réservé à l'équipe sécurité
ticket-vip = VIP
ticket-created = Ouvert le
ticket-updated = Modifié le
ticket-description = Description
ticket-no-description = Aucune description n'a été donnée.
ticket-key-facts = Faits clés
ticket-no-key-facts = Aucun fait clé n'a été relevé.
ticket-fields = Détails

ticket-field-status = Statut
ticket-field-priority = Priorité
ticket-field-type = Type
ticket-field-channel = Canal
ticket-field-category = Catégorie
ticket-field-impact = Impact
ticket-field-urgency = Urgence
ticket-field-level = Niveau de support
ticket-field-group = Groupe
ticket-field-assignee = Responsable
ticket-field-requester = Demandeur
ticket-field-department = Service
ticket-field-service = Service concerné
ticket-field-nature = Nature
ticket-field-config-items = Éléments de configuration
ticket-field-tags = Étiquettes
ticket-field-watchers = Observateurs
ticket-field-subject = Objet

ticket-priority-matrix = { $priority } (selon l'impact et l'urgence)
ticket-priority-manual = { $priority } (fixée à la main)
ticket-nature-technical = Technique
ticket-nature-functional = Fonctionnelle
ticket-nature-regulatory = Réglementaire

ticket-fact-started = Début
ticket-fact-users-affected = Utilisateurs touchés
ticket-fact-error-codes = Codes ou messages d'erreur
ticket-fact-tried = Déjà essayé

ticket-requester-title = Demandeur
ticket-requester-email = Courriel
ticket-requester-language = Langue
ticket-other-open = Autres tickets ouverts
ticket-other-open-count = { $count ->
    [0] Aucun autre ticket ouvert.
    [one] { $count } autre ticket ouvert.
   *[other] { $count } autres tickets ouverts.
}
ticket-other-open-more = Les { $count } plus récents de ses autres tickets ouverts (il y en a d'autres).

ticket-journal = Historique
ticket-entries-count = { $count ->
    [one] { $count } entrée
   *[other] { $count } entrées
}
ticket-journal-pages = Pages de l'historique
ticket-journal-earlier = Entrées précédentes
ticket-journal-later = Entrées suivantes
ticket-journal-end = Fin de l'historique
ticket-handover-summary = Résumé de transmission
ticket-change = { $field } : { $from } → { $to }
ticket-opened-via = Ouvert par { $channel }
ticket-on-behalf = au nom de { $name }
ticket-reopened-by-reply = Rouvert par la réponse du demandeur.
ticket-escalation-levels = Niveau : { $from } → { $to }
ticket-escalation-groups = Groupe : { $from } → { $to }
ticket-escalation-from-assignee = Transmis par le responsable { $name }
ticket-taken-by = Pris en charge par { $name } au { $level } (groupe { $group })

ticket-files-title = Fichiers
ticket-files-none = Aucun fichier pour l'instant.
ticket-file-name = Fichier
ticket-file-size = Taille
ticket-file-visibility = Visible par
ticket-file-by = Ajouté par
ticket-attach-file = Fichiers à joindre
ticket-attach-visibility = Qui peut les voir
ticket-attach-public = Le demandeur aussi (public)
ticket-attach-internal = Les agents seulement (interne)
ticket-attach-submit = Joindre

ticket-reply-title = Répondre au demandeur
ticket-reply-hint = Le demandeur voit cette réponse.
ticket-reply-label = Réponse publique
ticket-reply-submit = Envoyer la réponse
ticket-note-title = Note interne
ticket-note-hint = Seuls les agents voient les notes et les appels ; jamais le demandeur.
ticket-note-kind = Type de note
ticket-note-kind-internal = Note interne
ticket-note-kind-phone = Appel téléphonique
ticket-note-label = Note (agents seulement)
ticket-note-submit = Ajouter la note interne

ticket-update-title = Modifier
ticket-update-submit = Enregistrer les modifications
ticket-priority-auto = Selon l'impact et l'urgence
ticket-matrix-gives = L'impact et l'urgence donnent :
ticket-group-hint = Changer de groupe place le ticket au niveau de ce groupe.
ticket-group-with-level = { $name } (niveau { $level })

ticket-escalate-title = Escalader
ticket-escalate-hint = Transmettre le ticket à un niveau supérieur ou à un autre groupe. Il y attend que quelqu'un le prenne en charge.
ticket-escalate-level = Niveau cible
ticket-escalate-next-level = Niveau suivant ({ $level })
ticket-escalate-same-level = Ce niveau (un autre groupe)
ticket-escalate-this-level = Niveau { $level } (un autre groupe de ce niveau)
ticket-escalate-group = Groupe destinataire
ticket-escalate-group-auto = Le groupe du niveau (s'il n'y en a qu'un)
ticket-escalate-summary = Résumé de transmission (obligatoire)
ticket-escalate-summary-hint = Ce qui est su, ce qui a été fait, où sont les journaux : le niveau suivant ne doit pas avoir à redemander.
ticket-escalate-submit = Escalader
ticket-take = Prendre ce ticket en charge

ticket-saved-reply = Votre réponse a été envoyée.
ticket-saved-note = Votre note interne a été ajoutée.
ticket-saved-call = L'appel téléphonique a été consigné.
ticket-saved-update = Les modifications ont été enregistrées.
ticket-saved-escalated = Le ticket a été escaladé.
ticket-saved-taken = Vous avez pris le ticket en charge ; il vous est attribué.
ticket-saved-attached = Les fichiers ont été joints.

ticket-error-forbidden = Vous ne pouvez pas faire cela sur ce ticket.
ticket-error-no-change = Le ticket a déjà ce statut.
ticket-error-closed-is-final = Un ticket clos ne peut plus changer ; ouvrez un nouveau ticket et liez-le.
ticket-error-cancelled-is-final = Un ticket annulé ne peut plus changer.
ticket-error-escalation-needs-handover = Un ticket s'escalade par le formulaire d'escalade, qui demande un résumé de transmission.
ticket-error-new-is-initial = Un ticket ne peut pas revenir à Nouveau.
ticket-error-assigned-needs-assignee = Un ticket ne peut être Attribué qu'avec un responsable : choisissez-en un aussi.
ticket-error-close-only-resolved = Seul un ticket résolu peut être clos : résolvez-le d'abord.
ticket-error-resolved-closes-or-reopens = Un ticket résolu est soit clos, soit rouvert (En cours ou Attribué).
ticket-error-pending-needs-work-started = Seul un ticket en cours de traitement (Attribué ou En cours) peut être mis en attente.
ticket-error-take-before-waiting = Prenez en charge le ticket escaladé avant de le mettre en attente.
ticket-error-take-only-escalated = Seul un ticket escaladé peut être pris en charge.
ticket-error-summary-required = Un résumé de transmission d'au moins 10 caractères est obligatoire : ce qui est su, ce qui a été fait.
ticket-error-body-required = Écrivez d'abord quelque chose.
ticket-error-group-required = Plusieurs groupes travaillent à ce niveau : choisissez le groupe destinataire.
ticket-error-no-higher-level = Le ticket est déjà au niveau 3 : escaladez plutôt vers un autre groupe.
ticket-error-escalation-goes-up = Une escalade monte ou reste au même niveau, jamais vers le bas.
ticket-error-same-target = Une escalade au même niveau doit désigner un autre groupe.
ticket-error-level-mismatch = Ce groupe travaille à un autre niveau que celui choisi.
ticket-error-empty-patch = Rien n'a été modifié.
ticket-error-not-an-agent = Cette personne n'est pas un agent actif.
ticket-error-inactive = Cette catégorie n'est plus utilisée.
ticket-error-unknown = Ce choix n'existe plus ; rechargez la page.
ticket-error-unknown-value = Cette valeur ne fait pas partie des choix.
ticket-error-empty-file = Le fichier est vide.
ticket-error-no-file = Choisissez un fichier à joindre.
ticket-error-busy-ticket = D'autres personnes modifient ce ticket en ce moment ; réessayez.

## Entrée arrivée par e-mail (page du ticket, agents)
mail-from = Reçu par e-mail de { $address }
mail-history-folded = { $count ->
    [one] { $count } caractère d'historique cité replié (il figure dans le message d'origine)
   *[other] { $count } caractères d'historique cité repliés (ils figurent dans le message d'origine)
}
mail-linked-to = Ouvert comme nouveau ticket lié à { $number }
mail-original = Télécharger le message d'origine
mail-files = Pièces jointes de ce message
mail-reason-other = Rattachement : { $code }
mail-reason-new-conversation = Pourquoi ici : une nouvelle conversation, donc un nouveau ticket.
mail-reason-replied-to-desk-message = Pourquoi ici : il répond à un message envoyé par le support au sujet de { $number }.
mail-reason-subject-number = Pourquoi ici : l'objet cite { $number } et l'expéditeur y participe.
mail-reason-subject-number-from-stranger = Pourquoi ici : l'objet cite { $number }, mais l'expéditeur n'y participe pas ; un ticket distinct a donc été ouvert.
mail-reason-follow-up-to-final-ticket = Pourquoi ici : il fait suite à { $number }, qui est clos ; un nouveau ticket a donc été ouvert.
mail-reason-subject-number-not-found = Pourquoi ici : l'objet cite { $number }, qui n'existe pas ; un nouveau ticket a donc été ouvert.
mail-reason-automatic-on-thread = Pourquoi ici : une réponse automatique (absence, rejet, accusé de lecture) au sujet de { $number }, gardée en note interne.
mail-reason-same-external-id = Pourquoi ici : la même alerte que { $number }, venant du même système, ajoutée en note.
mail-reason-new-external-id = Pourquoi ici : une nouvelle alerte d'un système de supervision ou de tickets.
mail-reason-recovery-without-ticket = Pourquoi ici : un avis de rétablissement pour une alerte qu'aucun ticket ne connaît.
mail-reason-automatic-mail = Pourquoi ici : un message automatique.
mail-reason-mail-loop = Pourquoi ici : une boucle de messagerie a été interrompue.
mail-html-link = Voir le message mis en forme
mail-html-back = Retour au ticket
mail-html-note = Le message tel que son expéditeur l'a mis en forme, nettoyé des scripts et des contenus distants.
mail-html-show-images = { $count ->
    [one] Afficher son image intégrée
   *[other] Afficher ses { $count } images intégrées
}
mail-html-hide-images = Masquer les images intégrées
mail-html-none = Ce message n'a pas de version mise en forme (HTML) : son texte est sur le ticket.

## Le panneau de connaissances
ticket-kb-suggested = Articles suggérés
ticket-kb-similar = Tickets similaires
ticket-kb-linked = Articles liés
ticket-kb-none = Aucun article ne correspond à ce ticket.
ticket-kb-none-similar = Aucun ticket similaire.
ticket-kb-none-linked = Aucun article n'est lié à ce ticket.
ticket-kb-link = Lier
ticket-kb-linked-mark = Lié
ticket-kb-insert-steps = Insérer les étapes dans la réponse
ticket-kb-draft = Transformer la solution en article
ticket-kb-draft-hint = Crée un brouillon d'article interne à partir du sujet, de la description et de la dernière réponse, lié à ce ticket.
ticket-kb-kind-sop = Procédure
ticket-kb-kind-known_error = Erreur connue
ticket-kb-kind-faq = FAQ
ticket-kb-kind-how_to = Guide pratique
ticket-saved-linked = L'article est lié au ticket.
