package org.biradsrepro.data;

import java.util.List;

/**
 * Images whose files have identical content (equal SHA-256). They are kept, reported, and always put on the same
 * side of a split, as if they belonged to one patient; identical content with different labels is refused.
 *
 * @param contentHash SHA-256 of the content, hex
 * @param ids the images' ids, sorted
 * @param label their common BI-RADS category
 */
public record DuplicateGroup(String contentHash, List<String> ids, int label) {
    public DuplicateGroup {
        ids = List.copyOf(ids);
    }
}
