//! The longest text each field of a package may hold, in characters (Unicode scalar values), so that no
//! author and no careless paste can make a screen of the player slow to lay out. `docs/package-format.md`
//! lists the same numbers; the validator (and so the player, which validates what it opens) refuses
//! longer text at its JSON path.
//!
//! It deliberately knows fields only by the JSON paths the validator builds for them: one table, no
//! second description of the format.

/// A kind of text field, by what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The package's, a skill's, an activity's or a page's title.
    Title,
    /// A skill's description.
    Description,
    /// An item's stem, or a cloze's text.
    Stem,
    /// A choice option, or either side of a matching pair.
    Option,
    /// Any feedback (item, option, misconception, true/false).
    Feedback,
    Hint,
    /// One step of a worked solution.
    Solution,
    /// A lesson page's text block.
    LessonText,
    Alt,
    Caption,
    Transcript,
}

/// Every field with its limit, in the order the docs list them.
pub const LIMITS: [(Field, usize); 11] = [
    (Field::Title, 120),
    (Field::Description, 500),
    (Field::Stem, 1_000),
    (Field::Option, 200),
    (Field::Feedback, 500),
    (Field::Hint, 300),
    (Field::Solution, 500),
    (Field::LessonText, 4_000),
    (Field::Alt, 300),
    (Field::Caption, 300),
    (Field::Transcript, 8_000),
];

impl Field {
    /// The most characters the field may hold.
    pub fn max_chars(self) -> usize {
        LIMITS
            .iter()
            .find(|(f, _)| *f == self)
            .map_or(0, |(_, n)| *n)
    }

    /// What the field is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "a title",
            Field::Description => "a description",
            Field::Stem => "a stem",
            Field::Option => "an option",
            Field::Feedback => "feedback",
            Field::Hint => "a hint",
            Field::Solution => "a solution step",
            Field::LessonText => "a text block",
            Field::Alt => "alt text",
            Field::Caption => "a caption",
            Field::Transcript => "a transcript",
        }
    }

    /// The field a text at the validator's JSON `path` is (without a trailing language key). A path this
    /// table does not know is held to a stem's limit.
    pub fn of_path(path: &str) -> Field {
        let last = path.rsplit('.').next().unwrap_or(path);
        let last = last.split('[').next().unwrap_or(last);
        match last {
            "title" => Field::Title,
            "description" => Field::Description,
            "hints" => Field::Hint,
            "solution" => Field::Solution,
            "correct" | "incorrect" | "feedback" | "trueFeedback" | "falseFeedback" => {
                Field::Feedback
            }
            "prompt" | "answer" | "label" => Field::Option,
            "alt" => Field::Alt,
            "caption" => Field::Caption,
            "transcript" => Field::Transcript,
            "text" if path.contains(".blocks[") => Field::LessonText,
            "text" if path.ends_with("interaction.text") => Field::Stem,
            "text" => Field::Option,
            _ => Field::Stem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_known_by_the_paths_the_validator_builds() {
        let cases = [
            ("title", Field::Title),
            ("skills[3].title", Field::Title),
            ("skills[0].description", Field::Description),
            ("pages[1].title", Field::Title),
            ("items[2].stem", Field::Stem),
            ("items[2].blocks[0].points[1].label", Field::Option),
            ("pages[0].blocks[3].points[0].label", Field::Option),
            ("items[2].interaction.text", Field::Stem),
            ("items[2].interaction.options[1].text", Field::Option),
            ("items[2].interaction.options[1].feedback", Field::Feedback),
            ("items[2].interaction.pairs[0].prompt", Field::Option),
            ("items[2].feedback.incorrect", Field::Feedback),
            ("items[2].interaction.trueFeedback", Field::Feedback),
            ("items[2].hints[1]", Field::Hint),
            ("items[2].solution[0]", Field::Solution),
            ("pages[0].blocks[2].text", Field::LessonText),
            ("pages[0].blocks[2].alt", Field::Alt),
            ("pages[0].blocks[2].caption", Field::Caption),
            ("pages[0].blocks[2].transcript", Field::Transcript),
        ];
        for (path, field) in cases {
            assert_eq!(Field::of_path(path), field, "{path}");
        }
        for (field, n) in LIMITS {
            assert_eq!(field.max_chars(), n);
            assert!(n > 0);
        }
    }
}
