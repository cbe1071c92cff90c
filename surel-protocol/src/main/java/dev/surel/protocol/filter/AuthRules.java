package dev.surel.protocol.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Points from the mail-authentication results (docs/filtering.md). Refusals for DMARC
 * p=reject are mail_auth's business and happen before scoring; these points weigh what is left:
 * <ul>
 *   <li>{@code DMARC_FAIL} ({@value #DMARC_FAIL}) / {@code DMARC_PASS} ({@value #DMARC_PASS}), RFC 7489</li>
 *   <li>{@code SPF_FAIL} ({@value #SPF_FAIL}), {@code SPF_SOFTFAIL} ({@value #SPF_SOFTFAIL}), RFC 7208 §2.6.4-5</li>
 *   <li>{@code DKIM_FAIL} ({@value #DKIM_FAIL}: a signature failed and none passed) / {@code DKIM_PASS}
 *       ({@value #DKIM_PASS}), RFC 6376 §6.1</li>
 * </ul>
 */
public final class AuthRules {
    public static final double DMARC_FAIL = 3.5;
    public static final double DMARC_PASS = -1.0;
    public static final double SPF_FAIL = 1.5;
    public static final double SPF_SOFTFAIL = 0.7;
    public static final double DKIM_FAIL = 1.0;
    public static final double DKIM_PASS = -0.5;

    private AuthRules() {
    }

    public static List<Contribution> of(AuthOutcome a) {
        List<Contribution> out = new ArrayList<>();
        switch (a.dmarc()) {
            case FAIL -> out.add(new Contribution("DMARC_FAIL", DMARC_FAIL));
            case PASS -> out.add(new Contribution("DMARC_PASS", DMARC_PASS));
            case NONE, TEMPERROR, PERMERROR -> { }
        }
        switch (a.spf()) {
            case FAIL -> out.add(new Contribution("SPF_FAIL", SPF_FAIL));
            case SOFTFAIL -> out.add(new Contribution("SPF_SOFTFAIL", SPF_SOFTFAIL));
            case NONE, NEUTRAL, PASS, TEMPERROR, PERMERROR -> { }
        }
        switch (a.dkim()) {
            case FAIL -> out.add(new Contribution("DKIM_FAIL", DKIM_FAIL));
            case PASS -> out.add(new Contribution("DKIM_PASS", DKIM_PASS));
            case NONE -> { }
        }
        return out;
    }
}
