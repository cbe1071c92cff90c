/** SMTP: the MX, submission and submissions listeners (RFC 5321, 6409, 8314) and their sessions. */
package dev.surel.smtp;
