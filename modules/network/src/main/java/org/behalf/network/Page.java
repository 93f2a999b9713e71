package org.behalf.network;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A list answer, {@code {"items": [...], "next": "<cursor or null>"}} (DESIGN.md section 6). */
public record Page<T>(List<T> items, @Nullable String next) {

    /**
     * From a query that fetched one row more than the page size: that extra row only tells that
     * there is a next page, whose cursor (encoded: a {@link Cursor}, a {@link SequenceCursor}) is the
     * last shown item's.
     */
    public static <R, T> Page<T> of(List<R> rows, int size, Function<R, String> cursor, Function<R, T> view) {
        boolean more = rows.size() > size;
        List<R> shown = more ? rows.subList(0, size) : rows;
        return new Page<>(shown.stream().map(view).toList(), more ? cursor.apply(shown.get(shown.size() - 1)) : null);
    }

    public static int size(Integer requested) {
        if (requested == null) {
            return 20;
        }
        if (requested < 1 || requested > 100) {
            throw new org.behalf.kernel.InvalidRequest("limit", "A page holds 1 to 100 items.");
        }
        return requested;
    }
}
