## Administration : courrier entrant (messages conservés, quarantaine)
mailin-admin-link = Courrier entrant et quarantaine
mailin-title = Courrier entrant
mailin-intro = Chaque message reçu par le support est conservé en entier. Un message en quarantaine n'a pas pu être lu ou appliqué ; une fois la cause corrigée, traitez-le de nouveau. Rien n'est perdu.
mailin-filter = Messages par état
mailin-tab-quarantined = En quarantaine ({ $count })
mailin-tab-received = En attente ({ $count })
mailin-tab-ignored = Ignorés ({ $count })
mailin-tab-done = Traités ({ $count })
mailin-total = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
mailin-empty = Aucun message ici.
mailin-col-received = Reçu
mailin-col-from = De
mailin-col-subject = Objet
mailin-col-why = Pourquoi
mailin-col-actions = Actions
mailin-open-ticket = Ouvrir le ticket
mailin-reprocess = Traiter de nouveau
mailin-waiting = En attente de traitement.
mailin-reprocessed-done = Traité de nouveau : il est maintenant sur { $ticket }.
mailin-reprocessed-ignored = Traité de nouveau : il a été laissé de côté cette fois (voir l'onglet Ignorés).
mailin-reprocessed-quarantined = Traité de nouveau, et remis en quarantaine : la raison figure ci-dessous.
