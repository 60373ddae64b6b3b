//! What threading needs to know from the store about a message: the ticket its
//! In-Reply-To/References point at, the ticket its subject names, the ticket with the same
//! external identifier, each with the addresses of the people taking part, and whether the
//! sender is an agent.

use escalade_core::ids::{TicketId, UserId};
use escalade_core::people::UserKind;
use escalade_mail::inbound::InboundMessage;
use escalade_mail::threading::{
    HeaderMatch, KnownTicket, Lookups, ThreadingConfig, subject_number,
};
use escalade_store::directory::UserRow;
use escalade_store::mail_inbound as store;
use escalade_store::mail_outbox;
use escalade_store::{Conn, directory, tickets as ticket_store};

use crate::error::AppError;

/// Looks up everything the threading decision weighs, on the caller's connection; also
/// returns the sender's user row, which applying the decision needs again.
pub(super) async fn thread_lookups(
    c: &mut Conn,
    message: &InboundMessage<'_>,
    cfg: &ThreadingConfig,
) -> Result<(Lookups, Option<UserRow>), AppError> {
    let ids: Vec<String> = message.thread_ids().map(str::to_string).collect();
    // Our own Message-IDs first (only recipients of our mail know them); the store tries
    // the last id first, and `thread_ids` lists the most telling first.
    let thread = if ids.is_empty() {
        None
    } else {
        let newest_last: Vec<String> = ids.iter().rev().cloned().collect();
        match mail_outbox::thread_match(c, &newest_last, false).await? {
            Some(found) => Some(found),
            None => store::ticket_of_message_ids(c, &ids).await?,
        }
    };
    let by_headers = match thread {
        Some((message_id, t)) => known(c, t)
            .await?
            .map(|ticket| HeaderMatch { message_id, ticket }),
        None => None,
    };
    let by_subject = match subject_number(&message.subject, &cfg.tag) {
        Some(n) => known(c, n.id()).await?.filter(|t| t.number == n),
        None => None,
    };
    let by_external_id = match &message.external_id {
        Some(x) => {
            let source = format!("{}|{}", x.sender_domain, x.source);
            match store::ticket_of_external_id(c, &source, &x.value).await? {
                Some(t) => known(c, t).await?,
                None => None,
            }
        }
        None => None,
    };
    let sender = directory::user_by_email(c, &message.from.address).await?;
    let sender_is_agent = sender
        .as_ref()
        .is_some_and(|u| u.active && u.kind == UserKind::Agent.as_str());
    Ok((
        Lookups {
            by_headers,
            by_subject,
            by_external_id,
            sender_is_agent,
        },
        sender,
    ))
}

/// A ticket with the addresses of its requester, watchers and handlers.
async fn known(c: &mut Conn, id: TicketId) -> Result<Option<KnownTicket>, AppError> {
    let Some(t) = ticket_store::get(c, id).await? else {
        return Ok(None);
    };
    let watchers = ticket_store::watchers(c, id).await?;
    let mut handlers: Vec<UserId> = t.assignee.into_iter().collect();
    if let Some(g) = t.group {
        handlers.extend(directory::members(c, g).await?);
    }
    let mut everyone = watchers.clone();
    everyone.extend(handlers.iter().copied());
    everyone.push(t.requester);
    let people = directory::users_by_ids(c, &everyone).await?;
    let address = |id: UserId| {
        people
            .iter()
            .find(|u| u.id == id.0)
            .and_then(|u| u.email.clone())
    };
    Ok(Some(KnownTicket {
        id,
        number: t.number(),
        status: t.status,
        requester: address(t.requester).unwrap_or_default(),
        watchers: watchers.iter().filter_map(|w| address(*w)).collect(),
        agents: handlers.iter().filter_map(|a| address(*a)).collect(),
    }))
}
