package org.behalf.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "0:0:0:0:0:0:0:1, ::1",
            "::, ::",
            "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0db8::0001, 2001:db8::1",
            "fe80:0:0:0:0:0:0:0, fe80::",
            "::ffff:203.0.113.5, 203.0.113.5",
            "0:0:0:0:0:ffff:127.0.0.1, 127.0.0.1"})
    void anAddressHasOneSpelling(String written, String canonical) {
        assertThat(IpLiteral.canonical(written)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433", "127.000.000.001", "127.0.0.01", "0x7f.0.0.1", "256.0.0.1", "1.2.3.4.5",
            "1.2.3.", ".1.2.3", "1..2.3", "+1.2.3.4", " 127.0.0.1", "garbage", "localhost", "<script>", "::1%eth0", "[::1]",
            "::ffff:127.000.000.001", "1:2:3:4:5:6:7:8:9", "", "203.0.113.5:4444", "unknown"})
    void anythingElseIsNoAddress(String written) {
        assertThat(IpLiteral.parse(written)).isEmpty();
    }
}
