use leptos::prelude::*;
use palisade_core::Cloud;

use crate::api::ApiError;
use crate::components::notice::error_notice::ErrorNotice;
use crate::estate::loads::EstateLoads;
use crate::i18n::{use_i18n, Msg};

/// How far the estate's loads are: how many lists loaded and how many did not, each
/// failure once with the lists it stopped (a wrong key fails four Baidu lists alike), and,
/// once all are in, that the figures leave out what did not load.
#[component]
pub fn EstateProgress(estate: EstateLoads, test: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let settings = expect_context::<crate::settings::Settings>();
    let busy = estate.busy();
    let total = busy.len();
    let failures = Memo::new(move |_| estate.failures());
    let failed = move || failures.with(Vec::len);
    let loaded = move || busy.iter().filter(|b| !b.get()).count().saturating_sub(failed());
    let loading = move || busy.iter().any(|b| b.get());
    // Failures alike (the same code, or the same kind of failure), together: (the lists,
    // the first one's error, whose request id is one of them).
    let alike = |a: &ApiError, b: &ApiError| match (a.code(), b.code()) {
        (Some(x), Some(y)) => x == y,
        (None, None) => std::mem::discriminant(a) == std::mem::discriminant(b),
        _ => false,
    };
    let grouped = Memo::new(move |_| {
        let mut out: Vec<(Vec<Msg>, ApiError)> = Vec::new();
        for (list, error) in failures.get() {
            match out.iter_mut().find(|(_, e)| alike(e, &error)) {
                Some((lists, _)) => lists.push(list),
                None => out.push((vec![list], error)),
            }
        }
        out
    });
    let region = move |list: Msg| {
        let cloud = if list == Msg::ListHuawei { Cloud::Huawei } else { Cloud::Bce };
        settings.region(cloud).get()
    };
    let notices = move || {
        grouped
            .get()
            .into_iter()
            .map(|(lists, error)| {
                let names = lists.iter().map(|&l| format!("{} ({})", i18n.t(l), region(l))).collect::<Vec<_>>().join(", ");
                let codes = lists.iter().map(|&l| format!("{l:?}")).collect::<Vec<_>>().join(" ");
                view! {
                    <div class="estate-failed" data-test="estate-failed" data-lists=codes>
                        <p><strong>{format!("{} {names}", i18n.t(Msg::NotLoaded))}</strong></p>
                        <ErrorNotice error=Signal::derive(move || Some(error.clone()))/>
                    </div>
                }
            })
            .collect_view()
    };
    let partial = move || failed() > 0 && !loading();
    view! {
        <p class="muted" data-test=test data-loaded=loaded data-failed=failed>
            <progress max=total value=move || loaded().to_string()></progress>
            {move || format!(" {} / {total} {}", loaded(), i18n.t(Msg::ListsLoaded))}
            {move || (failed() > 0).then(|| format!(" · {} {}", failed(), i18n.t(Msg::ListsNotLoaded)))}
        </p>
        {notices}
        <Show when=partial>
            <p class="field-error" role="status" data-test="estate-partial">{i18n.s(Msg::FiguresPartial)}</p>
        </Show>
    }
}
