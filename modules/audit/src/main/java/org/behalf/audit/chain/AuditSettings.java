package org.behalf.audit.chain;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The activity log's checkpoints, from {@code behalf.audit.*} (docs/activity-log.md). A blank origin or
 * key name would sign checkpoints nobody can attribute, so the server does not start with one.
 *
 * @param origin             origin prefix of activity checkpoints ({@code <origin>/<account id>})
 * @param keyName            the name the audit checkpoint key signs under
 * @param checkpointInterval how often each node signs a checkpoint of the logs it appended to (read by the scheduler)
 */
@Validated
@ConfigurationProperties("behalf.audit")
public record AuditSettings(@DefaultValue("behalf.example/activity") @NotBlank String origin,
                            @DefaultValue("behalf-audit") @NotBlank String keyName,
                            @DefaultValue("60s") @NotNull Duration checkpointInterval) {
}
