package dev.surel.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * SMTP session limits ({@code [smtp]} in the configuration; {@link dev.surel.config.SurelConfig#smtp()}
 * builds it, {@code docs/configuration.md} documents each key).
 *
 * @param maxMessageSize    {@code smtp.max_message_size}, bytes, default 50 MiB: advertised as SIZE
 *                          (RFC 1870), larger messages (DATA or BDAT total) get 552 5.3.4
 * @param maxRecipients     {@code smtp.max_recipients}, default 100: more RCPTs get 452 4.5.3
 *                          (RFC 5321 §4.5.3.1.8 asks for at least 100)
 * @param maxCommandLine    {@code smtp.max_command_line}, octets with CRLF, default 512
 *                          (RFC 5321 §4.5.3.1.4); longer gets 500 5.5.2. AUTH lines and SASL
 *                          responses may be up to 12,288 octets (RFC 4954 §4)
 * @param maxTextLine       {@code smtp.max_text_line}, octets, default 1 MiB: longest line of
 *                          message content accepted (RFC 5321 §4.5.3.1.6 says 1000; real mail is
 *                          longer), above it 550 5.6.0
 * @param maxErrors         {@code smtp.max_errors}, default 20: after this many 5xx replies
 *                          in one session, 421 4.7.0 and close
 * @param maxReceived       {@code smtp.max_received_headers}, default 50: a message with more
 *                          {@code Received:} fields is looping (RFC 5321 §6.3): 554 5.4.6
 * @param commandTimeout    {@code smtp.command_timeout}, default 5m (RFC 5321 §4.5.3.2.7)
 * @param dataTimeout       {@code smtp.data_timeout}, default 3m: between data blocks (RFC 5321 §4.5.3.2.6)
 * @param dataDeadline      {@code smtp.data_deadline}, default 30m, &gt; 0: the whole content of one message,
 *                          DATA from the 354 reply to the final dot, BDAT from the first chunk's command
 *                          to the end of the LAST chunk (pauses between chunks included); past it
 *                          421 4.4.2 and close, however steadily the octets trickle in
 */
public record SmtpSettings(long maxMessageSize, int maxRecipients, int maxCommandLine, int maxTextLine,
                           int maxErrors, int maxReceived, Duration commandTimeout, Duration dataTimeout,
                           Duration dataDeadline) {

    /** Default of {@code smtp.data_deadline}. */
    public static final Duration DEFAULT_DATA_DEADLINE = Duration.ofMinutes(30);

    /** RFC 4954 §4: AUTH command and SASL response lines may be this long. */
    public static final int MAX_AUTH_LINE = 12_288;

    public SmtpSettings {
        if (maxMessageSize <= 0) throw new IllegalArgumentException("[smtp] max_message_size must be > 0");
        if (maxRecipients <= 0) throw new IllegalArgumentException("[smtp] max_recipients must be > 0");
        if (maxCommandLine < 512) throw new IllegalArgumentException("[smtp] max_command_line must be >= 512 (RFC 5321 §4.5.3.1.4)");
        if (maxTextLine < 1000) throw new IllegalArgumentException("[smtp] max_text_line must be >= 1000 (RFC 5321 §4.5.3.1.6)");
        if (maxErrors <= 0) throw new IllegalArgumentException("[smtp] max_errors must be > 0");
        if (maxReceived <= 0) throw new IllegalArgumentException("[smtp] max_received_headers must be > 0");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(dataTimeout, "dataTimeout");
        Objects.requireNonNull(dataDeadline, "dataDeadline");
        if (!dataDeadline.isPositive()) throw new IllegalArgumentException("[smtp] data_deadline must be > 0");
    }

    public static SmtpSettings defaults() {
        return new SmtpSettings(50L << 20, 100, 512, 1 << 20, 20, 50, Duration.ofMinutes(5), Duration.ofMinutes(3), DEFAULT_DATA_DEADLINE);
    }

    public SmtpSettings withMaxMessageSize(long bytes) {
        return new SmtpSettings(bytes, maxRecipients, maxCommandLine, maxTextLine, maxErrors, maxReceived, commandTimeout, dataTimeout, dataDeadline);
    }
}
