//! A change sent to the API, as a Leptos `Action`: `pending` while it runs, and its
//! outcome handled by the view that owns it — if the view is gone by the time the answer
//! comes, nothing runs.
//!
//! A change that completes after its view is gone (the user went to another page) is
//! still reported: to the console's [`LateOutcomes`], which the shell shows.
//!
//! Every `Change<O>` shares one `Action` instantiation (jobs and outcomes type-erased):
//! an `Action` per input/output pair cost about 6 KB of wasm each.

use std::any::Any;
use std::cell::RefCell;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::ApiError;

type Erased = Rc<dyn Any>;
type Outcome = Result<Erased, ApiError>;
type Job = Pin<Box<dyn Future<Output = Outcome>>>;
/// What the action is dispatched with: the job to run (taken once), and what it is.
type JobCell = Rc<RefCell<Option<(Job, String)>>>;
type Done = Rc<dyn Fn(&Outcome)>;

/// Outcomes of changes whose view was gone when they completed: how many succeeded, and
/// the latest failure with what it was ("authorize … on g-web00001"). Provided by the
/// console's shell, which outlives every page.
#[derive(Clone, Copy)]
pub struct LateOutcomes {
    pub succeeded: RwSignal<usize>,
    pub failed: RwSignal<Option<(String, ApiError)>>,
}

/// Counts the changes that went through, so what was loaded before one (the estate an
/// impact is computed on) knows to load again. Provided by the shell.
#[derive(Clone, Copy)]
pub struct ChangesMade(pub RwSignal<u64>);

/// A change's passage: shown before it is sent, named after. The impact view that shows a
/// change sets its `id`; a change is sent only under an id that was shown (and, when it
/// opens a sensitive port or everything to the internet, only once that is accepted), and
/// its requests carry the id (`api::transport::Tagged`). No other way sends a change.
#[derive(Clone, Copy)]
pub struct Gate {
    pub id: RwSignal<String>,
    /// One line naming the change (the action, the rule, the group): how a late outcome
    /// is reported.
    pub what: RwSignal<String>,
    pub risky: RwSignal<bool>,
    pub accepted: RwSignal<bool>,
    /// Why the policy `palisade serve` enforces refuses the change: then it is not sent.
    pub blocked: RwSignal<Option<String>>,
}

impl Default for Gate {
    fn default() -> Self {
        Self::new()
    }
}

impl Gate {
    pub fn new() -> Gate {
        Gate {
            id: RwSignal::new(String::new()),
            what: RwSignal::new(String::new()),
            risky: RwSignal::new(false),
            accepted: RwSignal::new(false),
            blocked: RwSignal::new(None),
        }
    }

    /// Whether the change may be sent: shown, and its risk accepted if it has one (tracked).
    pub fn ready(self) -> bool {
        !self.id.with(String::is_empty) && (!self.risky.get() || self.accepted.get()) && self.blocked.with(Option::is_none)
    }

    /// `ready`, not tracked (a click handler).
    pub fn ready_untracked(self) -> bool {
        untrack(|| self.ready())
    }
}

pub struct Change<O> {
    action: Action<JobCell, Outcome>,
    _output: PhantomData<fn(O)>,
}

impl<O> Clone for Change<O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<O> Copy for Change<O> {}

/// The part that does not depend on `O`.
fn erased_action(done: Done) -> Action<JobCell, Outcome> {
    // Whether the view is still there when an answer comes, and where to say it if not.
    let alive = Rc::new(std::cell::Cell::new(true));
    let flag = send_wrapper::SendWrapper::new(alive.clone());
    on_cleanup(move || flag.set(false));
    let late = use_context::<LateOutcomes>();
    let made = use_context::<ChangesMade>();
    let action = Action::new_local(move |job: &JobCell| {
        let job = job.borrow_mut().take();
        let alive = alive.clone();
        async move {
            let (outcome, what) = match job {
                Some((job, what)) => (job.await, what),
                None => (Err(ApiError::Cancelled), String::new()),
            };
            if outcome.is_ok() {
                if let Some(made) = made {
                    let _ = made.0.try_update(|n| *n += 1);
                }
            }
            // The view is gone, so its handler will not run: the shell says what happened.
            // (A change that was never sent, `Cancelled`, has nothing to report.)
            if let (false, Some(late)) = (alive.get(), late.filter(|_| !matches!(outcome, Err(ApiError::Cancelled)))) {
                match &outcome {
                    Ok(_) => drop(late.succeeded.try_update(|n| *n += 1)),
                    Err(e) => drop(late.failed.try_set(Some((what, e.clone())))),
                }
            }
            outcome
        }
    });
    // An effect owned by the view: it ends with the view, so a late answer runs nothing.
    let done = send_wrapper::SendWrapper::new(done);
    Effect::new(move |_| {
        if let Some(outcome) = action.value().get() {
            (*done)(&outcome);
        }
    });
    action
}

impl<O: Clone + 'static> Change<O> {
    /// `done` is called with each outcome, in the view's reactive scope.
    pub fn new(done: impl Fn(Result<O, ApiError>) + 'static) -> Self {
        let done: Done = Rc::new(move |outcome: &Outcome| {
            let typed = match outcome {
                Ok(v) => match v.downcast_ref::<O>() {
                    Some(v) => Ok(v.clone()),
                    None => return,
                },
                Err(e) => Err(e.clone()),
            };
            done(typed)
        });
        Self { action: erased_action(done), _output: PhantomData }
    }

    /// Sends the change through `gate`: its requests name the change its impact view
    /// showed. Not sent (a local error says why) when the gate was never shown, or its risk
    /// not accepted.
    pub fn run(&self, gate: Gate, job: impl Future<Output = Result<O, ApiError>> + 'static) {
        let (id, what) = (gate.id.get_untracked(), gate.what.get_untracked());
        let accepted = !gate.risky.get_untracked() || gate.accepted.get_untracked();
        let blocked = gate.blocked.get_untracked();
        let job: Job = if id.is_empty() || !accepted || blocked.is_some() {
            let why = if id.is_empty() {
                "not sent: what it would change was not shown".to_owned()
            } else if let Some(reason) = blocked {
                format!("not sent: it breaks the policy: {reason}")
            } else {
                "not sent: its risk was not accepted".to_owned()
            };
            Box::pin(async move { Err(ApiError::Local(why)) })
        } else {
            Box::pin(crate::api::transport::Tagged::new(id, async move { job.await.map(|v| Rc::new(v) as Erased) }))
        };
        self.action.dispatch_local(Rc::new(RefCell::new(Some((job, what)))));
    }

    /// True while a change is in flight.
    pub fn pending(&self) -> Signal<bool> {
        let pending = self.action.pending();
        Signal::derive(move || pending.get())
    }
}
