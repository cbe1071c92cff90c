package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** vacation (RFC 5230) and vacation-seconds (RFC 6131). */
class SieveVacationTest {

    private final SieveRun r = new SieveRun();

    @Test
    void parameters() throws SieveException {
        SieveResult res = r.run("""
                require "vacation";
                vacation :days 3 :subject "Away" :from "me@example.org" :addresses ["user@example.org", "u2@example.org"]
                  :handle "h1" "I am away";
                """);
        assertThat(res.actions()).containsExactly(new SieveAction.Vacation(3 * 86_400, "Away", "me@example.org",
                List.of("user@example.org", "u2@example.org"), false, "h1", "I am away"));
        assertThat(res.implicitKeep()).isTrue(); // §4.7: vacation does not cancel implicit keep
    }

    @Test
    void defaultsAndHandle() throws SieveException {
        SieveResult res = r.run("require \"vacation\"; vacation \"gone\";");
        assertThat(res.actions()).containsExactly(new SieveAction.Vacation(7 * 86_400, null, null, List.of(), false,
                "gone<default-subject><default-from><NO-MIME>", "gone"));
        // :days 0 is taken as the minimum, one day (§4.1)
        assertThat(((SieveAction.Vacation) r.run("require \"vacation\"; vacation :days 0 \"x\";").actions().getFirst()).seconds())
                .isEqualTo(86_400);
        // the site's minimum period applies to :seconds too (RFC 6131 §2); here the default, a day
        assertThat(((SieveAction.Vacation) r.run("require \"vacation-seconds\"; vacation :seconds 1800 \"x\";").actions().getFirst())
                .seconds()).isEqualTo(86_400);
        r.vacationMin = 60;
        assertThat(((SieveAction.Vacation) r.run("require \"vacation-seconds\"; vacation :seconds 1800 \"x\";").actions().getFirst())
                .seconds()).isEqualTo(1800);
        assertThat(((SieveAction.Vacation) r.run("require \"vacation-seconds\"; vacation :seconds 0 \"x\";").actions().getFirst())
                .seconds()).isEqualTo(60);
    }

    @Test
    void mimeAndVariables() throws SieveException {
        SieveResult res = r.run("""
                require ["vacation", "variables"];
                if header :matches "subject" "*" { set "s" "${1}"; }
                vacation :mime :subject "Re: ${s}" text:
                Content-Type: text/plain

                Back soon.
                .
                ;
                """);
        SieveAction.Vacation v = (SieveAction.Vacation) res.actions().getFirst();
        assertThat(v.subject()).isEqualTo("Re: café meeting");
        assertThat(v.mime()).isTrue();
        assertThat(v.reason()).isEqualTo("Content-Type: text/plain\r\n\r\nBack soon.\r\n");
    }

    @Test
    void onceAndNotWithReject() throws SieveException {
        assertThat(r.describe("require \"vacation\"; vacation \"a\";\nvacation \"b\";"))
                .isEqualTo("error line 2: a second vacation; implicit keep");
        assertThat(r.describe("require [\"vacation\", \"reject\"]; vacation \"a\";\nreject \"b\";"))
                .isEqualTo("error line 2: reject cannot be combined with vacation; implicit keep");
    }
}
