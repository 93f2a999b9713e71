package org.behalf.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The hand-written time of an entry is exactly the text of the documented pattern (docs/activity-log.md). */
class EntryTimeTest {

    @Test
    void everyInstantIsWrittenAsThePatternWritesIt() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1999-12-31T23:59:59.999Z"),
                Instant.parse("2026-02-28T00:00:00Z"), Instant.parse("2028-02-29T12:34:56.007891Z"),
                Instant.parse("0001-01-01T00:00:00.100Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-06-01T00:00:00Z"), Instant.parse("+10000-01-01T00:00:00.5Z")));
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 20_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L), random.nextInt(1_000_000_000)));
        }

        for (Instant instant : instants) {
            assertThat(EntryJson.time(instant)).as("%s", instant).isEqualTo(EntryJson.TIME.format(instant));
        }
    }
}
