//! Permission explanations: why a given user can or cannot see or change a given ticket (or
//! use a permission at all), with the role, scope and rule that decided, for administrators
//! and auditors.

use axum::Json;
use axum::extract::State;
use escalade_app::explain::Explanation;
use escalade_core::authz::{Decision, GrantCheck, Permission};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiQuery, Authed};
use crate::state::AppState;

/// What to explain.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExplainQuery {
    /// The user asked about: login or id.
    pub user: String,
    /// A ticket number, e.g. `INC-000123`; without it, permissions are explained in general.
    pub ticket: Option<String>,
    /// One permission, e.g. `ticket.read`; without it, every ticket permission (or every
    /// permission when no ticket is given).
    pub permission: Option<String>,
}

/// Why a user can or cannot do something, on a ticket or in general.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExplanationOut {
    /// The user asked about.
    pub user_id: i64,
    /// Their login.
    pub login: String,
    /// The ticket asked about.
    pub ticket: Option<String>,
    /// The user's roles, with their scope and permissions.
    pub roles: Vec<ExplainedRole>,
    /// Ids of the user's groups.
    pub groups: Vec<i64>,
    /// Whether the user is in the security team.
    pub security_team: bool,
    /// One decision per permission asked about.
    pub decisions: Vec<DecisionOut>,
}

/// A role held by the user, as the decision saw it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExplainedRole {
    /// Role name.
    pub role: String,
    /// `own`, `department`, `group` or `all`.
    pub scope: String,
    /// Its permissions.
    pub permissions: Vec<String>,
}

/// One permission decision with its explanation.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionOut {
    /// Allowed or not.
    pub allowed: bool,
    /// The permission, e.g. `ticket.read`.
    pub permission: String,
    /// The rule that decided: `role_grants_permission`, `out_of_scope`,
    /// `no_role_grants_permission`, `security_team_only` or `user_disabled`.
    pub rule: String,
    /// The role that allowed it.
    pub role: Option<String>,
    /// The scope through which it was allowed.
    pub scope: Option<String>,
    /// A sentence for the administrator.
    pub reason: String,
    /// Every role considered, in order.
    pub checks: Vec<CheckOut>,
}

/// How one role was weighed.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckOut {
    /// Role name.
    pub role: String,
    /// Its scope.
    pub scope: String,
    /// Whether the role includes the permission.
    pub has_permission: bool,
    /// Whether the ticket is within the scope (absent without a ticket).
    pub in_scope: Option<bool>,
    /// A sentence.
    pub note: String,
}

impl From<GrantCheck> for CheckOut {
    fn from(c: GrantCheck) -> Self {
        CheckOut {
            role: c.role,
            scope: c.scope.as_str().into(),
            has_permission: c.has_permission,
            in_scope: c.in_scope,
            note: c.note,
        }
    }
}

impl From<Decision> for DecisionOut {
    fn from(d: Decision) -> Self {
        DecisionOut {
            allowed: d.allowed,
            permission: d.permission.as_str().into(),
            rule: d.rule.into(),
            role: d.role,
            scope: d.scope.map(|s| s.as_str().into()),
            reason: d.reason,
            checks: d.checks.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<Explanation> for ExplanationOut {
    fn from(e: Explanation) -> Self {
        ExplanationOut {
            user_id: e.user_id,
            login: e.login,
            ticket: e.ticket,
            roles: e
                .roles
                .into_iter()
                .map(|g| ExplainedRole {
                    scope: g.scope.as_str().into(),
                    permissions: g
                        .permissions
                        .iter()
                        .map(|p| p.as_str().to_string())
                        .collect(),
                    role: g.role,
                })
                .collect(),
            groups: e.groups,
            security_team: e.security_team,
            decisions: e.decisions.into_iter().map(Into::into).collect(),
        }
    }
}

/// Explain why a user can or cannot do something, on a ticket or in general (`audit.read` or
/// `admin.users`).
#[utoipa::path(get, operation_id = "explain_permissions", path = "/api/v1/permissions/explain", tag = "admin", params(ExplainQuery),
    responses((status = 200, body = ExplanationOut), (status = 403, body = ErrorBody),
              (status = 404, description = "No such user or ticket", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn explain(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<ExplainQuery>,
) -> ApiResult<Json<ExplanationOut>> {
    let permission = q
        .permission
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Permission::parse(p).map_err(|e| ApiError::from(e).field("permission")))
        .transpose()?;
    let ticket = q.ticket.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let e = s
        .app
        .explain(&caller, q.user.trim(), ticket, permission)
        .await?;
    Ok(Json(e.into()))
}
