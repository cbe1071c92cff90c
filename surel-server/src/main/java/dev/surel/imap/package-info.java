/** IMAP4rev1 / IMAP4rev2 (RFC 3501, RFC 9051): sessions and one handler per command over the mail store. */
package dev.surel.imap;
