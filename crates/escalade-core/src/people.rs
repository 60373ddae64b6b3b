//! People and teams: users (requesters and agents), their language and time zone, departments,
//! and groups with their support level.

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::ids::{DepartmentId, GroupId, UserId};
use crate::ticket::SupportLevel;

/// The languages Escalade speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Language {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// French.
    #[serde(rename = "fr")]
    Fr,
    /// Russian.
    #[serde(rename = "ru")]
    Ru,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Language {
    /// Every supported language.
    pub const ALL: &'static [Language] =
        &[Language::En, Language::Fr, Language::Ru, Language::ZhCn];

    /// The BCP 47 tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Ru => "ru",
            Language::ZhCn => "zh-CN",
        }
    }

    /// Parses a tag; `zh`, `zh-Hans` and `zh-CN` all mean Simplified Chinese.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "en-us" | "en-gb" => Ok(Language::En),
            "fr" | "fr-fr" => Ok(Language::Fr),
            "ru" | "ru-ru" => Ok(Language::Ru),
            "zh" | "zh-cn" | "zh-hans" => Ok(Language::ZhCn),
            _ => Err(DomainError::invalid(
                "language",
                "unknown_value",
                format!("'{s}' is not one of: en, fr, ru, zh-CN"),
            )),
        }
    }
}

/// Checks an IANA time zone name such as `Europe/Paris`.
pub fn time_zone(s: &str) -> Result<String, DomainError> {
    let s = s.trim();
    s.parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_string())
        .map_err(|_| {
            DomainError::invalid(
                "time_zone",
                "unknown_value",
                format!("'{s}' is not an IANA time zone such as Europe/Paris"),
            )
        })
}

/// Whether a user asks for help or gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserKind {
    /// An employee or customer.
    Requester,
    /// A member of the service desk.
    Agent,
}

impl UserKind {
    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            UserKind::Requester => "requester",
            UserKind::Agent => "agent",
        }
    }

    /// Parses the text form.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "requester" => Ok(UserKind::Requester),
            "agent" => Ok(UserKind::Agent),
            _ => Err(DomainError::invalid(
                "kind",
                "unknown_value",
                format!("'{s}' is not one of: requester, agent"),
            )),
        }
    }
}

/// A person known to the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Id.
    pub id: UserId,
    /// Unique login.
    pub login: String,
    /// Name shown to others.
    pub display_name: String,
    /// Mail address.
    pub email: Option<String>,
    /// Requester or agent.
    pub kind: UserKind,
    /// Department or customer organisation.
    pub department: Option<DepartmentId>,
    /// Language of the UI and mails.
    pub language: Language,
    /// IANA time zone for displaying times.
    pub time_zone: String,
    /// Whether SLA policies treat them as a VIP.
    pub vip: bool,
    /// A disabled user can neither log in nor use a token.
    pub active: bool,
}

/// A department or customer organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    /// Id.
    pub id: DepartmentId,
    /// Unique name.
    pub name: String,
}

/// An assignment group at one support level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Id.
    pub id: GroupId,
    /// Unique name.
    pub name: String,
    /// The level the group works at.
    pub level: SupportLevel,
    /// Whether members form the security team, who alone see security tickets.
    pub security_team: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_and_zones() {
        assert_eq!(Language::parse("zh-Hans").unwrap(), Language::ZhCn);
        assert_eq!(Language::parse("FR").unwrap(), Language::Fr);
        assert!(Language::parse("de").is_err());
        assert_eq!(time_zone("Europe/Moscow").unwrap(), "Europe/Moscow");
        assert!(time_zone("Mars/Olympus").is_err());
    }
}
