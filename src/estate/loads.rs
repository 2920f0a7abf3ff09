//! The five loads behind the exposure view and the overview — Baidu groups, enterprise
//! groups, instances, cards (with their groups); Huawei groups with the project's rules —
//! and the estate built from them.

use std::future::Future;

use leptos::prelude::*;
use palisade_core::bce::esg::EnterpriseSecurityGroup;
use palisade_core::bce::instance::Instance;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::huawei::rule::SecurityGroupRule as HuaweiRule;
use palisade_core::huawei::security_group::SecurityGroup as HuaweiGroup;
use palisade_core::Cloud;

use crate::api::{bce, huawei, use_api, ApiError};
use crate::estate::cards::{load_cards, Card};
use crate::estate::exposure::{ExposureData, Lists};
use crate::infra::loaded::Loaded;

/// A cloud the console does not show answers empty, without a request.
async fn if_shown<T: Default>(shown: bool, load: impl Future<Output = Result<T, ApiError>>) -> Result<T, ApiError> {
    if shown {
        load.await
    } else {
        Ok(T::default())
    }
}

#[derive(Clone, Copy)]
pub struct EstateLoads {
    pub groups: Loaded<Vec<SecurityGroup>>,
    pub esgs: Loaded<Vec<EnterpriseSecurityGroup>>,
    pub instances: Loaded<Vec<Instance>>,
    pub cards: Loaded<Vec<Card>>,
    pub hw: Loaded<Vec<(HuaweiGroup, Vec<HuaweiRule>)>>,
    pub data: Memo<ExposureData>,
}

impl EstateLoads {
    /// Starts the loads of the clouds the console shows (the others answer empty).
    pub fn new(clouds: StoredValue<Vec<Cloud>>) -> EstateLoads {
        let api = use_api();
        let shows = move |c: Cloud| clouds.with_value(|cs| cs.contains(&c));
        // Five loads side by side (at most five requests in flight; each list paged, the cards one VPC and card at a time).
        let groups = Loaded::<Vec<SecurityGroup>>::new(move || {
            api.scope(Cloud::Bce);
            let shown = shows(Cloud::Bce);
            async move { if_shown(shown, bce::list_security_groups(&api)).await }
        });
        let esgs = Loaded::<Vec<EnterpriseSecurityGroup>>::new(move || {
            api.scope(Cloud::Bce);
            let shown = shows(Cloud::Bce);
            async move { if_shown(shown, bce::list_esgs(&api)).await }
        });
        let instances = Loaded::<Vec<Instance>>::new(move || {
            api.scope(Cloud::Bce);
            let shown = shows(Cloud::Bce);
            async move { if_shown(shown, bce::list_instances(&api)).await }
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
                let buckets = crate::estate::exposure::bucket(&groups, rules);
                Ok(groups.into_iter().zip(buckets).collect())
            }
        });
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
        EstateLoads { groups, esgs, instances, cards, hw, data }
    }

    /// One flag per load, for a progress bar.
    pub fn busy(&self) -> [Signal<bool>; 5] {
        [self.groups.busy(), self.esgs.busy(), self.instances.busy(), self.cards.busy(), self.hw.busy()]
    }

    /// The lists whose newest load failed, by name, with the error (tracked): what a
    /// figure built now leaves out.
    pub fn failures(&self) -> Vec<(crate::i18n::Msg, ApiError)> {
        use crate::i18n::Msg;
        [
            (self.groups.error, Msg::ListBceGroups),
            (self.esgs.error, Msg::ListEsgs),
            (self.instances.error, Msg::ListInstances),
            (self.cards.error, Msg::ListCards),
            (self.hw.error, Msg::ListHuawei),
        ]
        .into_iter()
        .filter_map(|(e, m)| e.get().map(|e| (m, e)))
        .collect()
    }

    /// The lists whose newest load failed, by name (tracked).
    pub fn missing(&self) -> Vec<crate::i18n::Msg> {
        self.failures().into_iter().map(|(m, _)| m).collect()
    }

    /// Whether the list behind `msg` failed to load (tracked).
    pub fn failed(&self, msg: crate::i18n::Msg) -> bool {
        self.missing().contains(&msg)
    }

    /// Whether any list is still loading (tracked).
    pub fn loading(&self) -> bool {
        self.busy().iter().any(|b| b.get())
    }

    pub fn reload(&self) {
        self.groups.reload();
        self.esgs.reload();
        self.instances.reload();
        self.cards.reload();
        self.hw.reload();
    }
}
