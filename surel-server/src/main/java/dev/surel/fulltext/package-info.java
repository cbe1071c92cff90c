/**
 * The full-text index of IMAP SEARCH BODY / TEXT (issue 16; docs/adr/0014-imap-speed.md):
 * an Apache Lucene index of the case-folded character trigrams of every message's decoded header
 * and body texts, under {@code data/fts/}, kept current from the store's change bus by one
 * background thread and rebuilt from the store when lost, corrupt or of an older format. SEARCH
 * asks it only for candidates ({@link dev.surel.fulltext.Candidates}) and checks each one with the
 * exact evaluator, so its answers are the scan's (RFC 9051 §6.4.4 substring semantics).
 */
package dev.surel.fulltext;
