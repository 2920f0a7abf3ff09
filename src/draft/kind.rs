//! What differs between the clouds as a draft sees them (`DraftKind`), and the handles a
//! kind's cells and own controls get.

use std::future::Future;

use leptos::prelude::*;
use palisade_core::plan::{Call, Caps, PlanRule};
use palisade_core::validate::Problem;
use serde::{de::DeserializeOwned, Serialize};

use crate::api::{Api, ApiError};
use crate::i18n::{I18n, Msg};
use crate::import::file::FileRule;

/// One kind of group as a draft sees it.
pub trait DraftKind: 'static {
    type R: PlanRule + FileRule + Serialize + DeserializeOwned + Send + Sync + 'static;
    /// The cloud's name in a plan file (`bce`, `huawei`).
    const CLOUD: &'static str;
    const CAPS: Caps;
    /// The draft's columns (an Actions column follows).
    const COLUMNS: &'static [Msg];
    /// The group's rules as they are now, and its version when the cloud keeps one.
    fn live(api: Api, group: String) -> impl Future<Output = Result<(Vec<Self::R>, Option<i64>), ApiError>>;
    /// Sends one call; `live` is what the group held just before (for the checks the
    /// cloud makes against the other rules).
    fn send(
        api: Api,
        group: String,
        call: Call<Self::R>,
        live: Vec<Self::R>,
        version: Option<i64>,
    ) -> impl Future<Output = Result<(), ApiError>>;
    /// How many new rules one call can add (`plan::batches`).
    const BATCH: usize = 1;
    /// Adds several rules in one call (only called with more than one when `BATCH` > 1).
    fn send_adds(
        api: Api,
        group: String,
        rules: Vec<Self::R>,
        live: Vec<Self::R>,
        version: Option<i64>,
    ) -> impl Future<Output = Result<(), ApiError>> {
        async move {
            for r in rules {
                Self::send(api, group.clone(), Call::Add(r), live.clone(), version).await?;
            }
            Ok(())
        }
    }
    /// Several adds sent as one call, as the review lists it: a short name and the request.
    fn adds_line(rules: &[Self::R]) -> (&'static str, String) {
        let lines: Vec<String> = rules.iter().map(|r| Self::call_line(&Call::Add(r.clone())).1).collect();
        ("authorizeRule", lines.join(" · "))
    }
    /// The rule as the cloud would check it.
    fn problems(r: &Self::R) -> Vec<Problem>;
    /// One line naming the rule.
    fn summary(r: &Self::R) -> String;
    /// The rule's fields by their wire names, in a fixed order: what a changed rule's
    /// review line compares, field by field.
    fn fields(r: &Self::R) -> Vec<(&'static str, String)>;
    /// The call as the review lists it: a short name for tests, and the request.
    fn call_line(c: &Call<Self::R>) -> (&'static str, String);
    /// A new rule's starting values.
    fn blank() -> Self::R;
    /// The connection test's smallest rule as this kind writes it (`None`: the kind has
    /// no draft seeded this way; Huawei's test fills its rule form instead).
    fn suggested(_s: &palisade_core::reach::Suggestion) -> Option<Self::R> {
        None
    }
    /// The rule's editable cells.
    fn cells(i18n: I18n, r: &Self::R, edit: RuleEdit<Self::R>) -> AnyView;
    /// Controls only this kind has (Baidu: rules from a file or another group).
    fn extras(_i18n: I18n, _ctx: DraftCtx<Self::R>) -> AnyView {
        ().into_any()
    }
}

/// A cell's handle on one rule of the draft.
pub struct RuleEdit<R: 'static> {
    pub(super) draft: RwSignal<Vec<R>>,
    pub(super) i: usize,
    /// Set while an edit typed in a row is applied: the rows are not drawn again for it
    /// (the field keeps its focus and caret), while the review follows each keystroke.
    pub(super) typing: StoredValue<bool>,
}

impl<R> Clone for RuleEdit<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for RuleEdit<R> {}

impl<R: Send + Sync + 'static> RuleEdit<R> {
    pub fn set(self, f: impl Fn(&mut R)) {
        self.typing.set_value(true);
        self.draft.update(|d| {
            if let Some(r) = d.get_mut(self.i) {
                f(r);
            }
        })
    }
}

/// What a kind's own controls work on.
pub struct DraftCtx<R: 'static> {
    pub draft: RwSignal<Vec<R>>,
    pub group: StoredValue<String>,
    /// What the last rules brought in did (a file, a copy): shown under the draft.
    pub note: RwSignal<Option<(bool, String)>>,
}

impl<R> Clone for DraftCtx<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for DraftCtx<R> {}

impl<R: PlanRule + Send + Sync + 'static> DraftCtx<R> {
    /// Rules from elsewhere join the draft (never the cloud directly); one the draft
    /// already holds, by the cloud's identity, is not added twice. Returns how many joined.
    pub fn join(self, rules: Vec<R>) -> usize {
        let mut added = 0;
        self.draft.update(|d| {
            for r in rules {
                let r = r.content();
                let id = r.identity();
                if !d.iter().any(|x| x.identity() == id) {
                    d.push(r);
                    added += 1;
                }
            }
        });
        added
    }

    /// Rules copied from `from` join the draft; what the draft's note says of it
    /// ("2 / 3 rules joined the draft (g-1)").
    pub fn join_from(self, i18n: I18n, rules: Vec<R>, from: &str) -> String {
        let n = rules.len();
        format!("{} / {n} {} ({from})", self.join(rules), i18n.t(Msg::JoinedDraft))
    }
}

/// "Copy the rules of": a chooser of other groups (`(value, label)`) whose pick is handed
/// to `on_pick`; it goes back to "—", so the same group can be picked again.
pub fn copy_chooser(i18n: I18n, options: Signal<Vec<(String, String)>>, on_pick: Callback<String>) -> AnyView {
    let pick = move |ev: leptos::ev::Event| {
        let from = event_target_value(&ev);
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        select.set_value("");
        if !from.is_empty() {
            on_pick.run(from);
        }
    };
    view! {
        <div class="form-actions draft-extras">
            <label class="field inline">
                <span>{i18n.s(Msg::CopyFrom)}</span>
                <select data-test="draft-copy-from" on:change=pick>
                    <option value="">"—"</option>
                    {move || options.get().into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
                </select>
            </label>
        </div>
    }
    .into_any()
}
