/**
 * Where and how the server logs ({@code [log]}): the level, a rolling log file or standard error,
 * plain text or one JSON object per line ({@link dev.surel.log.LogSettings}), applied to Logback
 * once at start by {@link dev.surel.log.Logging}. The log lines operators grep for are shaped by
 * the parts that write them: logins ({@code dev.surel.auth.login}) and delivery attempts
 * ({@code dev.surel.queue.delivery}).
 */
package dev.surel.log;
