package org.behalf.network.contacts;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The external address-book provider contacts are imported from, from
 * {@code behalf.contacts.provider.*} (docs/api.md, "Contacts"; {@link AddressBookProvider}).
 *
 * @param baseUrl        the provider's base URL ({@code BEHALF_CONTACTS_PROVIDER_URL}); empty: no provider, imports from it answer 503
 * @param clientId       this server's client id at the provider, to exchange authorization codes; empty: only access tokens are taken
 * @param clientSecret   this server's client secret at the provider
 * @param connectTimeout to open a connection to the provider
 * @param readTimeout    to wait for each of the provider's answers, its body included; past it the import answers 504
 */
@Validated
@ConfigurationProperties("behalf.contacts.provider")
public record AddressBookSettings(@DefaultValue("") String baseUrl,
                                  @DefaultValue("") String clientId,
                                  @DefaultValue("") String clientSecret,
                                  @DefaultValue("2s") @NotNull Duration connectTimeout,
                                  @DefaultValue("5s") @NotNull Duration readTimeout) {
}
