package org.behalf.delegation.enforcement;

import org.behalf.kernel.TextField;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text in a JSON body must be Unicode (docs/security.md rule 40): JSON's {@code \ud800} escape can
 * spell half of a surrogate pair, which Java keeps in a string, the database driver stores as
 * {@code ?} and the activity entry records otherwise, so that the log and the stored value would
 * disagree. Such text is refused as bad input naming its field ({@link BadInputAdvice}), for every
 * body of the API at once, before any handler sees it.
 */
@Configuration(proxyBeanMethods = false)
class UnicodeText {

    @Bean
    JacksonModule unicodeOnlyStrings() {
        return new SimpleModule("unicode-text").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) {
                String text = super.deserialize(parser, context);
                if (text != null && !TextField.isUnicode(text)) {
                    throw InvalidFormatException.from(parser, NOT_UNICODE, text, String.class);
                }
                return text;
            }
        });
    }

    static final String NOT_UNICODE = "text that is not valid Unicode";
}
