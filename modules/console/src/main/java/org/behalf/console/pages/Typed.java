package org.behalf.console.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.FieldNames;
import org.behalf.console.calls.Refusal;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * What a person typed into a form and what was wrong with it, to draw the form again after a
 * refusal with every value still there and the words next to their field (issue 18, "nothing
 * typed is ever lost"). A form that failed is drawn again in the POST's answer rather than
 * redirected: sending it again is harmless, since nothing was changed.
 *
 * @param values what was typed, as the form sent it (line breaks as the browser sent them: the API
 *               turns CRLF into LF, so a redisplayed textarea shows the same lines)
 * @param errors plain words per form field name, and under "" those that belong to no one field
 */
public record Typed(MultiValueMap<String, String> values, Map<String, String> errors) {

    /** A form nobody has typed into yet. */
    static Typed none() {
        return new Typed(new LinkedMultiValueMap<>(), new LinkedHashMap<>());
    }

    static Typed of(MultiValueMap<String, String> values) {
        return new Typed(values, new LinkedHashMap<>());
    }

    /**
     * Puts each of the refusal's problems next to its field ({@link Refusal#all()}: the API may name
     * several at once), each said by {@code plainly} first, where the page words them itself.
     */
    Typed refused(Refusal refusal, UnaryOperator<Refusal> plainly, Map<String, String> formNames) {
        refusal.all().forEach(each -> refused(plainly.apply(each), formNames));
        return this;
    }

    /**
     * Puts the refusal's words next to its field: the API's field name, renamed where the form calls
     * it otherwise ({@code formNames}); words for a field the form does not have go on top.
     */
    Typed refused(Refusal refusal, Map<String, String> formNames) {
        String field = FieldNames.base(refusal.field());
        String name = field == null ? "" : formNames.getOrDefault(field, field);
        errors.merge(name, refusal.getMessage(), (a, b) -> a + " " + b);
        return this;
    }

    /**
     * A form's one API call, made unless something typed was already found wrong: on success the
     * page {@code done} makes of the API's answer; on a refusal (a lapsed sign-in excepted, which
     * goes on to the sign-in page) its words next to their field ({@code plainly} may say them
     * better first) and the form drawn again by {@code redraw}, answered 400.
     */
    String send(HttpServletResponse response, Supplier<JsonNode> call, UnaryOperator<Refusal> plainly,
                Map<String, String> formNames, Function<JsonNode, String> done, Supplier<String> redraw) {
        if (!failed()) {
            try {
                return done.apply(call.get());
            } catch (Refusal refused) {
                if (refused.unauthorized()) {
                    throw refused;
                }
                refused(refused, plainly, formNames);
            }
        }
        response.setStatus(400);
        return redraw.get();
    }

    /** A refusal said next to its field, without the field's name in front: the field's own label says it. */
    static Refusal besideField(Refusal refused) {
        return refused.field() == null ? refused : new Refusal(refused.status(), refused.detail(), refused.field());
    }

    Typed error(String field, String words) {
        errors.merge(field, words, (a, b) -> a + " " + b);
        return this;
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    /** The value typed, or the form's default where nothing was typed yet. */
    public String value(String name, String otherwise) {
        List<String> typed = values.get(name);
        return typed == null || typed.isEmpty() ? otherwise : typed.get(0);
    }

    public String value(String name) {
        return value(name, "");
    }

    /** Whether a box was ticked (a checkbox sends its value once per tick). */
    public boolean ticked(String name, String value) {
        List<String> typed = values.get(name);
        return typed != null && typed.contains(value);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }
}
