package dev.surel.server;

import dev.surel.config.SurelConfig;
import java.time.Clock;

/** What a protocol module is started with: the configuration, the open services and the clock every timer reads. */
public record ServerContext(SurelConfig config, Services services, Clock clock) { }
