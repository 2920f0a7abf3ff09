//! A policy file (TOML), read with the line and the field of what is wrong: a bad policy
//! stops `palisade serve` at start, never half-applies.

use serde::Deserialize;
use toml::Spanned;

use super::{Forbid, Policy, Require};
use crate::Direction;

/// What is wrong with a policy file, where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {field}: {message}")]
pub struct PolicyFileError {
    pub line: usize,
    /// The field (`forbid[0].ports`), or `policy` when the file does not parse.
    pub field: String,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    forbid: Vec<Spanned<RawForbid>>,
    #[serde(default)]
    require: Option<RawRequire>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForbid {
    reason: Spanned<String>,
    #[serde(default)]
    direction: Option<Spanned<String>>,
    #[serde(default)]
    ports: Vec<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequire {
    #[serde(default)]
    remark: bool,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len())).map_or(1, |head| head.matches('\n').count() + 1)
}

impl Policy {
    /// Reads a policy file.
    pub fn from_toml(text: &str) -> Result<Policy, PolicyFileError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_owned();
            // toml names the field in its message (`unknown field `port``, `missing field `reason``).
            PolicyFileError { line: e.span().map_or(1, |s| line_of(text, s.start)), field: "policy".into(), message }
        })?;
        let err = |span: std::ops::Range<usize>, field: String, message: String| PolicyFileError {
            line: line_of(text, span.start),
            field,
            message,
        };
        let mut forbid = Vec::new();
        for (i, f) in raw.forbid.into_iter().enumerate() {
            let span = f.span();
            let f = f.into_inner();
            let direction = match f.direction {
                None => None,
                Some(d) => Some(Direction::parse(d.get_ref().trim()).ok_or_else(|| {
                    err(d.span(), format!("forbid[{i}].direction"), format!("\"{}\" is not \"ingress\" or \"egress\"", d.get_ref()))
                })?),
            };
            let entry = Forbid {
                reason: f.reason.get_ref().clone(),
                direction,
                ports: f.ports.iter().map(|p| p.get_ref().clone()).collect(),
                sources: f.sources.iter().map(|p| p.get_ref().clone()).collect(),
            };
            // The entry's own checks, located at the value that fails them.
            let one = Policy { forbid: vec![entry.clone()], require: Require::default() };
            if let Err((field, message)) = one.check() {
                let at = if field.ends_with(".reason") {
                    f.reason.span()
                } else if field.ends_with(".ports") {
                    f.ports.iter().find(|p| message.contains(&format!("\"{}\"", p.get_ref()))).map_or(span.clone(), |p| p.span())
                } else {
                    f.sources.iter().find(|p| message.contains(&format!("\"{}\"", p.get_ref()))).map_or(span.clone(), |p| p.span())
                };
                return Err(err(at, field.replacen("forbid[0]", &format!("forbid[{i}]"), 1), message));
            }
            forbid.push(entry);
        }
        Ok(Policy { forbid, require: Require { remark: raw.require.is_some_and(|r| r.remark) } })
    }
}
