//! The web UI's words: Fluent message files compiled into the binary (`locales/<lang>/*.ftl`),
//! the choice of language for a request, and dates shown in the reader's time zone.
//!
//! Every visible string goes through [`Tr`]; a unit test fails when a key used by a template
//! or a handler is missing in any of the four languages.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use escalade_core::people::Language;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent's Unicode isolation marks around placeables would end up as invisible
        // characters in the HTML and in what tests read back.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that remembers a language chosen before logging in.
pub const LANGUAGE_COOKIE: &str = "escalade_lang";

fn identifier(lang: Language) -> LanguageIdentifier {
    lang.as_str()
        .parse()
        .expect("the four language tags are valid BCP 47")
}

/// A translator bound to one language. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Tr {
    lang: Language,
    id: LanguageIdentifier,
    zone: Tz,
}

impl Tr {
    /// A translator for this language, showing times in this zone.
    pub fn new(lang: Language, zone: Tz) -> Self {
        Self {
            lang,
            id: identifier(lang),
            zone,
        }
    }

    /// The language.
    pub fn language(&self) -> Language {
        self.lang
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(&self) -> &'static str {
        self.lang.as_str()
    }

    /// The message with this key.
    pub fn get(&self, key: &str) -> String {
        LOCALES.lookup(&self.id, key)
    }

    /// The message with this key, if any language file has it.
    pub fn try_get(&self, key: &str) -> Option<String> {
        LOCALES.try_lookup(&self.id, key)
    }

    /// The message with this key and one named argument.
    pub fn arg(&self, key: &str, name: &str, value: impl ToString) -> String {
        self.args(key, &[(name, value.to_string())])
    }

    /// The message with this key and one numeric argument (so that plural forms apply).
    pub fn count(&self, key: &str, name: &str, n: i64) -> String {
        let mut map: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        map.insert(Cow::Owned(name.to_string()), FluentValue::from(n));
        LOCALES.lookup_with_args(&self.id, key, &map)
    }

    /// The message with this key, a numeric `count` (so that plural forms apply) and other
    /// named arguments.
    pub fn count_with(&self, key: &str, n: i64, args: &[(&str, String)]) -> String {
        let mut map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone())))
            .collect();
        map.insert(Cow::Borrowed("count"), FluentValue::from(n));
        LOCALES.lookup_with_args(&self.id, key, &map)
    }

    /// The message with this key and several named arguments.
    pub fn args(&self, key: &str, args: &[(&str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone())))
            .collect();
        LOCALES.lookup_with_args(&self.id, key, &map)
    }

    /// A date and time in the reader's zone, e.g. `2026-11-22 14:05`.
    pub fn datetime(&self, at: &DateTime<Utc>) -> String {
        at.with_timezone(&self.zone)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    /// A machine-readable instant for `<time datetime>`.
    pub fn iso(&self, at: &DateTime<Utc>) -> String {
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// The reader's time zone name.
    pub fn zone(&self) -> String {
        self.zone.name().to_string()
    }

    /// The message for a vocabulary word such as a status or priority: key `<prefix>-<word>`.
    pub fn word(&self, prefix: &str, word: &str) -> String {
        self.get(&format!("{prefix}-{}", word.replace('_', "-")))
    }
}

/// Parses a time zone name, falling back to UTC for anything unknown.
pub fn zone_or_utc(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// The language an `Accept-Language` header prefers among ours, if any.
pub fn from_accept_language(header: &str) -> Option<Language> {
    let mut offers: Vec<(f32, usize, Language)> = Vec::new();
    for (position, part) in header.split(',').enumerate() {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let quality = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        if quality <= 0.0 {
            continue;
        }
        if let Some(lang) = language_of_tag(tag) {
            offers.push((quality, position, lang));
        }
    }
    // Highest quality wins; among equals the earlier one, as the browser listed them.
    offers.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    offers.first().map(|o| o.2)
}

fn language_of_tag(tag: &str) -> Option<Language> {
    let lower = tag.to_ascii_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or("");
    match primary {
        "en" => Some(Language::En),
        "fr" => Some(Language::Fr),
        "ru" => Some(Language::Ru),
        // Traditional Chinese readers are better served by Simplified than by English.
        "zh" => Some(Language::ZhCn),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported_offer() {
        assert_eq!(
            from_accept_language("de-DE,de;q=0.9,fr;q=0.8,en;q=0.5"),
            Some(Language::Fr)
        );
        assert_eq!(from_accept_language("ru-RU"), Some(Language::Ru));
        assert_eq!(from_accept_language("zh-CN,zh;q=0.9"), Some(Language::ZhCn));
        assert_eq!(
            from_accept_language("en;q=0.2, ru;q=0.9"),
            Some(Language::Ru)
        );
        assert_eq!(from_accept_language("de, ja"), None);
        assert_eq!(from_accept_language("fr;q=0"), None);
        assert_eq!(from_accept_language(""), None);
    }

    #[test]
    fn messages_resolve_with_plurals_and_without_isolation_marks() {
        let ru = Tr::new(Language::Ru, Tz::UTC);
        let text = ru.count("tickets-count", "count", 3);
        assert!(
            !text.contains('\u{2068}'),
            "isolation marks leaked: {text:?}"
        );
        assert!(text.contains('3'));
        let en = Tr::new(Language::En, Tz::UTC);
        assert_eq!(en.count("tickets-count", "count", 1), "1 ticket");
        assert_eq!(en.count("tickets-count", "count", 2), "2 tickets");
    }

    #[test]
    fn times_show_in_the_readers_zone() {
        let at: DateTime<Utc> = "2026-07-01T10:00:00Z".parse().unwrap();
        let paris = Tr::new(Language::Fr, zone_or_utc("Europe/Paris"));
        assert_eq!(paris.datetime(&at), "2026-07-01 12:00");
        let unknown = Tr::new(Language::En, zone_or_utc("Mars/Olympus"));
        assert_eq!(unknown.datetime(&at), "2026-07-01 10:00");
    }
}
