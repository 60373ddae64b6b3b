//! Opening a ticket on behalf of a caller (phone, walk-in, e-mail...) from the agent console:
//! what the form offers to choose from, and the opening itself. Both need
//! `ticket.create_for_others`, also when the agent names themselves as the requester, since the
//! form is the agent's way of registering other people's requests.

use escalade_store::directory::{CategoryRow, GroupRow, UserRow};

use super::*;

/// At most this many requesters are offered at once; a search narrows the list.
pub const REQUESTER_CHOICES: i64 = 50;

/// What the on-behalf form offers.
#[derive(Debug, Clone)]
pub struct OnBehalfChoices {
    /// Active requesters matching the search, by name (the chosen one always among them).
    pub requesters: Vec<UserRow>,
    /// Whether more requesters matched than are offered.
    pub more_requesters: bool,
    /// Categories offered for new tickets, in id order (the caller builds the tree).
    pub categories: Vec<CategoryRow>,
    /// Whether the caller may set the group and assignee (`ticket.assign`).
    pub may_assign: bool,
    /// Groups (empty unless `may_assign`).
    pub groups: Vec<GroupRow>,
    /// Active agents (empty unless `may_assign`).
    pub agents: Vec<UserRow>,
    /// The impact x urgency matrix in force.
    pub matrix: PriorityMatrix,
}

impl App {
    /// The choices of the on-behalf form: requesters whose login, name or e-mail contains
    /// `search` (all when empty), plus `chosen` when given.
    pub async fn on_behalf_choices(
        &self,
        caller: &Caller,
        search: Option<&str>,
        chosen: Option<UserId>,
    ) -> Result<OnBehalfChoices, AppError> {
        caller.require(Permission::TicketCreateForOthers)?;
        let mut c = self.store.read().await?;
        let (found, total) = directory::users(
            &mut c,
            Some(UserKind::Requester.as_str()),
            search,
            1,
            REQUESTER_CHOICES,
        )
        .await?;
        let mut requesters: Vec<UserRow> = found.into_iter().filter(|u| u.active).collect();
        if let Some(id) = chosen
            && !requesters.iter().any(|u| u.id == id.0)
            && let Some(u) = directory::user(&mut c, id).await?
            && u.active
        {
            requesters.push(u);
        }
        requesters.sort_by(|a, b| a.display_name.cmp(&b.display_name));
        let categories = directory::categories(&mut c)
            .await?
            .into_iter()
            .filter(|k| k.active)
            .collect();
        let may_assign = caller.has(Permission::TicketAssign);
        let (groups, agents) = if may_assign {
            let groups = directory::groups(&mut c).await?;
            let (agents, _) =
                directory::users(&mut c, Some(UserKind::Agent.as_str()), None, 1, 500).await?;
            let mut agents: Vec<UserRow> = agents.into_iter().filter(|u| u.active).collect();
            agents.sort_by(|a, b| a.display_name.cmp(&b.display_name));
            (groups, agents)
        } else {
            (Vec::new(), Vec::new())
        };
        let matrix = self.matrix(&mut c).await?;
        Ok(OnBehalfChoices {
            requesters,
            more_requesters: total > REQUESTER_CHOICES,
            categories,
            may_assign,
            groups,
            agents,
            matrix,
        })
    }

    /// Opens a ticket for the requester named in `req`. A ticket given to a group starts at
    /// that group's level unless a level is named, so that it lands in the right queue.
    pub async fn open_on_behalf(
        &self,
        caller: &Caller,
        mut req: OpenTicket,
    ) -> Result<TicketDetail, AppError> {
        caller.require(Permission::TicketCreateForOthers)?;
        if req.ticket.requester.is_none() {
            return Err(AppError::invalid(
                "requester",
                "required",
                "choose who the ticket is for",
            ));
        }
        if let (Some(g), None) = (req.ticket.group, req.ticket.level) {
            let mut c = self.store.read().await?;
            if let Some(group) = directory::group(&mut c, g).await? {
                req.ticket.level = Some(SupportLevel::new(group.level)?);
            }
            // An unknown group is reported by open_ticket with the other reference checks.
        }
        self.open_ticket(caller, req).await
    }
}
