/**
 * A per-user Bayesian spam classifier, as pure code: {@link dev.surel.protocol.bayes.Tokenizer}
 * turns a message's subject and text into tokens, {@link dev.surel.protocol.bayes.BayesClassifier}
 * combines what training taught about them ({@link dev.surel.protocol.bayes.TokenCounts}, kept
 * by the server per user) into a spam probability with Gary Robinson's method as SpamBayes uses
 * it: a smoothed probability per token, the strongest tokens only, and Fisher's chi-square
 * combining of both directions, which leaves unsure mail near 0.5 instead of pushing it to an end.
 */
package dev.surel.protocol.bayes;
