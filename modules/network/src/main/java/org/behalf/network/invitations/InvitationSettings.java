package org.behalf.network.invitations;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Invitations, from {@code behalf.network.*}.
 *
 * @param maxOpenInvitations invitations a member may have waiting for an answer at once
 */
@Validated
@ConfigurationProperties("behalf.network")
public record InvitationSettings(@DefaultValue("100") @Positive int maxOpenInvitations) {
}
