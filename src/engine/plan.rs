//! The course plan: which activities are open, and a short ranked list of what to do next, each with its
//! reason (the numbers it used, and a sentence for the learner). The learner picks from the list (voice
//! and choice) unless the author restricts it; the teacher's overrides come first and are never inferred.
//!
//! Rules, in order of rank:
//! 1. **Assigned** by the teacher or operator.
//! 2. **Remediation**: a skill is wheel-spinning (many answers without mastery): go back to an unmastered
//!    prerequisite's practice, else the skill's lesson. Never the activity just done, so it cannot loop.
//! 3. **Review**: a mastered skill whose spaced review is due (see [`review_due`]).
//! 4. **Continue** an activity started and not finished.
//! 5. **Next**: the first skill, in prerequisite order, whose prerequisites are mastered and which is not
//!    mastered yet: its lesson if not done, else its practice.
//! 6. **Pre-check**: a check over skills not started yet, to test out of them (skip ahead).
//!
//! Skills unlock when their prerequisites are mastered (P(known) at the package threshold, or tested out
//! in a check); mastery is never final: a later failure can bring P(known) back under the threshold, and
//! the skill's practice comes back.
//!
//! Spaced review is FSRS-6 with its default parameters (see [`super::fsrs`]): mastery counts as a first
//! "Good"; each review's first try is "Good" when right and "Again" when wrong; the next review is due when
//! the predicted recall falls to 90 %. FSRS with default parameters predicts recall far better than SM-2
//! (srs-benchmark: log loss 0.339 against 0.547) and needs only these two ratings.

use super::fold::fold;
pub use super::fold::{course_model, mastery_times, mastery_times_until};
use super::{BktParams, LearnerModel, LoggedAnswer, SkillParams};
use crate::collect::CollectOrdered;
use crate::json::{FromJson, Json, Members, Path, ReadError};
use crate::package::{ActivityKind, ActivityRef, Manifest};
use crate::time::EpochMs;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

const DAY_MS: i64 = 86_400_000;

/// The teacher's or operator's say, from the embedding config or the launch data. Never inferred.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Overrides {
    /// Activities the learner should do first, in order.
    #[serde(default)]
    pub assign: Vec<String>,
    /// Activities closed whatever the plan says.
    #[serde(default)]
    pub lock: Vec<String>,
    /// Activities open whatever their unlock conditions say.
    #[serde(default)]
    pub unlock: Vec<String>,
    #[serde(default)]
    pub accommodations: Accommodations,
}

/// Supports a learner is entitled to (an IEP or 504 plan, an English learner's supports).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Accommodations {
    /// Tries per item on top of the activity's.
    #[serde(default)]
    pub extra_attempts: u32,
    /// The first hint of every item is open from the start.
    #[serde(default)]
    pub hints_always_on: bool,
    /// Read-aloud is on by default.
    #[serde(default)]
    pub read_aloud: bool,
    /// Show at most this many options in choice items (the right ones always among them).
    #[serde(default)]
    pub fewer_choices: Option<u32>,
}

/// The operator's config and a cmi5 launch's `overrides` are refused when they name a field there is
/// not: a misspelt `lock` must not silently leave an activity open.
impl FromJson for Overrides {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(json, path, &["assign", "lock", "unlock", "accommodations"])?;
        Ok(Overrides {
            assign: m.or_default("assign")?,
            lock: m.or_default("lock")?,
            unlock: m.or_default("unlock")?,
            accommodations: m.or_default("accommodations")?,
        })
    }
}

impl FromJson for Accommodations {
    fn from_json(json: &Json<'_>, path: Path<'_>) -> Result<Self, ReadError> {
        let m = Members::new(
            json,
            path,
            &[
                "extraAttempts",
                "hintsAlwaysOn",
                "readAloud",
                "fewerChoices",
            ],
        )?;
        Ok(Accommodations {
            extra_attempts: m.or_default("extraAttempts")?,
            hints_always_on: m.or_default("hintsAlwaysOn")?,
            read_aloud: m.or_default("readAloud")?,
            fewer_choices: m.opt("fewerChoices")?,
        })
    }
}

/// Whether an activity can be started.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Open,
    /// Finished (every item answered).
    Done,
    /// Closed, and why.
    Locked(Lock),
}

/// Why an activity is closed: data, put into words by `present`.
#[derive(Debug, Clone, PartialEq)]
pub enum Lock {
    /// The teacher locked it.
    Teacher,
    /// It opens when these skills are mastered and these activities finished (ids, in the package's
    /// order; at least one of the two is not empty).
    Until {
        skills: Vec<String>,
        activities: Vec<String>,
    },
}

/// Why an activity is offered, with the skills the reason is about (ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// The teacher assigned it.
    Assigned,
    /// `skill` keeps going wrong since it was last mastered: back to its weakest unmastered
    /// prerequisite's practice (`prereq`), or to its lesson when there is none.
    Remediation {
        skill: String,
        prereq: Option<String>,
    },
    /// `skill` was mastered a while ago and is due for review.
    Review { skill: String },
    /// Started and not finished.
    Continue,
    /// The next skill in prerequisite order, built on `prereqs` (empty: a place to start);
    /// `practice`: this is the skill's practice, offered beside its lesson.
    Next {
        skill: String,
        prereqs: Vec<String>,
        practice: bool,
    },
    /// A pre-check over skills not started: a learner who knows them can skip ahead.
    PreCheck,
}

impl Why {
    /// The kind of reason, as the player marks an offer (`data-why`).
    pub fn kind(&self) -> &'static str {
        match self {
            Why::Assigned => "assigned",
            Why::Remediation { .. } => "remediation",
            Why::Review { .. } => "review",
            Why::Continue => "continue",
            Why::Next { .. } => "next",
            Why::PreCheck => "precheck",
        }
    }
}

/// The numbers a recommendation was made from ("Why?").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Numbers {
    /// P(known) of each skill the decision looked at, by skill id.
    pub p_known: BTreeMap<String, f64>,
    /// First tries on the skill since it was last mastered (remediation).
    pub attempts_since_mastery: Option<u32>,
    /// Days since the skill was mastered (review).
    pub days_since_mastery: Option<f64>,
}

impl Numbers {
    pub fn is_empty(&self) -> bool {
        self.p_known.is_empty()
            && self.attempts_since_mastery.is_none()
            && self.days_since_mastery.is_none()
    }
}

/// One offered activity.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub activity_id: String,
    pub why: Why,
    pub numbers: Numbers,
}

/// The plan: every activity's status, and the ranked offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub status: BTreeMap<String, Status>,
    /// Best first; at most [`Plan::CHOICES`] (one when the author restricts choice).
    pub offers: Vec<Recommendation>,
    /// P(known) per skill, and whether it counts as mastered.
    pub skills: BTreeMap<String, (f64, bool)>,
}

impl Plan {
    /// How many offers the learner chooses among.
    pub const CHOICES: usize = 3;
}

/// What the plan is made from.
pub struct PlanInput<'a, A> {
    pub manifest: &'a Manifest,
    /// Every attempt of the learner in this package, any activity.
    pub attempts: &'a [A],
    /// Activities finished.
    pub completed: &'a BTreeSet<String>,
    pub overrides: &'a Overrides,
    pub now: EpochMs,
}

/// The BKT parameters of the package's skills (defaults where it gives none), with what the items the
/// manifest has read say ([`Manifest::items`]): every fold of a learner's log reads answers with these.
pub fn skill_params(manifest: &Manifest) -> SkillParams {
    let per_skill: BTreeMap<String, BktParams> = manifest
        .skills
        .iter()
        .filter_map(|s| s.bkt.map(|p| (s.id.clone(), p)))
        .collect_map();
    SkillParams {
        fallback: BktParams::default(),
        per_skill,
        per_item: manifest.items.clone(),
    }
}

/// When skill `skill`'s next review is due, given the times and first-try outcomes of its answers since it
/// was mastered at `mastered_at`: FSRS-6 from a first "Good" at mastery; answers before the due time are
/// practice, not reviews, and do not move it.
pub fn review_due(mastered_at: EpochMs, answers: &[(EpochMs, bool)]) -> EpochMs {
    use super::fsrs::{MemoryState, Rating};
    let mut state = MemoryState::first(Rating::Good);
    let mut last = mastered_at;
    let mut due = mastered_at + i64::from(state.interval_days()) * DAY_MS;
    for &(t, right) in answers {
        if t < due {
            continue;
        }
        let days = u32::try_from((t - last) / DAY_MS).unwrap_or(u32::MAX);
        state = state.next(days, Rating::of(right));
        last = t;
        due = t + i64::from(state.interval_days()) * DAY_MS;
    }
    due
}

/// Makes the plan.
pub fn plan<A: LoggedAnswer>(input: &PlanInput<'_, A>) -> Plan {
    let (model, mastered_times) = fold(input.manifest, input.attempts);
    plan_folded(input, &model, &mastered_times)
}

/// [`plan`] with `input.attempts` already folded into the course model and the mastery times (as
/// [`course_model`] and [`mastery_times`] give them), for a caller that keeps the fold as the log grows
/// ([`MasteryFold::whole`](super::fold::MasteryFold::whole)).
pub fn plan_folded<A: LoggedAnswer>(
    input: &PlanInput<'_, A>,
    model: &LearnerModel,
    mastered_times: &BTreeMap<String, EpochMs>,
) -> Plan {
    let m = input.manifest;
    let threshold = m.settings.mastery_threshold;
    let tested_out = tested_out(m, input.attempts);
    let mastered = |s: &str| model.p_known(s) >= threshold || tested_out.contains(s);
    let skills: BTreeMap<String, (f64, bool)> = m
        .skills
        .iter()
        .map(|s| (s.id.clone(), (model.p_known(&s.id), mastered(&s.id))))
        .collect_map();
    let mut status = BTreeMap::new();
    for a in &m.activities {
        status.insert(a.id.clone(), activity_status(a, input, &mastered));
    }
    let course = Course {
        input,
        model,
        mastered: &mastered,
        mastered_times,
        status: &status,
    };
    // The rules in order of priority, each offering its activities best first; an activity is offered
    // once, for the first rule that offers it.
    let rules: [Rule<A>; 6] = [
        assigned,
        remediation,
        reviews_due,
        continue_started,
        next_skills,
        pre_checks,
    ];
    let mut offers: Vec<Recommendation> = Vec::new();
    for rule in rules {
        for r in rule(&course) {
            if !offers.iter().any(|o| o.activity_id == r.activity_id) {
                offers.push(r);
            }
        }
    }
    offers.truncate(if m.settings.learner_choice {
        Plan::CHOICES
    } else {
        1
    });
    Plan {
        status,
        offers,
        skills,
    }
}

/// One rule of the plan: the activities it offers, best first.
type Rule<A> = fn(&Course<'_, '_, A>) -> Vec<Recommendation>;

/// What every rule of the plan reads: the input, the folded model and each activity's status.
struct Course<'c, 'a, A> {
    input: &'c PlanInput<'a, A>,
    model: &'c LearnerModel,
    mastered: &'c dyn Fn(&str) -> bool,
    /// When each skill mastered now last crossed the threshold upwards.
    mastered_times: &'c BTreeMap<String, EpochMs>,
    status: &'c BTreeMap<String, Status>,
}

impl<A: LoggedAnswer> Course<'_, '_, A> {
    fn manifest(&self) -> &Manifest {
        self.input.manifest
    }
    fn open(&self, id: &str) -> bool {
        matches!(self.status.get(id), Some(Status::Open))
    }
    fn practice_of(&self, skill: &str) -> Option<&ActivityRef> {
        self.manifest().activities.iter().find(|a| {
            matches!(a.kind, ActivityKind::Practice | ActivityKind::Review)
                && a.skills.iter().any(|s| s == skill)
        })
    }
    fn lesson_of(&self, skill: &str) -> Option<&ActivityRef> {
        self.manifest()
            .activities
            .iter()
            .find(|a| a.kind == ActivityKind::Lesson && a.skills.iter().any(|s| s == skill))
    }
    /// P(known) of `skills`, for the numbers behind a decision.
    fn p_known<'s>(&self, skills: impl IntoIterator<Item = &'s str>) -> BTreeMap<String, f64> {
        skills
            .into_iter()
            .map(|s| (s.to_owned(), self.model.p_known(s)))
            .collect_map()
    }
}

fn offer(activity_id: &str, why: Why, numbers: Numbers) -> Recommendation {
    Recommendation {
        activity_id: activity_id.to_owned(),
        why,
        numbers,
    }
}

/// Rule 1: what the teacher assigned, unless finished or locked.
fn assigned<A: LoggedAnswer>(c: &Course<'_, '_, A>) -> Vec<Recommendation> {
    let o = c.input.overrides;
    o.assign
        .iter()
        .filter(|id| {
            c.manifest().activity(id).is_some()
                && !c.input.completed.contains(*id)
                && !o.lock.contains(*id)
        })
        .map(|id| offer(id, Why::Assigned, Numbers::default()))
        .collect()
}

/// Rule 2, remediation for wheel-spinning skills: the weakest unmastered prerequisite's practice, else
/// the skill's lesson (not the activity just worked in).
fn remediation<A: LoggedAnswer>(c: &Course<'_, '_, A>) -> Vec<Recommendation> {
    let last_activity = c
        .input
        .attempts
        .iter()
        .max_by_key(|a| a.answered_at())
        .map(|a| a.activity_id());
    let mut out = Vec::new();
    for skill in &c.manifest().skills {
        let Some(state) = c.model.skill(&skill.id) else {
            continue;
        };
        if !state.is_wheel_spinning() || (c.mastered)(&skill.id) {
            continue;
        }
        let weak_prereq = skill
            .prerequisites
            .iter()
            .filter(|p| !(c.mastered)(p))
            .min_by(|a, b| c.model.p_known(a).total_cmp(&c.model.p_known(b)));
        let target = weak_prereq
            .and_then(|p| c.practice_of(p).map(|a| (a, Some(p.as_str()))))
            .or_else(|| c.lesson_of(&skill.id).map(|a| (a, None)));
        let Some((activity, prereq)) = target else {
            continue;
        };
        if Some(activity.id.as_str()) == last_activity || !c.open(&activity.id) && prereq.is_none()
        {
            continue;
        }
        let numbers = Numbers {
            p_known: c.p_known(std::iter::once(skill.id.as_str()).chain(prereq)),
            attempts_since_mastery: Some(state.attempts_since_mastery),
            days_since_mastery: None,
        };
        let why = Why::Remediation {
            skill: skill.id.clone(),
            prereq: prereq.map(str::to_owned),
        };
        out.push(offer(&activity.id, why, numbers));
    }
    out
}

/// Rule 3: reviews due: the practice of each mastered skill whose review date has passed.
fn reviews_due<A: LoggedAnswer>(c: &Course<'_, '_, A>) -> Vec<Recommendation> {
    let mut out = Vec::new();
    for skill in &c.manifest().skills {
        if !(c.mastered)(&skill.id) {
            continue;
        }
        let Some(&mastered_at) = c.mastered_times.get(&skill.id) else {
            continue;
        };
        let answers: Vec<(EpochMs, bool)> = first_tries(c.input.attempts, &skill.id)
            .into_iter()
            .filter(|(t, _)| *t > mastered_at)
            .collect();
        if review_due(mastered_at, &answers) > c.input.now {
            continue;
        }
        let practice = c
            .practice_of(&skill.id)
            .filter(|a| c.open(&a.id) || c.input.completed.contains(&a.id));
        if let Some(a) = practice {
            let numbers = Numbers {
                p_known: c.p_known([skill.id.as_str()]),
                attempts_since_mastery: None,
                days_since_mastery: Some((c.input.now - mastered_at) as f64 / DAY_MS as f64),
            };
            let why = Why::Review {
                skill: skill.id.clone(),
            };
            out.push(offer(&a.id, why, numbers));
        }
    }
    out
}

/// Rule 4: activities started and still open.
fn continue_started<A: LoggedAnswer>(c: &Course<'_, '_, A>) -> Vec<Recommendation> {
    let started: BTreeSet<&str> = c
        .input
        .attempts
        .iter()
        .map(|a| a.activity_id())
        .collect_set();
    c.manifest()
        .activities
        .iter()
        .filter(|a| started.contains(a.id.as_str()) && c.open(&a.id))
        .map(|a| offer(&a.id, Why::Continue, Numbers::default()))
        .collect()
}

/// Rule 5, the next skills in prerequisite order whose prerequisites are mastered: the lesson first,
/// and the practice too, for a learner who would rather start practising.
fn next_skills<A: LoggedAnswer>(c: &Course<'_, '_, A>) -> Vec<Recommendation> {
    let mut out = Vec::new();
    for skill in prerequisite_order(c.manifest()) {
        if (c.mastered)(skill) {
            continue;
        }
        let prereqs = c
            .manifest()
            .skill(skill)
            .map(|s| s.prerequisites.clone())
            .unwrap_or_default();
        if !prereqs.iter().all(|p| (c.mastered)(p)) {
            continue;
        }
        let lesson = c
            .lesson_of(skill)
            .filter(|a| c.open(&a.id) && !c.input.completed.contains(&a.id));
        let practice = c.practice_of(skill).filter(|a| c.open(&a.id));
        let numbers = Numbers {
            p_known: c.p_known(std::iter::once(skill).chain(prereqs.iter().map(String::as_str))),
            ..Numbers::default()
        };
        for a in [lesson, practice].into_iter().flatten() {
            let why = Why::Next {
                skill: skill.to_owned(),
                prereqs: prereqs.clone(),
                practice: a.kind != ActivityKind::Lesson,
            };
            out.push(offer(&a.id, why, numbers.clone()));
        }
    }
    out
}

/// Rule 6: pre-checks over skills not started yet.
fn pre_checks<A: LoggedAnswer>(c: &Course<'_, '_, A>) -> Vec<Recommendation> {
    c.manifest()
        .activities
        .iter()
        .filter(|a| {
            let untouched = a
                .skills
                .iter()
                .all(|s| c.model.skill(s).is_none_or(|st| st.attempts == 0));
            a.kind == ActivityKind::Check && !a.skills.is_empty() && untouched && c.open(&a.id)
        })
        .map(|a| offer(&a.id, Why::PreCheck, Numbers::default()))
        .collect()
}

fn activity_status<A: LoggedAnswer>(
    a: &ActivityRef,
    input: &PlanInput<'_, A>,
    mastered: &dyn Fn(&str) -> bool,
) -> Status {
    let o = input.overrides;
    if o.lock.contains(&a.id) {
        return Status::Locked(Lock::Teacher);
    }
    if input.completed.contains(&a.id) {
        return Status::Done;
    }
    if o.unlock.contains(&a.id) || o.assign.contains(&a.id) {
        return Status::Open;
    }
    let Some(unlock) = &a.unlock else {
        return Status::Open;
    };
    let skills: Vec<String> = unlock
        .skills_mastered
        .iter()
        .filter(|s| !mastered(s))
        .cloned()
        .collect();
    let activities: Vec<String> = unlock
        .activities_completed
        .iter()
        .filter(|id| !input.completed.contains(*id))
        .cloned()
        .collect();
    if skills.is_empty() && activities.is_empty() {
        return Status::Open;
    }
    Status::Locked(Lock::Until { skills, activities })
}

/// Skill ids in an order where prerequisites come first (the manifest's order among equals).
pub fn prerequisite_order(m: &Manifest) -> Vec<&str> {
    let mut done: Vec<&str> = Vec::new();
    let mut progress = true;
    while progress && done.len() < m.skills.len() {
        progress = false;
        for s in &m.skills {
            if done.contains(&s.id.as_str()) {
                continue;
            }
            if s.prerequisites
                .iter()
                .all(|p| done.contains(&p.as_str()) || m.skill(p).is_none())
            {
                done.push(&s.id);
                progress = true;
            }
        }
    }
    done
}

/// Skills whose every item in a finished check was right at the first try (at least two items): tested out.
fn tested_out<A: LoggedAnswer>(m: &Manifest, attempts: &[A]) -> BTreeSet<String> {
    let mut per_skill: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let checks: BTreeSet<&str> = m
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Check)
        .map(|a| a.id.as_str())
        .collect_set();
    let mut sorted: Vec<&A> = attempts
        .iter()
        .filter(|a| checks.contains(a.activity_id()))
        .collect();
    crate::collect::sort_by_key(&mut sorted, |a| a.answered_at());
    for a in sorted {
        if !seen.insert((a.activity_id(), a.item_id())) {
            continue;
        }
        for s in a.skills() {
            let e = per_skill.entry(s.as_str()).or_default();
            e.0 += 1;
            e.1 += u32::from(a.correct() && a.hints_used() == 0 && !a.solution_viewed());
        }
    }
    per_skill
        .into_iter()
        .filter(|(_, (n, right))| *n >= 2 && n == right)
        .map(|(s, _)| s.to_owned())
        .collect()
}

/// The time and first-try outcome of each answer on `skill`, oldest first.
fn first_tries<A: LoggedAnswer>(attempts: &[A], skill: &str) -> Vec<(EpochMs, bool)> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<(EpochMs, bool)> = attempts
        .iter()
        .filter(|a| a.skills().iter().any(|s| s == skill))
        .filter(|a| seen.insert((a.activity_id().to_owned(), a.item_id().to_owned())))
        .map(|a| (a.answered_at(), a.correct()))
        .collect();
    crate::collect::sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Attempt;

    fn demo() -> Manifest {
        crate::package::parse_manifest("pkg.json", include_str!("../../pkg.json"))
            .expect("demo manifest")
    }

    /// A first try at `item` of `activity` on `skill`, at `t` (hours).
    fn attempt(activity: &str, item: &str, skill: &str, right: bool, t: i64) -> Attempt {
        let id = format!("{activity}-{item}-{t}");
        crate::session::sample_attempt(&demo().id, id, activity, item, skill, right, t * 3_600_000)
    }

    fn run(n: usize, activity: &str, skill: &str, right: bool, from_hour: i64) -> Vec<Attempt> {
        (0..n)
            .map(|i| {
                attempt(
                    activity,
                    &format!("{skill}-{i}-{from_hour}"),
                    skill,
                    right,
                    from_hour + i as i64,
                )
            })
            .collect()
    }

    fn plan_at(m: &Manifest, attempts: &[Attempt], overrides: &Overrides, hour: i64) -> Plan {
        plan(&PlanInput {
            manifest: m,
            attempts,
            completed: &BTreeSet::new(),
            overrides,
            now: hour * 3_600_000,
        })
    }

    #[test]
    fn a_new_learner_starts_at_the_root_skill_and_later_skills_are_locked_with_a_reason() {
        let m = demo();
        let p = plan_at(&m, &[], &Overrides::default(), 1);
        assert_eq!(p.offers[0].why.kind(), "next");
        assert_eq!(p.offers[0].activity_id, "unit-fractions-lesson");
        assert_eq!(
            p.status["equivalent-practice"],
            Status::Locked(Lock::Until {
                skills: vec!["unit-fractions".into()],
                activities: vec![]
            })
        );
        assert_eq!(p.status["unit-fractions-practice"], Status::Open);
        assert!(p.offers.len() <= Plan::CHOICES);
    }

    #[test]
    fn mastering_a_skill_unlocks_what_builds_on_it_and_mastery_is_never_final() {
        let m = demo();
        let mut log = run(6, "unit-fractions-practice", "unit-fractions", true, 1);
        let p = plan_at(&m, &log, &Overrides::default(), 10);
        assert!(
            p.skills["unit-fractions"].1,
            "mastered: {:?}",
            p.skills["unit-fractions"]
        );
        assert_eq!(p.status["equivalent-practice"], Status::Open);
        let next: Vec<&str> = p
            .offers
            .iter()
            .filter(|o| o.why.kind() == "next")
            .map(|o| o.activity_id.as_str())
            .collect();
        assert!(
            next.iter()
                .any(|a| a.ends_with("-lesson") && *a != "unit-fractions-lesson"),
            "{next:?}"
        );
        let unlocked = &p
            .offers
            .iter()
            .find(|o| o.why.kind() == "next")
            .expect("a next offer")
            .numbers;
        assert!(unlocked.p_known["unit-fractions"] >= 0.95);
        // Later failures bring it back under the threshold: its practice is offered again, and the skills
        // that build on it close.
        log.extend(run(
            4,
            "unit-fractions-practice",
            "unit-fractions",
            false,
            20,
        ));
        let p = plan_at(&m, &log, &Overrides::default(), 30);
        assert!(!p.skills["unit-fractions"].1);
        assert!(matches!(p.status["equivalent-practice"], Status::Locked(_)));
    }

    #[test]
    fn wheel_spinning_sends_the_learner_elsewhere_never_back_to_the_same_activity() {
        let m = demo();
        let mut log = run(6, "unit-fractions-practice", "unit-fractions", true, 1);
        // Ten wrong answers in a row on equivalent fractions, in its practice.
        log.extend(run(
            10,
            "equivalent-practice",
            "equivalent-fractions",
            false,
            10,
        ));
        let p = plan_at(&m, &log, &Overrides::default(), 30);
        let r = p
            .offers
            .iter()
            .find(|o| o.why.kind() == "remediation")
            .expect("a remediation offer");
        assert_eq!(
            r.activity_id, "equivalent-lesson",
            "its prerequisite is mastered: the lesson"
        );
        assert!(r.numbers.attempts_since_mastery >= Some(10));
        // Having just done the lesson's check wrong too, the lesson is not offered again for remediation.
        log.push(attempt(
            "equivalent-lesson",
            "eq-l-1",
            "equivalent-fractions",
            false,
            25,
        ));
        let p = plan_at(&m, &log, &Overrides::default(), 30);
        assert!(p
            .offers
            .iter()
            .all(|o| !(o.why.kind() == "remediation" && o.activity_id == "equivalent-lesson")));
    }

    #[test]
    fn reviews_come_back_on_an_fsrs_schedule() {
        use crate::engine::fsrs::{MemoryState, Rating};
        const D: i64 = DAY_MS;
        let first = MemoryState::first(Rating::Good);
        let d1 = i64::from(first.interval_days());
        assert_eq!(review_due(0, &[]), d1 * D);
        // A right review on the due day: the interval grows; a wrong one: it shrinks.
        let good = first.next(d1 as u32, Rating::Good);
        assert_eq!(
            review_due(0, &[(d1 * D, true)]),
            d1 * D + i64::from(good.interval_days()) * D
        );
        assert!(good.interval_days() > first.interval_days());
        let again = first.next(d1 as u32, Rating::Again);
        assert_eq!(
            review_due(0, &[(d1 * D, false)]),
            d1 * D + i64::from(again.interval_days()) * D
        );
        assert!(again.interval_days() <= first.interval_days());
        // Answers before the due date do not move it.
        assert_eq!(review_due(0, &[(D / 2, true)]), d1 * D);

        let m = demo();
        let log = run(6, "unit-fractions-practice", "unit-fractions", true, 1);
        let soon = plan_at(&m, &log, &Overrides::default(), 12);
        assert!(soon.offers.iter().all(|o| o.why.kind() != "review"));
        let later = plan_at(&m, &log, &Overrides::default(), 60);
        let review = later
            .offers
            .iter()
            .find(|o| o.why.kind() == "review")
            .expect("a review");
        assert_eq!(review.activity_id, "unit-fractions-practice");
        assert!(review.numbers.days_since_mastery >= Some(2.0));
    }

    #[test]
    fn overrides_read_as_serde_read_them() {
        let cases = [
            r#"{}"#,
            r#"{"assign": ["a"], "lock": ["b"], "unlock": ["c"]}"#,
            r#"{"accommodations": {"extraAttempts": 2, "hintsAlwaysOn": true, "readAloud": true, "fewerChoices": 3}}"#,
            r#"{"accommodations": {"fewerChoices": null}}"#,
            r#"{"lokc": ["b"]}"#,
            r#"{"accommodations": {"extraTime": 2}}"#,
            r#"{"assign": "a"}"#,
            r#"{"accommodations": {"extraAttempts": -1}}"#,
        ];
        for case in cases {
            let ours = crate::json::from_str::<Overrides>(case);
            let theirs = serde_json::from_str::<Overrides>(case);
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{case}"),
                (Err(_), Err(_)) => {}
                _ => panic!("{case}: ours {ours:?}, serde {theirs:?}"),
            }
        }
        let e = crate::json::from_str::<Overrides>(r#"{"lokc": ["b"]}"#).unwrap_err();
        assert_eq!(e.path, "lokc");
    }

    #[test]
    fn teacher_overrides_come_first_and_are_obeyed() {
        let m = demo();
        let o = Overrides {
            assign: vec!["decimals-practice".into()],
            lock: vec!["unit-fractions-lesson".into()],
            unlock: vec!["multiply-lesson".into()],
            ..Overrides::default()
        };
        let p = plan_at(&m, &[], &o, 1);
        assert_eq!(p.offers[0].activity_id, "decimals-practice");
        assert_eq!(p.offers[0].why.kind(), "assigned");
        assert_eq!(
            p.status["decimals-practice"],
            Status::Open,
            "assigned opens it"
        );
        assert_eq!(p.status["multiply-lesson"], Status::Open);
        assert!(matches!(
            p.status["unit-fractions-lesson"],
            Status::Locked(Lock::Teacher)
        ));
        assert!(p
            .offers
            .iter()
            .all(|r| r.activity_id != "unit-fractions-lesson"));
    }

    #[test]
    fn authors_can_restrict_choice_to_the_top_offer() {
        let mut m = demo();
        assert!(plan_at(&m, &[], &Overrides::default(), 1).offers.len() > 1);
        m.settings.learner_choice = false;
        assert_eq!(plan_at(&m, &[], &Overrides::default(), 1).offers.len(), 1);
    }

    #[test]
    fn a_passed_pre_check_tests_out_of_its_skills() {
        let mut m = demo();
        let mut check = m
            .activity("fractions-unit-check")
            .cloned()
            .expect("the unit check");
        check.id = "equivalent-precheck".into();
        check.skills = vec!["equivalent-fractions".into()];
        check.unlock = None;
        m.activities.push(check);
        let base = run(6, "unit-fractions-practice", "unit-fractions", true, 1);
        let p = plan_at(&m, &base, &Overrides::default(), 10);
        assert!(
            p.offers
                .iter()
                .any(|o| o.why.kind() == "precheck" && o.activity_id == "equivalent-precheck")
                || p.offers.len() == Plan::CHOICES
        );
        let mut log = base.clone();
        log.extend(run(
            3,
            "equivalent-precheck",
            "equivalent-fractions",
            true,
            12,
        ));
        let p = plan_at(&m, &log, &Overrides::default(), 20);
        assert!(p.skills["equivalent-fractions"].1, "tested out");
        assert_eq!(
            p.status["comparing-practice"],
            Status::Open,
            "skipped ahead"
        );
    }

    #[test]
    fn the_plan_is_a_pure_function_of_the_log() {
        let m = demo();
        let mut log = run(6, "unit-fractions-practice", "unit-fractions", true, 1);
        log.extend(run(
            5,
            "equivalent-practice",
            "equivalent-fractions",
            false,
            10,
        ));
        let a = plan_at(&m, &log, &Overrides::default(), 40);
        log.reverse();
        assert_eq!(
            plan_at(&m, &log, &Overrides::default(), 40),
            a,
            "the order the log is read in does not matter"
        );
    }
}

/// Where each skill sits on the progress map: its column is its depth in the prerequisite graph (the
/// longest chain of prerequisites below it), its row its place among the skills of that depth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MapNode {
    pub skill_id: String,
    pub column: usize,
    pub row: usize,
}

/// The layout of the progress map, in the manifest's skill order.
pub fn map_layout(m: &Manifest) -> Vec<MapNode> {
    let mut depth: BTreeMap<&str, usize> = BTreeMap::new();
    for skill in prerequisite_order(m) {
        let d = m
            .skill(skill)
            .map(|s| {
                s.prerequisites
                    .iter()
                    .filter_map(|p| depth.get(p.as_str()))
                    .map(|d| d + 1)
                    .max()
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        depth.insert(skill, d);
    }
    let mut rows: BTreeMap<usize, usize> = BTreeMap::new();
    m.skills
        .iter()
        .map(|s| {
            let column = depth.get(s.id.as_str()).copied().unwrap_or(0);
            let row = rows.entry(column).or_default();
            let node = MapNode {
                skill_id: s.id.clone(),
                column,
                row: *row,
            };
            *row += 1;
            node
        })
        .collect()
}

#[cfg(test)]
mod map_tests {
    use super::*;

    #[test]
    fn the_map_puts_each_skill_right_of_its_prerequisites() {
        let m = crate::package::parse_manifest("pkg.json", include_str!("../../pkg.json"))
            .expect("demo");
        let layout = map_layout(&m);
        assert_eq!(layout.len(), m.skills.len());
        let at = |id: &str| layout.iter().find(|n| n.skill_id == id).expect("placed");
        for s in &m.skills {
            for p in &s.prerequisites {
                assert!(at(p).column < at(&s.id).column, "{p} before {}", s.id);
            }
        }
        assert_eq!(at("unit-fractions").column, 0);
        let cells: BTreeSet<(usize, usize)> = layout.iter().map(|n| (n.column, n.row)).collect();
        assert_eq!(cells.len(), layout.len(), "no two skills in one place");
    }
}
