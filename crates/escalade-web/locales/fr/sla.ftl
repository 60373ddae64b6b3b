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
