# The administration: sections, users, departments, groups, roles and permissions,
# categories, the priority matrix, the audit log.
admin-title = Administration
admin-pages = Pages
admin-section-users = Users
admin-section-users-text = People, their kind, language, time zone, roles and scopes; disable accounts and reset passwords.
admin-section-departments = Departments
admin-section-departments-text = The departments and customer organisations requesters belong to.
admin-section-groups = Support groups
admin-section-groups-text = The teams at support levels 0 to 3, the security team, and their members.
admin-section-roles = Roles
admin-section-roles-text = Bundles of permissions that users hold, each with a scope.
admin-section-categories = Categories
admin-section-categories-text = The category tree offered when a ticket is opened.
admin-section-matrix = Priority matrix
admin-section-matrix-text = The priority each combination of impact and urgency gives.
admin-section-audit = Audit log
admin-section-audit-text = Who changed what in the administration, and when.
admin-missing-permission = This page needs the permission “{ $permission }” ({ $code }). Ask an administrator who manages roles to grant it to you.

admin-name = Name
admin-description = Description
admin-create = Create
admin-rename = Rename
admin-rename-of = New name for { $name }
admin-none = (none)
admin-choose = Choose…
admin-yes = Yes
admin-no = No
admin-actions = Actions

admin-users-title = Users
admin-users-total = { $count ->
    [one] { $count } user
   *[other] { $count } users
}
admin-users-search = Login, name or e-mail
admin-users-empty = No user matches. Change the search, or create the user.
admin-kind-any = Any kind
admin-kind-requester = Requester
admin-kind-agent = Agent
admin-user-new = New user
admin-user-new-title = New user
admin-user-edit-title = User { $login }
admin-user-login = Login
admin-user-name = Name
admin-user-email = E-mail
admin-user-kind = Kind
admin-user-department = Department
admin-user-language = Language
admin-user-time-zone = Time zone
admin-user-vip = VIP
admin-user-state = State
admin-user-active = Active
admin-user-disabled = Disabled
admin-user-initial-password = Initial password
admin-user-password-hint = At least 10 characters. Leave it empty for someone who only writes in by e-mail; you can set one later.
admin-user-roles = Roles and scopes
admin-user-roles-hint = Tick the roles this person holds and choose how far each one reaches. With none ticked, a new requester gets the requester role (own tickets) and a new agent the agent role (all tickets).
admin-user-scope-of = Scope of the role { $role }
admin-user-create = Create the user
admin-user-created = Created
admin-user-details = Details
admin-user-account = Account
admin-user-disable = Disable the account
admin-user-disable-hint = A disabled person can no longer log in or use API tokens, and their open sessions end at once. Their tickets and history stay.
admin-user-disable-confirm = Yes, disable this account
admin-user-confirm-disable = Tick the confirmation box to disable this account.
admin-user-disabled-hint = This account is disabled. Enabling it lets the person log in again.
admin-user-enable = Enable the account
admin-user-reset-password = Reset the password
admin-user-reset-hint = Their open sessions end. Give them the new password through a safe channel.
admin-user-groups = Support groups
admin-user-no-groups = Not a member of any group.
admin-scope-own = Own tickets
admin-scope-department = Their department
admin-scope-group = Their groups
admin-scope-all = All tickets

admin-departments-title = Departments
admin-departments-total = { $count ->
    [one] { $count } department
   *[other] { $count } departments
}
admin-departments-empty = No department yet. Create the first one above.
admin-department-new = New department

admin-groups-title = Support groups
admin-groups-total = { $count ->
    [one] { $count } group
   *[other] { $count } groups
}
admin-groups-empty = No group yet. Create the first one above.
admin-group-new = New group
admin-group-level = Support level
admin-group-security = Security team
admin-group-security-hint = The members of a security team see the tickets of security categories.
admin-group-settings = Settings
admin-group-members = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
admin-group-no-members = No member yet. Add agents below.
admin-group-add-agent = Agent to add
admin-group-add = Add to the group
admin-group-remove = Remove
admin-group-remove-of = Remove { $name } from the group
admin-group-no-candidates = Every active agent is already a member.
admin-level-0 = Level 0 – hotline
admin-level-1 = Level 1 – first line
admin-level-2 = Level 2 – second line
admin-level-3 = Level 3 – specialists and vendors

admin-roles-title = Roles
admin-roles-total = { $count ->
    [one] { $count } role
   *[other] { $count } roles
}
admin-role-new = New role
admin-role-new-title = New role
admin-role-edit-title = Role { $name }
admin-role-builtin = Built-in
admin-role-permissions = Permissions
admin-role-permission-count = { $count ->
    [one] { $count } permission
   *[other] { $count } permissions
}
admin-role-administrator-hint = The administrator role always keeps “Manage roles”, so that someone can always give permissions back.
admin-role-requester-desc = Employees and customers: open and follow their own tickets
admin-role-agent-desc = Service desk agents at any level
admin-role-team-lead-desc = Watches queues, SLA risk and KPIs
admin-role-auditor-desc = Reads tickets and the audit trail, changes nothing
admin-role-administrator-desc = Everything

admin-categories-title = Categories
admin-categories-total = { $count ->
    [one] { $count } category
   *[other] { $count } categories
}
admin-category-new = New category
admin-category-parent = Parent
admin-category-top = (top level)
admin-category-key = Key
admin-category-key-hint = A stable key for rules and reports: letters, digits and _ (for example printer_jam). It does not change later.
admin-category-security = Visible only to the security team
admin-category-security-badge = Security
admin-category-state = State
admin-category-active = Active
admin-category-inactive = Inactive
admin-category-active-label = Offered for new tickets
admin-category-active-hint = An inactive category stays on the tickets that have it but is no longer offered for new ones.

admin-matrix-title = Priority matrix
admin-matrix-hint = Each cell is the priority a ticket gets from its impact (rows) and its urgency (columns), unless an agent sets the priority by hand.
admin-matrix-caption = Priority by impact and urgency
admin-matrix-corner = Impact / urgency
admin-matrix-impact = Impact
admin-matrix-urgency = Urgency
admin-matrix-cell = Priority for impact { $impact } and urgency { $urgency }
admin-matrix-effect = New tickets, and tickets whose impact or urgency changes, use the saved matrix; other tickets keep their priority. More impact or urgency may never give a lower priority.

admin-audit-title = Audit log
admin-audit-total = { $count ->
    [one] { $count } change
   *[other] { $count } changes
}
admin-audit-any = Any
admin-audit-action = Action
admin-audit-object = Object
admin-audit-object-id = Object number
admin-audit-when = When
admin-audit-who = Who
admin-audit-details = Details
admin-audit-empty = No change matches these filters.
admin-audit-system = System (command line or first start)
admin-audit-of-object = History in the audit log
admin-action-user-create = User created
admin-action-user-update = User changed
admin-action-user-password = Own password changed
admin-action-user-preferences = Own preferences changed
admin-action-department-create = Department created
admin-action-department-rename = Department renamed
admin-action-group-create = Group created
admin-action-group-update = Group changed
admin-action-group-add-member = Member added
admin-action-group-remove-member = Member removed
admin-action-role-create = Role created
admin-action-role-update = Role changed
admin-action-category-create = Category created
admin-action-category-update = Category changed
admin-action-settings-priority-matrix = Priority matrix changed
admin-action-token-create = API token created
admin-action-token-revoke = API token revoked
admin-action-demo-load = Demo data loaded
admin-object-user = User
admin-object-department = Department
admin-object-group = Group
admin-object-role = Role
admin-object-category = Category
admin-object-settings = Setting
admin-object-token = API token
admin-object-demo = Demo data

admin-saved-user-created = The user has been created.
admin-saved-user-updated = The user has been saved.
admin-saved-user-enabled = The account has been enabled.
admin-saved-user-disabled = The account has been disabled and its sessions have ended.
admin-saved-password-reset = The password has been reset and the sessions have ended.
admin-saved-department-created = The department has been created.
admin-saved-department-renamed = The department has been renamed.
admin-saved-group-created = The group has been created.
admin-saved-group-updated = The group has been saved.
admin-saved-member-added = The agent has been added to the group.
admin-saved-member-removed = The agent has been removed from the group.
admin-saved-role-created = The role has been created.
admin-saved-role-updated = The role has been saved.
admin-saved-category-created = The category has been created.
admin-saved-category-updated = The category has been saved.
admin-saved-matrix = The priority matrix has been saved.

admin-error-self-disable = You cannot disable your own account.
admin-error-cycle = A category cannot be placed under itself or under one of its own sub-categories.
admin-error-lockout = The administrator role must keep “Manage roles” (admin.roles); otherwise nobody could give permissions back.
admin-error-not-monotonic = More impact or more urgency must never give a lower priority: check each row from left to right and each column from top to bottom.
admin-error-login-taken = This login or e-mail address is already in use.
admin-error-name-taken = This name is already in use.
admin-error-malformed-key = A key is 1 to 64 letters, digits or _.
admin-error-malformed-login = A login is 2 to 64 letters, digits, “.”, “_”, “-” or “@”.
admin-error-malformed-email = This is not an e-mail address.
admin-error-unknown-role = This role does not exist.
admin-error-unknown-permission = This permission does not exist.
admin-error-unknown = The chosen item does not exist any more; reload the page.
admin-error-unknown-value = This value is not one of the choices.
admin-error-out-of-range = A support level is 0, 1, 2 or 3.
admin-error-control-characters = Line breaks and control characters are not allowed here.
admin-error-password-too-short = A password needs at least 10 characters.
admin-error-time-zone-unknown-value = This is not a time zone such as Europe/Paris.
admin-error-name-required = A name is required.
admin-error-display-name-too-long = The name is too long (at most 200 characters).
admin-error-description-too-long = The description is too long (at most 1000 characters).

perm-ticket-create = Open tickets
perm-ticket-create-desc = Open a ticket for oneself.
perm-ticket-create-for-others = Open tickets for others
perm-ticket-create-for-others-desc = Open a ticket on behalf of another requester (phone, walk-in).
perm-ticket-read = Read tickets
perm-ticket-read-desc = Read the tickets within the role's scope.
perm-ticket-read-internal = Read internal notes
perm-ticket-read-internal-desc = Read internal notes, phone-call notes and escalation summaries.
perm-ticket-reply = Reply
perm-ticket-reply-desc = Add a public reply that the requester sees.
perm-ticket-note = Write internal notes
perm-ticket-note-desc = Add an internal note or log a phone call.
perm-ticket-update = Change tickets
perm-ticket-update-desc = Change status, priority, impact, urgency, category and other fields.
perm-ticket-assign = Assign tickets
perm-ticket-assign-desc = Change a ticket's group, assignee or support level.
perm-ticket-escalate = Escalate
perm-ticket-escalate-desc = Escalate to another level or group, and take escalated tickets.
perm-ticket-confirm = Confirm resolutions
perm-ticket-confirm-desc = Confirm or reopen one's own resolved ticket.
perm-admin-users = Manage users
perm-admin-users-desc = Create and change users, their roles and scopes; disable accounts; reset passwords.
perm-admin-groups = Manage groups
perm-admin-groups-desc = Create and change support groups and their members.
perm-admin-departments = Manage departments
perm-admin-departments-desc = Create and rename departments.
perm-admin-categories = Manage categories
perm-admin-categories-desc = Create, rename, move and deactivate categories.
perm-admin-roles = Manage roles
perm-admin-roles-desc = Create roles and change their permissions.
perm-admin-settings = Manage settings
perm-admin-settings-desc = Change settings such as the priority matrix.
perm-audit-read = Read the audit log
perm-audit-read-desc = Read the audit log and the explanations of permission decisions.
perm-report-view = View reports
perm-report-view-desc = View reports and KPIs.
perm-kb-read-internal = Read internal articles
perm-kb-read-internal-desc = Read internal knowledge articles, and articles in draft, in review or archived.
perm-kb-write = Write articles
perm-kb-write-desc = Create and edit draft knowledge articles and their translations, submit them for review, revive archived ones.
perm-kb-publish = Publish articles
perm-kb-publish-desc = Approve and publish knowledge articles, send them back to draft, archive them, and edit published ones.

# Deleting after a confirmation (src/ui/admin/confirm.rs).
admin-delete = Delete
admin-delete-title = Delete
admin-delete-hint = This cannot be undone. The change is recorded in the audit log.
admin-delete-confirm = Yes, delete
admin-delete-ola-question = Delete the OLA target "{ $name }"? Its clocks on tickets stay as history.
admin-deleted-ola = The OLA target was deleted.
