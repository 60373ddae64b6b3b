# Le portail libre-service des demandeurs : leurs demandes, une nouvelle demande, une demande.

## La liste des demandes
portal-list-title = Mes demandes
portal-new-button = Nouvelle demande
portal-filter-label = Afficher les demandes
portal-filter-all = Toutes
portal-filter-open = En cours
portal-filter-resolved = Résolues et clôturées
portal-empty-title = Vous n’avez encore aucune demande
portal-empty-text = Quand quelque chose ne fonctionne pas, ou qu’il vous faut quelque chose (un accès, du matériel, un logiciel, une information), choisissez « Nouvelle demande » et expliquez-nous. Vous suivrez son avancement ici.
portal-empty-open = Aucune de vos demandes n’est en cours pour le moment. Si vous avez besoin d’aide, faites une nouvelle demande.
portal-empty-resolved = Aucune de vos demandes n’a encore été résolue ou clôturée.
portal-col-number = Numéro
portal-col-subject = Objet
portal-col-status = État
portal-col-category = Catégorie
portal-col-updated = Dernière mise à jour
portal-col-created = Ouverte le
portal-colleague = Collègue
portal-colleague-hint = Faite par un collègue de votre service
portal-pager-label = Pages
portal-list-count = { $count ->
    [one] { $count } demande
   *[other] { $count } demandes
}

## Une nouvelle demande
portal-new-title = Nouvelle demande
portal-new-intro = Dites-nous ce qu’il vous faut, avec vos mots. Seul l’objet est obligatoire ; plus vous en dites, plus vite nous pourrons vous aider.
portal-new-type = De quoi s’agit-il ?
portal-type-incident = Quelque chose est en panne ou ne fonctionne pas
portal-type-incident-hint = Une erreur, une panne, quelque chose de plus lent que d’habitude.
portal-type-service-request = J’ai besoin de quelque chose
portal-type-service-request-hint = Un accès, un compte, du matériel, un logiciel, une modification.
portal-type-question = J’ai une question
portal-type-question-hint = Comment faire quelque chose, où trouver quelque chose.
portal-type-complaint = Je souhaite faire une réclamation
portal-type-complaint-hint = Au sujet du service reçu.
portal-new-category = Sujet
portal-new-category-unsure = Je ne sais pas
portal-new-subject = Objet (une ligne)
portal-new-subject-hint = Par exemple : « L’imprimante du 2e étage imprime des pages blanches ».
portal-new-description = Description
portal-new-description-hint = Ce qui s’est passé, depuis quand, le message d’erreur éventuel, et ce que vous avez déjà essayé.
portal-new-impact = Combien de personnes sont concernées ?
portal-impact-low = Moi seulement
portal-impact-medium = Quelques personnes ou mon équipe
portal-impact-high = Beaucoup de personnes, tout un service ou plus
portal-new-urgency = Est-ce urgent pour vous ?
portal-urgency-low = Cela peut attendre : je peux faire autrement
portal-urgency-medium = Cela ralentit mon travail
portal-urgency-high = Je ne peux pas travailler tant que ce n’est pas réglé
portal-not-sure = Je ne sais pas
portal-new-files = Fichiers (captures d’écran, documents), facultatif
portal-files-limit = Vous pouvez choisir plusieurs fichiers, chacun d’au plus { $limit } Mio.
portal-files-choose-again = Par sécurité, les fichiers ne sont pas conservés quand un formulaire vous est renvoyé : veuillez les choisir à nouveau.
portal-new-submit = Envoyer ma demande

## Les dix catégories par défaut
portal-category-hardware-failure = Panne matérielle
portal-category-software-failure = Panne logicielle
portal-category-network = Réseau
portal-category-security = Sécurité
portal-category-user-support = Assistance utilisateur
portal-category-service-request = Demande de service
portal-category-data-recovery = Récupération de données
portal-category-performance-optimisation = Performances
portal-category-consulting = Conseil
portal-category-other = Autre

## Où en est une demande, en une phrase
portal-state-new = Nous avons bien reçu votre demande ; quelqu’un va s’en occuper bientôt.
portal-state-assigned = Quelqu’un est chargé de votre demande.
portal-state-in-progress = Nous traitons votre demande.
portal-state-pending = Nous attendons une réponse, de votre part ou d’un tiers, avant de pouvoir continuer.
portal-state-escalated = Votre demande a été transmise à une équipe spécialisée.
portal-state-resolved = Nous pensons que votre demande est résolue. Merci de le confirmer, ou de la rouvrir si le problème persiste.
portal-state-closed = Cette demande est clôturée.
portal-state-cancelled = Cette demande a été annulée (par exemple, en double d’une autre).

## Une demande
portal-flash-created = Merci ! Votre demande { $number } a bien été enregistrée.
portal-flash-created-partial = Votre demande { $number } a bien été enregistrée, mais ces fichiers n’ont pas pu être joints : { $files }. Merci de les ajouter à nouveau ci-dessous.
portal-flash-replied = Votre réponse a été ajoutée.
portal-flash-confirmed = Merci de votre confirmation ; la demande est maintenant clôturée.
portal-flash-reopened = Votre demande a été rouverte ; nous allons la reprendre.
portal-flash-attached = Vos fichiers ont été ajoutés.
portal-no-category = Non choisie
portal-you = Vous
portal-someone = Le centre de services
portal-entry-created = { $name } a ouvert la demande
portal-entry-reply = { $name } a écrit
portal-entry-email-in = Courriel de { $name }
portal-entry-email-out = Courriel envoyé par { $name }
portal-entry-status = { $name } a changé l’état de « { $from } » à « { $to } »
portal-entry-confirmed = { $name } a confirmé la résolution
portal-entry-reopened = { $name } a rouvert la demande
portal-entry-attachment = { $name } a joint { $file }
portal-size-bytes = { $n } octets
portal-size-kb = { $n } Ko
portal-size-mb = { $n } Mo
portal-decision-title = Votre problème est-il résolu ?
portal-decision-text = Si tout fonctionne maintenant, confirmez-le et nous clôturerons la demande. Sinon, dites-nous ce qui ne va toujours pas et nous la rouvrirons.
portal-confirm-button = Oui, c’est résolu : clôturer la demande
portal-reopen-reason = Non, ce n’est pas résolu : qu’est-ce qui ne va toujours pas ?
portal-reopen-hint = Votre réponse est ajoutée à la conversation.
portal-reopen-button = Rouvrir la demande
portal-conversation = Conversation
portal-description = Description
portal-no-description = Aucune description n’a été donnée.
portal-reply-title = Répondre
portal-reply-label = Votre message
portal-reply-button = Envoyer
portal-finished-text = Cette demande est terminée. Si le problème revient, ou s’il vous faut autre chose, faites une nouvelle demande.
portal-facts = Détails
portal-priority = Priorité
portal-type = Type
portal-times-in = Les heures sont affichées dans le fuseau horaire { $zone }.
portal-files = Fichiers
portal-files-none = Aucun fichier pour l’instant.
portal-upload-label = Ajouter des fichiers
portal-upload-button = Ajouter les fichiers
portal-files-kept = Ces fichiers ont été ajoutés : { $files }.

## Formulaires refusés
portal-error-choice = Veuillez choisir l’une des options proposées.
portal-error-category = Ce sujet n’est plus proposé ; veuillez en choisir un autre.
portal-error-empty-message = Veuillez d’abord écrire quelque chose.
portal-error-subject-required = Veuillez donner un objet à votre demande.
portal-error-one-line = L’objet doit tenir sur une seule ligne.
portal-error-state = Ce n’est plus possible : la demande a changé entre-temps. Rechargez la page pour voir où elle en est.
portal-error-forbidden = Vous ne pouvez pas faire cela sur cette demande.
portal-error-no-file = Veuillez choisir au moins un fichier.
portal-error-file-too-large = Le fichier « { $name } » est trop volumineux : chaque fichier peut faire au plus { $limit } Mio. Rien n’a été envoyé.
portal-error-file = Le fichier « { $name } » n’a pas pu être ajouté : { $reason }
