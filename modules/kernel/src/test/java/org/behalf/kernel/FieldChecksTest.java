package org.behalf.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FieldChecksTest {

    @Test
    void everyFieldsFirstProblemIsRefusedAtOnceInTheOrderFound() {
        FieldChecks checks = new FieldChecks();
        List<String> ran = new ArrayList<>();
        String name = checks.value("name", () -> {
            throw new InvalidRequest("name", "Required.");
        });
        checks.check("age", () -> ran.add("age"));
        checks.check("name", () -> ran.add("name again"));
        checks.check("email", () -> TextField.checkName("email", "\u202eevil"));

        assertThat(name).isNull();
        assertThat(ran).as("a field's later checks are skipped once it failed").containsExactly("age");
        assertThatThrownBy(checks::refuseIfAny).isInstanceOfSatisfying(InvalidRequest.class, refused -> {
            assertThat(refused.getStatusCode().value()).isEqualTo(400);
            assertThat(refused.getBody().getProperties()).containsEntry("field", "name");
            assertThat(refused.getBody().getDetail()).isEqualTo("Required.");
            assertThat(refused.getBody().getProperties().get("errors")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsExactly(new ProblemAnswer.FieldProblem("name", "Required."), new ProblemAnswer.FieldProblem("email",
                            "Characters that turn the direction of the text around are not allowed in a name."));
        });
    }

    @Test
    void aRefusalThatIsNotBadInputIsThrownAtOnceAndNoProblemIsNoRefusal() {
        FieldChecks checks = new FieldChecks();
        assertThat(checks.value("handle", () -> "ann")).isEqualTo("ann");
        checks.refuseIfAny();
        assertThatThrownBy(() -> checks.check("handle", () -> {
            throw InvalidRequest.conflict("That handle or e-mail cannot be used; choose another.");
        })).isInstanceOfSatisfying(InvalidRequest.class, refused -> assertThat(refused.getStatusCode().value()).isEqualTo(409));
    }
}
