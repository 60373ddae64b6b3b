//! The category tree: creating and changing categories without making cycles.

use super::*;

impl App {
    /// The category tree (any signed-in user: the portal's picker needs it).
    pub async fn categories(&self) -> Result<Vec<CategoryRow>, AppError> {
        let mut c = self.store.read().await?;
        Ok(store::categories(&mut c).await?)
    }

    /// Creates a category (`admin.categories`).
    pub async fn create_category(
        &self,
        caller: &Caller,
        parent: Option<CategoryId>,
        key: &str,
        name: &str,
        security: bool,
    ) -> Result<CategoryRow, AppError> {
        caller.require(Permission::AdminCategories)?;
        let key = key.trim().to_lowercase();
        if key.is_empty()
            || key.len() > 64
            || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(AppError::invalid(
                "key",
                "malformed_key",
                "a category key is 1 to 64 letters, digits or _",
            ));
        }
        let name = validate::required_line("name", name, 200)?;
        if let Some(p) = parent {
            let mut c = self.store.read().await?;
            store::category(&mut c, p).await?.ok_or_else(|| {
                AppError::invalid("parent_id", "unknown", format!("there is no category {p}"))
            })?;
        }
        let (k2, n2) = (key.clone(), name.clone());
        let now = self.clock.now();
        let actor = caller.id();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = store::create_category(c, parent, &k2, &n2, security).await?;
                    let details = json!({"key": k2, "name": n2, "parent": parent.map(|p| p.0), "security": security});
                    audit::record(c, Some(actor), "category.create", "category", &id.to_string(), &details, now).await?;
                    Ok(id)
                })
            })
            .await?;
        Ok(CategoryRow {
            id: id.0,
            parent_id: parent.map(|p| p.0),
            key,
            name,
            security,
            active: true,
        })
    }

    /// Changes a category (`admin.categories`); a parent that would make a cycle is refused.
    pub async fn update_category(
        &self,
        caller: &Caller,
        id: CategoryId,
        parent: Option<Option<CategoryId>>,
        name: Option<&str>,
        security: Option<bool>,
        active: Option<bool>,
    ) -> Result<CategoryRow, AppError> {
        caller.require(Permission::AdminCategories)?;
        let all = self.categories().await?;
        let cur = all
            .iter()
            .find(|c| c.id == id.0)
            .cloned()
            .ok_or(AppError::NotFound("category"))?;
        let parent = parent.unwrap_or(cur.parent_id.map(CategoryId));
        if let Some(p) = parent {
            if !all.iter().any(|c| c.id == p.0) {
                return Err(AppError::invalid(
                    "parent_id",
                    "unknown",
                    format!("there is no category {p}"),
                ));
            }
            let parent_of = |c: CategoryId| {
                all.iter()
                    .find(|x| x.id == c.0)
                    .and_then(|x| x.parent_id.map(CategoryId))
            };
            if would_cycle(id, Some(p), parent_of) {
                return Err(AppError::invalid(
                    "parent_id",
                    "cycle",
                    "a category cannot be placed under itself or its own sub-category",
                ));
            }
        }
        let name = match name {
            Some(n) => validate::required_line("name", n, 200)?,
            None => cur.name,
        };
        let security = security.unwrap_or(cur.security);
        let active = active.unwrap_or(cur.active);
        let n2 = name.clone();
        let now = self.clock.now();
        let actor = caller.id();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_category(c, id, parent, &n2, security, active).await?;
                    let details = json!({"name": n2, "parent": parent.map(|p| p.0), "security": security, "active": active});
                    audit::record(c, Some(actor), "category.update", "category", &id.to_string(), &details, now).await
                })
            })
            .await?;
        Ok(CategoryRow {
            id: id.0,
            parent_id: parent.map(|p| p.0),
            key: cur.key,
            name,
            security,
            active,
        })
    }
}
