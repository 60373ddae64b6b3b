## Administration: inbound mail (stored messages, quarantine)
mailin-admin-link = Inbound mail and quarantine
mailin-title = Inbound mail
mailin-intro = Every message the desk receives is kept whole. A quarantined message could not be read or applied; once its cause is gone, process it again. Nothing is dropped.
mailin-filter = Messages by state
mailin-tab-quarantined = Quarantined ({ $count })
mailin-tab-received = Waiting ({ $count })
mailin-tab-ignored = Ignored ({ $count })
mailin-tab-done = Done ({ $count })
mailin-total = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
mailin-empty = No messages here.
mailin-col-received = Received
mailin-col-from = From
mailin-col-subject = Subject
mailin-col-why = Why
mailin-col-actions = Actions
mailin-open-ticket = Open the ticket
mailin-reprocess = Process again
mailin-waiting = Waiting to be processed.
mailin-reprocessed-done = Processed again: it is now on { $ticket }.
mailin-reprocessed-ignored = Processed again: it was left alone this time (see the Ignored tab).
mailin-reprocessed-quarantined = Processed again, and quarantined again: its reason is below.
