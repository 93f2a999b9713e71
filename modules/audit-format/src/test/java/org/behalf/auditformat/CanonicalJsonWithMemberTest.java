package org.behalf.auditformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one-pass "without and with a member" form agrees with canonicalising both objects apart. */
class CanonicalJsonWithMemberTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void bothTextsAreTheCanonicalFormsOfTheObjectWithoutAndWithTheMember() {
        List<String> objects = List.of(
                "{}",
                "{\"id\":\"act_1\",\"account\":\"m1\",\"seq\":3,\"prevHash\":\"00\"}",
                "{\"b\":{\"hash\":\"nested\",\"z\":[1,2.5,null]},\"a\":\"x\\\"y\",\"\u00e9\":true}",
                "{\"zzz\":1}",
                "{\"a\":1}");
        for (String text : objects) {
            for (String name : List.of("hash", "a0", "\u00ff", "", "q\"uote")) {
                ObjectNode object = (ObjectNode) JSON.readTree(text);
                if (object.has(name)) {
                    continue;
                }

                CanonicalJson.WithMember both = CanonicalJson.withMember(object, name, without -> "v" + without.length() + "\n");

                ObjectNode extended = object.deepCopy();
                extended.put(name, both.value());
                assertThat(both.without()).as("%s without %s", text, name).isEqualTo(CanonicalJson.of(object));
                assertThat(both.value()).isEqualTo("v" + CanonicalJson.of(object).length() + "\n");
                assertThat(both.with()).as("%s with %s", text, name).isEqualTo(CanonicalJson.of(extended));
            }
        }
    }

    @Test
    void aMemberTheObjectHasIsRefused() {
        ObjectNode object = (ObjectNode) JSON.readTree("{\"hash\":\"abc\"}");

        assertThatThrownBy(() -> CanonicalJson.withMember(object, "hash", without -> "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
