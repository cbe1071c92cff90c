/** IMAP types shared by the parser, the response writer and the server: sequence sets, search keys, response values. */
package dev.surel.protocol.imap;
