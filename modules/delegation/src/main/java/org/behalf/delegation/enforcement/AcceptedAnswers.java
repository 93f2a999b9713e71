package org.behalf.delegation.enforcement;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * What a request's {@code Accept} lets the server answer in (RFC 9110 section 12.5.1), the one
 * content negotiation of Spring MVC's answers. Three cases are read differently from Spring's own:
 *
 * <ul>
 * <li>{@code application/problem+json} names the answer for a problem only (RFC 9457 section 3):
 * a success answered to {@code Accept: application/problem+json} was labelled an error document,
 * since Spring's JSON converter writes {@code application/*+json}. It is left out, so that a success
 * is {@code application/json} when the request takes that too, and {@code 406} when it takes
 * nothing else.</li>
 * <li>A type weighted {@code q=0} is one the request refuses (RFC 9110 section 12.4.2), not one it asks for:
 * {@code Accept: application/json;q=0} was answered JSON (black-box finding, 2026-12-07).</li>
 * <li>An {@code Accept} that cannot be read takes nothing. Spring refused it with a {@code 406}
 * and then failed to write the problem answer too, reading the same header again, so the answer had
 * no body and no type (black-box finding).</li>
 * </ul>
 *
 * <p>Either way a problem answer is still written as {@code application/problem+json}: Spring falls
 * back to the problem types when nothing the request accepts fits a {@code ProblemDetail}, as it
 * does for {@code Accept: application/xml}.
 */
final class AcceptedAnswers implements ContentNegotiationStrategy {

    /** A type nothing is answered in: what an unreadable or problem-only {@code Accept} takes. */
    static final List<MediaType> NOTHING = List.of(new MediaType("application", "x.behalf.nothing"));

    private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
        List<MediaType> accepted;
        try {
            accepted = header.resolveMediaTypes(request);
        } catch (HttpMediaTypeNotAcceptableException unreadable) {
            return NOTHING;
        }
        if (accepted == MEDIA_TYPE_ALL_LIST) {
            return accepted;
        }
        // RFC 9110 section 12.4.2: a weight of 0 is "not acceptable"; Spring took application/json;q=0 as asking for JSON.
        List<MediaType> refused = accepted.stream().filter(type -> type.getQualityValue() == 0).toList();
        // RFC 9110 section 12.5.1: the most specific range decides, so a range such as */* listed beside a refused type
        // does not take that type back; it was answered in it (black-box finding 18). Such a range stands for the types
        // the API answers in that it includes, but the refused ones: text/html;q=0 beside */* still takes JSON. Only JSON
        // was taken out, so application/jsonl;q=0 beside */* was answered an export in JSON Lines, and
        // application/json;q=0 beside */* refused the checkpoints and keys, which are text (black-box finding, 2026-12-07).
        List<MediaType> answers = accepted.stream()
                .filter(type -> type.getQualityValue() > 0)
                .flatMap(type -> refused.stream().noneMatch(no -> type.includes(no) && !type.equalsTypeAndSubtype(no)) ? Stream.of(type)
                        : ANSWERED.stream().filter(type::includes).filter(answer -> refused.stream().noneMatch(no -> no.includes(answer))))
                .filter(type -> !MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(type)).toList();
        return answers.isEmpty() ? NOTHING : answers;
    }

    /**
     * The types the API answers in (the {@code produces} of its handlers): what a range beside a refused type stands for.
     * A new type a handler produces belongs here too, or a range beside a refused type leaves it out.
     */
    private static final List<MediaType> ANSWERED = List.of(MediaType.APPLICATION_JSON, MediaType.parseMediaType("application/jsonl"),
            MediaType.TEXT_PLAIN, MediaType.TEXT_HTML);

    /** Whether the request's {@code Accept} could not be read at all (for the words of the 406). */
    static boolean unreadable(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            MediaType.parseMediaTypes(accept);
            return false;
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return true;
        }
    }
}
