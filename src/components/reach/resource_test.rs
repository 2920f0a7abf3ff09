use leptos::prelude::*;
use palisade_core::reach::{Action, Rule, Semantics, Suggestion};
use palisade_core::route::{Page, Place};

use crate::api::{bce, use_api};
use crate::components::form::filter_box::FilterBox;
use crate::components::notice::error_notice::ErrorNotice;
use crate::components::reach::connection_test::ConnectionTest;
use crate::components::table::rule_table::RuleTable;
use crate::i18n::{use_i18n, Msg};
use crate::infra::loaded::Loaded;
use crate::infra::seed::{Seed, SeedOp, Seeds};
use crate::infra::text::Searchable;
use crate::readable;
use crate::readable::rule_summary;
use crate::readable::RuleLine;
use crate::routing::place::Nav;

/// Every rule in force on an instance, pooled from its groups, with how each is named.
#[derive(Debug, Clone, Default)]
struct Pooled {
    rules: Vec<Option<Rule>>,
    names: Vec<String>,
}

/// The rules in force on an instance or card, and how they combine.
#[derive(Debug, Clone, Default)]
struct InForce {
    pooled: Pooled,
    enterprise: bool,
    /// (id, name) of the groups the rules come from: where a suggested rule can go.
    groups: Vec<(String, String)>,
}

/// "Test a connection" on a Baidu instance or service network interface card: the rules
/// of every group bound to it, read from the cloud (`instanceId=` on both group lists,
/// which is how a real client learns a card's groups), judged together — regular groups
/// as a union of allows, enterprise groups by priority (a resource holds one kind).
#[component]
pub fn ResourceConnectionTest(id: String, name: String, vpc_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let key = StoredValue::new(id.clone());
    let vpc = StoredValue::new(vpc_id);
    let loaded = Loaded::<InForce>::new(move || async move {
        let mut p = Pooled::default();
        let mut held = Vec::new();
        let esgs = bce::esgs_of(&api, &key.get_value()).await?;
        let enterprise = !esgs.is_empty();
        if enterprise {
            for g in esgs {
                held.push((g.id.clone(), g.name.clone()));
                for r in &g.rules {
                    p.rules.push(Rule::from_esg(r));
                    p.names.push(format!("{} ({}): {} · {}", g.name, g.id, readable::esg_line(r), r.remark.as_deref().unwrap_or("")));
                }
            }
        } else {
            let vpc = vpc.get_value();
            for g in bce::groups_of(&api, &key.get_value(), vpc.as_deref()).await? {
                held.push((g.id.clone(), g.name.clone()));
                for r in &g.rules {
                    p.rules.push(Rule::from_bce(r));
                    p.names.push(format!("{} ({}): {}", g.name, g.id, rule_summary(r)));
                }
            }
        }
        Ok(InForce { pooled: p, enterprise, groups: held })
    });
    let rules = Signal::derive(move || loaded.with(|l| l.map(|l| l.pooled.rules.clone()).unwrap_or_default()));
    let describe = Callback::new(move |i: usize| loaded.with(|l| l.and_then(|l| l.pooled.names.get(i).cloned()).unwrap_or_default()));
    let decided = RwSignal::new(None::<usize>);
    // The smallest fix, which can go into a draft of any of the resource's groups: the
    // group's page opens with it in its draft, reviewed there, sent only by Apply (#34).
    let found = RwSignal::new(None::<Suggestion>);
    let nav = use_context::<Nav>();
    let seeds = use_context::<Seeds>();
    let into_draft = move |group: String, s: Suggestion, enterprise: bool| {
        let (Some(nav), Some(seeds)) = (nav, seeds) else { return };
        let page = if enterprise { Page::BceEnterpriseSecurityGroups } else { Page::BceSecurityGroups };
        let place = Place { item: Some(group.clone()), ..untrack(|| nav.place_of(page)) };
        seeds.open(nav, place, Seed { group, op: SeedOp::Add(s) });
    };
    let fix_targets = move || {
        let s = found.get()?;
        nav?;
        let (groups, enterprise) = loaded.with(|l| l.map(|l| (l.groups.clone(), l.enterprise)))?;
        let buttons = groups
            .into_iter()
            .map(|(id, name)| {
                let (gid, s) = (id.clone(), s.clone());
                view! {
                    " "<button type="button" class="link" data-test="fix-into" data-group=id.clone() on:click=move |_| into_draft(gid.clone(), s.clone(), enterprise)>
                        {name}
                    </button>
                }
            })
            .collect_view();
        Some(view! { <p data-test="fix-targets">{i18n.s(Msg::PutInDraftOf)}{buttons}</p> })
    };
    // The test is drawn once the kind of groups is known (it picks the semantics).
    let test = move || {
        loaded.with(|l| l.map(|l| l.enterprise)).map(|enterprise| {
            let (semantics, lowest) = if enterprise { (Semantics::Priority, 1000) } else { (Semantics::AnyAllow, 0) };
            view! { <ConnectionTest rules=rules semantics=semantics lowest=lowest describe=describe decided=decided open=true found=found/> }
        })
    };
    // Every rule in force, in one table where the deciding one is outlined.
    let search = Memo::new(move |_| {
        loaded.with(|l| {
            l.map(|l| l.pooled.names.iter().zip(&l.pooled.rules).map(|(n, r)| Searchable::new(n, r.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let line = Callback::new(move |i: usize| {
        let rule = loaded.with(|l| l.and_then(|l| l.pooled.rules.get(i).cloned().flatten()));
        RuleLine {
            cells: vec![describe.run(i).into()],
            deny: rule.as_ref().is_some_and(|r| r.action == Action::Deny),
            risk: readable::at_risk(rule.as_ref()),
            ..RuleLine::default()
        }
    });
    let filter = RwSignal::new(String::new());
    view! {
        <section class="resource-test" data-test="resource-test" data-resource=id.clone()>
            <h3>{i18n.s(Msg::TestConnection)}": "{name}" "<code>{id.clone()}</code></h3>
            <ErrorNotice error=loaded.error/>
            {test}
            {fix_targets}
            <FilterBox value=filter/>
            <RuleTable columns=&[Msg::Rule, Msg::Actions] search=search line=line filter=filter decides=Some(decided.into())/>
        </section>
    }
}
