//! The learner model and the adaptive decisions (being written).
