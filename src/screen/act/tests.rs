use super::{Act, ALL};

#[test]
fn every_act_is_read_back_from_its_name_and_no_two_share_one() {
    for act in ALL {
        assert_eq!(Act::parse(act.name()), Some(act));
    }
    let mut names: Vec<&str> = ALL.iter().map(|a| a.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ALL.len());
}

#[test]
fn text_that_names_no_act_is_none() {
    for text in ["", "Answer", "hint-button", "next ", "submit"] {
        assert_eq!(Act::parse(text), None, "{text:?}");
    }
}

#[test]
fn the_device_panel_performs_its_own_acts_and_only_those() {
    let device: Vec<Act> = ALL.into_iter().filter(|a| a.is_device()).collect();
    assert_eq!(
        device,
        [
            Act::Export,
            Act::Import,
            Act::Remove,
            Act::SwitchLearner,
            Act::NewLearner
        ]
    );
}
