use leptos::prelude::*;
use palisade_core::bce::instance::Instance;
use palisade_core::reach::{Rule, Semantics};

use crate::api::{bce, use_api};
use crate::components::bce_rule_table::rule_summary;
use crate::components::connection_test::ConnectionTest;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::{use_i18n, Msg};
use crate::loaded::Loaded;

/// Every rule in force on an instance, pooled from its groups, with how each is named.
#[derive(Debug, Clone, Default)]
struct Pooled {
    rules: Vec<Option<Rule>>,
    names: Vec<String>,
}

/// "Test a connection" on a Baidu instance: the rules of every group bound to it, read
/// from the cloud (`instanceId`), judged together — regular groups as a union of allows,
/// enterprise groups by priority (an instance holds one kind or the other).
#[component]
pub fn InstanceConnectionTest(instance: Instance) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = StoredValue::new(instance.id.clone());
    let vpc = StoredValue::new(instance.vpc_id.clone());
    let enterprise = !instance.nic_info.enterprise_security_groups.is_empty();
    let pooled = Loaded::<Pooled>::new(move || async move {
        let mut p = Pooled::default();
        if enterprise {
            for g in bce::esgs_of(&api, &id.get_value()).await? {
                for r in &g.rules {
                    p.rules.push(Rule::from_esg(r));
                    let priority = r.priority.as_ref().and_then(|p| p.value()).unwrap_or_default();
                    p.names.push(format!(
                        "{} ({}): {} {} {} {} {} · {priority} · {}",
                        g.name,
                        g.id,
                        r.action.as_deref().unwrap_or(""),
                        r.direction.as_deref().unwrap_or(""),
                        r.protocol.as_deref().unwrap_or(""),
                        r.port_range.as_deref().unwrap_or(""),
                        r.remote_ip().as_deref().unwrap_or(""),
                        r.remark.as_deref().unwrap_or("")
                    ));
                }
            }
        } else {
            let vpc = vpc.get_value();
            for g in bce::groups_of(&api, &id.get_value(), vpc.as_deref()).await? {
                for r in &g.rules {
                    p.rules.push(Rule::from_bce(r));
                    p.names.push(format!("{} ({}): {}", g.name, g.id, rule_summary(r)));
                }
            }
        }
        Ok(p)
    });
    let rules = Signal::derive(move || pooled.with(|p| p.map(|p| p.rules.clone()).unwrap_or_default()));
    let describe = Callback::new(move |i: usize| pooled.with(|p| p.and_then(|p| p.names.get(i).cloned()).unwrap_or_default()));
    let decided = RwSignal::new(None::<usize>);
    let (semantics, lowest) = if enterprise { (Semantics::Priority, 1000) } else { (Semantics::AnyAllow, 0) };
    view! {
        <section class="instance-test" data-test="instance-test" data-instance=instance.id.clone()>
            <h3>{i18n.s(Msg::TestConnection)}": "{instance.name.clone()}" "<code>{instance.id.clone()}</code></h3>
            <ErrorNotice error=pooled.error/>
            <ConnectionTest rules=rules semantics=semantics lowest=lowest describe=describe decided=decided open=true/>
        </section>
    }
}
