use leptos::prelude::*;
use palisade_core::validate::bce_rule::MAX_RULES_PER_DIRECTION;
use palisade_core::validate::binding::MAX_GROUPS_PER_INSTANCE;
use palisade_core::validate::state::MAX_ESGS;
use palisade_core::{Cloud, Direction};

use crate::estate::loads::EstateLoads;
use crate::estate::progress::EstateProgress;
use crate::i18n::{use_i18n, Msg};
use crate::infra::narrow::{use_narrowed, Narrow};
use crate::labels::cloud_label;
use palisade_core::route::Page;

/// A group this close to the 50-rules-per-direction quota is flagged (CHOICE: 90%).
const NEAR_QUOTA: usize = MAX_RULES_PER_DIRECTION * 9 / 10;

/// The figures the overview shows, from the same loads as the exposure view.
#[derive(Debug, Clone, Default, PartialEq)]
struct Counts {
    bce_groups: usize,
    bce_rules: usize,
    esgs: usize,
    instances: usize,
    cards: usize,
    // The rows behind the figures that open a narrowed list.
    unbound: Vec<String>,
    esgs_unbound: Vec<String>,
    at_limit: Vec<String>,
    near_quota: Vec<String>,
    hw_groups: usize,
    hw_rules: usize,
    open: usize,
    sensitive: Vec<(u16, &'static str, usize)>,
}

/// The home page: per cloud the counts that matter, each a way into its page, and what is
/// open to the internet.
#[component]
pub fn Home(clouds: StoredValue<Vec<Cloud>>, go: Callback<Page>) -> impl IntoView {
    let i18n = use_i18n();
    let estate = crate::estate::cache::estate_page(clouds);
    let EstateLoads { groups, esgs, instances, cards, hw, data } = estate;
    let counts = Memo::new(move |_| {
        let mut c = Counts::default();
        groups.with(|g| {
            let g = g.map_or(&[][..], Vec::as_slice);
            c.bce_groups = g.len();
            c.bce_rules = g.iter().map(|g| g.rules.len()).sum();
            c.near_quota = g
                .iter()
                .filter(|g| Direction::ALL.iter().any(|&d| g.rules.iter().filter(|r| r.direction() == Some(d)).count() >= NEAR_QUOTA))
                .map(|g| g.id.clone())
                .collect();
        });
        c.esgs = esgs.with(|e| e.map_or(0, Vec::len));
        instances.with(|i| {
            let i = i.map_or(&[][..], Vec::as_slice);
            c.instances = i.len();
            c.at_limit = i.iter().filter(|i| i.nic_info.security_groups.len() >= MAX_GROUPS_PER_INSTANCE).map(|i| i.id.clone()).collect();
        });
        c.cards = cards.with(|x| x.map_or(0, Vec::len));
        hw.with(|h| {
            let h = h.map_or(&[][..], Vec::as_slice);
            c.hw_groups = h.len();
            c.hw_rules = h.iter().map(|(_, r)| r.len()).sum();
        });
        data.with(|d| {
            // Baidu's groups come first in the estate (regular, then enterprise): those no
            // instance or card holds.
            let unbound = |range: std::ops::Range<usize>| {
                range.filter(|&i| d.reach.get(i).is_some_and(Vec::is_empty)).filter_map(|i| d.groups.get(i)).map(|g| g.id.clone()).collect()
            };
            c.unbound = unbound(0..c.bce_groups);
            c.esgs_unbound = unbound(c.bce_groups..c.bce_groups + c.esgs);
            c.open = d.open.len();
            c.sensitive = d.by_port.iter().map(|p| (p.port, p.service, p.targets)).collect();
        });
        c
    });
    let narrowed = use_narrowed();
    // A figure opens its page; a figure about some rows opens the page narrowed to them.
    let open = move |page: Page, label: Msg, rows: Option<fn(&Counts) -> &Vec<String>>, filter: String| {
        let ids = rows.map(|rows| counts.with_untracked(|c| rows(c).clone()));
        narrowed.0.set((ids.is_some() || !filter.is_empty()).then_some(Narrow { page, label, ids, filter }));
        go.run(page);
    };
    // A figure whose list did not load says so instead of counting nothing; one built from
    // several lists (`None`: every one) is marked partial when any of them is missing.
    let missing = move |source: Option<Msg>| match source {
        Some(list) => estate.failed(list),
        None => !estate.missing().is_empty(),
    };
    let figure = move |n: usize, source: Option<Msg>| {
        let gone = missing(source);
        match (source, gone) {
            (Some(_), true) => "—".to_owned(),
            (None, true) => format!("{n}?"),
            _ => n.to_string(),
        }
    };
    let tile = move |label: Msg, test: &'static str, count: fn(&Counts) -> usize, page: Page, source: Option<Msg>| {
        view! {
            <button
                type="button"
                class="tile"
                class:partial=move || missing(source)
                data-test=test
                data-count=move || counts.with(count)
                data-missing=move || missing(source).then_some("true")
                title=move || missing(source).then(|| i18n.t(Msg::FiguresPartial).to_owned())
                on:click=move |_| open(page, label, None, String::new())
            >
                <strong>{move || figure(counts.with(count), source)}</strong>
                <span>{i18n.s(label)}</span>
            </button>
        }
    };
    let rows_tile = move |label: Msg, test: &'static str, rows: fn(&Counts) -> &Vec<String>, page: Page, source: Option<Msg>| {
        view! {
            <button
                type="button"
                class="tile"
                class:partial=move || missing(source)
                data-test=test
                data-count=move || counts.with(|c| rows(c).len())
                data-missing=move || missing(source).then_some("true")
                title=move || missing(source).then(|| i18n.t(Msg::FiguresPartial).to_owned())
                on:click=move |_| open(page, label, Some(rows), String::new())
            >
                <strong>{move || figure(counts.with(|c| rows(c).len()), source)}</strong>
                <span>{i18n.s(label)}</span>
            </button>
        }
    };
    let shows = move |c: Cloud| clouds.with_value(|cs| cs.contains(&c));
    // The figures are for the region in use (Settings), named in each cloud's heading.
    let settings = expect_context::<crate::settings::Settings>();
    let region = move |cloud: Cloud| move || crate::labels::region_label(cloud, &settings.region(cloud).get(), i18n.0.get());
    let bce = shows(Cloud::Bce).then(|| {
        view! {
            <section class="tiles" data-test="overview-bce">
                <h3>{i18n.s(cloud_label(Cloud::Bce))}" · "<span data-test="ov-region">{region(Cloud::Bce)}</span></h3>
                {tile(Msg::SecurityGroups, "ov-bce-groups", |c| c.bce_groups, Page::BceSecurityGroups, Some(Msg::ListBceGroups))}
                {tile(Msg::RulesWord, "ov-bce-rules", |c| c.bce_rules, Page::BceSecurityGroups, Some(Msg::ListBceGroups))}
                <div class="tile-quota">
                    {tile(Msg::EnterpriseSecurityGroups, "ov-esgs", |c| c.esgs, Page::BceEnterpriseSecurityGroups, Some(Msg::ListEsgs))}
                    // The account's cap, seen before the cloud refuses a new group.
                    <small class="muted" data-test="ov-esgs-quota">{move || format!("{} / {MAX_ESGS} {}", counts.with(|c| c.esgs), i18n.t(Msg::QuotaUsed))}</small>
                </div>
                {tile(Msg::Instances, "ov-instances", |c| c.instances, Page::BceInstances, Some(Msg::ListInstances))}
                {tile(Msg::Endpoints, "ov-cards", |c| c.cards, Page::BceEndpoints, Some(Msg::ListCards))}
                {rows_tile(Msg::UnboundGroups, "ov-unbound", |c| &c.unbound, Page::BceSecurityGroups, Some(Msg::ListInstances))}
                {rows_tile(Msg::EsgsUnbound, "ov-esgs-unbound", |c| &c.esgs_unbound, Page::BceEnterpriseSecurityGroups, Some(Msg::ListInstances))}
                {rows_tile(Msg::AtGroupLimit, "ov-at-limit", |c| &c.at_limit, Page::BceInstances, Some(Msg::ListInstances))}
                {rows_tile(Msg::NearRuleQuota, "ov-near-quota", |c| &c.near_quota, Page::BceSecurityGroups, Some(Msg::ListBceGroups))}
            </section>
        }
    });
    let huawei = shows(Cloud::Huawei).then(|| {
        view! {
            <section class="tiles" data-test="overview-huawei">
                <h3>{i18n.s(cloud_label(Cloud::Huawei))}" · "<span data-test="ov-region">{region(Cloud::Huawei)}</span></h3>
                {tile(Msg::SecurityGroups, "ov-hw-groups", |c| c.hw_groups, Page::HuaweiSecurityGroups, Some(Msg::ListHuawei))}
                {tile(Msg::RulesWord, "ov-hw-rules", |c| c.hw_rules, Page::HuaweiSecurityGroups, Some(Msg::ListHuawei))}
            </section>
        }
    });
    let sensitive = move || {
        counts.with(|c| {
            c.sensitive
                .iter()
                .map(|&(port, service, reached)| {
                    // A port opens the exposure view filtered to it.
                    view! {
                        <li data-port=port data-reached=reached>
                            <button type="button" class="link" on:click=move |_| open(Page::Exposure, Msg::Exposure, None, port.to_string())>
                                {move || format!("{port} {service}: {}", i18n.count(reached, Msg::TargetReached, Msg::TargetsReached))}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="home" data-test="overview">
            <h2>{i18n.s(Msg::Overview)}</h2>
            <EstateProgress estate=estate test="overview-progress"/>
            <section class="tiles" data-test="overview-exposure">
                <h3>{i18n.s(Msg::Exposure)}</h3>
                {tile(Msg::OpenRules, "ov-open", |c| c.open, Page::Exposure, None)}
                <ul class="chips" data-test="ov-sensitive">{sensitive}</ul>
            </section>
            {bce}
            {huawei}
            <p class="muted">{i18n.s(Msg::SecretsStay)}</p>
        </section>
    }
}
