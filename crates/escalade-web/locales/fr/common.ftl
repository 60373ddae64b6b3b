# Le cadre de chaque page, la connexion, le compte et les erreurs.
nav-skip = Aller au contenu
nav-label = Navigation principale
nav-agent-home = Accueil
nav-queues = Files
nav-new-ticket = Nouveau ticket
nav-my-tickets = Mes demandes
nav-new-request = Nouvelle demande
nav-admin = Administration
nav-language = Langue
nav-language-apply = Appliquer
nav-login = Se connecter
nav-logout = Se déconnecter

action-back = Retour
action-home = Accueil
action-save = Enregistrer
action-cancel = Annuler
action-filter = Filtrer
action-clear = Effacer
action-previous = Précédent
action-next = Suivant

login-title = Connexion
login-login = Identifiant
login-password = Mot de passe
login-submit = Se connecter
login-failed = Identifiant ou mot de passe incorrect.

account-title = Mon compte
account-preferences = Préférences
account-language = Langue
account-time-zone = Fuseau horaire
account-password = Mot de passe
account-current-password = Mot de passe actuel
account-new-password = Nouveau mot de passe (10 caractères au moins)
account-confirm-password = Nouveau mot de passe, à nouveau
account-change-password = Changer le mot de passe
account-password-changed = Votre mot de passe a été changé.
account-preferences-saved = Vos préférences ont été enregistrées.
account-mismatch = Les deux nouveaux mots de passe diffèrent.

tickets-count = { $count ->
    [one] { $count } ticket
   *[other] { $count } tickets
}
page-of = Page { $page } sur { $pages }

error-not-found = Introuvable
error-not-found-text = Cette page n’existe pas, ou vous n’avez pas le droit de la voir.
error-forbidden = Non autorisé
error-throttled = Trop de tentatives
error-throttled-text = Trop de tentatives échouées ; réessayez dans { $seconds } secondes.
error-refused = Impossible d’effectuer cette action
error-internal = Une erreur s’est produite de notre côté ; elle a été journalisée.
error-unavailable = La base de données est occupée ou injoignable ; réessayez dans un instant.
error-csrf = Ce formulaire a expiré ou ne provient pas de ce site. Rechargez la page et réessayez.
error-form-too-large = Le formulaire est trop volumineux.
error-form-invalid = Le formulaire n’est pas correctement rempli ({ $detail }).
error-too-large = Le fichier est trop volumineux ; la limite est de { $limit } Mio.
error-unknown-language = Cette langue n’est pas disponible.
error-wrong-password = Le mot de passe actuel est incorrect.
error-too-short = C’est trop court.
error-too-long = C’est trop long.
error-required = Ce champ est obligatoire.
