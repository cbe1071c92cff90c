package dev.surel.auth;

import dev.surel.accounts.Credentials;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Run by {@link PasswordHashingTest} in a child JVM started with a Turkish default locale (a
 * global setting a test must not change in the shared test JVM): derives and verifies a
 * password and verifies a hash password4j wrote under an English locale; prints what it found.
 */
public final class TurkishLocaleChild {
    private TurkishLocaleChild() { }

    public static void main(String[] args) {
        PasswordHashing h = new PasswordHashing(PasswordHashingTest.cheap(), new SecureRandom());
        Credentials c = h.derive("alice secret".toCharArray());
        System.out.println("locale " + Locale.getDefault());
        System.out.println("hash " + c.passwordHash());
        System.out.println("derived verifies " + h.verify("alice secret".toCharArray(), c.passwordHash()));
        System.out.println("stored verifies " + h.verify("pw".toCharArray(), PasswordHashingTest.PASSWORD4J_PW));
    }
}
