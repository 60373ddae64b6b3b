# L'administration : sections, utilisateurs, services, groupes, rôles et permissions,
# catégories, matrice des priorités, journal d'audit.
admin-title = Administration
admin-pages = Pages
admin-section-users = Utilisateurs
admin-section-users-text = Les personnes, leur type, leur langue, leur fuseau horaire, leurs rôles et portées ; désactiver des comptes et réinitialiser des mots de passe.
admin-section-departments = Services
admin-section-departments-text = Les services et organisations clientes auxquels appartiennent les demandeurs.
admin-section-groups = Groupes de support
admin-section-groups-text = Les équipes des niveaux de support 0 à 3, l'équipe sécurité et leurs membres.
admin-section-roles = Rôles
admin-section-roles-text = Des ensembles de permissions attribués aux utilisateurs, chacun avec une portée.
admin-section-categories = Catégories
admin-section-categories-text = L'arborescence des catégories proposée à l'ouverture d'un ticket.
admin-section-matrix = Matrice des priorités
admin-section-matrix-text = La priorité donnée par chaque combinaison d'impact et d'urgence.
admin-section-audit = Journal d'audit
admin-section-audit-text = Qui a modifié quoi dans l'administration, et quand.
admin-missing-permission = Cette page nécessite la permission « { $permission } » ({ $code }). Demandez-la à un administrateur chargé des rôles.

admin-name = Nom
admin-description = Description
admin-create = Créer
admin-rename = Renommer
admin-rename-of = Nouveau nom pour { $name }
admin-none = (aucun)
admin-choose = Choisir…
admin-yes = Oui
admin-no = Non
admin-actions = Actions

admin-users-title = Utilisateurs
admin-users-total = { $count ->
    [one] { $count } utilisateur
   *[other] { $count } utilisateurs
}
admin-users-search = Identifiant, nom ou e-mail
admin-users-empty = Aucun utilisateur ne correspond. Modifiez la recherche ou créez l'utilisateur.
admin-kind-any = Tous les types
admin-kind-requester = Demandeur
admin-kind-agent = Agent
admin-user-new = Nouvel utilisateur
admin-user-new-title = Nouvel utilisateur
admin-user-edit-title = Utilisateur { $login }
admin-user-login = Identifiant
admin-user-name = Nom
admin-user-email = E-mail
admin-user-kind = Type
admin-user-department = Service
admin-user-language = Langue
admin-user-time-zone = Fuseau horaire
admin-user-vip = VIP
admin-user-state = État
admin-user-active = Actif
admin-user-disabled = Désactivé
admin-user-initial-password = Mot de passe initial
admin-user-password-hint = Au moins 10 caractères. Laissez vide pour une personne qui n'écrit que par e-mail ; vous pourrez en définir un plus tard.
admin-user-roles = Rôles et portées
admin-user-roles-hint = Cochez les rôles de cette personne et choisissez la portée de chacun. Si aucun n'est coché, un nouveau demandeur reçoit le rôle demandeur (ses tickets) et un nouvel agent le rôle agent (tous les tickets).
admin-user-scope-of = Portée du rôle { $role }
admin-user-create = Créer l'utilisateur
admin-user-created = Créé le
admin-user-details = Informations
admin-user-account = Compte
admin-user-disable = Désactiver le compte
admin-user-disable-hint = Une personne désactivée ne peut plus se connecter ni utiliser de jeton d'API, et ses sessions ouvertes se terminent aussitôt. Ses tickets et son historique sont conservés.
admin-user-disable-confirm = Oui, désactiver ce compte
admin-user-confirm-disable = Cochez la case de confirmation pour désactiver ce compte.
admin-user-disabled-hint = Ce compte est désactivé. Le réactiver permet à la personne de se connecter de nouveau.
admin-user-enable = Réactiver le compte
admin-user-reset-password = Réinitialiser le mot de passe
admin-user-reset-hint = Ses sessions ouvertes se terminent. Communiquez-lui le nouveau mot de passe par un canal sûr.
admin-user-groups = Groupes de support
admin-user-no-groups = Membre d'aucun groupe.
admin-scope-own = Ses tickets
admin-scope-department = Son service
admin-scope-group = Ses groupes
admin-scope-all = Tous les tickets

admin-departments-title = Services
admin-departments-total = { $count ->
    [one] { $count } service
   *[other] { $count } services
}
admin-departments-empty = Aucun service pour l'instant. Créez le premier ci-dessus.
admin-department-new = Nouveau service

admin-groups-title = Groupes de support
admin-groups-total = { $count ->
    [one] { $count } groupe
   *[other] { $count } groupes
}
admin-groups-empty = Aucun groupe pour l'instant. Créez le premier ci-dessus.
admin-group-new = Nouveau groupe
admin-group-level = Niveau de support
admin-group-security = Équipe sécurité
admin-group-security-hint = Les membres d'une équipe sécurité voient les tickets des catégories de sécurité.
admin-group-settings = Paramètres
admin-group-members = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
admin-group-no-members = Aucun membre pour l'instant. Ajoutez des agents ci-dessous.
admin-group-add-agent = Agent à ajouter
admin-group-add = Ajouter au groupe
admin-group-remove = Retirer
admin-group-remove-of = Retirer { $name } du groupe
admin-group-no-candidates = Tous les agents actifs sont déjà membres.
admin-level-0 = Niveau 0 – hotline
admin-level-1 = Niveau 1 – premier niveau
admin-level-2 = Niveau 2 – deuxième niveau
admin-level-3 = Niveau 3 – experts et fournisseurs

admin-roles-title = Rôles
admin-roles-total = { $count ->
    [one] { $count } rôle
   *[other] { $count } rôles
}
admin-role-new = Nouveau rôle
admin-role-new-title = Nouveau rôle
admin-role-edit-title = Rôle { $name }
admin-role-builtin = Intégré
admin-role-permissions = Permissions
admin-role-permission-count = { $count ->
    [one] { $count } permission
   *[other] { $count } permissions
}
admin-role-administrator-hint = Le rôle administrateur garde toujours « Gérer les rôles », afin que quelqu'un puisse toujours redonner des permissions.
admin-role-requester-desc = Employés et clients : ouvrent et suivent leurs propres tickets
admin-role-agent-desc = Agents du centre de services, à tous les niveaux
admin-role-team-lead-desc = Surveille les files, le risque SLA et les indicateurs
admin-role-auditor-desc = Lit les tickets et le journal d'audit, ne modifie rien
admin-role-administrator-desc = Tout

admin-categories-title = Catégories
admin-categories-total = { $count ->
    [one] { $count } catégorie
   *[other] { $count } catégories
}
admin-category-new = Nouvelle catégorie
admin-category-parent = Parent
admin-category-top = (premier niveau)
admin-category-key = Clé
admin-category-key-hint = Une clé stable pour les règles et les rapports : lettres, chiffres et _ (par exemple bourrage_imprimante). Elle ne change plus ensuite.
admin-category-security = Visible uniquement par l'équipe sécurité
admin-category-security-badge = Sécurité
admin-category-state = État
admin-category-active = Active
admin-category-inactive = Inactive
admin-category-active-label = Proposée pour les nouveaux tickets
admin-category-active-hint = Une catégorie inactive reste sur les tickets qui l'ont mais n'est plus proposée pour les nouveaux.

admin-matrix-title = Matrice des priorités
admin-matrix-hint = Chaque case est la priorité qu'un ticket reçoit selon son impact (lignes) et son urgence (colonnes), sauf si un agent fixe la priorité à la main.
admin-matrix-caption = Priorité selon l'impact et l'urgence
admin-matrix-corner = Impact / urgence
admin-matrix-impact = Impact
admin-matrix-urgency = Urgence
admin-matrix-cell = Priorité pour l'impact { $impact } et l'urgence { $urgency }
admin-matrix-effect = Les nouveaux tickets, et ceux dont l'impact ou l'urgence change, utilisent la matrice enregistrée ; les autres gardent leur priorité. Plus d'impact ou d'urgence ne doit jamais donner une priorité plus basse.

admin-audit-title = Journal d'audit
admin-audit-total = { $count ->
    [one] { $count } modification
   *[other] { $count } modifications
}
admin-audit-any = Tous
admin-audit-action = Action
admin-audit-object = Objet
admin-audit-object-id = Numéro de l'objet
admin-audit-when = Quand
admin-audit-who = Qui
admin-audit-details = Détails
admin-audit-empty = Aucune modification ne correspond à ces filtres.
admin-audit-system = Système (ligne de commande ou premier démarrage)
admin-audit-of-object = Historique dans le journal d'audit
admin-action-user-create = Utilisateur créé
admin-action-user-update = Utilisateur modifié
admin-action-user-password = Mot de passe personnel changé
admin-action-user-preferences = Préférences personnelles changées
admin-action-department-create = Service créé
admin-action-department-rename = Service renommé
admin-action-group-create = Groupe créé
admin-action-group-update = Groupe modifié
admin-action-group-add-member = Membre ajouté
admin-action-group-remove-member = Membre retiré
admin-action-role-create = Rôle créé
admin-action-role-update = Rôle modifié
admin-action-category-create = Catégorie créée
admin-action-category-update = Catégorie modifiée
admin-action-settings-priority-matrix = Matrice des priorités modifiée
admin-action-token-create = Jeton d'API créé
admin-action-token-revoke = Jeton d'API révoqué
admin-action-demo-load = Données de démonstration chargées
admin-object-user = Utilisateur
admin-object-department = Service
admin-object-group = Groupe
admin-object-role = Rôle
admin-object-category = Catégorie
admin-object-settings = Paramètre
admin-object-token = Jeton d'API
admin-object-demo = Données de démonstration

admin-saved-user-created = L'utilisateur a été créé.
admin-saved-user-updated = L'utilisateur a été enregistré.
admin-saved-user-enabled = Le compte a été réactivé.
admin-saved-user-disabled = Le compte a été désactivé et ses sessions ont pris fin.
admin-saved-password-reset = Le mot de passe a été réinitialisé et les sessions ont pris fin.
admin-saved-department-created = Le service a été créé.
admin-saved-department-renamed = Le service a été renommé.
admin-saved-group-created = Le groupe a été créé.
admin-saved-group-updated = Le groupe a été enregistré.
admin-saved-member-added = L'agent a été ajouté au groupe.
admin-saved-member-removed = L'agent a été retiré du groupe.
admin-saved-role-created = Le rôle a été créé.
admin-saved-role-updated = Le rôle a été enregistré.
admin-saved-category-created = La catégorie a été créée.
admin-saved-category-updated = La catégorie a été enregistrée.
admin-saved-matrix = La matrice des priorités a été enregistrée.

admin-error-self-disable = Vous ne pouvez pas désactiver votre propre compte.
admin-error-cycle = Une catégorie ne peut pas être placée sous elle-même ni sous l'une de ses propres sous-catégories.
admin-error-lockout = Le rôle administrateur doit garder « Gérer les rôles » (admin.roles) ; sinon plus personne ne pourrait redonner de permissions.
admin-error-not-monotonic = Plus d'impact ou plus d'urgence ne doit jamais donner une priorité plus basse : vérifiez chaque ligne de gauche à droite et chaque colonne de haut en bas.
admin-error-login-taken = Cet identifiant ou cette adresse e-mail est déjà utilisé.
admin-error-name-taken = Ce nom est déjà utilisé.
admin-error-malformed-key = Une clé compte de 1 à 64 lettres, chiffres ou _.
admin-error-malformed-login = Un identifiant compte de 2 à 64 lettres, chiffres, « . », « _ », « - » ou « @ ».
admin-error-malformed-email = Ce n'est pas une adresse e-mail.
admin-error-unknown-role = Ce rôle n'existe pas.
admin-error-unknown-permission = Cette permission n'existe pas.
admin-error-unknown = L'élément choisi n'existe plus ; rechargez la page.
admin-error-unknown-value = Cette valeur ne fait pas partie des choix.
admin-error-out-of-range = Un niveau de support vaut 0, 1, 2 ou 3.
admin-error-control-characters = Les retours à la ligne et caractères de contrôle ne sont pas admis ici.
admin-error-password-too-short = Un mot de passe compte au moins 10 caractères.
admin-error-time-zone-unknown-value = Ce n'est pas un fuseau horaire comme Europe/Paris.
admin-error-name-required = Un nom est obligatoire.
admin-error-display-name-too-long = Le nom est trop long (200 caractères au plus).
admin-error-description-too-long = La description est trop longue (1000 caractères au plus).

perm-ticket-create = Ouvrir des tickets
perm-ticket-create-desc = Ouvrir un ticket pour soi-même.
perm-ticket-create-for-others = Ouvrir des tickets pour autrui
perm-ticket-create-for-others-desc = Ouvrir un ticket au nom d'un autre demandeur (téléphone, visite au guichet).
perm-ticket-read = Lire les tickets
perm-ticket-read-desc = Lire les tickets compris dans la portée du rôle.
perm-ticket-read-internal = Lire les notes internes
perm-ticket-read-internal-desc = Lire les notes internes, les notes d'appel et les résumés d'escalade.
perm-ticket-reply = Répondre
perm-ticket-reply-desc = Ajouter une réponse publique que le demandeur voit.
perm-ticket-note = Écrire des notes internes
perm-ticket-note-desc = Ajouter une note interne ou consigner un appel téléphonique.
perm-ticket-update = Modifier les tickets
perm-ticket-update-desc = Modifier le statut, la priorité, l'impact, l'urgence, la catégorie et les autres champs.
perm-ticket-assign = Affecter les tickets
perm-ticket-assign-desc = Changer le groupe, l'agent affecté ou le niveau de support d'un ticket.
perm-ticket-escalate = Escalader
perm-ticket-escalate-desc = Escalader vers un autre niveau ou groupe, et prendre en charge les tickets escaladés.
perm-ticket-confirm = Confirmer les résolutions
perm-ticket-confirm-desc = Confirmer ou rouvrir son propre ticket résolu.
perm-admin-users = Gérer les utilisateurs
perm-admin-users-desc = Créer et modifier les utilisateurs, leurs rôles et portées ; désactiver des comptes ; réinitialiser des mots de passe.
perm-admin-groups = Gérer les groupes
perm-admin-groups-desc = Créer et modifier les groupes de support et leurs membres.
perm-admin-departments = Gérer les services
perm-admin-departments-desc = Créer et renommer les services.
perm-admin-categories = Gérer les catégories
perm-admin-categories-desc = Créer, renommer, déplacer et désactiver des catégories.
perm-admin-roles = Gérer les rôles
perm-admin-roles-desc = Créer des rôles et modifier leurs permissions.
perm-admin-settings = Gérer les paramètres
perm-admin-settings-desc = Modifier les paramètres tels que la matrice des priorités.
perm-audit-read = Lire le journal d'audit
perm-audit-read-desc = Lire le journal d'audit et les explications des décisions de permission.
perm-report-view = Consulter les rapports
perm-report-view-desc = Consulter les rapports et les indicateurs.
perm-kb-read-internal = Lire les articles internes
perm-kb-read-internal-desc = Lire les articles de connaissance internes, et les articles en brouillon, en relecture ou archivés.
perm-kb-write = Rédiger des articles
perm-kb-write-desc = Créer et modifier les brouillons d'articles de connaissance et leurs traductions, les soumettre à relecture, ranimer les articles archivés.
perm-kb-publish = Publier des articles
perm-kb-publish-desc = Approuver et publier les articles de connaissance, les renvoyer en brouillon, les archiver et modifier les articles publiés.

# Suppression après confirmation (src/ui/admin/confirm.rs).
admin-delete = Supprimer
admin-delete-title = Supprimer
admin-delete-hint = Cette action est définitive. La modification est consignée dans le journal d’audit.
admin-delete-confirm = Oui, supprimer
admin-delete-ola-question = Supprimer l’objectif OLA « { $name } » ? Ses compteurs sur les tickets restent dans l’historique.
admin-deleted-ola = L’objectif OLA a été supprimé.
