//! "Did you mean" suggestions for misspelt keys, keywords and names.

/// The candidate the user most likely meant by `input`, if any is close
/// enough: a case-insensitive match wins (`Post` → `POST`), otherwise the
/// nearest by edit distance, allowing about one edit per three characters.
/// Ties go to the earlier candidate, so suggestions are deterministic.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let candidates: Vec<&'a str> = candidates.into_iter().filter(|c| *c != input).collect();
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(input)) {
        return Some(same);
    }
    let input_len = input.chars().count();
    let budget = (input_len / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = edit_distance(&input.to_lowercase(), &candidate.to_lowercase());
        let fits = distance <= budget && distance < input_len.max(candidate.chars().count());
        if fits && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_case_insensitive_match() {
        assert_eq!(did_you_mean("post", ["GET", "POST"]), Some("POST"));
    }

    #[test]
    fn finds_near_misses_only() {
        assert_eq!(did_you_mean("colour", ["date", "color"]), Some("color"));
        assert_eq!(
            did_you_mean("critrion", ["name", "criterion"]),
            Some("criterion")
        );
        assert_eq!(did_you_mean("xyz", ["date", "color"]), None);
        assert_eq!(did_you_mean("", ["a"]), None);
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ção", "cao"), 2);
    }
}
