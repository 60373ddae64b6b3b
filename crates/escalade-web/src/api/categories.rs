//! Category endpoints: the category tree tickets are filed under, read as a flat list by any
//! signed-in user (the portal's picker needs it), created and changed with `admin.categories`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use escalade_core::ids::CategoryId;
use escalade_store::directory::CategoryRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiPath;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, Authed, nullable};
use crate::state::AppState;

/// A node of the category tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryOut {
    /// Id.
    pub id: i64,
    /// Parent category; none at the top of the tree.
    pub parent_id: Option<i64>,
    /// Stable key, e.g. `hardware_failure`.
    pub key: String,
    /// Name.
    pub name: String,
    /// Its tickets are visible only to the security team and the people they concern.
    pub security: bool,
    /// Offered for new tickets.
    pub active: bool,
}

impl From<CategoryRow> for CategoryOut {
    fn from(c: CategoryRow) -> Self {
        CategoryOut {
            id: c.id,
            parent_id: c.parent_id,
            key: c.key,
            name: c.name,
            security: c.security,
            active: c.active,
        }
    }
}

/// The category tree as a flat list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoriesOut {
    /// Every category, by id; `parent_id` gives the tree.
    pub items: Vec<CategoryOut>,
}

/// Creating a category.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCategoryIn {
    /// Parent category; none for a top-level one.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Unique key: 1 to 64 letters, digits or `_` (stored in lower case).
    pub key: String,
    /// Name, at most 200 characters.
    pub name: String,
    /// Restrict its tickets to the security team (false by default).
    #[serde(default)]
    pub security: bool,
}

/// Changing a category: give only the fields to change. The key never changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchCategoryIn {
    /// New parent; `null` moves it to the top. A parent under the category itself is refused.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub parent_id: Option<Option<i64>>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Security restriction; applies to the category's existing tickets too.
    #[serde(default)]
    pub security: Option<bool>,
    /// Offered for new tickets.
    #[serde(default)]
    pub active: Option<bool>,
}

/// The category tree, as a flat list with parent ids (any signed-in user).
#[utoipa::path(get, operation_id = "list_categories", path = "/api/v1/categories", tag = "categories",
    responses((status = 200, body = CategoriesOut), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Authed(_caller): Authed,
) -> ApiResult<Json<CategoriesOut>> {
    let rows = s.app.categories().await?;
    Ok(Json(CategoriesOut {
        items: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Create a category (`admin.categories`).
#[utoipa::path(post, operation_id = "create_category", path = "/api/v1/categories", tag = "categories", request_body = CreateCategoryIn,
    responses((status = 201, description = "Created", body = CategoryOut), (status = 403, body = ErrorBody),
              (status = 409, description = "Key taken", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<CreateCategoryIn>,
) -> ApiResult<(StatusCode, Json<CategoryOut>)> {
    let c = s
        .app
        .create_category(
            &caller,
            b.parent_id.map(CategoryId),
            &b.key,
            &b.name,
            b.security,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(c.into())))
}

/// Move, rename, restrict or retire a category (`admin.categories`).
#[utoipa::path(patch, operation_id = "patch_category", path = "/api/v1/categories/{id}", tag = "categories", request_body = PatchCategoryIn,
    params(("id" = i64, Path, description = "Category id")),
    responses((status = 200, body = CategoryOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "Invalid input, or a parent that would make a cycle", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn patch(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<PatchCategoryIn>,
) -> ApiResult<Json<CategoryOut>> {
    let c = s
        .app
        .update_category(
            &caller,
            CategoryId(id),
            b.parent_id.map(|p| p.map(CategoryId)),
            b.name.as_deref(),
            b.security,
            b.active,
        )
        .await?;
    Ok(Json(c.into()))
}
