/** Time as a dependency: every timer reads an injected {@link java.time.Clock}. */
package dev.surel.time;
