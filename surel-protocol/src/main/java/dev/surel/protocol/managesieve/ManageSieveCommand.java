package dev.surel.protocol.managesieve;

import java.util.Optional;

/**
 * The ManageSieve commands (RFC 5804 §2), as {@link ManageSieveParser} makes them. Script names
 * are decoded UTF-8 (not yet checked against §1.6: the handler answers that); script contents
 * stay octets (their checker decodes them).
 */
public sealed interface ManageSieveCommand {

    /** §2.1: SASL mechanism (upper-cased) and the optional initial response (still base64). */
    record Authenticate(String mechanism, Optional<String> initialResponse) implements ManageSieveCommand { }

    /** §2.2. */
    record StartTls() implements ManageSieveCommand { }

    /** §2.3. */
    record Logout() implements ManageSieveCommand { }

    /** §2.4. */
    record Capability() implements ManageSieveCommand { }

    /** §2.5: could a script {@code name} of {@code size} octets be stored? */
    record HaveSpace(String name, long size) implements ManageSieveCommand { }

    /** §2.6. */
    record PutScript(String name, byte[] script) implements ManageSieveCommand { }

    /** §2.12. */
    record CheckScript(byte[] script) implements ManageSieveCommand { }

    /** §2.7. */
    record ListScripts() implements ManageSieveCommand { }

    /** §2.8: {@code name} empty deactivates. */
    record SetActive(String name) implements ManageSieveCommand { }

    /** §2.9. */
    record GetScript(String name) implements ManageSieveCommand { }

    /** §2.10. */
    record DeleteScript(String name) implements ManageSieveCommand { }

    /** §2.11. */
    record RenameScript(String oldName, String newName) implements ManageSieveCommand { }

    /** §2.13: the optional tag is echoed in the OK's TAG response code. */
    record Noop(Optional<String> tag) implements ManageSieveCommand { }

    /** RFC 5804 §2.14: back to the non-authenticated state. */
    record Unauthenticate() implements ManageSieveCommand { }
}
