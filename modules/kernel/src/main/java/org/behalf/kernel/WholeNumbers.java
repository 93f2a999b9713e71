package org.behalf.kernel;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A whole number in a request's address ({@code limit=}, an export's {@code from=}, a checkpoint's
 * size): the ASCII digits 0 to 9 and nothing else. Every {@code Integer} and {@code Long} parameter
 * of every endpoint is read here ({@link KernelConfiguration}); Spring's own reading, which all the
 * lists shared, took {@code 0x10} as 16, a fullwidth {@code ５} or {@code +5} as 5 and {@code " 5"}
 * as 5, so a number was read that nobody wrote (black-box testing, 2026-12-07). Anything else is
 * refused, which the API answers as {@code 400} naming the parameter. An empty value is no value,
 * as before (an HTML form's blank field).
 *
 * <p>An editor of the binder rather than a converter: the binder falls back from a failed
 * conversion to its default number editor, which reads hexadecimal.
 */
@ControllerAdvice
public final class WholeNumbers {

    /** Eighteen digits at most: every such number fits a {@code long}. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    /** The words of the refusal (the API's problem answer). */
    public static final String WORDS = "A whole number, written with the digits 0 to 9.";

    /**
     * The words for plain digits too many for the parameter: "a whole number, written with the digits 0 to 9" is
     * what such a value is, so those words did not say what to change (black-box finding, 2026-12-07).
     */
    public static final String TOO_LARGE = "This number is too large.";

    private static final Pattern ANY_DIGITS = Pattern.compile("[0-9]+");

    /** The words refusing {@code given} as a whole number of the parameter's type. */
    public static String refusal(Object given) {
        return given instanceof String text && ANY_DIGITS.matcher(text).matches() ? TOO_LARGE : WORDS;
    }

    /** The number the text writes in plain ASCII digits; an {@link IllegalArgumentException} otherwise. */
    public static long parse(String text) {
        if (text == null || !DIGITS.matcher(text).matches()) {
            throw new IllegalArgumentException(WORDS);
        }
        return Long.parseLong(text);
    }

    @InitBinder
    void wholeNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, new Editor(true));
        binder.registerCustomEditor(int.class, new Editor(true));
        binder.registerCustomEditor(Long.class, new Editor(false));
        binder.registerCustomEditor(long.class, new Editor(false));
    }

    private static final class Editor extends PropertyEditorSupport {

        private final boolean integer;

        Editor(boolean integer) {
            this.integer = integer;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || text.isEmpty()) {
                setValue(null);
                return;
            }
            long value = parse(text);
            if (integer && value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(WORDS);
            }
            setValue(integer ? (Object) (int) value : (Object) value);
        }
    }
}
