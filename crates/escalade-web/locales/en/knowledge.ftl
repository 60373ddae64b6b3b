# The knowledge base in the agent console: list, article, editor, history, reports.
nav-knowledge = Knowledge

## Vocabulary
kb-kind-sop = Procedure (SOP)
kb-kind-known-error = Known error
kb-kind-faq = Question and answer
kb-kind-how-to = How-to
kb-kind-hint-sop = Numbered steps, each with the result the agent should see.
kb-kind-hint-known-error = A symptom, its cause and the workaround.
kb-kind-hint-faq = One question and its answer.
kb-kind-hint-how-to = Free text with headings, lists and links.
kb-status-draft = Draft
kb-status-review = In review
kb-status-published = Published
kb-status-archived = Archived
kb-visibility-public = Public
kb-visibility-internal = Internal
kb-move-submit = Submit for review
kb-move-approve = Approve and publish
kb-move-send-back = Send back to the writer
kb-move-archive = Archive
kb-move-revive = Revive as a draft
kb-part-symptom = Symptom
kb-part-cause = Cause
kb-part-workaround = Workaround
kb-part-question = Question
kb-part-answer = Answer
kb-part-body = Body

## The list
kb-title = Knowledge base
kb-new = New article
kb-counts-label = Articles by status
kb-filters-label = Filter articles
kb-filter-q = Words
kb-filter-q-hint = Searches the whole text of every translation (inflected words, with or without accents), best matches first; when nothing matches, titles that contain the text.
kb-filter-kind = Kind
kb-filter-status = Status
kb-filter-category = Category
kb-filter-visibility = Visibility
kb-filter-lang = Language
kb-filter-any = Any
kb-filter-invalid = The filter “{ $field }” has a value that is not understood; showing all articles.
kb-empty = No article matches.
kb-empty-clear = Clear the filters
kb-col-title = Title
kb-col-kind = Kind
kb-col-status = Status
kb-col-visibility = Visibility
kb-col-views = Views
kb-col-votes = Votes
kb-col-updated = Last change
kb-votes-helpful = Helpful
kb-votes-not-helpful = Not helpful
kb-articles-count = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}

## One article
kb-content-label = Content
kb-expected = Expected result:
kb-no-steps = This procedure has no steps yet.
kb-lifecycle = Status and review
kb-edit = Edit
kb-mark-reviewed = Mark as reviewed (still right)
kb-send-back-note = What should the writer change?
kb-files = Files
kb-files-none = No files.
kb-attach = Attach files
kb-attach-submit = Attach
kb-facts = About this article
kb-published-at = Published
kb-reviewed-at = Last reviewed
kb-category = Category
kb-service = Service
kb-author = Written by
kb-owner = Owner
kb-source-ticket = Drafted from ticket
kb-deflections = Solved without a ticket
kb-votes-text = { $helpful } helpful, { $not_helpful } not helpful
kb-approved-by = approved by { $name } on { $at }
kb-person = user #{ $id }
kb-version-n = version { $n }
kb-history = History
kb-languages = Languages
kb-original = original
kb-translate = Translate
kb-translation-add = Translate into { $language }
kb-translation-edit = Change the { $language } translation
kb-size-bytes = { $n } bytes
kb-size-kib = { $n } KB
kb-size-mib = { $n } MB
kb-done-created = The draft has been saved.
kb-done-saved = The article has been saved as a new version.
kb-done-translated = The translation has been saved.
kb-done-submit = The article has been submitted for review.
kb-done-approve = The article has been approved and published.
kb-done-send-back = The article has been sent back to its writer.
kb-done-archive = The article has been archived.
kb-done-revive = The article is a draft again.
kb-done-reviewed = The article is marked as reviewed.
kb-done-files = The files have been attached.
kb-done-voted = Thank you: your vote has been counted.
kb-vote-question = Was this article helpful?

## The editor
kb-new-title = New article
kb-edit-title = Edit “{ $title }”
kb-translate-title = Translation into { $language }
kb-translation-hint = Translate the title and every part; the original text is filled in to start from.
kb-kind-choose = Choose what kind of article to write:
kb-editor-kind = Kind: { $kind }
kb-field-title = Title
kb-field-lang = Language
kb-field-note = What changed (for the history)
kb-no-category = No category
kb-steps = Steps
kb-steps-hint = One action per step, with what the agent should see when it worked. Empty rows are left out.
kb-step-n = Step { $n }
kb-step-remove = Remove step { $n }
kb-step-add = Add a step
kb-markdown-hint = Every part is Markdown: **bold**, *italics*, lists, `code` and links.
kb-conflict = Someone saved this article while you were editing it: you started from version { $mine }, and version { $current } is the current one. Your text is kept below. Look at the current version and what changed; saving again replaces it with your text.
kb-conflict-current = Open the current version
kb-conflict-diff = See what changed since your version

## Errors
kb-error-see-field = The article was not saved: see the marked field below.
kb-error-choose = Choose one of the offered values.
kb-error-unknown-move = This change of status does not exist.
kb-error-required = This must be filled in.
kb-error-incomplete = Every part must be filled in before review; this one is empty: { $part }.
kb-error-too-long = This is too long.
kb-error-one-line = The title is one line.
kb-error-too-many = A procedure has at most 100 steps.
kb-error-unknown = This category does not exist.
kb-error-inactive = This category is no longer in use.
kb-error-no-file = Choose a file first.
kb-error-empty-file = The file is empty.
kb-error-submit-only-draft = Only a draft can be submitted for review.
kb-error-approve-only-review = Only an article in review can be approved.
kb-error-send-back-only-review = Only an article in review can be sent back.
kb-error-archive-only-published = Only a published article can be archived.
kb-error-revive-only-archived = Only an archived article can be revived.
kb-error-review-edited-by-publisher = An article in review is changed only by a publisher, or sent back to draft first.
kb-error-published-edited-by-publisher = A published article is changed only by a publisher.
kb-error-archived-is-read-only = An archived article is read-only; revive it first.
kb-error-review-only-published = Only a published article is marked as reviewed.
kb-error-translation-is-original = This is the article's original language: edit the article instead.
kb-error-stale-version = Someone saved this article meanwhile; reload it and apply your change again.

## History and diff
kb-history-title = History of “{ $title }”
kb-back-to-article = Back to the article
kb-compare-from = From
kb-compare-to = To
kb-compare = Compare
kb-col-version = Version
kb-col-author = By
kb-col-when = When
kb-col-changes = Changes
kb-see-changes = See the changes
kb-first-version = First version
kb-someone = someone
kb-versions-count = { $count ->
    [one] { $count } version
   *[other] { $count } versions
}
kb-diff-title = Changes from version { $from } to version { $to }
kb-diff-summary = { $added }, { $removed }.
kb-diff-lines-added = { $count ->
    [one] { $count } line added
   *[other] { $count } lines added
}
kb-diff-lines-removed = { $count ->
    [one] { $count } line removed
   *[other] { $count } lines removed
}
kb-diff-legend = Added lines are green and start with +; removed lines are red, struck through and start with −.
kb-diff-added = added
kb-diff-removed = removed

## Reports
kb-reports-title = Knowledge reports
kb-most-viewed = Most viewed
kb-none-yet = Nothing yet.
kb-needs-review = Needs review
kb-needs-review-hint = Published articles most readers found not helpful (at least 5 votes, more than half “not helpful”), or not reviewed for 180 days.
kb-needs-review-none = No article needs review.
kb-col-why = Why
kb-why-not-helpful = mostly not helpful ({ $not_helpful } not helpful, { $helpful } helpful)
kb-why-stale = { $days ->
    [one] not reviewed for { $days } day
   *[other] not reviewed for { $days } days
}
kb-contribution = Contribution per person
kb-col-person = Person
kb-col-authored = Written
kb-col-published = Of which published
kb-col-from-tickets = From tickets
kb-col-approved = Approved
kb-col-edits = Versions saved
kb-people-count = { $count ->
    [one] { $count } person
   *[other] { $count } people
}

## Linked tickets of an article
kb-linked-tickets = Linked tickets
kb-linked-tickets-none = No ticket you may read is linked to this article.
kb-col-ticket = Ticket
kb-col-subject = Subject
kb-col-linked = Linked
kb-tickets-count = { $count ->
    [one] { $count } ticket
   *[other] { $count } tickets
}
