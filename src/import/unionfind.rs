//! Grouping items linked in pairs (coreferent mentions) into classes.

/// The classes of `0..n` joined by `pairs`, each sorted, in order of their first member.
#[must_use]
pub fn groups(n: usize, pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(a, b) in pairs {
        if a >= n || b >= n {
            continue;
        }
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    by_root.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::groups;

    #[test]
    fn joins_linked_items() {
        assert_eq!(
            groups(5, &[(3, 1), (4, 3)]),
            [vec![0], vec![1, 3, 4], vec![2]]
        );
        assert_eq!(groups(2, &[(0, 9)]), [vec![0], vec![1]]);
    }
}
