package org.behalf.delegation.approval;

/**
 * A field a held change sets: its value when the change was proposed ({@code before}), the value
 * proposed ({@code after}) and, while the change waits, its value now. {@code conflict}: the field
 * was changed since the change was proposed, so approving would replace a newer value (issue 18 item 1).
 *
 * @param label the field in plain words
 */
public record FieldState(String field, String label, Object before, Object after, Object current, boolean conflict) {
}
