//! A structure-aware mutator for spec files (the `loader_yaml` target).
//!
//! libFuzzer's byte mutations rarely keep a spec valid YAML, so they mostly
//! reach the YAML parser's errors. This mutator parses the input as YAML,
//! changes the tree (removes, duplicates, swaps and grafts nodes, renames
//! keys, puts a word that specs use into a scalar) and writes it back; the
//! loader then sees well-formed documents that break its semantic rules in
//! every combination. One time in four, and whenever the input is not YAML
//! or the result does not fit, libFuzzer's own mutation is used instead, so
//! the YAML syntax itself is still mutated.

use std::sync::OnceLock;

use serde_yaml::{Mapping, Value};

/// The spec texts whose keys and short scalars make the dictionary: the two
/// pages and the test-only pages, which use conditions, recursion, arrays
/// and generated-code names.
const DICTIONARY_SOURCES: [&str; 6] = [
    crate::SPECS[0].1,
    crate::SPECS[1].1,
    include_str!("../../tests/spec_conditional/cadastro.yaml"),
    include_str!("../../tests/spec_recursive/arvore.yaml"),
    include_str!("../../tests/spec_arrays/listas.yaml"),
    include_str!("../../tests/spec_names/nomes.yaml"),
];

/// Mutates `data[..size]` in place, as `libfuzzer_sys::fuzz_mutator!` asks,
/// and returns the new size (at most `max_size`).
pub fn yaml_mutate(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> usize {
    let mut rng = Rng::new(seed);
    if rng.below(4) == 0 {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    let parsed = std::str::from_utf8(&data[..size])
        .ok()
        .and_then(|text| serde_yaml::from_str::<Value>(text).ok());
    let Some(mut root) = parsed else {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    };
    for _ in 0..=rng.below(3) {
        mutate_once(&mut root, &mut rng);
    }
    match serde_yaml::to_string(&root) {
        Ok(text) if text.len() <= max_size => {
            data[..text.len()].copy_from_slice(text.as_bytes());
            text.len()
        }
        _ => libfuzzer_sys::fuzzer_mutate(data, size, max_size),
    }
}

/// One change at a node picked uniformly among all the tree's nodes.
fn mutate_once(root: &mut Value, rng: &mut Rng) {
    let count = count(root);
    let donor = nth(root, rng.below(count)).clone();
    let words = dictionary();
    let word = words[rng.below(words.len())].clone();
    let replacement = if rng.below(2) == 0 {
        donor
    } else {
        word.clone()
    };
    let target = nth_mut(root, rng.below(count));
    match target {
        Value::Mapping(map) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(rng.below(map.len()))
                .cloned()
                .expect("in range");
            match rng.below(4) {
                0 => {
                    map.shift_remove(&key);
                }
                1 => {
                    // Rename a key, keeping its value.
                    if let Some(value) = map.shift_remove(&key) {
                        map.insert(word, value);
                    }
                }
                2 => {
                    map.insert(word, replacement);
                }
                _ => {
                    map.insert(key, replacement);
                }
            }
        }
        Value::Sequence(items) if !items.is_empty() => {
            let index = rng.below(items.len());
            match rng.below(4) {
                0 => {
                    items.remove(index);
                }
                1 => {
                    let copy = items[index].clone();
                    items.insert(index, copy);
                }
                2 => {
                    let other = rng.below(items.len());
                    items.swap(index, other);
                }
                _ => items.insert(index, replacement),
            }
        }
        Value::Tagged(tagged) => tagged.value = replacement,
        scalar => {
            *scalar = match rng.below(6) {
                0 => Value::Null,
                1 => Value::Bool(rng.below(2) == 0),
                2 => Value::Number((rng.next() as i64 - (1 << 31)).into()),
                3 => Value::Mapping(Mapping::new()),
                _ => replacement,
            }
        }
    }
}

/// The nodes of `value`, itself included.
fn count(value: &Value) -> usize {
    1 + match value {
        Value::Mapping(map) => map.values().map(count).sum(),
        Value::Sequence(items) => items.iter().map(count).sum(),
        Value::Tagged(tagged) => count(&tagged.value),
        _ => 0,
    }
}

/// The `n`th node of `value` in pre-order (keys are not counted as nodes
/// here beyond what [`count`] gives them; they are changed through their map).
fn nth(value: &Value, mut n: usize) -> &Value {
    if n == 0 {
        return value;
    }
    n -= 1;
    let children: Vec<&Value> = match value {
        Value::Mapping(map) => map.values().collect(),
        Value::Sequence(items) => items.iter().collect(),
        Value::Tagged(tagged) => vec![&tagged.value],
        _ => Vec::new(),
    };
    for child in children {
        let size = count(child);
        if n < size {
            return nth(child, n);
        }
        n -= size;
    }
    value
}

/// [`nth`], mutably.
fn nth_mut(value: &mut Value, mut n: usize) -> &mut Value {
    if n == 0 {
        return value;
    }
    n -= 1;
    let index = {
        let children: Vec<&Value> = match &*value {
            Value::Mapping(map) => map.values().collect(),
            Value::Sequence(items) => items.iter().collect(),
            Value::Tagged(tagged) => vec![&tagged.value],
            _ => Vec::new(),
        };
        let mut found = None;
        for (index, child) in children.into_iter().enumerate() {
            let size = count(child);
            if n < size {
                found = Some(index);
                break;
            }
            n -= size;
        }
        found
    };
    let Some(index) = index else {
        return value;
    };
    match value {
        Value::Mapping(map) => nth_mut(map.values_mut().nth(index).expect("counted"), n),
        Value::Sequence(items) => nth_mut(&mut items[index], n),
        Value::Tagged(tagged) => nth_mut(&mut tagged.value, n),
        _ => unreachable!("only containers have children"),
    }
}

/// Every mapping key and short scalar of [`DICTIONARY_SOURCES`], plus a few
/// edge cases, without duplicates.
fn dictionary() -> &'static [Value] {
    static WORDS: OnceLock<Vec<Value>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<Value> = [
            "",
            " ",
            "\u{85}",
            "\u{feff}",
            "C(filled(x))",
            "Array de Objeto",
            "é",
        ]
        .into_iter()
        .map(|s| Value::String(s.to_owned()))
        .collect();
        for text in DICTIONARY_SOURCES {
            let root: Value = serde_yaml::from_str(text).expect("the specs are YAML");
            harvest(&root, &mut words);
        }
        let mut unique = Vec::new();
        for word in words {
            if !unique.contains(&word) {
                unique.push(word);
            }
        }
        unique
    })
}

fn harvest(value: &Value, words: &mut Vec<Value>) {
    match value {
        Value::Mapping(map) => {
            for (key, value) in map {
                harvest(key, words);
                harvest(value, words);
            }
        }
        Value::Sequence(items) => items.iter().for_each(|item| harvest(item, words)),
        Value::Tagged(tagged) => harvest(&tagged.value, words),
        Value::String(s) if s.len() > 40 => {}
        scalar => words.push(scalar.clone()),
    }
}

/// xorshift32: the mutator must be a function of libFuzzer's seed.
struct Rng(u32);

impl Rng {
    fn new(seed: u32) -> Self {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }

    /// Uniform enough in `0..n`; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        self.next() as usize % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nth_visits_every_node_once() {
        let root: Value = serde_yaml::from_str("a: [1, {b: 2}]\nc: x\n").unwrap();
        assert_eq!(count(&root), 6);
        let visited: Vec<Value> = (0..6).map(|n| nth(&root, n).clone()).collect();
        assert_eq!(visited[2], Value::Number(1.into()));
        let mut copy = root.clone();
        for (n, expected) in visited.iter().enumerate() {
            assert_eq!(nth_mut(&mut copy, n), expected);
        }
    }

    #[test]
    fn mutations_keep_yaml() {
        let mut root: Value = serde_yaml::from_str(crate::SPECS[0].1).unwrap();
        let mut rng = Rng::new(7);
        for _ in 0..200 {
            mutate_once(&mut root, &mut rng);
            let text = serde_yaml::to_string(&root).unwrap();
            let _: Value = serde_yaml::from_str(&text).unwrap();
        }
    }
}
