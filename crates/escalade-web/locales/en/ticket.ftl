# The agent's ticket page: fields, requester card, timeline, files and the forms on it.
ticket-none = —
ticket-unassigned = Unassigned
ticket-system = System
ticket-public = Public
ticket-internal = Internal
ticket-security = Security: restricted to the security team
ticket-vip = VIP
ticket-created = Opened
ticket-updated = Updated
ticket-description = Description
ticket-no-description = No description was given.
ticket-key-facts = Key facts
ticket-no-key-facts = No key facts were recorded.
ticket-fields = Details

ticket-field-status = Status
ticket-field-priority = Priority
ticket-field-type = Type
ticket-field-channel = Channel
ticket-field-category = Category
ticket-field-impact = Impact
ticket-field-urgency = Urgency
ticket-field-level = Support level
ticket-field-group = Group
ticket-field-assignee = Assignee
ticket-field-requester = Requester
ticket-field-department = Department
ticket-field-service = Service
ticket-field-nature = Nature
ticket-field-config-items = Configuration items
ticket-field-tags = Tags
ticket-field-watchers = Watchers
ticket-field-subject = Subject

ticket-priority-matrix = { $priority } (from impact and urgency)
ticket-priority-manual = { $priority } (set by hand)
ticket-nature-technical = Technical
ticket-nature-functional = Functional
ticket-nature-regulatory = Regulatory

ticket-fact-started = Started
ticket-fact-users-affected = Users affected
ticket-fact-error-codes = Error codes or messages
ticket-fact-tried = Already tried

ticket-requester-title = Requester
ticket-requester-email = E-mail
ticket-requester-language = Language
ticket-other-open = Other open tickets
ticket-other-open-count = { $count ->
    [0] No other open tickets.
    [one] { $count } other open ticket.
   *[other] { $count } other open tickets.
}
ticket-other-open-more = The { $count } newest of their other open tickets (there are more).

ticket-journal = History
ticket-entries-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
ticket-journal-pages = Pages of the history
ticket-journal-earlier = Earlier entries
ticket-journal-later = Later entries
ticket-journal-end = End of the history
ticket-handover-summary = Hand-over summary
ticket-change = { $field }: { $from } → { $to }
ticket-opened-via = Opened via { $channel }
ticket-on-behalf = on behalf of { $name }
ticket-reopened-by-reply = Reopened by the requester's reply.
ticket-escalation-levels = Level: { $from } → { $to }
ticket-escalation-groups = Group: { $from } → { $to }
ticket-escalation-from-assignee = Handed over by the assignee { $name }
ticket-taken-by = Taken by { $name } at { $level } (group { $group })

ticket-files-title = Files
ticket-files-none = No files yet.
ticket-file-name = File
ticket-file-size = Size
ticket-file-visibility = Visible to
ticket-file-by = Added by
ticket-attach-file = Files to attach
ticket-attach-visibility = Who may see them
ticket-attach-public = The requester too (public)
ticket-attach-internal = Agents only (internal)
ticket-attach-submit = Attach

ticket-reply-title = Reply to the requester
ticket-reply-hint = The requester sees this reply.
ticket-reply-label = Public reply
ticket-reply-submit = Send reply
ticket-note-title = Internal note
ticket-note-hint = Only agents see notes and phone calls; the requester never does.
ticket-note-kind = Kind of note
ticket-note-kind-internal = Internal note
ticket-note-kind-phone = Phone call
ticket-note-label = Note (agents only)
ticket-note-submit = Add internal note

ticket-update-title = Change
ticket-update-submit = Save changes
ticket-priority-auto = From impact and urgency
ticket-matrix-gives = Impact and urgency give:
ticket-group-hint = Moving to a group moves the ticket to that group's level.
ticket-group-with-level = { $name } (level { $level })

ticket-escalate-title = Escalate
ticket-escalate-hint = Hand the ticket over to a higher level or another group. It waits there until someone takes it.
ticket-escalate-level = Target level
ticket-escalate-next-level = Next level ({ $level })
ticket-escalate-same-level = This level (another group)
ticket-escalate-this-level = Level { $level } (another group at this level)
ticket-escalate-group = Receiving group
ticket-escalate-group-auto = The level's group (when it has only one)
ticket-escalate-summary = Hand-over summary (required)
ticket-escalate-summary-hint = What is known, what was done, where the logs are: the next level should not have to ask again.
ticket-escalate-submit = Escalate
ticket-take = Take this ticket

ticket-saved-reply = Your reply has been sent.
ticket-saved-note = Your internal note has been added.
ticket-saved-call = The phone call has been logged.
ticket-saved-update = The changes have been saved.
ticket-saved-escalated = The ticket has been escalated.
ticket-saved-taken = You have taken the ticket; it is now assigned to you.
ticket-saved-attached = The files have been attached.

ticket-error-forbidden = You may not do this on this ticket.
ticket-error-no-change = The ticket already has this status.
ticket-error-closed-is-final = A closed ticket cannot change any more; open a new ticket and link it.
ticket-error-cancelled-is-final = A cancelled ticket cannot change any more.
ticket-error-escalation-needs-handover = A ticket is escalated with the escalation form, which needs a hand-over summary.
ticket-error-new-is-initial = A ticket cannot go back to New.
ticket-error-assigned-needs-assignee = A ticket can only be Assigned when it has an assignee: choose one too.
ticket-error-close-only-resolved = Only a resolved ticket can be closed: resolve it first.
ticket-error-resolved-closes-or-reopens = A resolved ticket is either closed or reopened (In progress or Assigned).
ticket-error-pending-needs-work-started = Only a ticket being worked on (Assigned or In progress) can wait.
ticket-error-take-before-waiting = Take the escalated ticket before putting it on hold.
ticket-error-take-only-escalated = Only an escalated ticket can be taken.
ticket-error-summary-required = A hand-over summary of at least 10 characters is required: what is known, what was done.
ticket-error-body-required = Write something first.
ticket-error-group-required = Several groups work at this level: choose the receiving group.
ticket-error-no-higher-level = The ticket is already at level 3: escalate to another group instead.
ticket-error-escalation-goes-up = An escalation goes up or sideways, never down.
ticket-error-same-target = An escalation at the same level must name another group.
ticket-error-level-mismatch = This group works at another level than the one chosen.
ticket-error-empty-patch = Nothing was changed.
ticket-error-not-an-agent = This person is not an active agent.
ticket-error-inactive = This category is no longer in use.
ticket-error-unknown = This choice no longer exists; reload the page.
ticket-error-unknown-value = This value is not one of the choices.
ticket-error-empty-file = The file is empty.
ticket-error-no-file = Choose a file to attach.
ticket-error-busy-ticket = Others are changing this ticket right now; try again.

## An entry that came by e-mail (agents' ticket page)
mail-from = Received by e-mail from { $address }
mail-history-folded = { $count ->
    [one] { $count } character of quoted history folded away (it is in the original message)
   *[other] { $count } characters of quoted history folded away (they are in the original message)
}
mail-linked-to = Opened as a new ticket linked to { $number }
mail-original = Download the original message
mail-files = Attachments of this message
mail-reason-other = Threading: { $code }
mail-reason-new-conversation = Why here: a new conversation, so a new ticket.
mail-reason-replied-to-desk-message = Why here: it answers a message this desk sent about { $number }.
mail-reason-subject-number = Why here: the subject names { $number } and the sender takes part in it.
mail-reason-subject-number-from-stranger = Why here: the subject names { $number }, but the sender does not take part in it, so it opened a ticket of its own.
mail-reason-follow-up-to-final-ticket = Why here: it follows up { $number }, which is closed, so it opened a new ticket.
mail-reason-subject-number-not-found = Why here: the subject names { $number }, which does not exist, so it opened a new ticket.
mail-reason-automatic-on-thread = Why here: an automatic answer (out of office, bounce, receipt) about { $number }, kept as an internal note.
mail-reason-same-external-id = Why here: the same alert as { $number } from the system that sent it, added as a note.
mail-reason-new-external-id = Why here: a new alert from a monitoring or ticketing system.
mail-reason-recovery-without-ticket = Why here: a recovery notice for an alert no ticket knows.
mail-reason-automatic-mail = Why here: automatic mail.
mail-reason-mail-loop = Why here: a mail loop was broken.
mail-html-link = View the formatted message
mail-html-back = Back to the ticket
mail-html-note = The message as its sender formatted it, cleaned of scripts and remote content.
mail-html-show-images = { $count ->
    [one] Show its inline image
   *[other] Show its { $count } inline images
}
mail-html-hide-images = Hide the inline images
mail-html-none = This message has no formatted (HTML) version: its text is on the ticket.

## The knowledge panel
ticket-kb-suggested = Suggested articles
ticket-kb-similar = Similar tickets
ticket-kb-linked = Linked articles
ticket-kb-none = No article matches this ticket.
ticket-kb-none-similar = No similar ticket.
ticket-kb-none-linked = No article is linked to this ticket.
ticket-kb-link = Link
ticket-kb-linked-mark = Linked
ticket-kb-insert-steps = Insert steps into reply
ticket-kb-draft = Turn the solution into an article
ticket-kb-draft-hint = Drafts an internal article from the subject, the description and the last reply, linked to this ticket.
ticket-kb-kind-sop = SOP
ticket-kb-kind-known_error = Known error
ticket-kb-kind-faq = FAQ
ticket-kb-kind-how_to = How-to
ticket-saved-linked = The article is linked to the ticket.
