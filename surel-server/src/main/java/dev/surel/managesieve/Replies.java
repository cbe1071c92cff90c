package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveResponse;
import dev.surel.protocol.managesieve.ResponseCode;
import dev.surel.sieve.SieveException;

/** The one place script errors become ManageSieve responses (RFC 5804 §1.3 response codes). */
final class Replies {
    private Replies() {
    }

    static byte[] of(SieveException e) {
        ResponseCode code = switch (e.kind()) {
            case INVALID_NAME -> null;
            case NONEXISTENT -> ResponseCode.NONEXISTENT;
            case ALREADY_EXISTS -> ResponseCode.ALREADYEXISTS;
            case ACTIVE -> ResponseCode.ACTIVE;
            case TOO_MANY_SCRIPTS -> ResponseCode.QUOTA_MAXSCRIPTS;
            case TOO_LARGE -> ResponseCode.QUOTA_MAXSIZE;
        };
        return ManageSieveResponse.no(code, e.getMessage());
    }
}
