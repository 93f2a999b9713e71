package org.behalf.console.calls;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's calls to its own server over loopback (the resource API and the token endpoint),
 * from {@code behalf.console.*}.
 *
 * @param connectTimeout to open a connection to this server
 * @param readTimeout    to wait for its answer; past it the page says the service did not answer
 */
@Validated
@ConfigurationProperties("behalf.console")
public record ConsoleSettings(@DefaultValue("5s") @NotNull Duration connectTimeout,
                              @DefaultValue("30s") @NotNull Duration readTimeout) {
}
