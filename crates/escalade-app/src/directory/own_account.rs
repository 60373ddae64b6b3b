//! What every logged-in person may change about their own account, without any `admin.*`
//! permission: their password (knowing the current one) and their language and time zone.

use escalade_core::people::{Language, time_zone};
use escalade_store::audit;
use escalade_store::directory::{self as store, UserPatch, UserRow};
use serde_json::json;

use crate::App;
use crate::auth::hash_password;
use crate::caller::Caller;
use crate::error::AppError;

impl App {
    /// Changes one's own password, checking the current one.
    pub async fn change_own_password(
        &self,
        caller: &Caller,
        current: &str,
        new: &str,
    ) -> Result<(), AppError> {
        let ok = caller
            .user
            .password_hash
            .as_deref()
            .is_some_and(|h| crate::auth::verify_password(current, h));
        if !ok {
            return Err(AppError::invalid(
                "current_password",
                "wrong_password",
                "the current password is wrong",
            ));
        }
        // The new password's rules are checked under the name the caller gave it.
        let hash = hash_password(new).map_err(|e| match e {
            AppError::Invalid(mut f) => {
                f.field = "new_password".into();
                AppError::Invalid(f)
            }
            e => e,
        })?;
        let id = caller.id();
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_user(
                        c,
                        id,
                        &UserPatch {
                            password_hash: Some(hash),
                            ..Default::default()
                        },
                        now,
                    )
                    .await?;
                    audit::record(
                        c,
                        Some(id),
                        "user.password",
                        "user",
                        &id.to_string(),
                        &json!({}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.callers.forget_user(id.0);
        Ok(())
    }

    /// Changes one's own language and time zone; each is validated and audited.
    pub async fn change_own_preferences(
        &self,
        caller: &Caller,
        language: Option<&str>,
        zone: Option<&str>,
    ) -> Result<UserRow, AppError> {
        let patch = UserPatch {
            language: language
                .map(|l| Language::parse(l).map(|l| l.as_str().to_string()))
                .transpose()?,
            time_zone: zone.map(time_zone).transpose()?,
            ..Default::default()
        };
        let id = caller.id();
        let now = self.clock.now();
        let details = json!({"language": patch.language, "time_zone": patch.time_zone});
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_user(c, id, &patch, now).await?;
                    audit::record(
                        c,
                        Some(id),
                        "user.preferences",
                        "user",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.callers.forget_user(id.0);
        let mut c = self.store.read().await?;
        store::user(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("user"))
    }
}
