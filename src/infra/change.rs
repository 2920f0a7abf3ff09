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
/// What the action is dispatched with: the job to run (taken once).
type JobCell = Rc<RefCell<Option<Job>>>;
type Done = Rc<dyn Fn(&Outcome)>;

/// Outcomes of changes whose view was gone when they completed: how many succeeded, and
/// the latest failure. Provided by the console's shell, which outlives every page.
#[derive(Clone, Copy)]
pub struct LateOutcomes {
    pub succeeded: RwSignal<usize>,
    pub failed: RwSignal<Option<ApiError>>,
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
    let action = Action::new_local(move |job: &JobCell| {
        let job = job.borrow_mut().take();
        let alive = alive.clone();
        async move {
            let outcome = match job {
                Some(job) => job.await,
                None => Err(ApiError::Cancelled),
            };
            // The view is gone, so its handler will not run: the shell says what happened.
            // (A change that was never sent, `Cancelled`, has nothing to report.)
            if let (false, Some(late)) = (alive.get(), late.filter(|_| !matches!(outcome, Err(ApiError::Cancelled)))) {
                match &outcome {
                    Ok(_) => drop(late.succeeded.try_update(|n| *n += 1)),
                    Err(e) => drop(late.failed.try_set(Some(e.clone()))),
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

    /// Sends the change.
    pub fn run(&self, job: impl Future<Output = Result<O, ApiError>> + 'static) {
        let job: Job = Box::pin(async move { job.await.map(|v| Rc::new(v) as Erased) });
        self.action.dispatch_local(Rc::new(RefCell::new(Some(job))));
    }

    /// True while a change is in flight.
    pub fn pending(&self) -> Signal<bool> {
        let pending = self.action.pending();
        Signal::derive(move || pending.get())
    }
}
