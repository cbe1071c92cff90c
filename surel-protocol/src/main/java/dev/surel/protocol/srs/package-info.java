/**
 * The Sender Rewriting Scheme (SRS, Shevek's scheme as Postfix's postsrsd and others implement it):
 * a forwarding server sends forwarded mail from an address of its own domain, so that SPF (RFC
 * 7208) passes at the destination, and the address leads bounces back to the original sender.
 */
package dev.surel.protocol.srs;
