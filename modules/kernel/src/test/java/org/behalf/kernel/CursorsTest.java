package org.behalf.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CursorsTest {

    @Test
    void aCursorGivesBackItsPartsWhateverTextTheyHold() {
        String cursor = Cursors.encode("Dee. \"van\" Dam\nline two", "cnt_abc.def");

        assertThat(cursor).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(Cursors.decode(cursor, 2)).containsExactly("Dee. \"van\" Dam\nline two", "cnt_abc.def");
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertThat(Cursors.decode(null, 2)).isNull();
        assertThat(Cursors.decode("", 2)).isNull();
    }

    @Test
    void aCursorThatDoesNotDecodeIsRefusedNamingTheField() {
        for (String bad : List.of("not base64!", "YQ", "YQ.Yg.Yw", Cursors.encode("o", "3") + "%")) {
            assertThatThrownBy(() -> Cursors.decode(bad, 2)).as(bad).isInstanceOfSatisfying(InvalidRequest.class, refused -> {
                assertThat(refused.getStatusCode().value()).isEqualTo(400);
                assertThat(refused.getBody().getProperties()).containsEntry("field", "cursor");
            });
        }
    }
}
