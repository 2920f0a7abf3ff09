use leptos::prelude::*;
use palisade_core::bce::esg::EnterpriseSecurityGroup;
use palisade_core::bce::instance::Instance;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::huawei::rule::SecurityGroupRule as HuaweiRule;
use palisade_core::huawei::security_group::SecurityGroup as HuaweiGroup;
use palisade_core::reach::estate::RuleRef;
use palisade_core::reach::Connection;
use palisade_core::Cloud;

use crate::api::{bce, huawei, use_api};
use crate::components::connection_form::ConnectionForm;
use crate::components::error_notice::ErrorNotice;
use crate::components::filter_box::FilterBox;
use crate::components::refresh_button::RefreshButton;
use crate::components::rule_table::{RuleLine, RuleTable};
use crate::download;
use crate::exposure::{csv, ExposureData, Lists};
use crate::i18n::{use_i18n, Msg};
use crate::loaded::Loaded;
use crate::pages::bce_endpoints::{load_cards, Card};
use crate::pages::cloud_label;
use crate::text::Searchable;

/// What a "who accepts" question found.
#[derive(Debug, Clone, PartialEq)]
struct Answer {
    accepting: Vec<(usize, RuleRef)>,
    millis: f64,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Both clouds at once: every rule open to the internet, sensitive ports first, what
/// each reaches, and "who accepts tcp 5432 from 203.0.113.7?".
#[component]
pub fn Exposure(clouds: StoredValue<Vec<Cloud>>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let shows = move |c: Cloud| clouds.with_value(|cs| cs.contains(&c));
    // Five loads side by side (at most five requests in flight; each list paged, the cards one VPC and card at a time).
    let groups = Loaded::<Vec<SecurityGroup>>::new(move || {
        api.scope(Cloud::Bce);
        async move {
            if shows(Cloud::Bce) {
                bce::list_security_groups(&api).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let esgs = Loaded::<Vec<EnterpriseSecurityGroup>>::new(move || {
        api.scope(Cloud::Bce);
        async move {
            if shows(Cloud::Bce) {
                bce::list_esgs(&api).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let instances = Loaded::<Vec<Instance>>::new(move || {
        api.scope(Cloud::Bce);
        async move {
            if shows(Cloud::Bce) {
                bce::list_instances(&api).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    // Cards: the VPCs, each VPC's cards, each card's groups (the real API shows no groups
    // on a card), one request at a time.
    let cards = Loaded::<Vec<Card>>::new(move || {
        api.scope(Cloud::Bce);
        async move {
            if !shows(Cloud::Bce) {
                return Ok(Vec::new());
            }
            let vpcs = bce::list_vpcs(&api).await?.into_iter().map(|v| v.vpc_id).collect();
            load_cards(api, vpcs).await
        }
    });
    let hw = Loaded::<Vec<(HuaweiGroup, Vec<HuaweiRule>)>>::new(move || {
        api.scope(Cloud::Huawei);
        async move {
            if !shows(Cloud::Huawei) {
                return Ok(Vec::new());
            }
            let groups = huawei::list_security_groups(&api).await?;
            let rules = huawei::list_all_rules(&api).await?;
            let buckets = crate::exposure::bucket(&groups, rules);
            Ok(groups.into_iter().zip(buckets).collect())
        }
    });
    let busy = [groups.busy(), esgs.busy(), instances.busy(), cards.busy(), hw.busy()];
    let loaded = move || busy.iter().filter(|b| !b.get()).count();
    let reload = move || {
        groups.reload();
        esgs.reload();
        instances.reload();
        cards.reload();
        hw.reload();
    };
    let data = Memo::new(move |_| {
        groups.with(|g| {
            esgs.with(|e| {
                instances.with(|i| {
                    cards.with(|c| {
                        hw.with(|h| {
                            ExposureData::build(&Lists {
                                bce_groups: g.map_or(&[], Vec::as_slice),
                                esgs: e.map_or(&[], Vec::as_slice),
                                instances: i.map_or(&[], Vec::as_slice),
                                cards: c.map_or(&[], Vec::as_slice),
                                huawei: h.map_or(&[], Vec::as_slice),
                            })
                        })
                    })
                })
            })
        })
    });
    let filter = RwSignal::new(String::new());
    let search = Memo::new(move |_| {
        data.with(|d| {
            d.open
                .iter()
                .map(|&r| {
                    let g = &d.groups[r.group];
                    let text = format!("{} {} {} {} {}", g.cloud.slug(), g.name, g.id, d.line(r), d.reaches(r));
                    Searchable::new(&text, d.estate.rule(r).cloned())
                })
                .collect::<Vec<_>>()
        })
    });
    let line = Callback::new(move |i: usize| {
        data.with(|d| {
            let Some(&r) = d.open.get(i) else { return RuleLine::default() };
            let reaches = d.reaches(r);
            let g = &d.groups[r.group];
            let sensitive = d.estate.rule(r).map(|x| x.sensitive_ports()).unwrap_or_default();
            let sensitive = sensitive
                .iter()
                .map(|&p| format!("{p} {}", palisade_core::reach::exposure::service(p).unwrap_or("")))
                .collect::<Vec<_>>()
                .join(", ");
            RuleLine {
                id: d.rule_id(r).to_owned(),
                cells: vec![
                    sensitive.into(),
                    format!("{} · {} ({})", i18n.t(cloud_label(g.cloud)), g.name, g.id).into(),
                    d.line(r).to_owned().into(),
                    reaches.into(),
                ],
                deny: false,
                risk: crate::readable::at_risk(d.estate.rule(r)),
            }
        })
    });
    let by_port = move || {
        data.with(|d| d.estate.by_sensitive_port(&d.open))
            .into_iter()
            .map(|p| {
                view! {
                    <li data-port=p.port data-rules=p.rules data-reached=p.targets>
                        <strong>{format!("{} {}", p.port, p.service)}</strong>
                        {format!(": {} · {} {}", p.rules, p.targets, i18n.t(Msg::Reaches).to_lowercase())}
                    </li>
                }
            })
            .collect_view()
    };
    let export_error = RwSignal::new(None::<String>);
    let export = move |_| {
        let text = data.with(csv);
        export_error.set(download::save("exposure.csv", "text/csv", &text).err());
    };

    // "Who accepts this connection?"
    let asked = RwSignal::new(None::<Connection>);
    let answer = Memo::new(move |_| {
        asked.get().map(|c| {
            let started = now();
            let accepting = data.with(|d| d.estate.who_accepts(&c));
            Answer { accepting, millis: now() - started }
        })
    });
    let answer_view = move || {
        answer.get().map(|a| {
            let items = data.with(|d| {
                a.accepting
                    .iter()
                    .map(|&(t, r)| {
                        let target = &d.targets[t];
                        view! {
                            <li data-target=target.id.clone()>
                                {format!("{} ({}) — ", target.name, target.id)}<code>{d.line(r).to_owned()}</code>
                            </li>
                        }
                    })
                    .collect_view()
            });
            let head = if a.accepting.is_empty() {
                i18n.t(Msg::NoneAccepts).to_owned()
            } else {
                format!("{} {}", a.accepting.len(), i18n.t(Msg::AcceptedBy))
            };
            view! {
                <div class="verdict" data-test="accepting" data-count=a.accepting.len() data-ms={a.millis as u32}>
                    <p><strong>{head}</strong>" "<span class="muted">{format!("({} {})", a.millis as u32, i18n.t(Msg::AnsweredIn))}</span></p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };

    view! {
        <section class="page" data-test="page-exposure">
            <h2>{i18n.s(Msg::Exposure)}</h2>
            <p class="muted">{i18n.s(Msg::ExposureIntro)}</p>
            <p class="muted" data-test="exposure-progress">
                <progress max=busy.len() value=move || loaded().to_string()></progress>
                {move || format!(" {} / {} {}", loaded(), busy.len(), i18n.t(Msg::ListsLoaded))}
            </p>
            <ErrorNotice error=groups.error/>
            <ErrorNotice error=esgs.error/>
            <ErrorNotice error=instances.error/>
            <ErrorNotice error=cards.error/>
            <ErrorNotice error=hw.error/>
            <p data-test="open-count" data-open=move || data.with(|d| d.open.len())>
                <strong>{move || data.with(|d| d.open.len())}</strong>" "{i18n.s(Msg::OpenRules)}
            </p>
            <ul class="chips" data-test="by-port">{by_port}</ul>
            <div data-test="who-accepts">
                <strong>{i18n.s(Msg::WhoAccepts)}</strong>
                <ConnectionForm submit_label=Msg::Ask on_submit=Callback::new(move |c| asked.set(Some(c))) ingress_only=true/>
            </div>
            {answer_view}
            <div class="toolbar">
                <FilterBox value=filter/>
                <button type="button" data-test="export-csv" on:click=export>{i18n.s(Msg::ExportCsv)}</button>
                <RefreshButton busy=Signal::derive(move || loaded() < busy.len()) on_refresh=Callback::new(move |_| reload())/>
            </div>
            {move || export_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div data-test="exposure-list">
                <RuleTable
                    columns=&[Msg::SensitivePorts, Msg::Group, Msg::Rule, Msg::Reaches, Msg::Actions]
                    search=search
                    line=line
                    filter=filter
                    action=None
                />
            </div>
        </section>
    }
}
