package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a vacation reply may go out (RFC 5230 §4.5, §4.6; RFC 3834 §2). */
class VacationPolicyTest {

    private static final SieveAction.Vacation VACATION = new SieveAction.Vacation(86_400, null, null,
            List.of("alias@example.org"), false, "h", "away");
    private static final List<String> USER = List.of("user@example.org");

    private static VacationPolicy.Decision decide(String from, String header) {
        String msg = header + "Subject: =?UTF-8?Q?caf=C3=A9?=\r\n\r\nbody\r\n";
        return VacationPolicy.decide(MimeSieveMessage.of(msg.getBytes(StandardCharsets.UTF_8), from, "user@example.org"),
                VACATION, USER);
    }

    @Test
    void repliesOnlyWhenAddressedDirectly() {
        assertThat(decide("a@example.com", "To: User <USER@example.org>\r\n")).isEqualTo(VacationPolicy.Decision.REPLY);
        assertThat(decide("a@example.com", "To: x@example.com\r\nCc: alias@example.org\r\n")).isEqualTo(VacationPolicy.Decision.REPLY);
        assertThat(decide("a@example.com", "Resent-Bcc: user@example.org\r\n")).isEqualTo(VacationPolicy.Decision.REPLY);
        assertThat(decide("a@example.com", "To: list@example.com\r\n")).isEqualTo(VacationPolicy.Decision.NOT_ADDRESSED);
    }

    @Test
    void noRepliesToAutomatedMail() {
        String to = "To: user@example.org\r\n";
        assertThat(decide("", to)).isEqualTo(VacationPolicy.Decision.NULL_SENDER);
        assertThat(decide("MAILER-DAEMON@example.com", to)).isEqualTo(VacationPolicy.Decision.AUTOMATED_SENDER);
        assertThat(decide("owner-list@example.com", to)).isEqualTo(VacationPolicy.Decision.AUTOMATED_SENDER);
        assertThat(decide("list-request@example.com", to)).isEqualTo(VacationPolicy.Decision.AUTOMATED_SENDER);
        assertThat(decide("a@example.com", to + "Auto-Submitted: auto-replied\r\n")).isEqualTo(VacationPolicy.Decision.AUTO_SUBMITTED);
        assertThat(decide("a@example.com", to + "Auto-Submitted: no (comment)\r\n")).isEqualTo(VacationPolicy.Decision.REPLY);
        assertThat(decide("a@example.com", to + "Precedence: bulk\r\n")).isEqualTo(VacationPolicy.Decision.BULK);
        assertThat(decide("a@example.com", to + "List-Id: <l.example.com>\r\n")).isEqualTo(VacationPolicy.Decision.LIST);
        assertThat(decide("user@example.org", to)).isEqualTo(VacationPolicy.Decision.SELF);
    }

    @Test
    void defaultSubject() {
        SieveMessage m = MimeSieveMessage.of("Subject: =?UTF-8?Q?caf=C3=A9?=\r\n\r\nx".getBytes(StandardCharsets.UTF_8), "a@b.c", "u@d.e");
        assertThat(VacationPolicy.defaultSubject(m)).isEqualTo("Auto: café");
    }
}
