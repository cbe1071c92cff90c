package dev.surel.protocol.smtp;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One SMTP command as {@link SmtpParser} typed it (RFC 5321 §4.1.1, with the ESMTP parameters
 * of the extensions Surel advertises). Strings inside are free of CR, LF and NUL.
 */
public sealed interface SmtpCommand {

    /** RFC 5321 §4.1.1.1 EHLO: {@code domain} is a host name or an address literal as sent. */
    record Ehlo(String domain) implements SmtpCommand {
        public Ehlo {
            Objects.requireNonNull(domain);
        }
    }

    /** RFC 5321 §4.1.1.1 HELO. */
    record Helo(String domain) implements SmtpCommand {
        public Helo {
            Objects.requireNonNull(domain);
        }
    }

    /** RFC 5321 §4.1.1.2 MAIL FROM: {@code from} is {@code ""} for the null reverse-path {@code <>}. */
    record Mail(Address from, MailParams params) implements SmtpCommand {
        public Mail {
            Objects.requireNonNull(from);
            Objects.requireNonNull(params);
        }
    }

    /** RFC 5321 §4.1.1.3 RCPT TO ({@code <Postmaster>} without a domain is a plain address "postmaster"). */
    record Rcpt(Address to, RcptParams params) implements SmtpCommand {
        public Rcpt {
            Objects.requireNonNull(to);
            Objects.requireNonNull(params);
        }
    }

    /** RFC 5321 §4.1.1.4 DATA. */
    record Data() implements SmtpCommand { }

    /** RFC 3030 §2 BDAT chunk-size [LAST]. */
    record Bdat(long size, boolean last) implements SmtpCommand { }

    /** RFC 5321 §4.1.1.5 RSET. */
    record Rset() implements SmtpCommand { }

    /** RFC 5321 §4.1.1.9 NOOP (an argument is allowed and ignored). */
    record Noop() implements SmtpCommand { }

    /** RFC 5321 §4.1.1.10 QUIT. */
    record Quit() implements SmtpCommand { }

    /** RFC 5321 §4.1.1.8 HELP [topic]. */
    record Help(Optional<String> topic) implements SmtpCommand { }

    /** RFC 5321 §4.1.1.6 VRFY. */
    record Vrfy(String argument) implements SmtpCommand { }

    /** RFC 5321 §4.1.1.7 EXPN. */
    record Expn(String argument) implements SmtpCommand { }

    /** RFC 3207 §4 STARTTLS. */
    record StartTls() implements SmtpCommand { }

    /**
     * RFC 4954 §4 AUTH mechanism [initial-response]. {@code initialResponse} is the base64 text
     * as sent ({@code "="} for an empty one), or empty when none was given.
     */
    record Auth(String mechanism, Optional<String> initialResponse) implements SmtpCommand {
        public Auth {
            Objects.requireNonNull(mechanism);
            Objects.requireNonNull(initialResponse);
        }
    }

    /**
     * A mailbox of a path (RFC 5321 §4.1.2): {@code localPart} without quotes and escapes
     * (quoted-pairs resolved), {@code domain} as sent (a host name, or an address literal with
     * its brackets), {@code quoted} when the local part was a Quoted-string. The null path
     * {@code <>} is {@link #NULL}; {@code <Postmaster>} has an empty domain.
     */
    record Address(String localPart, String domain, boolean quoted) {
        public static final Address NULL = new Address("", "", false);

        public Address {
            Objects.requireNonNull(localPart);
            Objects.requireNonNull(domain);
        }

        public boolean isNull() {
            return localPart.isEmpty() && domain.isEmpty();
        }

        /** True when some character is outside US-ASCII (needs SMTPUTF8, RFC 6531 §3.3). */
        public boolean isInternational() {
            return !localPart.chars().allMatch(c -> c < 0x80) || !domain.chars().allMatch(c -> c < 0x80);
        }

        /** {@code local@domain} (unquoted local part), {@code ""} for the null path, {@code local} without a domain. */
        public String mailbox() {
            if (isNull()) return "";
            return domain.isEmpty() ? localPart : localPart + "@" + domain;
        }

        /** The path as it goes on the wire: {@code <local@domain>}, the local part re-quoted when it needs it. */
        public String path() {
            if (isNull()) return "<>";
            String lp = quoted || !SmtpParser.isDotString(localPart) ? SmtpParser.quote(localPart) : localPart;
            return "<" + (domain.isEmpty() ? lp : lp + "@" + domain) + ">";
        }

        @Override
        public String toString() {
            return path();
        }
    }

    /** RFC 6152 / RFC 3030 BODY= value. */
    enum Body { SEVEN_BIT, EIGHT_BIT_MIME, BINARY_MIME }

    /** RFC 3461 §4.3 RET= value. */
    enum Ret { FULL, HDRS }

    /** RFC 3461 §4.1 NOTIFY= values. */
    enum Notify { NEVER, SUCCESS, FAILURE, DELAY }

    /**
     * MAIL parameters.
     *
     * @param size     RFC 1870 SIZE=, or empty
     * @param body     RFC 6152 / 3030 BODY=, or empty (7BIT by default)
     * @param smtputf8 RFC 6531 §3.4 SMTPUTF8
     * @param ret      RFC 3461 §4.3 RET=
     * @param envid    RFC 3461 §4.4 ENVID= (xtext-decoded)
     * @param auth     RFC 4954 §5 AUTH= (xtext-decoded, {@code "<>"} for none)
     * @param requireTls RFC 8689 §3 REQUIRETLS
     */
    record MailParams(Optional<Long> size, Optional<Body> body, boolean smtputf8, Optional<Ret> ret,
                      Optional<String> envid, Optional<String> auth, boolean requireTls) {
        public static final MailParams NONE = new MailParams(Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty(), Optional.empty(), false);

        /** Without REQUIRETLS. */
        public MailParams(Optional<Long> size, Optional<Body> body, boolean smtputf8, Optional<Ret> ret,
                          Optional<String> envid, Optional<String> auth) {
            this(size, body, smtputf8, ret, envid, auth, false);
        }
    }

    /**
     * RCPT parameters.
     *
     * @param notifyOn RFC 3461 §4.1 NOTIFY= (empty set: not given)
     * @param orcpt  RFC 3461 §4.2 ORCPT= as {@code addr-type ";" address}, the address xtext-decoded
     */
    record RcptParams(Set<Notify> notifyOn, Optional<String> orcpt) {
        public static final RcptParams NONE = new RcptParams(Set.of(), Optional.empty());

        public RcptParams {
            notifyOn = Set.copyOf(notifyOn);
        }
    }
}
