package dev.surel.accounts;

import java.util.List;

/**
 * The typed errors of the {@link Directory}: user errors each protocol or the CLI maps to its
 * own reply. Messages hold only validated, lower-case names, never raw input or secrets.
 * (Database failures are {@link dev.surel.store.sql.Database.StorageException}, a server fault.)
 */
public abstract sealed class DirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DirectoryException(String message) {
        super(message, null, false, false);
    }

    /** The domain is not a local domain. */
    public static final class NoSuchDomain extends DirectoryException {
        private static final long serialVersionUID = 1L;
        public NoSuchDomain(String domain) { super("no such domain: " + domain); }
    }

    /** No user with that address. */
    public static final class NoSuchUser extends DirectoryException {
        private static final long serialVersionUID = 1L;
        public NoSuchUser(String address) { super("no such user: " + address); }
    }

    /** No alias with that address (or that target). */
    public static final class NoSuchAlias extends DirectoryException {
        private static final long serialVersionUID = 1L;
        public NoSuchAlias(String address) { super("no such alias: " + address); }
    }

    /** A domain, user or alias of that name exists already (users and aliases share names). */
    public static final class AlreadyExists extends DirectoryException {
        private static final long serialVersionUID = 1L;
        public AlreadyExists(String what) { super("already exists: " + what); }
    }

    /** Not a valid address or domain name; the message says why, without echoing the input. */
    public static final class InvalidAddress extends DirectoryException {
        private static final long serialVersionUID = 1L;
        public InvalidAddress(String reason) { super("invalid address: " + reason); }
    }

    /** The password is empty or holds characters SASLprep prohibits (RFC 4013 §2.3). */
    public static final class InvalidPassword extends DirectoryException {
        private static final long serialVersionUID = 1L;
        public InvalidPassword(String reason) { super("invalid password: " + reason); }
    }

    /** A domain cannot be removed while it has users or aliases. */
    public static final class DomainNotEmpty extends DirectoryException {
        private static final long serialVersionUID = 1L;
        public DomainNotEmpty(String domain, long users, long aliases) {
            super("domain " + domain + " still has " + users + " user(s) and " + aliases + " alias(es)");
        }
    }

    /** Alias expansion came back to an address already on its path. */
    public static final class AliasLoop extends DirectoryException {
        private static final long serialVersionUID = 1L;
        private final List<String> path;
        public AliasLoop(List<String> path) {
            super("alias loop: " + String.join(" -> ", path));
            this.path = List.copyOf(path);
        }
        public List<String> path() { return path; }
    }

    /** Alias expansion went deeper than {@link DirectorySettings#maxAliasDepth()}. */
    public static final class AliasTooDeep extends DirectoryException {
        private static final long serialVersionUID = 1L;
        public AliasTooDeep(String address, int limit) {
            super("alias nesting deeper than " + limit + " at " + address);
        }
    }
}
