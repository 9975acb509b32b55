//! Where a learner stands in an adaptive practice, for the learner: how many answers so far, how well the
//! weakest skill is known, how many more right answers like these would reach mastery (honestly, from the
//! BKT update itself), and the visible end of wheel-spinning: once the skill has gone
//! [`WHEEL_SPIN_OPPORTUNITIES`](super::WHEEL_SPIN_OPPORTUNITIES) answers without mastery (the moment the
//! teacher's early warning fires), the learner is offered a lesson, a worked example or a break instead
//! of only more of the same.
//!
//! A practice has no fixed length, so it never says "question 7 of 7": it counts answers and says how
//! close mastery is. This module decides what there is to say ([`PracticeStatus`]); `present` words it
//! and the web shell draws it. It does not choose the next item ([`super::select`]) nor judge the
//! activity's mastery rule ([`super::mastery`]).

use super::learner::LearnerModel;
use super::mastery::MasteryRule;
use crate::package::{ActivityKind, Manifest};

/// More right answers than this in a row is not "a few more": the line then says nothing about it.
pub const FEW_MORE_AT_MOST: u32 = 5;

/// What the learner is told about an adaptive practice.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeStatus {
    /// Answers given in this practice so far (every try).
    pub answers: usize,
    /// The activity's skill known least well: the one practice works on.
    pub skill_id: String,
    /// P(known) of that skill now.
    pub p_known: f64,
    /// Right answers in a row that would take P(known) to the BKT threshold, when the activity's rule is
    /// BKT and that is at most [`FEW_MORE_AT_MOST`] away.
    pub few_more: Option<u32>,
    /// Set when the skill is wheel-spinning: what to offer instead of more of the same.
    pub stuck: Option<Stuck>,
}

/// The way out offered after many answers without mastery.
#[derive(Debug, Clone, PartialEq)]
pub struct Stuck {
    /// Answers on the skill since it last showed mastery.
    pub answers_without_mastery: u32,
    /// A lesson on the skill (an activity id), when the course has one.
    pub lesson: Option<String>,
}

/// Everything [`status`] looks at.
pub struct PracticeInput<'a> {
    pub manifest: &'a Manifest,
    pub activity_id: &'a str,
    /// The skills the activity practises (its entry's, else its items').
    pub skills: &'a [&'a str],
    /// The activity's mastery rule.
    pub rule: MasteryRule,
    pub mastered: bool,
    pub model: &'a LearnerModel,
    pub answers: usize,
}

/// The status of a practice; None for an activity that practises no skill.
pub fn status(input: &PracticeInput<'_>) -> Option<PracticeStatus> {
    let model = input.model;
    let skill = input
        .skills
        .iter()
        .copied()
        .min_by(|a, b| model.p_known(a).total_cmp(&model.p_known(b)))?;
    let p_known = model.p_known(skill);
    let few_more = match input.rule {
        MasteryRule::Bkt { threshold } if !input.mastered => {
            right_answers_to(model, skill, threshold).filter(|n| *n <= FEW_MORE_AT_MOST)
        }
        _ => None,
    };
    let stuck = model
        .skill(skill)
        .filter(|s| s.is_wheel_spinning() && !input.mastered)
        .map(|s| Stuck {
            answers_without_mastery: s.attempts_since_mastery,
            lesson: input
                .manifest
                .activities
                .iter()
                .find(|a| {
                    a.kind == ActivityKind::Lesson
                        && a.id != input.activity_id
                        && a.skills.iter().any(|s| s == skill)
                })
                .map(|a| a.id.clone()),
        });
    Some(PracticeStatus {
        answers: input.answers,
        skill_id: skill.to_owned(),
        p_known,
        few_more,
        stuck,
    })
}

/// How many right answers in a row take `skill` from where it is to `threshold` under its BKT
/// parameters; None when more than twenty would not.
fn right_answers_to(model: &LearnerModel, skill: &str, threshold: f64) -> Option<u32> {
    let params = model.params().for_skill(skill);
    let mut p = model.p_known(skill);
    for n in 0..=20 {
        if p >= threshold {
            return Some(n);
        }
        p = params.update(p, true);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{AttemptEvidence, SkillParams};

    fn demo() -> Manifest {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg.json")).unwrap();
        crate::json::from_str(&text).unwrap()
    }

    fn answer(model: &mut LearnerModel, skill: &str, n: usize, correct: bool) {
        let e = AttemptEvidence {
            item_id: format!("i{n}"),
            skill_ids: vec![skill.to_owned()],
            correct,
            first_attempt: true,
            hints_used: 0,
            solution_viewed: false,
            gave_up: false,
            response_ms: 10_000,
        };
        model.apply_attempt(&e, 0);
    }

    fn input<'a>(
        manifest: &'a Manifest,
        model: &'a LearnerModel,
        skills: &'a [&'a str],
        answers: usize,
    ) -> PracticeInput<'a> {
        PracticeInput {
            manifest,
            activity_id: "number-line-practice",
            skills,
            rule: MasteryRule::Bkt { threshold: 0.95 },
            mastered: false,
            model,
            answers,
        }
    }

    #[test]
    fn a_struggling_learner_is_offered_the_lesson_once_the_skill_is_wheel_spinning() {
        let manifest = demo();
        let mut model = LearnerModel::new(crate::engine::plan::skill_params(&manifest));
        let skills = ["fractions-number-line"];
        for n in 0..9 {
            answer(&mut model, skills[0], n, n % 3 == 0);
            let s = status(&input(&manifest, &model, &skills, n + 1)).unwrap();
            assert_eq!(s.stuck, None, "not yet after {} answers", n + 1);
        }
        answer(&mut model, skills[0], 9, false);
        let s = status(&input(&manifest, &model, &skills, 10)).unwrap();
        let stuck = s
            .stuck
            .clone()
            .expect("stuck after ten answers without mastery");
        assert_eq!(stuck.answers_without_mastery, 10);
        assert_eq!(stuck.lesson.as_deref(), Some("number-line-lesson"));
        // The warning the teacher sees fires on the same answer.
        let state = model.skill(skills[0]).unwrap();
        assert!(state.is_wheel_spinning());
        // Mastery (by the activity's rule) takes the offer away.
        let done = PracticeInput {
            mastered: true,
            ..input(&manifest, &model, &skills, 10)
        };
        assert_eq!(status(&done).unwrap().stuck, None);
    }

    #[test]
    fn the_status_counts_answers_finds_the_weakest_skill_and_how_many_more() {
        let manifest = demo();
        let params = SkillParams::default();
        let mut model = LearnerModel::new(params);
        let skills = ["a", "b"];
        answer(&mut model, "a", 0, true);
        answer(&mut model, "b", 1, false);
        let s = status(&input(&manifest, &model, &skills, 1)).unwrap();
        assert_eq!(s.skill_id, "b", "the weakest skill");
        assert_eq!(s.answers, 1);

        // Right answers in a row: the count of more right answers is the BKT update's own.
        let mut n = 2;
        let few = loop {
            answer(&mut model, "b", n, true);
            n += 1;
            let s = status(&input(&manifest, &model, &skills, n)).unwrap();
            if let Some(few) = s.few_more {
                break (s, few);
            }
            assert!(n < 40, "never near");
        };
        let (s, more) = few;
        assert!((1..=FEW_MORE_AT_MOST).contains(&more));
        let mut p = model.p_known(&s.skill_id);
        let b = *model.params().for_skill(&s.skill_id);
        for _ in 0..more {
            assert!(p < 0.95);
            p = b.update(p, true);
        }
        assert!(p >= 0.95, "{more} more right answers reach the threshold");
        assert_eq!(s.answers, n);
    }
}
