//! front_matter
