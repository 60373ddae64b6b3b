//! Ticket DTOs: the JSON shapes of the ticket endpoints. Requests refuse unknown fields; the
//! domain enums are exchanged as their snake_case names.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use escalade_app::tickets::{EntryView, TicketDetail};
use escalade_core::ticket::{
    Channel, Impact, KeyFacts, Nature, Priority, Status, TicketType, Urgency,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::extract::nullable;

/// A ticket.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketOut {
    /// Human number, e.g. `INC-000123`.
    pub number: String,
    /// Internal id (the number's sequence).
    pub id: i64,
    /// `incident`, `service_request`, `question` or `complaint`.
    #[serde(rename = "type")]
    pub kind: String,
    /// One line.
    pub subject: String,
    /// The requester's account.
    pub description: String,
    /// Requester.
    pub requester_id: i64,
    /// Requester's department when opened.
    pub department_id: Option<i64>,
    /// `portal`, `email`, `phone`, `chat`, `api`, `monitoring`, `social`, `walk_in`.
    pub channel: String,
    /// Category.
    pub category_id: Option<i64>,
    /// `technical`, `functional` or `regulatory`.
    pub nature: Option<String>,
    /// Affected service or application.
    pub service: Option<String>,
    /// Affected configuration items.
    pub config_items: Vec<String>,
    /// `high`, `medium`, `low`.
    pub impact: String,
    /// `high`, `medium`, `low`.
    pub urgency: String,
    /// `critical`, `high`, `medium`, `low`, `informational`.
    pub priority: String,
    /// Whether the priority was set by hand.
    pub priority_manual: bool,
    /// Support level 0-3.
    pub level: i64,
    /// Responsible group.
    pub group_id: Option<i64>,
    /// Responsible agent.
    pub assignee_id: Option<i64>,
    /// `new`, `assigned`, `in_progress`, `pending`, `escalated`, `resolved`, `closed`, `cancelled`.
    pub status: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Watchers' user ids.
    pub watchers: Vec<i64>,
    /// Diagnosis facts.
    pub facts: FactsDto,
    /// Custom fields.
    pub custom: BTreeMap<String, String>,
    /// Restricted to the security team.
    pub security: bool,
    /// Opened.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Resolved.
    pub resolved_at: Option<DateTime<Utc>>,
    /// Closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// Changes with every update.
    pub version: i64,
    /// The SLA policy and clocks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla: Option<super::sla_dto::SlaOut>,
}

impl From<TicketDetail> for TicketOut {
    fn from(d: TicketDetail) -> Self {
        let t = d.ticket;
        TicketOut {
            number: t.number().to_string(),
            id: t.id.0,
            kind: t.kind.to_string(),
            subject: t.subject,
            description: t.description,
            requester_id: t.requester.0,
            department_id: t.department.map(|d| d.0),
            channel: t.channel.to_string(),
            category_id: t.category.map(|c| c.0),
            nature: t.nature.map(|n| n.to_string()),
            service: t.service,
            config_items: t.config_items,
            impact: t.impact.to_string(),
            urgency: t.urgency.to_string(),
            priority: t.priority.to_string(),
            priority_manual: t.priority_manual,
            level: t.level.get(),
            group_id: t.group.map(|g| g.0),
            assignee_id: t.assignee.map(|a| a.0),
            status: t.status.to_string(),
            tags: t.tags,
            watchers: d.watchers.iter().map(|w| w.0).collect(),
            facts: FactsDto::from(t.facts),
            custom: t.custom,
            security: d.security,
            created_at: t.created_at,
            updated_at: t.updated_at,
            resolved_at: t.resolved_at,
            closed_at: t.closed_at,
            version: t.version,
            sla: None,
        }
    }
}

/// The facts that diagnosis needs.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FactsDto {
    /// When it started.
    #[serde(default)]
    pub started: Option<String>,
    /// How many users are affected.
    #[serde(default)]
    pub users_affected: Option<i64>,
    /// Error codes or messages.
    #[serde(default)]
    pub error_codes: Option<String>,
    /// What was already tried.
    #[serde(default)]
    pub tried: Option<String>,
}

impl From<KeyFacts> for FactsDto {
    fn from(f: KeyFacts) -> Self {
        FactsDto {
            started: f.started,
            users_affected: f.users_affected,
            error_codes: f.error_codes,
            tried: f.tried,
        }
    }
}

impl From<FactsDto> for KeyFacts {
    fn from(f: FactsDto) -> Self {
        KeyFacts {
            started: f.started,
            users_affected: f.users_affected,
            error_codes: f.error_codes,
            tried: f.tried,
        }
    }
}

/// Opening a ticket. Only `subject` is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTicketIn {
    /// `incident` (default), `service_request`, `question`, `complaint`.
    #[serde(rename = "type", default)]
    #[schema(value_type = Option<String>)]
    pub kind: Option<TicketType>,
    /// One line, at most 250 characters.
    pub subject: String,
    /// The account of the problem.
    #[serde(default)]
    pub description: String,
    /// On behalf of this user (needs `ticket.create_for_others`).
    #[serde(default)]
    pub requester_id: Option<i64>,
    /// How it came in; `api` by default.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub channel: Option<Channel>,
    /// Category.
    #[serde(default)]
    pub category_id: Option<i64>,
    /// Nature.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub nature: Option<Nature>,
    /// Affected service.
    #[serde(default)]
    pub service: Option<String>,
    /// Affected configuration items.
    #[serde(default)]
    pub config_items: Vec<String>,
    /// `high`, `medium` (default), `low`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub impact: Option<Impact>,
    /// `high`, `medium` (default), `low`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub urgency: Option<Urgency>,
    /// Set by hand instead of the matrix (needs `ticket.update`).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub priority: Option<Priority>,
    /// Starting level (needs `ticket.assign`).
    #[serde(default)]
    pub level: Option<i64>,
    /// Starting group (needs `ticket.assign`).
    #[serde(default)]
    pub group_id: Option<i64>,
    /// Starting assignee (needs `ticket.assign`).
    #[serde(default)]
    pub assignee_id: Option<i64>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Watchers' user ids.
    #[serde(default)]
    pub watchers: Vec<i64>,
    /// Diagnosis facts.
    #[serde(default)]
    pub facts: Option<FactsDto>,
    /// Custom fields.
    #[serde(default)]
    pub custom: BTreeMap<String, String>,
}

/// Changing a ticket: give only the fields to change; `null` clears a clearable field.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchTicketIn {
    /// New status (escalation has its own endpoint).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub status: Option<Status>,
    /// Priority by hand; `null` returns to the matrix.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub priority: Option<Option<Priority>>,
    /// Impact.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub impact: Option<Impact>,
    /// Urgency.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub urgency: Option<Urgency>,
    /// Category.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub category_id: Option<Option<i64>>,
    /// Group.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub group_id: Option<Option<i64>>,
    /// Assignee.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub assignee_id: Option<Option<i64>>,
    /// Level 0-3.
    #[serde(default)]
    pub level: Option<i64>,
    /// Type.
    #[serde(rename = "type", default)]
    #[schema(value_type = Option<String>)]
    pub kind: Option<TicketType>,
    /// Subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// Nature.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub nature: Option<Option<Nature>>,
    /// Service.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub service: Option<Option<String>>,
    /// Tags (replace the set).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
}

/// A page of tickets.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketPageOut {
    /// Tickets on this page.
    pub items: Vec<TicketOut>,
    /// How many match in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

/// Filters of the ticket list. Lists accept comma-separated values.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TicketListQuery {
    /// Statuses, e.g. `new,assigned`.
    pub status: Option<String>,
    /// Priorities, e.g. `critical,high`.
    pub priority: Option<String>,
    /// Types, e.g. `incident`.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<String>,
    /// Category id.
    pub category: Option<i64>,
    /// Group id, or `none`.
    pub group: Option<String>,
    /// Assignee id, `me` or `none`.
    pub assignee: Option<String>,
    /// Requester id or `me`.
    pub requester: Option<String>,
    /// Support level 0-3.
    pub level: Option<i64>,
    /// Opened at or after (RFC 3339).
    pub created_from: Option<DateTime<Utc>>,
    /// Opened before (RFC 3339).
    pub created_to: Option<DateTime<Utc>>,
    /// Text in the subject.
    pub q: Option<String>,
    /// Only open tickets.
    pub open: Option<bool>,
    /// `-created_at` (default), `created_at`, `-updated_at`, `updated_at`, `-priority`, `priority`.
    pub sort: Option<String>,
    /// Page from 1.
    pub page: Option<i64>,
    /// Page size, 1-500, default 25.
    pub per_page: Option<i64>,
}

/// A comment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentIn {
    /// The text.
    pub body: String,
    /// `public` (default), `internal` or `phone_call`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub kind: Option<escalade_core::journal::CommentKind>,
}

/// An escalation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationIn {
    /// The hand-over: what is known, what was done, logs. Required.
    pub summary: String,
    /// Receiving level; the next one (or the group's) when not given.
    #[serde(default)]
    pub level: Option<i64>,
    /// Receiving group.
    #[serde(default)]
    pub group_id: Option<i64>,
}

/// A watcher to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WatcherIn {
    /// The user.
    pub user_id: i64,
}

/// Watchers of a ticket.
#[derive(Debug, Serialize, ToSchema)]
pub struct WatchersOut {
    /// User ids.
    pub watchers: Vec<i64>,
}

/// A journal entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryOut {
    /// Id, increasing with time.
    pub id: i64,
    /// `created`, `public_reply`, `internal_note`, `phone_call`, `field_change`, `escalation`, `take`, `attachment`, ...
    pub kind: String,
    /// Author.
    pub author_id: Option<i64>,
    /// Author's name.
    pub author_name: Option<String>,
    /// Whether the requester sees it.
    pub public: bool,
    /// Text.
    pub body: String,
    /// Details.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl From<EntryView> for EntryOut {
    fn from(e: EntryView) -> Self {
        EntryOut {
            id: e.id,
            kind: e.kind,
            author_id: e.author_id,
            author_name: e.author_name,
            public: e.public,
            body: e.body,
            data: e.data,
            created_at: e.created_at,
        }
    }
}

/// Journal entries, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct JournalOut {
    /// Entries.
    pub items: Vec<EntryOut>,
}

/// Paging of the journal.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JournalQuery {
    /// Entries after this id.
    pub after: Option<i64>,
    /// At most this many (default 200, max 1000).
    pub limit: Option<i64>,
}

/// Attachment metadata.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentOut {
    /// Id, for download at `/api/v1/attachments/{id}`.
    pub id: i64,
    /// Ticket number.
    pub ticket: String,
    /// File name.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content.
    pub sha256: String,
    /// Seen by the requester.
    pub public: bool,
    /// Uploader.
    pub uploaded_by: Option<i64>,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl AttachmentOut {
    /// From a row and the ticket number.
    pub fn new(a: escalade_store::attachments::AttachmentRow, number: String) -> Self {
        AttachmentOut {
            id: a.id,
            ticket: number,
            file_name: a.file_name,
            media_type: a.media_type,
            size: a.size,
            sha256: a.sha256,
            public: a.public,
            uploaded_by: a.uploaded_by,
            created_at: a.created_at,
        }
    }
}

/// Attachments of a ticket.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentsOut {
    /// Attachments.
    pub items: Vec<AttachmentOut>,
}

/// How an attachment is uploaded.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// File name.
    pub name: String,
    /// Agents only: keep it from the requester.
    pub internal: Option<bool>,
}
