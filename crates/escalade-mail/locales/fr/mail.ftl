# Courriels sortants du service (escalade-mail::outbound). Mêmes clés que en/mail.ftl.

mail-greeting = Bonjour { $name },
mail-signature = { $desk }
mail-footer-reply = Vous pouvez répondre à ce message : votre réponse sera ajoutée à la demande { $number }. Merci de garder { $number } dans l’objet.
mail-footer-agent = Les réponses à ce message sont ajoutées au ticket { $number }.
mail-footer-auto = Ce message a été envoyé automatiquement par { $desk }.
mail-view-request = Voir votre demande
mail-open-ticket = Ouvrir le ticket

mail-received-subject = Demande reçue : { $title }
mail-received-intro = Nous avons bien reçu votre demande et l’avons enregistrée sous le numéro { $number }. Un technicien va l’examiner rapidement.
mail-received-keep = Merci de rappeler ce numéro si vous nous contactez au sujet de cette demande.

mail-reply-subject = Re : { $title }
mail-reply-intro = { $author } a écrit sur la demande { $number } :

mail-status-subject = La demande { $number } est maintenant : { $status }
mail-status-intro = Le statut de la demande { $number } est passé de « { $from } » à « { $to } ».

mail-resolved-subject = Résolue : { $title }
mail-resolved-intro = La demande { $number } a été résolue.
mail-resolved-ask = Si le problème est réglé, merci de confirmer la résolution. Sinon, rouvrez la demande et dites-nous ce qui ne va toujours pas.
mail-resolved-confirm = Confirmer la résolution
mail-resolved-reopen = Rouvrir la demande

mail-closed-subject = Clôturée : { $title }
mail-closed-intro = La demande { $number } est maintenant clôturée. Merci de votre patience.
mail-closed-more = Si vous avez encore besoin d’aide, ouvrez simplement une nouvelle demande.

mail-escalated-subject = Escaladé vers { $group } : { $title }
mail-escalated-intro = Le ticket { $number } a été escaladé vers { $group } (niveau { $level }). Résumé de passation :
mail-escalated-no-group = votre niveau

mail-auto-subject = Re : { $title }
mail-auto-intro = Ceci est une réponse automatique concernant la demande { $number }.

mail-reminder-subject = Nous attendons votre réponse : { $title }
mail-reminder-intro = La demande { $number } attend votre réponse.

mail-test-subject = Message de test d’Escalade
mail-test-body = Ce message de test montre que { $desk } peut envoyer du courrier par son serveur SMTP.

mail-status-new = Nouveau
mail-status-assigned = Attribué
mail-status-in-progress = En cours
mail-status-pending = En attente
mail-status-escalated = Escaladé
mail-status-resolved = Résolu
mail-status-closed = Clos
mail-status-cancelled = Annulé
