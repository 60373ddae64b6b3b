//! Input checks shared by every entity: required lines, lengths, tags, custom fields.

use std::collections::BTreeMap;

use crate::error::DomainError;
use crate::ticket::KeyFacts;

/// A required one-line text: trimmed, not empty, no control characters, at most `max` chars.
pub fn required_line(field: &str, value: &str, max: usize) -> Result<String, DomainError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(DomainError::invalid(
            field,
            "required",
            format!("{field} is required"),
        ));
    }
    if v.chars().any(char::is_control) {
        return Err(DomainError::invalid(
            field,
            "control_characters",
            format!("{field} must be a single line"),
        ));
    }
    max_chars(field, v, max)?;
    Ok(v.to_string())
}

/// At most `max` characters.
pub fn max_chars(field: &str, value: &str, max: usize) -> Result<(), DomainError> {
    let n = value.chars().count();
    if n > max {
        return Err(DomainError::invalid(
            field,
            "too_long",
            format!("{field} is {n} characters long; the limit is {max}"),
        ));
    }
    Ok(())
}

/// Tags: trimmed, lower case, no spaces or commas, each at most 50 characters, at most 30;
/// returned sorted and unique.
pub fn tags(tags: &[String]) -> Result<Vec<String>, DomainError> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for t in tags {
        let t = t.trim().to_lowercase();
        if t.is_empty() {
            continue;
        }
        if t.chars()
            .any(|c| c.is_whitespace() || c == ',' || c.is_control())
        {
            return Err(DomainError::invalid(
                "tags",
                "malformed_tag",
                format!("tag '{t}' must be one word without commas"),
            ));
        }
        max_chars("tags", &t, 50)?;
        out.push(t);
    }
    out.sort();
    out.dedup();
    if out.len() > 30 {
        return Err(DomainError::invalid(
            "tags",
            "too_many",
            "a ticket carries at most 30 tags",
        ));
    }
    Ok(out)
}

/// Key facts: bounded text, a non-negative count.
pub fn facts(f: &KeyFacts) -> Result<(), DomainError> {
    if let Some(s) = &f.started {
        max_chars("facts.started", s, 200)?;
    }
    if let Some(s) = &f.error_codes {
        max_chars("facts.error_codes", s, 5_000)?;
    }
    if let Some(s) = &f.tried {
        max_chars("facts.tried", s, 10_000)?;
    }
    if let Some(n) = f.users_affected
        && n < 0
    {
        return Err(DomainError::invalid(
            "facts.users_affected",
            "negative",
            "the number of affected users cannot be negative",
        ));
    }
    Ok(())
}

/// Custom fields: at most 50, keys are short identifiers, values bounded.
pub fn custom_fields(c: &BTreeMap<String, String>) -> Result<(), DomainError> {
    if c.len() > 50 {
        return Err(DomainError::invalid(
            "custom",
            "too_many",
            "at most 50 custom fields",
        ));
    }
    for (k, v) in c {
        if k.is_empty()
            || k.len() > 64
            || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(DomainError::invalid(
                "custom",
                "malformed_key",
                format!("custom field name '{k}' must be letters, digits and _"),
            ));
        }
        max_chars(&format!("custom.{k}"), v, 5_000)?;
    }
    Ok(())
}

/// A login: 2 to 64 characters of letters, digits, `.`, `_`, `-` and `@`.
pub fn login(value: &str) -> Result<String, DomainError> {
    let v = value.trim();
    let ok_char = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@');
    if v.chars().count() < 2 || v.chars().count() > 64 || !v.chars().all(ok_char) {
        return Err(DomainError::invalid(
            "login",
            "malformed_login",
            "a login is 2 to 64 letters, digits, '.', '_', '-' or '@'",
        ));
    }
    Ok(v.to_string())
}

/// An e-mail address, checked loosely (one `@`, something on each side, no spaces); mail
/// delivery is the real test.
pub fn email(value: &str) -> Result<String, DomainError> {
    let v = value.trim();
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        }
        None => false,
    };
    if !ok || v.chars().any(char::is_whitespace) || v.len() > 254 {
        return Err(DomainError::invalid(
            "email",
            "malformed_email",
            format!("'{v}' is not an e-mail address"),
        ));
    }
    Ok(v.to_string())
}

/// A password good enough to keep: at least 10 characters.
pub fn password(value: &str) -> Result<(), DomainError> {
    if value.chars().count() < 10 {
        return Err(DomainError::invalid(
            "password",
            "too_short",
            "a password needs at least 10 characters",
        ));
    }
    max_chars("password", value, 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised() {
        let t = tags(&["VPN".into(), " vpn ".into(), "laptop".into(), "".into()]).unwrap();
        assert_eq!(t, vec!["laptop", "vpn"]);
        assert!(tags(&["two words".into()]).is_err());
    }

    #[test]
    fn lines_and_lengths() {
        assert_eq!(required_line("subject", "  a ", 10).unwrap(), "a");
        assert!(required_line("subject", "a\nb", 10).is_err());
        assert!(required_line("subject", "abcdefghijk", 10).is_err());
        assert!(
            max_chars("x", "привет", 6).is_ok(),
            "counted in characters, not bytes"
        );
    }

    #[test]
    fn logins_emails_passwords() {
        assert!(login("j.dupont").is_ok());
        assert!(login("a").is_err());
        assert!(login("has space").is_err());
        assert!(email("anna@example.org").is_ok());
        assert!(email("anna@localhost").is_err());
        assert!(email("nope").is_err());
        assert!(password("short").is_err());
        assert!(password("long enough pass").is_ok());
    }
}
