package org.behalf.delegation.approval;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Applying an approved change, which goes to this node's API over loopback ({@link ApprovalReplay}),
 * from {@code behalf.delegation.approval.*}.
 *
 * @param connectTimeout to open a connection to this node
 * @param readTimeout    to wait for the change's answer; past it the approval says the change could not be applied
 */
@Validated
@ConfigurationProperties("behalf.delegation.approval")
public record ApprovalSettings(@DefaultValue("5s") @NotNull Duration connectTimeout,
                               @DefaultValue("30s") @NotNull Duration readTimeout) {
}
