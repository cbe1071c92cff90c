/**
 * DMARC (RFC 7489), the pure part: the policy record ({@link DmarcRecord}, §6.3-§6.4), the
 * organizational domain from the Public Suffix List ({@link OrganizationalDomain}, §3.2),
 * identifier alignment ({@link Alignment}, §3.1), the RFC 5322.From domains ({@link FromDomains},
 * §6.6.1) and the evaluation with policy discovery ({@link DmarcEvaluator}, §6.6.2-§6.6.4) over
 * a {@link DmarcLookup} that the server answers from DNS and tests from a map. No I/O here.
 */
package dev.surel.protocol.dmarc;
