/** POP3 (RFC 1939, 2449, 2595, 5034): sessions over the INBOX of the mail store, leave-on-server policy. */
package dev.surel.pop3;
