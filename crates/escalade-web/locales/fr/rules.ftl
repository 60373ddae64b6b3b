# Automation rules in the administration (src/ui/admin/rules.rs).

admin-section-rules = Règles
admin-section-rules-text = Règles d’événement qui classent et orientent les tickets, règles temporelles, essai d’une règle sur un ticket.
rules-title = Règles
rules-hint = Les règles d’événement s’exécutent dans cet ordre quand un ticket est créé, modifié ou reçoit une réponse du demandeur. Le format est décrit dans
rules-new = Nouvelle règle
rules-dry-run-title = Essayer une règle sur un ticket
rules-event-rules = Règles d’événement
rules-col-position = N°
rules-col-name = Nom
rules-col-event = Événement
rules-col-active = État
rules-col-actions = Actions
rules-col-kind = Type
rules-active = Active
rules-inactive = Inactive
rules-deactivate = Désactiver
rules-activate = Activer
rules-move-up = Monter
rules-move-down = Descendre
rules-time-rules = Règles temporelles
rules-time-edit-title = Modifier la règle temporelle
rules-edit-title = Règle
rules-time-edit-hint = Une règle temporelle en JSON : nom, active, et son type avec sa durée. Voir
rules-edit-hint = La règle en JSON : nom, événement, conditions et actions ordonnées. Voir
rules-definition = Règle (JSON)
rules-dry-run-hint = Indique si la règle se déclencherait sur le ticket et ce qu’elle changerait. Rien n’est modifié.
rules-dry-run-reasons = Conditions décisives
rules-dry-run-changes = Modifications
rules-dry-run-nothing = Aucun champ ne changerait.
rules-dry-run-notes = Notes internes
rules-dry-run-replies = Réponses automatiques
rules-dry-run-ticket = Numéro du ticket
rules-dry-run-stored = Règle enregistrée
rules-dry-run-use-text = La règle écrite ci-dessous
rules-dry-run-submit = Essayer
rules-dry-run-no-ticket = Ce ticket ou cette règle n’existe pas ou n’est pas à votre portée.
rules-refused = Refusé en { $path } : { $message }
rules-saved-rule = La règle a été enregistrée.
rules-saved-order = L’ordre a été enregistré.
rules-saved-time-rule = La règle temporelle a été enregistrée.
rules-event-created = Ticket créé
rules-event-updated = Ticket modifié
rules-event-reply-received = Réponse reçue
rules-kind-remind-pending = Relance en attente
rules-kind-auto-close-resolved = Clôture après résolution
rules-kind-escalate-unassigned = Escalade si non attribué
rules-verdict-fired = La règle se déclencherait
rules-verdict-no-match = La règle ne correspond pas
rules-verdict-inactive = La règle est inactive
rules-verdict-other-event = La règle s’exécute sur un autre événement
rules-verdict-not-reached = Une règle précédente arrête l’exécution
rules-count = { $count ->
    [one] { $count } règle
   *[other] { $count } règles
}
