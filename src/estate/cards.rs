//! The cards (service network interface cards) with the groups bound to them: the cards
//! page lists them, and the estate's loads count them.

use palisade_core::bce::endpoint::Endpoint;
use palisade_core::reach::Rule;
use palisade_core::Direction;

use crate::api::{bce, Api, ApiError};

/// A group as a card shows it: id and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GroupRef {
    pub id: String,
    pub name: String,
}

/// A card with the groups bound to it, learnt the way the real API allows: listing
/// regular groups and enterprise groups with `instanceId` = the card's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub endpoint: Endpoint,
    pub groups: Vec<GroupRef>,
    pub esgs: Vec<GroupRef>,
    /// The ingress rules of every bound group, for a search by port.
    pub reach: Vec<Rule>,
}

/// The cards of the chosen VPC, or of every VPC in turn (the API needs `vpcId`).
pub async fn load_cards(api: Api, vpcs: Vec<String>) -> Result<Vec<Card>, ApiError> {
    let mut cards = Vec::new();
    for vpc in vpcs {
        for endpoint in bce::list_endpoints(&api, &vpc).await? {
            let groups = bce::groups_of(&api, &endpoint.endpoint_id, endpoint.vpc_id.as_deref().or(Some(&vpc))).await?;
            let esgs = bce::esgs_of(&api, &endpoint.endpoint_id).await?;
            let reach = groups
                .iter()
                .flat_map(|g| g.rules.iter().filter_map(Rule::from_bce))
                .chain(esgs.iter().flat_map(|g| g.rules.iter().filter_map(Rule::from_esg)))
                .filter(|r| r.direction == Direction::Ingress)
                .collect();
            cards.push(Card {
                reach,
                groups: groups.into_iter().map(|g| GroupRef { id: g.id, name: g.name }).collect(),
                esgs: esgs.into_iter().map(|g| GroupRef { id: g.id, name: g.name }).collect(),
                endpoint,
            });
        }
    }
    Ok(cards)
}
