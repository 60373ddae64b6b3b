//! The JSON form of rules: reading it with every shape error (unknown key, wrong type, value
//! outside a vocabulary, malformed time of day) turned into a field error that names its path,
//! exactly like the errors of validation.

use super::Rule;
use crate::error::DomainError;

impl Rule {
    /// Reads a rule from its JSON form and validates it. Shape errors (an unknown key such as
    /// a condition on `colour`, a value of the wrong type, a priority that does not exist, a
    /// time of day such as `25:00`) are refused like every other error, naming the path.
    pub fn from_json(json: &str) -> Result<Rule, DomainError> {
        let rule: Rule = from_json_shape(json)?;
        rule.validate()?;
        Ok(rule)
    }

    /// The JSON form, as stored and sent over the API.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Parses JSON into `T`, turning serde's complaint into a field error with the JSON path.
pub(crate) fn from_json_shape<T: serde::de::DeserializeOwned>(
    json: &str,
) -> Result<T, DomainError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut *de).map_err(shape_error)?;
    de.end().map_err(|e| {
        DomainError::invalid(
            "",
            "malformed_json",
            format!("the rule is not valid JSON: {e}"),
        )
    })?;
    Ok(value)
}

fn shape_error(e: serde_path_to_error::Error<serde_json::Error>) -> DomainError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    let position = format!(" at line {} column {}", inner.line(), inner.column());
    let full = inner.to_string();
    let msg = full.strip_suffix(&position).unwrap_or(&full).to_string();
    let path = if path == "." { String::new() } else { path };
    if matches!(
        inner.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    ) && !msg.starts_with("invalid type")
    {
        return DomainError::invalid(
            path,
            "malformed_json",
            format!("the rule is not valid JSON: {full}"),
        );
    }
    let key = ["unknown field `", "missing field `"]
        .iter()
        .find_map(|p| msg.strip_prefix(p))
        .and_then(|rest| rest.split('`').next())
        .map(str::to_string);
    let code = if msg.starts_with("unknown field") {
        "unknown_field"
    } else if msg.starts_with("missing field") {
        "required"
    } else if msg.starts_with("unknown variant") {
        "unknown_value"
    } else if msg.starts_with("invalid type") || msg.starts_with("invalid length") {
        "wrong_type"
    } else {
        "invalid_value"
    };
    // serde names an unknown or missing key in the message, not in the path.
    let field = match key {
        Some(k) if path.is_empty() => k,
        Some(k) if path != k && !path.ends_with(&format!(".{k}")) => format!("{path}.{k}"),
        _ => path,
    };
    DomainError::invalid(field, code, msg)
}
