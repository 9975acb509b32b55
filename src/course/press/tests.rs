use super::*;
use crate::screen::act::ALL;

fn choice(option: &str) -> Option<Response> {
    Some(Response::Choice {
        option: option.to_owned(),
    })
}

fn pressed(act: Act, on: On) -> Pressed<'static> {
    Pressed {
        act,
        on,
        answer: None,
        value: "",
        fields: &[],
    }
}

fn with_answer(act: Act, on: On, answer: Option<Response>) -> Follow {
    follow(Pressed {
        answer,
        ..pressed(act, on)
    })
}

fn fields(pairs: &[(Field, &str)]) -> Vec<(String, String)> {
    (pairs.iter())
        .map(|(f, v)| (f.name().to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn the_events_the_player_hears_are_named_as_the_dom_names_them() {
    assert_eq!(On::of("click"), Some(On::Click));
    assert_eq!(On::of("submit"), Some(On::Submit));
    assert_eq!(On::of("change"), Some(On::Change));
    assert_eq!(On::of("input"), Some(On::Input));
    assert_eq!(On::of("keyup"), None);
}

#[test]
fn submitting_an_answer_checks_it_and_an_empty_form_is_asked_to_choose_first() {
    assert_eq!(
        with_answer(Act::Answer, On::Submit, choice("b")),
        Follow::Check(choice("b").unwrap())
    );
    assert_eq!(
        with_answer(Act::Answer, On::Submit, None),
        Follow::ChooseFirst
    );
}

#[test]
fn i_dont_know_is_checked_as_an_answer_whatever_the_form_holds() {
    for answer in [None, choice("b")] {
        assert_eq!(
            with_answer(Act::DontKnow, On::Click, answer),
            Follow::Check(Response::DontKnow)
        );
    }
}

#[test]
fn a_change_or_a_keystroke_in_the_answer_keeps_it_as_a_draft_even_when_emptied() {
    for on in [On::Change, On::Input] {
        assert_eq!(
            with_answer(Act::Answer, on, choice("a")),
            Follow::Draft(choice("a"))
        );
        assert_eq!(with_answer(Act::Answer, on, None), Follow::Draft(None));
    }
}

#[test]
fn a_hint_or_the_solution_keeps_the_answer_in_progress_and_another_try_drops_it() {
    assert_eq!(
        with_answer(Act::Hint, On::Click, choice("a")),
        Follow::Move(Place::Hint, choice("a"))
    );
    assert_eq!(
        with_answer(Act::Solution, On::Click, choice("a")),
        Follow::Move(Place::Solution, choice("a"))
    );
    assert_eq!(
        with_answer(Act::Retry, On::Click, choice("a")),
        Follow::Move(Place::Retry, None)
    );
}

#[test]
fn read_aloud_says_the_answer_as_it_stands() {
    assert_eq!(
        with_answer(Act::ReadAloud, On::Click, choice("c")),
        Follow::ReadAloud(choice("c"))
    );
}

#[test]
fn the_feedback_or_a_page_submitted_moves_on_and_a_break_hides_then_shows_the_practice() {
    assert_eq!(follow(pressed(Act::Next, On::Submit)), Follow::Next);
    assert_eq!(follow(pressed(Act::Rest, On::Click)), Follow::Rest);
    assert_eq!(follow(pressed(Act::Back, On::Click)), Follow::Back);
}

#[test]
fn the_language_menu_switches_to_the_language_chosen() {
    let chosen = Pressed {
        value: "es",
        ..pressed(Act::Language, On::Change)
    };
    assert_eq!(follow(chosen), Follow::Language("es".into()));
    assert_eq!(follow(pressed(Act::Language, On::Change)), Follow::Nothing);
}

#[test]
fn the_finished_screens_forms_are_left_to_the_part_that_draws_them() {
    assert_eq!(
        follow(pressed(Act::SetGoal, On::Submit)),
        Follow::Journal(Act::SetGoal)
    );
    assert_eq!(
        follow(pressed(Act::Reflect, On::Submit)),
        Follow::Journal(Act::Reflect)
    );
}

#[test]
fn the_goal_form_keeps_the_goal_its_two_menus_name_or_none_when_they_name_no_goal() {
    let chosen = fields(&[(Field::GoalTarget, "count:2"), (Field::GoalDays, "7")]);
    assert_eq!(
        kept(Act::SetGoal, &chosen),
        Some(Kept::Goal(Some((GoalTarget::MasterSkills { count: 2 }, 7))))
    );
    let skill = fields(&[(Field::GoalDays, "14"), (Field::GoalTarget, "skill:halves")]);
    assert_eq!(
        kept(Act::SetGoal, &skill),
        Some(Kept::Goal(Some((
            GoalTarget::MasterSkill {
                skill: "halves".into()
            },
            14
        ))))
    );
    let half = fields(&[(Field::GoalTarget, "count:2")]);
    assert_eq!(kept(Act::SetGoal, &half), Some(Kept::Goal(None)));
}

#[test]
fn the_reflection_form_keeps_its_text_as_written_and_no_other_form_keeps_anything() {
    let written = fields(&[(Field::Reflection, "  the pictures  ")]);
    assert_eq!(
        kept(Act::Reflect, &written),
        Some(Kept::Reflection("  the pictures  ".into()))
    );
    assert_eq!(
        kept(Act::Reflect, &[]),
        Some(Kept::Reflection(String::new()))
    );
    for act in ALL
        .into_iter()
        .filter(|a| !matches!(a, Act::SetGoal | Act::Reflect))
    {
        assert_eq!(kept(act, &written), None, "{act:?}");
    }
}

#[test]
fn an_act_does_nothing_on_an_event_it_does_not_hear() {
    // A click inside the form is not a submit; a change in the feedback's form is no draft; a button
    // hears clicks alone.
    let heard = [
        (Act::Answer, On::Submit),
        (Act::Answer, On::Change),
        (Act::Answer, On::Input),
        (Act::Next, On::Submit),
        (Act::Hint, On::Click),
        (Act::Solution, On::Click),
        (Act::Retry, On::Click),
        (Act::DontKnow, On::Click),
        (Act::ReadAloud, On::Click),
        (Act::Rest, On::Click),
        (Act::Back, On::Click),
        (Act::Language, On::Change),
        (Act::SetGoal, On::Submit),
        (Act::Reflect, On::Submit),
    ];
    for act in ALL {
        for on in [On::Click, On::Submit, On::Change, On::Input] {
            let p = Pressed {
                value: "es",
                ..pressed(act, on)
            };
            let nothing = follow(p) == Follow::Nothing;
            assert_eq!(nothing, !heard.contains(&(act, on)), "{act:?} on {on:?}");
        }
    }
}

#[test]
fn the_player_leaves_the_device_panels_acts_to_it_and_the_panel_leaves_the_players() {
    for act in ALL {
        for on in [On::Click, On::Submit, On::Change, On::Input] {
            let p = Pressed {
                value: "id-1",
                ..pressed(act, on)
            };
            if act.is_device() {
                assert_eq!(follow(p), Follow::Nothing, "{act:?}");
            } else {
                assert_eq!(device(p), None, "{act:?}");
            }
        }
    }
}

#[test]
fn the_device_panel_removes_insisting_only_when_the_box_is_ticked() {
    let ticked = fields(&[(Field::Insist, TICKED)]);
    let insist = Pressed {
        fields: &ticked,
        ..pressed(Act::Remove, On::Click)
    };
    assert_eq!(device(insist), Some(DeviceMove::Remove { insist: true }));
    let unticked = fields(&[(Field::Insist, "")]);
    let ask = Pressed {
        fields: &unticked,
        ..pressed(Act::Remove, On::Click)
    };
    assert_eq!(device(ask), Some(DeviceMove::Remove { insist: false }));
}

#[test]
fn the_device_panel_downloads_adds_a_file_switches_and_starts_a_learner_named_trimmed() {
    assert_eq!(
        device(pressed(Act::Export, On::Click)),
        Some(DeviceMove::Export)
    );
    assert_eq!(
        device(pressed(Act::Import, On::Change)),
        Some(DeviceMove::Import)
    );
    assert_eq!(device(pressed(Act::Import, On::Click)), None);
    let to = Pressed {
        value: "learner-2",
        ..pressed(Act::SwitchLearner, On::Click)
    };
    assert_eq!(device(to), Some(DeviceMove::SwitchTo("learner-2".into())));
    assert_eq!(device(pressed(Act::SwitchLearner, On::Click)), None);
    let named = fields(&[(Field::LearnerName, "  Ana ")]);
    let new = Pressed {
        fields: &named,
        ..pressed(Act::NewLearner, On::Click)
    };
    assert_eq!(device(new), Some(DeviceMove::NewLearner("Ana".into())));
    assert_eq!(
        device(pressed(Act::NewLearner, On::Click)),
        Some(DeviceMove::NewLearner(String::new()))
    );
}
