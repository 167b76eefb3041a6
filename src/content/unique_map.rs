//! A string-keyed map that refuses duplicate keys while deserializing.
//!
//! serde's own maps keep the last of two equal keys without a word; in a
//! hand-written file a repeated key is almost always a mistake, so it is an
//! error here, located by the format's parser.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

/// Entries in file order, keys unique.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct UniqueMap<V>(pub Vec<(String, V)>);

impl<V> UniqueMap<V> {
    /// The entries in the order they were written.
    pub fn entries(&self) -> &[(String, V)] {
        &self.0
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UniqueMapVisitor(PhantomData))
    }
}

struct UniqueMapVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMapVisitor<V> {
    type Value = UniqueMap<V>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a map with unique keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut entries: Vec<(String, V)> = Vec::new();
        // A set beside the list keeps a file with many keys linear, not quadratic.
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = access.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
            }
            let value = access.next_value()?;
            entries.push((key, value));
        }
        Ok(UniqueMap(entries))
    }
}
