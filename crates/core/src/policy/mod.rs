//! Guardrails (#35): an organisation's policy, read from TOML by `palisade serve` and
//! served as JSON to the console, and the one judgement both make of a rule a change
//! writes — so the proxy refuses exactly what the console marks.
//!
//! ```toml
//! [[forbid]]
//! reason = "No SSH or RDP from the internet"
//! direction = "ingress"
//! ports = ["22", "3389"]          # a rule whose ports include any of these
//! sources = ["0.0.0.0/0", "::/0"] # a rule whose remote address covers any of these entirely
//!
//! [require]
//! remark = true                   # every new or changed rule carries a remark
//! ```

#[cfg(feature = "policy-file")]
mod file;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

#[cfg(feature = "policy-file")]
pub use file::PolicyFileError;

use crate::reach::ports::PortSet;
use crate::reach::{Action, Remote, Rule};
use crate::validate::address::Family;
use crate::Direction;

/// The error code a refused change answers with (`codes::POLICY_VIOLATION`).
pub const CODE: &str = "Palisade.PolicyViolation";

/// A policy: what no rule may do, and what every written rule must carry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    #[serde(default)]
    pub forbid: Vec<Forbid>,
    #[serde(default)]
    pub require: Require,
}

/// A kind of allow rule no change may write. Every condition given must hold; one not
/// given holds for every rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forbid {
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Port fields (`22`, `8000-8100`); a rule whose ports include any of them, an
    /// all-port or all-protocol rule included.
    #[serde(default)]
    pub ports: Vec<String>,
    /// Address blocks; a rule whose remote covers any of them entirely.
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Require {
    /// Every new or changed rule carries a remark (Baidu) / description (Huawei).
    #[serde(default)]
    pub remark: bool,
}

/// A rule as a change writes it. An edit in place may leave fields unsaid; the judgement
/// then takes the widest reading of what it does not say (CHOICE: the proxy cannot read
/// the rule being edited, so it fails closed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The rule's match as written; `None` when the call leaves the match as it was.
    pub rule: Option<Rule>,
    /// The call does not say the rule's direction (an edit in place).
    pub direction_unknown: bool,
    /// The remark as written (empty for none); `None` when the call leaves it as it was.
    pub remark: Option<String>,
}

impl Written {
    /// A whole rule, new or replacing another.
    pub fn whole(rule: Option<Rule>, remark: Option<&str>) -> Written {
        Written { rule, direction_unknown: false, remark: Some(remark.unwrap_or("").trim().to_owned()) }
    }
}

/// Why a written rule breaks the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Breach {
    /// It is a rule `forbid[index]` forbids.
    Forbidden { index: usize, reason: String },
    /// It carries no remark, which `[require] remark` asks for.
    NoRemark,
}

impl Breach {
    /// The reason as the refusal's message says it.
    pub fn reason(&self) -> String {
        match self {
            Breach::Forbidden { reason, .. } => reason.clone(),
            Breach::NoRemark => "every new or changed rule carries a remark (the policy's [require] remark)".to_owned(),
        }
    }
}

/// A rule's remote against a forbidden block: covered entirely?
fn covers(remote: &Remote, family: Family, block: &IpNet) -> bool {
    let block_family = if block.addr().is_ipv4() { Family::V4 } else { Family::V6 };
    match remote {
        Remote::Any => family == block_family,
        Remote::Net(n) => n.contains(block),
        Remote::Group(_) | Remote::AddressSet(_) | Remote::Invalid => false,
    }
}

fn overlaps(a: &PortSet, b: &PortSet) -> bool {
    match (a, b) {
        (PortSet::All, PortSet::Ranges(r)) | (PortSet::Ranges(r), PortSet::All) => !r.is_empty(),
        (PortSet::All, PortSet::All) => true,
        (PortSet::Ranges(x), PortSet::Ranges(y)) => x.iter().any(|&(a, b)| y.iter().any(|&(c, d)| a <= d && c <= b)),
    }
}

impl Forbid {
    fn blocks(&self) -> Vec<IpNet> {
        self.sources.iter().filter_map(|s| s.trim().parse::<IpNet>().ok()).collect()
    }

    /// Whether `w` is a rule this entry forbids.
    pub fn forbids(&self, w: &Written) -> bool {
        let Some(rule) = &w.rule else { return false };
        if rule.action == Action::Deny || !rule.enabled {
            return false;
        }
        if let Some(d) = self.direction {
            if !w.direction_unknown && rule.direction != d {
                return false;
            }
        }
        if !self.ports.is_empty() {
            let port_rule = match rule.protocol {
                None => true,
                Some(p) => p.has_ports(),
            };
            let ports = if rule.protocol.is_none() { PortSet::All } else { rule.ports.clone() };
            if !port_rule || !self.ports.iter().any(|f| overlaps(&ports, &PortSet::parse(Some(f)))) {
                return false;
            }
        }
        self.sources.is_empty() || self.blocks().iter().any(|b| covers(&rule.remote, rule.family, b))
    }
}

impl Policy {
    /// Whether the policy asks anything at all.
    pub fn is_empty(&self) -> bool {
        self.forbid.is_empty() && !self.require.remark
    }

    /// Everything `w` breaks, in the policy's order.
    pub fn breaches(&self, w: &Written) -> Vec<Breach> {
        let mut out: Vec<Breach> = self
            .forbid
            .iter()
            .enumerate()
            .filter(|(_, f)| f.forbids(w))
            .map(|(index, f)| Breach::Forbidden { index, reason: f.reason.clone() })
            .collect();
        if self.require.remark && w.remark.as_deref().is_some_and(|r| r.trim().is_empty()) {
            out.push(Breach::NoRemark);
        }
        out
    }

    /// The first breach of any of `written`: what a refusal names.
    pub fn first_breach<'a>(&self, written: impl IntoIterator<Item = &'a Written>) -> Option<Breach> {
        written.into_iter().find_map(|w| self.breaches(w).into_iter().next())
    }

    /// The breaches of a plan: each rule it adds or changes, by its index in the target
    /// draft (a changed rule whose remark is unchanged is still judged whole: the console
    /// knows it).
    pub fn plan_breaches<R: crate::plan::PlanRule>(&self, target: &[R], plan: &crate::plan::Plan<R>) -> Vec<(usize, Breach)> {
        use crate::plan::Change;
        let mut out = Vec::new();
        for c in &plan.diff {
            let to = match c {
                Change::Added(r) => r,
                Change::Changed { to, .. } => to,
                Change::Removed(_) => continue,
            };
            let Some(i) = target.iter().position(|t| t == to) else { continue };
            for b in self.breaches(&Written::whole(to.reach(), to.remark())) {
                out.push((i, b));
            }
        }
        out
    }

    /// Checks what a policy file cannot say by its shape: a reason for each entry, ports
    /// and blocks that read. The error names the field (`forbid[1].ports`).
    pub fn check(&self) -> Result<(), (String, String)> {
        for (i, f) in self.forbid.iter().enumerate() {
            if f.reason.trim().is_empty() {
                return Err((format!("forbid[{i}].reason"), "is empty: say why the rule is forbidden".into()));
            }
            for p in &f.ports {
                if matches!(PortSet::parse(Some(p)), PortSet::Ranges(r) if r.is_empty()) {
                    return Err((format!("forbid[{i}].ports"), format!("\"{p}\" is not a port (1-65535), a range (80-90) or \"all\"")));
                }
            }
            for s in &f.sources {
                if s.trim().parse::<IpNet>().is_err() {
                    return Err((format!("forbid[{i}].sources"), format!("\"{s}\" is not an address block (10.0.0.0/8, ::/0)")));
                }
            }
        }
        Ok(())
    }
}
