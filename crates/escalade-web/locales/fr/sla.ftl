# Niveaux de service dans la console agent : horloges, explication, file « SLA en danger », notifications, administration.
sla-less-than-a-minute = moins d’une minute
sla-minutes = { $count } min
sla-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
sla-left = encore { $time }
sla-overdue = en retard de { $time }
sla-paused-with = en pause, { $time }
sla-stopped-at = arrêtée le { $time }
sla-due = Échéance
sla-why = Pourquoi ? Comment les échéances ont été calculées
sla-clocks-title = Niveaux de service
sla-clocks-none = Aucune politique SLA ne s’applique à ce ticket.
sla-clock-response = Première réponse
sla-clock-resolution = Résolution
sla-clock-update = Mise à jour
sla-clock-ola = OLA
sla-state-running = en cours
sla-state-paused = en pause
sla-state-met = respectée
sla-state-breached = dépassée
sla-state-warned = alerte
sla-policy-kind-sla-policy = Politique SLA
sla-policy-kind-ola-target = Objectif OLA
sla-day-monday = Lundi
sla-day-tuesday = Mardi
sla-day-wednesday = Mercredi
sla-day-thursday = Jeudi
sla-day-friday = Vendredi
sla-day-saturday = Samedi
sla-day-sunday = Dimanche
sla-calendar-always-open = Toujours ouvert (24x7)
sla-warn-after = à { $percent } % ({ $time })
sla-gap-paused = En pause pendant l’attente
sla-gap-stopped = Arrêtée (résolu ou transmis)
sla-event-warning = Alerte
sla-event-breach = Dépassement
sla-event-recomputed = Recalcul
sla-event-action = Action
sla-explain-title = Niveaux de service de { $number }
sla-explain-crumb = Niveaux de service
sla-explain-as-of = Au
sla-explain-none = Ce ticket n’a aucune horloge SLA ni OLA.
sla-explain-policy = Politique et raison
sla-explain-matched = Conditions remplies
sla-explain-skipped = Politiques précédentes écartées
sla-explain-calendar = Calendrier
sla-explain-week = Semaine de travail
sla-explain-numbers = Objectif et échéance
sla-explain-target = Objectif (temps ouvré)
sla-explain-warning = Alerte
sla-explain-started = Démarrée
sla-explain-elapsed = Décompté jusqu’ici
sla-explain-remaining = Reste
sla-explain-warn-at = Alerte à
sla-explain-warned-at = Alerte émise le
sla-explain-breached-at = Dépassée le
sla-explain-stopped-at = Arrêtée le
sla-explain-outcome = Résultat
sla-explain-counted = Périodes décomptées et leurs plages ouvrées
sla-explain-from = Du
sla-explain-to = Au
sla-explain-business-time = Temps ouvré
sla-explain-working-intervals = Plages ouvrées décomptées
sla-explain-running-now = en cours
sla-explain-not-listed = { $count ->
    [one] et { $count } autre plage
   *[other] et { $count } autres plages
}
sla-explain-not-counted = Non décompté
sla-explain-still = toujours
sla-explain-events = Recalculs, alertes et dépassements
sla-explain-events-none = Rien n’est encore inscrit au journal.
sla-back-to-ticket = Retour au ticket
sla-at-risk-title = SLA en danger
sla-at-risk-hint = Tickets dont une horloge en cours a alerté ou est dépassée, les plus urgents d’abord.
sla-at-risk-empty = Aucun ticket n’est en danger.
sla-col-ticket = Ticket
sla-col-subject = Objet
sla-col-priority = Priorité
sla-col-clocks = Horloges
sla-pages = Pages
sla-notifications-title = Notifications
sla-notifications-empty = Aucune notification.
sla-unread-count = { $count ->
    [one] { $count } non lue
   *[other] { $count } non lues
}
sla-notification-warning = Alerte SLA
sla-notification-breach = SLA dépassé
sla-notification-other = Avis
sla-notification-marked = Marquée comme lue.
sla-mark-read = Marquer comme lue
sla-field-name = Nom
sla-field-time-zone = Fuseau horaire
sla-field-holidays = Jours fériés
sla-admin-link = Niveaux de service : politiques SLA et calendriers
sla-admin-tabs = Réglages des niveaux de service
sla-policies-title = Politiques SLA
sla-policies-hint = Les politiques sont essayées de haut en bas ; la première active dont toutes les conditions sont remplies s’applique.
sla-policies-count = { $count ->
    [one] { $count } politique
   *[other] { $count } politiques
}
sla-policy-new-title = Nouvelle politique SLA
sla-policy-edit-title = Politique SLA { $name }
sla-col-order = Ordre
sla-inactive = inactive
sla-move-up = Monter
sla-move-down = Descendre
sla-saved-sla-policy = La politique a été enregistrée.
sla-saved-sla-order = L’ordre a été enregistré.
sla-field-targets = Objectifs
sla-field-first-response = Première réponse
sla-field-resolution = Résolution
sla-field-update-interval = Intervalle de mise à jour
sla-unit-minutes = minutes de temps ouvré
sla-field-warn-percent = Alerter à (% de l’objectif)
sla-field-active = Active
sla-field-conditions = Conditions
sla-conditions-hint = Toutes les conditions indiquées doivent être remplies ; laissez un groupe vide pour accepter tous les tickets.
sla-field-vip = Demandeur VIP
sla-vip-any = Tout demandeur
sla-vip-yes = VIP seulement
sla-vip-no = Non VIP
sla-field-services = Services concernés (séparés par des virgules)
sla-field-on-warning = En cas d’alerte
sla-field-on-breach = En cas de dépassement
sla-action-notify = Prévenir l’assigné et le responsable du groupe
sla-action-escalate-next-level = Escalader au niveau suivant
sla-action-raise-priority = Relever la priorité
sla-save = Enregistrer
sla-cancel = Annuler
sla-error-number = { $field } : saisissez un nombre de minutes.
sla-error-calendar = Choisissez un calendrier.
sla-error-invalid = Saisie non valable : { $detail }
sla-error-holidays = Les jours fériés ne sont pas du JSON valable : { $detail }
sla-calendars-title = Calendriers
sla-calendars-count = { $count ->
    [one] { $count } calendrier
   *[other] { $count } calendriers
}
sla-calendar-new-title = Nouveau calendrier
sla-calendar-edit-title = Calendrier { $name }
sla-calendar-working-week = Semaine de travail
sla-saved-sla-calendar = Le calendrier a été enregistré.
sla-calendar-hours-hint = Heures ouvrées par jour, par exemple 09:00-12:00, 13:00-17:00 ; laissez vide un jour chômé. Ignoré si le calendrier est toujours ouvert.
sla-calendar-holidays-hint = Une liste JSON de jours chômés, chacun avec "name", "first", éventuellement "last" (pour plusieurs jours) et "yearly" (voir docs/CALENDARS.md).
sla-olas-title = Objectifs OLA
sla-olas-hint = Combien de temps un niveau de support (ou un groupe de ce niveau) peut garder un ticket avant de le résoudre ou de le transmettre. Un objectif pour le groupe du ticket l’emporte sur celui de tout le niveau.
sla-olas-empty = Aucun objectif OLA pour l’instant.
sla-olas-count = { $count ->
    [one] { $count } objectif OLA
   *[other] { $count } objectifs OLA
}
sla-ola-new-title = Nouvel objectif OLA
sla-ola-edit-title = Objectif OLA { $name }
sla-ola-every-group = Tous les groupes du niveau
sla-saved-sla-ola = L’objectif OLA a été enregistré.
sla-field-level = Niveau de support
sla-field-group = Groupe
sla-field-ola-target = Objectif
sla-leads-title = Responsables de groupe
sla-leads-hint = Le responsable d’un groupe est prévenu des alertes et dépassements SLA sur ses tickets.
sla-field-lead = Responsable
sla-lead-none = Aucun responsable
sla-saved-sla-lead = Le responsable du groupe a été enregistré.
# Comment une échéance a été calculée, étape par étape (page d’explication) et la ligne de politique du panneau des horloges.
sla-explain-steps = Comment l’échéance a été calculée
sla-explain-policy-line = Politique : { $policy }
sla-pinned-by = { $by ->
    [rule] épinglée par la règle « { $name } »
   *[person] épinglée par { $name }
}
sla-step-policy-chosen = La politique { $policy } a été choisie d’après ses conditions : { $reasons }.
sla-step-policy-pinned = La politique { $policy } a été épinglée sur le ticket { $by ->
    [rule] par la règle « { $name } »
   *[person] par { $name }
} ; ses conditions ne sont pas vérifiées.
sla-step-pin-lapsed = La politique { $policy } avait été épinglée { $by ->
    [rule] par la règle « { $name } »
   *[person] par { $name }
}, mais { $lapse ->
    [deleted] elle a été supprimée
   *[inactive] elle est inactive
} : la politique est choisie d’après les conditions.
sla-step-target = Objectif : { $target } de temps ouvré pour { $clock ->
    [response] la première réponse
    [update] l’intervalle de mise à jour
    [ola] le niveau de support
   *[resolution] la résolution
} ; alerte à { $percent } % ({ $warn }).
sla-step-calendar-always = Chaque heure compte (24x7).
sla-step-calendar-hours = Seules les heures ouvrées du calendrier comptent, dans le fuseau { $zone }.
sla-step-started = Démarrée le { $at }.
sla-step-counted = { $time } décompté(es) en { $count ->
    [one] { $count } plage ouvrée
   *[other] { $count } plages ouvrées
}.
sla-step-paused = Mise en pause { $count ->
    [one] une fois
   *[other] { $count } fois
} pendant que le ticket était en attente.
sla-step-reopened = Non décompté pendant que le ticket était résolu, avant { $count ->
    [one] { $count } réouverture
   *[other] { $count } réouvertures
}.
sla-step-met = Arrêtée le { $at }, dans l’objectif : respectée.
sla-step-stopped-late = Arrêtée le { $at }, après l’objectif : dépassée de { $time }.
sla-step-paused-now = En pause avec encore { $time } ; l’échéance sera recalculée quand le ticket ne sera plus en attente.
sla-step-due = Échéance le { $at } : le début de la période en cours plus les { $time } restant(es).
sla-step-no-deadline = Le calendrier n’a plus d’heures ouvrées à venir : pas d’échéance.
sla-step-breach-recorded = Dépassement enregistré le { $at }.
sla-step-recomputed = Recalculée le { $at } après { $changed } : politique { $from } → { $to } ; échéance { $before } → { $after }.
sla-step-none = aucune
sla-changed-priority = un changement de priorité
sla-changed-type = un changement de type
sla-changed-category = un changement de catégorie
sla-changed-service = un changement de service
sla-changed-sla-policy = un changement de la politique épinglée
sla-reason-no-conditions = aucune condition : s’applique à tous les tickets
sla-reason-inactive = la politique est inactive
sla-reason-target-inactive = l’objectif est inactif
sla-reason-priority-is = la priorité est { $priority }
sla-reason-priority-not-in = la priorité est { $priority }, la politique est pour { $wanted }
sla-reason-type-is = le type est { $type }
sla-reason-type-not-in = le type est { $type }, la politique est pour { $wanted }
sla-reason-category-is = la catégorie est n° { $category }
sla-reason-category-under = la catégorie n° { $category } est sous la catégorie n° { $ancestor }
sla-reason-category-not-in = la catégorie n° { $category } n’est ni l’une des catégories { $wanted } ni en dessous
sla-reason-no-category = le ticket n’a pas de catégorie, la politique est pour les catégories { $wanted }
sla-reason-service-is = le service est { $service }
sla-reason-service-not-in = le service est { $service }, la politique est pour { $wanted }
sla-reason-no-service = le ticket ne nomme aucun service, la politique est pour { $wanted }
sla-reason-department-is = le service du demandeur est n° { $department }
sla-reason-department-not-in = le service du demandeur est n° { $department }, la politique est pour les services { $wanted }
sla-reason-no-department = le demandeur n’a pas de service, la politique est pour les services { $wanted }
sla-reason-vip = le demandeur est VIP
sla-reason-not-vip = le demandeur n’est pas VIP
sla-reason-vip-excluded = le demandeur est VIP, la politique exclut les VIP
sla-reason-at-level = le ticket est au niveau { $level }
sla-reason-in-group = le ticket est dans le groupe n° { $group }
sla-reason-every-group = l’objectif s’applique à tous les groupes du niveau
sla-reason-other-level = il est pour le niveau { $wanted }, le ticket est au niveau { $level }
sla-reason-other-group = il est pour le groupe n° { $wanted }, le ticket est dans le groupe n° { $group }
sla-reason-other-group-none = il est pour le groupe n° { $wanted }, le ticket n’est dans aucun groupe
sla-event-recomputed-body = Recalcul après { $changed } : politique { $from } → { $to }.
sla-event-recomputed-clock = { $clock } : échéance { $before } → { $after }.
